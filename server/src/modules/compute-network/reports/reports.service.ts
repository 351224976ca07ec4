import crypto from 'node:crypto';
import { Uuid, type ImportReport } from '@zhicheng/contracts';
import {
  COMPUTE_ERRORS,
  COMPUTE_PERMISSIONS as P,
  ReportInput,
  type Report,
} from '@zhicheng/contracts/compute-network';
import { isSystem, type RequestContext } from '../../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../../platform/authorization/four-eyes.ts';
import { invalidField, notFound, platformError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/module.ts';
import { computeError } from '../compute-network.errors.ts';
import { capacityOf } from '../registry/capacity.ts';
import type { CentreAccess } from '../registry/centre-access.ts';
import type { RegistryRepository } from '../registry/registry.repository.ts';
import type { CentreRow } from '../registry/registry.tables.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { checkReport, isLate, periodEnded, type RuleViolation } from './report-rules.ts';
import type { ReportsRepository } from './reports.repository.ts';
import type { ReportRow } from './reports.tables.ts';

const REPORT = { zh: '纳统报告', en: 'report' };
type Source = 'web' | 'excel' | 'api';

export function toReport(r: ReportRow, centreName: string): Report {
  return {
    id: r.id,
    dataCentreId: r.dataCentreId,
    dataCentreName: centreName,
    period: r.period,
    status: r.status as Report['status'],
    source: r.source as Report['source'],
    racksInUse: r.racksInUse,
    utilisationPct: r.utilisationPct,
    energyMwh: r.energyMwh,
    measuredPue: r.measuredPue,
    computeInUsePflops: r.computeInUsePflops,
    storageUsedPb: r.storageUsedPb,
    explanation: r.explanation,
    late: r.late,
    submittedAt: r.submittedAt.toISOString(),
    submittedBy: r.submittedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: r.decidedBy,
    decisionNote: r.decisionNote,
    totalPflops: r.totalPflops,
    intelligentPflops: r.intelligentPflops,
  };
}

/** One error for every rule a report breaks: the first rule's code, every field named. */
function violationError(vs: RuleViolation[]) {
  const detail = (lang: 'zh' | 'en') =>
    vs
      .map((v, i) => (i === 0 ? v[lang] : `${COMPUTE_ERRORS[v.code][lang]}: ${v[lang]}`))
      .join(lang === 'zh' ? ';' : '; ');
  return computeError(
    vs[0]!.code,
    { zh: detail('zh'), en: detail('en') },
    vs.map((v) => ({ path: v.field, message: `${COMPUTE_ERRORS[v.code].en}: ${v.en}` })),
  );
}

/** Monthly 纳统 reports: filing (web, Excel, the centre's token), listing, and the province's decision. */
export class ReportsService {
  constructor(
    private readonly platform: Platform,
    readonly repo: ReportsRepository,
    private readonly registry: RegistryService,
    private readonly registryRepo: RegistryRepository,
    private readonly access: CentreAccess,
  ) {}

  private get db() {
    return this.platform.db;
  }

  /** Checks a report against the rules; returns the row to write, or the violations. */
  private async prepare(
    c: CentreRow,
    input: ReportInput,
    source: Source,
    by: string,
  ): Promise<{ row: ReportRow } | { notEnded: true } | { violations: RuleViolation[] }> {
    const now = this.platform.clock.now();
    if (!periodEnded(input.period, now)) return { notEnded: true };
    const existing = await this.repo.reportFor(c.id, input.period);
    if (existing?.status === 'approved')
      return {
        violations: [{ code: 'report_exists', field: 'period', zh: input.period, en: input.period }],
      };
    const prev = await this.repo.previousApproved(c.id, input.period);
    const v = checkReport(input, c.designRacks, prev ?? null);
    if (v.length) return { violations: v };
    return {
      row: {
        id: existing?.id ?? crypto.randomUUID(),
        dataCentreId: c.id,
        period: input.period,
        status: 'submitted',
        source,
        racksInUse: input.racksInUse,
        utilisationPct: input.utilisationPct,
        energyMwh: input.energyMwh,
        measuredPue: input.measuredPue,
        computeInUsePflops: input.computeInUsePflops,
        storageUsedPb: input.storageUsedPb,
        explanation: input.explanation?.trim() || null,
        late: isLate(input.period, now),
        submittedAt: now,
        submittedBy: by,
        decidedAt: null,
        decidedBy: null,
        decisionNote: null,
        totalPflops: null,
        intelligentPflops: null,
        generalPflops: null,
        superPflops: null,
        designRacks: null,
        clusters1k: null,
        clusters10k: null,
      },
    };
  }

  private static notEnded() {
    return invalidField('period', '该月尚未结束,不能填报', 'the month has not ended yet');
  }

  /**
   * Files (or re-files, until approved) a centre's monthly report. A user must be allowed on the centre; a centre's
   * own ingest token comes as a system context (`systemContext('compute.ingest-token')` at the route), already bound
   * to this centre, and is audited as the system.
   */
  async submit(ctx: RequestContext, centreId: string, input: ReportInput, source: Source): Promise<Report> {
    const c = await this.access.centreOr404(centreId);
    if (!isSystem(ctx)) await this.access.assertOn(ctx.actor, P.report, c);
    const by = ctx.actor?.username ?? `system:${ctx.system?.name ?? 'unknown'}`;
    return this.db.transaction(async (tx) => {
      const p = await this.prepare(c, input, source, by);
      if ('notEnded' in p) throw ReportsService.notEnded();
      if ('violations' in p) throw violationError(p.violations);
      await this.repo.saveReport(p.row);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.report.submit',
        objectType: 'monthly_report',
        objectId: p.row.id,
        after: input,
      });
      return toReport(p.row, c.name);
    });
  }

  /** Excel import: every row is checked first; one bad row writes nothing. */
  async importRows(
    ctx: RequestContext,
    rows: { row: number; values: Record<string, string> }[],
  ): Promise<ImportReport> {
    this.platform.authz.require(ctx.actor, P.report);
    const actor = ctx.actor;
    const errors: ImportReport['errors'] = [];
    const num = (s: string | undefined) =>
      s === undefined || s.trim() === '' ? undefined : Number(s.replace(/[,%\s]/g, ''));
    const centres = new Map<string, CentreRow | null>();
    const seen = new Set<string>();
    const parsedRows: { row: number; c: CentreRow; input: ReportInput }[] = [];
    for (const r of rows) {
      const id = (r.values.dataCentreId ?? '').trim();
      // Only a well-formed uuid reaches the query: anything else is this row's error, not the whole file's.
      if (!centres.has(id))
        centres.set(id, Uuid.safeParse(id).success ? ((await this.registryRepo.centre(id)) ?? null) : null);
      const c = centres.get(id);
      if (!c) {
        errors.push({
          row: r.row,
          field: 'dataCentreId',
          message: id
            ? `数据中心“${id.slice(0, 40)}”不存在 / unknown data centre ${id.slice(0, 40)}`
            : '数据中心ID为空 / data centre id missing',
        });
        continue;
      }
      try {
        await this.access.assertOn(actor, P.report, c);
      } catch {
        errors.push({ row: r.row, field: 'dataCentreId', message: '无权填报该数据中心 / not yours to report' });
        continue;
      }
      const parsed = ReportInput.safeParse({
        period: r.values.period?.slice(0, 7),
        racksInUse: num(r.values.racksInUse),
        utilisationPct: num(r.values.utilisationPct),
        energyMwh: num(r.values.energyMwh),
        measuredPue: num(r.values.measuredPue),
        computeInUsePflops: num(r.values.computeInUsePflops),
        storageUsedPb: num(r.values.storageUsedPb),
        explanation: r.values.explanation || null,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          errors.push({ row: r.row, field: String(i.path[0] ?? 'row'), message: i.message });
        continue;
      }
      const key = `${id}|${parsed.data.period}`;
      if (seen.has(key)) {
        errors.push({
          row: r.row,
          field: 'period',
          message: '同一数据中心同月重复 / duplicate row for this centre and month',
        });
        continue;
      }
      seen.add(key);
      parsedRows.push({ row: r.row, c, input: parsed.data });
    }
    let imported = 0;
    await this.db.transaction(async (tx) => {
      const ready: { row: ReportRow; input: ReportInput }[] = [];
      for (const x of parsedRows) {
        const p = await this.prepare(x.c, x.input, 'excel', actor.username);
        if ('notEnded' in p)
          errors.push({ row: x.row, field: 'period', message: '该月尚未结束,不能填报 / the month has not ended yet' });
        else if ('violations' in p)
          for (const v of p.violations)
            errors.push({
              row: x.row,
              field: v.field,
              message: `${COMPUTE_ERRORS[v.code].zh}: ${v.zh} / ${COMPUTE_ERRORS[v.code].en}: ${v.en}`,
            });
        else ready.push({ row: p.row, input: x.input });
      }
      if (errors.length) return;
      for (const x of ready) {
        await this.repo.saveReport(x.row);
        await this.platform.audit.record(tx, ctx, {
          action: 'compute.report.submit',
          objectType: 'monthly_report',
          objectId: x.row.id,
          after: x.input,
        });
      }
      imported = ready.length;
    });
    errors.sort((a, b) => a.row - b.row);
    return { imported: errors.length ? 0 : imported, errors };
  }

  async list(
    ctx: RequestContext,
    q: { dataCentreId?: string; status?: string; period?: string; cityCode?: string; page: number; pageSize: number },
  ) {
    this.platform.authz.require(ctx.actor, P.read);
    const v = await this.access.visibility(ctx.actor);
    const { rows, total } = await this.repo.list(v, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map((r) => toReport(r, r.centreName)), total, page: q.page, pageSize: q.pageSize };
  }

  /** The province approves or rejects; approval fixes the capacity the month counts with. */
  async decide(ctx: RequestContext, id: string, decision: 'approve' | 'reject', note?: string): Promise<Report> {
    this.platform.authz.require(ctx.actor, P.approve);
    const actor = ctx.actor;
    const found = await this.repo.report(id);
    if (!found) throw notFound(REPORT);
    await this.platform.authz.assertCovers(
      actor,
      P.approve,
      (await this.access.centreOr404(found.dataCentreId)).countyCode,
    );
    return this.db.transaction(async (tx) => {
      const r = await this.repo.report(id, true);
      if (!r) throw notFound(REPORT);
      await assertNotOwnWork(this.db, ctx, { type: 'monthly_report', id, editActions: ['compute.report.submit'] });
      const c = await this.access.centreOr404(r.dataCentreId);
      if (r.status !== 'submitted')
        throw platformError('conflict', { zh: '该报告不在待审核状态', en: 'The report is not awaiting a decision' });
      if (decision === 'reject' && !note?.trim())
        throw invalidField('note', '退回须说明原因', 'a rejection needs a reason');
      const now = this.platform.clock.now();
      const next: ReportRow = {
        ...r,
        status: decision === 'approve' ? 'approved' : 'rejected',
        decidedAt: now,
        decidedBy: actor.username,
        decisionNote: note?.trim() || null,
      };
      if (decision === 'approve') {
        const items = (await this.registryRepo.inventoryOf([c.id])).get(c.id) ?? [];
        const cap = capacityOf(items, await this.registry.modelMap());
        Object.assign(next, {
          totalPflops: cap.totalPflops,
          intelligentPflops: cap.intelligentPflops,
          generalPflops: cap.generalPflops,
          superPflops: cap.superPflops,
          designRacks: c.designRacks,
          clusters1k: cap.clusters1k,
          clusters10k: cap.clusters10k,
        });
        // The registry follows the newest approved month (an older month approved late does not move it back).
        const newest = await this.repo.previousApproved(c.id, '9999-12');
        if (!newest || newest.period <= r.period)
          await this.registryRepo.updateCentre(c.id, { racksInUse: r.racksInUse, updatedAt: now });
      }
      await this.repo.saveReport(next);
      await this.platform.audit.record(tx, ctx, {
        action: `compute.report.${decision}`,
        objectType: 'monthly_report',
        objectId: id,
        before: r,
        after: next,
      });
      return toReport(next, c.name);
    });
  }
}
