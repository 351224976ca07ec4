import crypto from 'node:crypto';
import {
  EVENT_TOPICS,
  PARTICIPATION_PERMISSIONS as P,
  type AgeBand,
  type Gender,
  type Quotas,
  type SupervisorScoreSubmitted,
  type Task,
} from '@zhicheng/contracts';
import { isSystem, systemContext, type Actor, type RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import type { PreparedUser } from '../../platform/identity/identity.service.ts';
import { maskName, maskPersonalText, maskPhone } from '../../platform/crypto/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import type { RegionsService } from '../regions/index.ts';
import { agreementScore, drawPanel, panelAgreement, type Candidate } from './panel.ts';
import { ParticipationError } from './participation.errors.ts';
import {
  ParticipationRepository,
  type MemberRow,
  type SupervisorRow,
  type TaskRow,
} from './participation.repository.ts';

const SUPERVISOR = { zh: '监督员', en: 'supervisor' };
const TASK = { zh: '监督任务', en: 'task' };
const ymd = (d: string | Date | null) =>
  d == null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

export interface Application {
  name: string;
  phone: string;
  regionCode: string;
  occupation: string;
  ageBand: AgeBand;
  gender: Gender;
  media: boolean;
  statement: string;
}

/** A password that passes the platform's strength check, shown once to the vetting official. */
const alreadyVetted = () =>
  platformError('conflict', { zh: '该申请已审核', en: 'This application was already vetted' });

export function initialPassword(): string {
  return `Zc-${crypto.randomBytes(12).toString('base64url')}#7`;
}

/** The 市民监督员 pool: applications, vetting (with an account), tasks, stratified panel draws, scores. */
export class SupervisorsService {
  readonly repo = new ParticipationRepository();

  constructor(
    private readonly p: Platform,
    private readonly regions: RegionsService,
  ) {}

  private get db() {
    return this.p.db;
  }

  /** Writes check scope, except for the platform itself (the demo loader, the CLI: see systemContext). */
  private async guard(ctx: RequestContext, region: string): Promise<void> {
    if (isSystem(ctx)) return;
    await this.p.authz.assertCovers(ctx.actor, P.supervisorsManage, region);
  }

  private async taskOut(id: string): Promise<Task> {
    const t = (await this.repo.task(this.db, id))!;
    const members = await this.repo.members(this.db, id);
    return this.toTask(t, await this.regions.nameOf([t.region_code, ...members.map((m) => m.region_code)]), members);
  }

  async apply(
    ctx: RequestContext,
    a: Application,
    opts: { demo?: boolean; status?: 'applied' | 'approved'; termStart?: string; termEnd?: string } = {},
  ): Promise<{ id: string }> {
    const level = await this.regions.levelOf(a.regionCode);
    if (!level || level === 'province')
      throw invalidField('regionCode', '请选择所在市或县(市、区)', 'choose a city or county');
    const id = crypto.randomUUID();
    const ok = await this.db.transaction(async (tx) => {
      const inserted = await this.repo.insertSupervisor(tx, {
        id,
        nameEnc: this.p.protector.encrypt(a.name),
        nameMasked: maskName(a.name),
        phoneEnc: this.p.protector.encrypt(a.phone),
        phoneMasked: maskPhone(a.phone),
        phoneDigest: this.p.protector.digest(`supervisor-phone:${a.phone}`),
        regionCode: a.regionCode,
        occupation: a.occupation,
        ageBand: a.ageBand,
        gender: a.gender,
        media: a.media,
        statement: a.statement,
        status: opts.status ?? 'applied',
        termStart: opts.termStart ?? null,
        termEnd: opts.termEnd ?? null,
        appliedAt: this.p.clock.now(),
        isDemo: !!opts.demo,
      });
      // Recorded with whoever filed it (a citizen, or an operator on their behalf), who then may not vet it.
      if (inserted)
        await this.p.audit.record(tx, ctx, {
          action: 'participation.supervisor.apply',
          objectType: 'supervisor',
          objectId: id,
        });
      return inserted;
    });
    if (!ok)
      throw platformError(
        'conflict',
        { zh: '该手机号已提交过申请', en: 'An application with this phone number exists' },
        [{ path: 'phone', message: 'already applied' }],
      );
    return { id };
  }

  private async agreementBySupervisor(): Promise<Map<string, { agreement: number | null; outliers: number }>> {
    const rows = await this.repo.scoredMembers(this.db);
    const byTask = new Map<string, { supervisorId: string; score: number }[]>();
    for (const r of rows)
      byTask.set(r.task_id, [
        ...(byTask.get(r.task_id) ?? []),
        { supervisorId: r.supervisor_id, score: Number(r.score) },
      ]);
    const devs = new Map<string, number[]>();
    const outliers = new Map<string, number>();
    for (const scores of byTask.values()) {
      if (scores.length < 3) continue;
      for (const m of panelAgreement(scores).members) {
        devs.set(m.supervisorId, [...(devs.get(m.supervisorId) ?? []), m.deviation]);
        if (m.outlier) outliers.set(m.supervisorId, (outliers.get(m.supervisorId) ?? 0) + 1);
      }
    }
    const out = new Map<string, { agreement: number | null; outliers: number }>();
    for (const [id, d] of devs) out.set(id, { agreement: agreementScore(d), outliers: outliers.get(id) ?? 0 });
    return out;
  }

  private toSupervisor(
    s: SupervisorRow,
    names: Map<string, string>,
    ag?: { agreement: number | null; outliers: number },
  ) {
    return {
      id: s.id,
      nameMasked: s.name_masked,
      phoneMasked: s.phone_masked,
      regionCode: s.region_code,
      regionName: names.get(s.region_code) ?? s.region_code,
      occupation: s.occupation,
      ageBand: s.age_band as AgeBand,
      gender: s.gender as Gender,
      media: s.media,
      status: s.status,
      termStart: ymd(s.term_start),
      termEnd: ymd(s.term_end),
      username: s.username,
      appliedAt: new Date(s.applied_at).toISOString(),
      demo: s.is_demo,
      agreement: ag?.agreement ?? null,
      outlierCount: ag?.outliers ?? 0,
    };
  }

  async list(
    actor: Actor | null,
    q: { status?: 'applied' | 'approved' | 'rejected'; region?: string; q?: string; page: number; pageSize: number },
  ) {
    this.p.authz.require(actor, P.supervisorsManage);
    let scope: string[];
    if (q.region) {
      await this.p.authz.assertCovers(actor, P.supervisorsManage, q.region);
      scope = await this.regions.subtree(q.region);
    } else scope = await this.p.authz.scopeCodes(actor, P.supervisorsManage);
    const { items, total } = await this.repo.supervisors(this.db, scope, q);
    const names = await this.regions.nameOf([...new Set(items.map((i) => i.region_code))]);
    const ag = await this.agreementBySupervisor();
    return {
      items: items.map((s) => this.toSupervisor(s, names, ag.get(s.id))),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * Approving makes the supervisor's account (role citizen_supervisor at their region) with a generated password
   * returned once. The decision and the account are one transaction: of two opposite decisions at the same moment
   * exactly one applies, and a refused application never leaves an account behind. Whoever filed the application
   * on the applicant's behalf may not vet it.
   */
  async vet(
    ctx: RequestContext,
    id: string,
    input: { decision: 'approve' | 'reject'; termStart?: string; termEnd?: string; note?: string },
  ) {
    const s = await this.repo.supervisor(this.db, id);
    if (!s) throw notFound(SUPERVISOR);
    const actor = await this.p.authz.assertCovers(ctx.actor, P.supervisorsManage, s.region_code);
    if (s.status !== 'applied') throw alreadyVetted();
    const approve = input.decision === 'approve';
    const termStart = approve ? (input.termStart ?? this.p.clock.now().toISOString().slice(0, 10)) : null;
    const termEnd = approve ? (input.termEnd ?? `${Number(termStart!.slice(0, 4)) + 2}${termStart!.slice(4)}`) : null;
    if (termStart && termEnd && termEnd < termStart)
      throw invalidField('termEnd', '任期结束须晚于开始', 'term must end after it starts');
    // Everything read from outside the transaction happens first (PGlite has one connection); an organisation
    // without members is harmless if the decision then loses.
    const sys = systemContext('participation.supervisor-account', ctx.requestId, ctx.ip);
    let account: { prepared: PreparedUser; password: string } | null = null;
    if (approve) {
      const orgName = `${s.media ? '媒体监督员' : '市民监督员'}(${(await this.regions.nameOf([s.region_code])).get(s.region_code) ?? s.region_code})`;
      const org = (await this.p.identity.listOrganisations()).find((o) => o.name === orgName);
      const orgId =
        org?.id ??
        (await this.p.identity.createOrganisation(sys, {
          name: orgName,
          kind: s.media ? 'media' : 'public',
          regionCode: s.region_code,
        }));
      const password = initialPassword();
      const prepared = await this.p.identity.prepareUser(sys, {
        username: `sv.${s.region_code}.${s.id.slice(0, 8)}`,
        displayName: `监督员${s.name_masked}`,
        organisationId: orgId,
        password,
        roles: [{ role: 'citizen_supervisor', regionCode: s.region_code }],
      });
      account = { prepared, password };
    }
    await this.db.transaction(async (tx) => {
      await assertNotOwnWork(tx, ctx, { type: 'supervisor', id, editActions: ['participation.supervisor.apply'] });
      const username = account?.prepared.input.username ?? null;
      const ok = await this.repo.vet(tx, id, {
        status: approve ? 'approved' : 'rejected',
        termStart,
        termEnd,
        userId: account?.prepared.id ?? null,
        username,
        by: actor.userId,
        at: this.p.clock.now(),
      });
      if (!ok) throw alreadyVetted();
      if (account) await this.p.identity.insertUser(tx, sys, account.prepared);
      await this.p.audit.record(tx, ctx, {
        action: `participation.supervisor.${input.decision}`,
        objectType: 'supervisor',
        objectId: id,
        before: { status: s.status },
        after: { decision: input.decision, termStart, termEnd, username, note: input.note },
      });
    });
    return {
      status: approve ? ('approved' as const) : ('rejected' as const),
      username: account?.prepared.input.username ?? null,
      initialPassword: account?.password ?? null,
    };
  }

  // ------------------------------------------------------------ tasks

  async createTask(
    ctx: RequestContext,
    input: {
      title: string;
      kind: 'service' | 'indicator_verification';
      regionCode: string;
      year: number;
      indicatorCode?: string;
      description: string;
      panelSize: number;
      quotas: Quotas;
    },
  ) {
    await this.guard(ctx, input.regionCode);
    if (input.kind === 'indicator_verification' && !input.indicatorCode)
      throw invalidField('indicatorCode', '指标核验任务须填写指标编码', 'required for an indicator verification');
    for (const code of Object.keys(input.quotas.byRegion ?? {})) {
      if (!((await this.regions.lineage(code)) ?? []).includes(input.regionCode))
        throw invalidField(
          `quotas.byRegion.${code}`,
          '配额区划须在任务区划内',
          'quota region outside the task’s region',
        );
    }
    const id = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      await this.repo.insertTask(tx, {
        id,
        ...input,
        indicatorCode: input.indicatorCode ?? null,
        createdBy: ctx.actor?.userId ?? null,
        at: this.p.clock.now(),
      });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.task.create',
        objectType: 'task',
        objectId: id,
        after: input,
      });
    });
    return this.taskOut(id);
  }

  private async taskInScope(actor: Actor | null, id: string): Promise<TaskRow> {
    const t = await this.repo.task(this.db, id);
    if (!t) throw notFound(TASK);
    await this.p.authz.assertCovers(actor, P.supervisorsManage, t.region_code);
    return t;
  }

  private toTask(t: TaskRow, names: Map<string, string>, members: MemberRow[]): Task {
    const scored = members
      .filter((m) => m.score != null)
      .map((m) => ({ supervisorId: m.supervisor_id, score: Number(m.score) }));
    const ag = panelAgreement(scored);
    const byId = new Map(ag.members.map((m) => [m.supervisorId, m]));
    return {
      id: t.id,
      title: t.title,
      kind: t.kind,
      regionCode: t.region_code,
      regionName: names.get(t.region_code) ?? t.region_code,
      year: t.year,
      indicatorCode: t.indicator_code,
      description: t.description,
      panelSize: t.panel_size,
      quotas: t.quotas as Quotas,
      seed: t.seed == null ? null : Number(t.seed),
      drawnAt: t.drawn_at ? new Date(t.drawn_at).toISOString() : null,
      status: t.status,
      panelMedian: ag.median,
      members: members.map((m) => ({
        supervisorId: m.supervisor_id,
        nameMasked: m.name_masked,
        regionName: names.get(m.region_code) ?? m.region_code,
        ageBand: m.age_band as AgeBand,
        gender: m.gender as Gender,
        media: m.media,
        score: m.score == null ? null : Number(m.score),
        confirmed: m.confirmed,
        comment: m.comment,
        photoCount: Number(m.photo_count),
        submittedAt: m.submitted_at ? new Date(m.submitted_at).toISOString() : null,
        deviation: byId.get(m.supervisor_id)?.deviation ?? null,
        outlier: byId.get(m.supervisor_id)?.outlier ?? false,
      })),
    };
  }

  async getTask(actor: Actor | null, id: string): Promise<Task> {
    const t = await this.taskInScope(actor, id);
    const members = await this.repo.members(this.db, id);
    return this.toTask(t, await this.regions.nameOf([t.region_code, ...members.map((m) => m.region_code)]), members);
  }

  async listTasks(actor: Actor | null) {
    this.p.authz.require(actor, P.supervisorsManage);
    const rows = await this.repo.tasks(this.db, await this.p.authz.scopeCodes(actor, P.supervisorsManage));
    const names = await this.regions.nameOf([...new Set(rows.map((r) => r.region_code))]);
    return rows.map((r) => {
      const { members: _m, ...rest } = this.toTask(r, names, []);
      return { ...rest, scored: Number(r.scored) };
    });
  }

  /** The candidates as the draw sees them: each counted against the quota region it lies in. */
  private async candidates(t: TaskRow): Promise<Candidate[]> {
    const quotas = t.quotas as Quotas;
    const quotaRegions = new Set(Object.keys(quotas.byRegion ?? {}));
    const pool = await this.repo.eligibleSupervisors(
      this.db,
      await this.regions.subtree(t.region_code),
      this.p.clock.now().toISOString().slice(0, 10),
    );
    const out: Candidate[] = [];
    for (const s of pool) {
      const lineage = (await this.regions.lineage(s.region_code)) ?? [s.region_code];
      out.push({
        id: s.id,
        region: lineage.find((c) => quotaRegions.has(c)) ?? s.region_code,
        ageBand: s.age_band as AgeBand,
        gender: s.gender as Gender,
        media: s.media,
      });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async draw(ctx: RequestContext, id: string, seedIn?: number): Promise<Task> {
    const t = await this.repo.task(this.db, id);
    if (!t) throw notFound(TASK);
    await this.guard(ctx, t.region_code);
    if (t.status !== 'open')
      throw platformError('conflict', { zh: '该任务已抽取监督员', en: 'The panel was already drawn' });
    const seed = seedIn ?? SeededRandom.newSeed();
    const pool = await this.candidates(t);
    const r = drawPanel(pool, t.panel_size, t.quotas as Quotas, seed);
    if (!r.ok) throw new ParticipationError('panel_infeasible', { zh: `候选 ${pool.length} 人`, en: r.reason });
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.recordDraw(tx, id, seed, pool, r.ids, this.p.clock.now()))) throw platformError('conflict');
      await this.p.audit.record(tx, ctx, {
        action: 'participation.task.draw',
        objectType: 'task',
        objectId: id,
        after: { seed, pool: pool.map((c) => c.id), members: r.ids },
      });
    });
    return this.taskOut(id);
  }

  /** Re-runs a recorded draw from its stored pool and seed; an auditor checks `matches`. */
  async verifyDraw(actor: Actor | null, id: string) {
    const t = await this.taskInScope(actor, id);
    if (t.seed == null || !t.pool) throw platformError('conflict', { zh: '尚未抽取', en: 'Not drawn yet' });
    // A panel seated by hand (the demo's) records a note, not a candidate list: there is no draw to re-run.
    if (!Array.isArray(t.pool)) return { seed: Number(t.seed), matches: false, memberIds: [] };
    const r = drawPanel(t.pool as Candidate[], t.panel_size, t.quotas as Quotas, Number(t.seed));
    const members = (await this.repo.members(this.db, id)).map((m) => m.supervisor_id).sort();
    const ids = r.ok ? [...r.ids].sort() : [];
    return { seed: Number(t.seed), matches: r.ok && JSON.stringify(ids) === JSON.stringify(members), memberIds: ids };
  }

  private async me(actor: Actor | null): Promise<SupervisorRow> {
    this.p.authz.require(actor, P.tasksScore);
    const s = await this.repo.supervisorByUser(this.db, actor.userId);
    if (!s || s.status !== 'approved') throw new ParticipationError('not_panel_member');
    return s;
  }

  async myTasks(actor: Actor | null) {
    const s = await this.me(actor);
    const rows = await this.repo.tasksOfSupervisor(this.db, s.id);
    const names = await this.regions.nameOf([...new Set(rows.map((r) => r.region_code))]);
    return rows.map((r) => {
      const { members: _m, ...rest } = this.toTask(r, names, []);
      return { ...rest, myScore: r.my_score == null ? null : Number(r.my_score), myPhotoCount: Number(r.photos) };
    });
  }

  private async membership(actor: Actor | null, taskId: string): Promise<{ s: SupervisorRow; t: TaskRow }> {
    const s = await this.me(actor);
    const t = await this.repo.task(this.db, taskId);
    if (!t) throw notFound(TASK);
    if (!(await this.repo.members(this.db, taskId)).some((m) => m.supervisor_id === s.id))
      throw new ParticipationError('not_panel_member');
    return { s, t };
  }

  async addPhoto(ctx: RequestContext, taskId: string, photo: { mime: string; data: Buffer }) {
    const { s } = await this.membership(ctx.actor, taskId);
    const id = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      await this.repo.insertPhoto(tx, {
        id,
        taskId,
        supervisorId: s.id,
        mime: photo.mime,
        content: photo.data,
        at: this.p.clock.now(),
      });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.task.photo',
        objectType: 'task',
        objectId: taskId,
        after: { photo: id, bytes: photo.data.length },
      });
    });
    return { id, count: await this.repo.photoCount(this.db, taskId, s.id) };
  }

  /** Stores the score and, in the same transaction, tells the assessment module (event in the outbox). */
  async submitScore(
    ctx: RequestContext,
    taskId: string,
    input: { score: number; confirmed?: boolean; comment?: string },
  ) {
    const { s, t } = await this.membership(ctx.actor, taskId);
    if (t.kind === 'indicator_verification') {
      if (input.confirmed === undefined)
        throw invalidField('confirmed', '请填写核验结论', 'required for an indicator verification');
      if ((await this.repo.photoCount(this.db, taskId, s.id)) < 1) throw new ParticipationError('photo_required');
    }
    const scoreId = crypto.randomUUID();
    const at = this.p.clock.now();
    const event: SupervisorScoreSubmitted = {
      scoreId,
      year: t.year,
      regionCode: t.region_code,
      indicatorCode: t.indicator_code,
      kind: t.kind,
      score: input.score,
      confirmed: t.kind === 'indicator_verification' ? (input.confirmed ?? null) : null,
      supervisorRef: s.id,
      media: s.media,
      submittedAt: at.toISOString(),
    };
    await this.db.transaction(async (tx) => {
      const ok = await this.repo.submitScore(tx, {
        taskId,
        supervisorId: s.id,
        score: input.score,
        confirmed: event.confirmed,
        comment: input.comment ? maskPersonalText(input.comment) : null,
        scoreId,
        at,
      });
      if (!ok) throw platformError('conflict', { zh: '已提交过评分', en: 'You already scored this task' });
      await this.p.events.publish(tx, EVENT_TOPICS.supervisorScoreSubmitted, event);
      await this.p.audit.record(tx, ctx, {
        action: 'participation.task.score',
        objectType: 'task',
        objectId: taskId,
        after: { scoreId, score: input.score },
      });
    });
    return { scoreId };
  }
}
