import type { Task } from '@zhicheng/contracts/participation';
import { panelAgreement } from './panel.ts';
import type { TaskRow } from './participation.tables.ts';
import type { MemberRow } from './tasks.repository.ts';

/** The object of another module a site check is about, or null. */
export const subjectOf = (t: TaskRow): Task['subject'] =>
  t.subjectModule
    ? { module: t.subjectModule, objectType: t.subjectType!, objectId: t.subjectId!, title: t.subjectTitle! }
    : null;

/** A task as the contract shows it: the panel masked, each score's distance from the panel median. */
export function toTask(t: TaskRow, names: Map<string, string>, members: MemberRow[]): Task {
  const ag = panelAgreement(
    members.flatMap((m) => (m.score == null ? [] : [{ supervisorId: m.supervisorId, score: m.score }])),
  );
  const byId = new Map(ag.members.map((m) => [m.supervisorId, m]));
  return {
    id: t.id,
    title: t.title,
    kind: t.kind,
    regionCode: t.regionCode,
    regionName: names.get(t.regionCode) ?? t.regionCode,
    year: t.year,
    indicatorCode: t.indicatorCode,
    description: t.description,
    panelSize: t.panelSize,
    quotas: t.quotas,
    seed: t.seed,
    drawnAt: t.drawnAt?.toISOString() ?? null,
    status: t.status,
    subject: subjectOf(t),
    panelMedian: ag.median,
    members: members.map((m) => ({
      supervisorId: m.supervisorId,
      nameMasked: m.nameMasked,
      regionName: names.get(m.regionCode) ?? m.regionCode,
      ageBand: m.ageBand,
      gender: m.gender,
      media: m.media,
      score: m.score,
      confirmed: m.confirmed,
      comment: m.comment,
      photoCount: m.photoCount,
      submittedAt: m.submittedAt?.toISOString() ?? null,
      deviation: byId.get(m.supervisorId)?.deviation ?? null,
      outlier: byId.get(m.supervisorId)?.outlier ?? false,
    })),
  };
}

/** A task without its panel (lists). */
export const summary = ({ members: _m, ...rest }: Task) => rest;
