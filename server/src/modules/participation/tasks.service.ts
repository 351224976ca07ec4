import crypto from 'node:crypto';
import {
  PARTICIPATION_EVENTS,
  PARTICIPATION_PERMISSIONS as P,
  SupervisionTaskRequest,
  type DrawCheck,
  type MyTask,
  type Quotas,
  type SubjectScored,
  type SubmitScoreRequest,
  type Task,
  type TaskSummary,
} from '@zhicheng/contracts/participation';
import type { SupervisorScoreSubmitted } from '@zhicheng/contracts';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import { maskPersonalText } from '../../platform/crypto/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import { drawPanel, median, type Candidate } from './panel.ts';
import { parseApiInput, participationError } from './participation.errors.ts';
import type { TaskRow } from './participation.tables.ts';
import type { RegionScope } from './region-scope.ts';
import { SupervisorsRepository, type ShownSupervisor } from './supervisors.repository.ts';
import { summary, subjectOf, toTask } from './task-view.ts';
import { TasksRepository } from './tasks.repository.ts';

const TASK = { zh: '监督任务', en: 'task' };

/** A task the bureau creates (POST /participation/tasks, after the contract's defaults). */
export interface TaskInput {
  title: string;
  kind: 'service' | 'indicator_verification';
  regionCode: string;
  year: number;
  indicatorCode?: string;
  description: string;
  panelSize: number;
  quotas: Quotas;
}

/**
 * Supervision tasks: a stratified random panel drawn from the pool (the seed and the pool it saw are recorded, so
 * anyone can re-run the draw), scores with on-site photos, and the score announced in the same transaction — to
 * assessment for the bureau's tasks, to the asking module for a site check of one of its objects.
 */
export class TasksService {
  private readonly repo: TasksRepository;
  private readonly supervisors: SupervisorsRepository;

  constructor(
    private readonly p: Platform,
    private readonly scope: RegionScope,
  ) {
    this.repo = new TasksRepository(p.db);
    this.supervisors = new SupervisorsRepository(p.db);
  }

  async createTask(ctx: RequestContext, input: TaskInput): Promise<Task> {
    await this.scope.guard(ctx, P.supervisorsManage, input.regionCode);
    if (input.kind === 'indicator_verification' && !input.indicatorCode)
      throw invalidField('indicatorCode', '指标核验任务须填写指标编码', 'required for an indicator verification');
    await this.checkQuotaRegions(input.quotas, input.regionCode);
    const id = crypto.randomUUID();
    await this.p.db.transaction(async (tx) => {
      await this.repo.insert({ ...this.newTask(ctx, id, input), indicatorCode: input.indicatorCode ?? null });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.task.create',
        objectType: 'task',
        objectId: id,
        after: input,
      });
    });
    return this.taskOut(id);
  }

  /**
   * For other modules (ParticipationApi.createSupervisionTask): a site check of one of their objects, created with
   * its panel drawn in one transaction (a draw the quotas cannot fill leaves nothing behind).
   */
  async createSupervisionTask(ctx: RequestContext, raw: unknown): Promise<Task> {
    const input = parseApiInput(SupervisionTaskRequest, raw);
    await this.scope.guard(ctx, P.supervisorsManage, input.regionCode);
    if (!(await this.scope.regions.levelOf(input.regionCode)))
      throw invalidField('regionCode', '区划不存在', 'unknown region');
    await this.checkQuotaRegions(input.quotas, input.regionCode);
    const s = input.subject;
    const row: TaskRow = {
      ...this.newTask(ctx, crypto.randomUUID(), {
        ...input,
        title: input.title ?? `现场核验:${s.title}`,
        year: input.year ?? this.p.clock.now().getFullYear(),
      }),
      indicatorCode: null,
      seed: null,
      pool: null,
      drawnAt: null,
      subjectModule: s.module,
      subjectType: s.objectType,
      subjectId: s.objectId,
      subjectTitle: s.title,
    };
    const seed = input.seed ?? SeededRandom.newSeed();
    const pool = await this.candidates(row);
    const drawn = drawPanel(pool, row.panelSize, row.quotas, seed);
    if (!drawn.ok) throw participationError('panel_infeasible', { zh: `候选 ${pool.length} 人`, en: drawn.reason });
    await this.p.db.transaction(async (tx) => {
      await this.repo.insert(row);
      await this.repo.recordDraw(row.id, seed, pool, drawn.ids, this.p.clock.now());
      await this.p.audit.record(tx, ctx, {
        action: 'participation.task.create',
        objectType: 'task',
        objectId: row.id,
        after: { ...input, seed, pool: pool.map((c) => c.id), members: drawn.ids },
      });
    });
    return this.taskOut(row.id);
  }

  async getTask(actor: Actor | null, id: string): Promise<Task> {
    const t = await this.taskInScope(actor, id);
    return this.withMembers(t);
  }

  /** The user's scope, or one region and below (the header's region), refused outside the scope as the pool is. */
  async listTasks(actor: Actor | null, q: { region?: string } = {}): Promise<TaskSummary[]> {
    this.p.authz.require(actor, P.supervisorsManage);
    let regions: string[];
    if (q.region) {
      await this.p.authz.assertCovers(actor, P.supervisorsManage, q.region);
      regions = await this.scope.regions.subtree(q.region);
    } else regions = await this.p.authz.scopeCodes(actor, P.supervisorsManage);
    const rows = await this.repo.inRegions(regions);
    const names = await this.scope.names(rows.map((r) => r.regionCode));
    return rows.map((r) => ({ ...summary(toTask(r, names, [])), scored: r.scored }));
  }

  async draw(ctx: RequestContext, id: string, seedIn?: number): Promise<Task> {
    const t = await this.repo.byId(id);
    if (!t) throw notFound(TASK);
    await this.scope.guard(ctx, P.supervisorsManage, t.regionCode);
    if (t.status !== 'open')
      throw platformError('conflict', { zh: '该任务已抽取监督员', en: 'The panel was already drawn' });
    const seed = seedIn ?? SeededRandom.newSeed();
    const pool = await this.candidates(t);
    const r = drawPanel(pool, t.panelSize, t.quotas, seed);
    if (!r.ok) throw participationError('panel_infeasible', { zh: `候选 ${pool.length} 人`, en: r.reason });
    await this.p.db.transaction(async (tx) => {
      if (!(await this.repo.recordDraw(id, seed, pool, r.ids, this.p.clock.now()))) throw platformError('conflict');
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
  async verifyDraw(actor: Actor | null, id: string): Promise<DrawCheck> {
    const t = await this.taskInScope(actor, id);
    if (t.seed == null || !t.pool) throw platformError('conflict', { zh: '尚未抽取', en: 'Not drawn yet' });
    // A panel seated by hand (the demo's) records a note, not a candidate list: there is no draw to re-run.
    if (!Array.isArray(t.pool)) return { seed: t.seed, matches: false, memberIds: [] };
    const r = drawPanel(t.pool as Candidate[], t.panelSize, t.quotas, t.seed);
    const members = (await this.repo.members(id)).map((m) => m.supervisorId).sort();
    const ids = r.ok ? [...r.ids].sort() : [];
    return { seed: t.seed, matches: r.ok && JSON.stringify(ids) === JSON.stringify(members), memberIds: ids };
  }

  async myTasks(actor: Actor | null): Promise<MyTask[]> {
    const s = await this.me(actor);
    const rows = await this.repo.ofSupervisor(s.id);
    const names = await this.scope.names(rows.map((r) => r.regionCode));
    return rows.map((r) => ({ ...summary(toTask(r, names, [])), myScore: r.myScore, myPhotoCount: r.photos }));
  }

  async addPhoto(ctx: RequestContext, taskId: string, photo: { mime: string; data: Buffer }) {
    const { s } = await this.membership(ctx.actor, taskId);
    const id = crypto.randomUUID();
    await this.p.db.transaction(async (tx) => {
      await this.repo.insertPhoto({
        id,
        taskId,
        supervisorId: s.id,
        mime: photo.mime,
        content: photo.data,
        createdAt: this.p.clock.now(),
      });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.task.photo',
        objectType: 'task',
        objectId: taskId,
        after: { photo: id, bytes: photo.data.length },
      });
    });
    return { id, count: await this.repo.photoCount(taskId, s.id) };
  }

  /** Stores the score and, in the same transaction, announces it (an event in the outbox). */
  async submitScore(ctx: RequestContext, taskId: string, input: SubmitScoreRequest): Promise<{ scoreId: string }> {
    const { s, t } = await this.membership(ctx.actor, taskId);
    const onSite = t.kind !== 'service';
    if (onSite) {
      if (input.confirmed === undefined)
        throw invalidField(
          'confirmed',
          '请填写核验结论',
          t.kind === 'site_check' ? 'required for a site check' : 'required for an indicator verification',
        );
      if ((await this.repo.photoCount(taskId, s.id)) < 1) throw participationError('photo_required');
    }
    const scoreId = crypto.randomUUID();
    const at = this.p.clock.now();
    const confirmed = onSite ? (input.confirmed ?? null) : null;
    await this.p.db.transaction(async (tx) => {
      const comment = input.comment ? maskPersonalText(input.comment) : null;
      const ok = await this.repo.submitScore({
        taskId,
        supervisorId: s.id,
        score: input.score,
        confirmed,
        comment,
        scoreId,
        at,
      });
      if (!ok) throw platformError('conflict', { zh: '已提交过评分', en: 'You already scored this task' });
      const scored = {
        scoreId,
        regionCode: t.regionCode,
        score: input.score,
        confirmed,
        supervisorRef: s.id,
        media: s.media,
      };
      const subject = subjectOf(t);
      if (subject) {
        const panel = (await this.repo.members(taskId)).flatMap((m) => (m.score == null ? [] : [m.score]));
        const event: SubjectScored = {
          ...scored,
          taskId,
          subject,
          kind: t.kind === 'service' ? 'service' : 'site_check',
          panel: { size: t.panelSize, scored: panel.length, median: panel.length ? median(panel) : null },
          submittedAt: at.toISOString(),
        };
        await this.p.events.publish(tx, PARTICIPATION_EVENTS.subjectScored, event);
      } else {
        const event: SupervisorScoreSubmitted = {
          ...scored,
          year: t.year,
          indicatorCode: t.indicatorCode,
          kind: t.kind === 'indicator_verification' ? 'indicator_verification' : 'service',
          submittedAt: at.toISOString(),
        };
        await this.p.events.publish(tx, PARTICIPATION_EVENTS.supervisorScoreSubmitted, event);
      }
      await this.p.audit.record(tx, ctx, {
        action: 'participation.task.score',
        objectType: 'task',
        objectId: taskId,
        after: { scoreId, score: input.score },
      });
    });
    return { scoreId };
  }

  // ------------------------------------------------------------ the demo's hand-seated panel and scores

  /**
   * Seats the demo supervisor and `others` approved members of their region by hand, so the demo account always has
   * a task; the recorded pool says so, and a re-check answers that there is no draw to re-run.
   */
  async seatDemoPanel(taskId: string, supervisorId: string, others: number, at: Date): Promise<void> {
    const t = (await this.repo.byId(taskId))!;
    const rest = await this.supervisors.approvedIn(t.regionCode, supervisorId, others);
    await this.repo.recordDraw(taskId, 0, { note: 'demo: seated by hand' }, [supervisorId, ...rest], at);
  }

  /** A demo panel member's score, stored without announcing it (demo scores are not co-evaluation). */
  async recordDemoScore(taskId: string, supervisorId: string, score: number, at: Date): Promise<void> {
    const scoreId = crypto.randomUUID();
    await this.repo.submitScore({ taskId, supervisorId, score, confirmed: null, comment: '(示例)', scoreId, at });
  }

  // ------------------------------------------------------------ helpers

  private newTask(
    ctx: RequestContext,
    id: string,
    t: Pick<TaskRow, 'title' | 'kind' | 'regionCode' | 'year' | 'description' | 'panelSize' | 'quotas'>,
  ) {
    const { title, kind, regionCode, year, description, panelSize, quotas } = t;
    const at = this.p.clock.now();
    return {
      id,
      title,
      kind,
      regionCode,
      year,
      description,
      panelSize,
      quotas,
      status: 'open' as const,
      createdBy: ctx.actor?.userId ?? null,
      createdAt: at,
    };
  }

  private async checkQuotaRegions(quotas: Quotas, regionCode: string): Promise<void> {
    for (const code of Object.keys(quotas.byRegion ?? {}))
      if (!((await this.scope.regions.lineage(code)) ?? []).includes(regionCode))
        throw invalidField(
          `quotas.byRegion.${code}`,
          '配额区划须在任务区划内',
          'quota region outside the task’s region',
        );
  }

  private async taskInScope(actor: Actor | null, id: string): Promise<TaskRow> {
    const t = await this.repo.byId(id);
    if (!t) throw notFound(TASK);
    await this.p.authz.assertCovers(actor, P.supervisorsManage, t.regionCode);
    return t;
  }

  private async withMembers(t: TaskRow): Promise<Task> {
    const members = await this.repo.members(t.id);
    return toTask(t, await this.scope.names([t.regionCode, ...members.map((m) => m.regionCode)]), members);
  }

  private async taskOut(id: string): Promise<Task> {
    return this.withMembers((await this.repo.byId(id))!);
  }

  /** The candidates as the draw sees them: each counted against the quota region it lies in, sorted by id. */
  private async candidates(t: TaskRow): Promise<Candidate[]> {
    const quotaRegions = new Set(Object.keys(t.quotas.byRegion ?? {}));
    const today = this.p.clock.now().toISOString().slice(0, 10);
    const pool = await this.supervisors.eligible(await this.scope.regions.subtree(t.regionCode), today);
    const out: Candidate[] = [];
    for (const s of pool) {
      const lineage = (await this.scope.regions.lineage(s.regionCode)) ?? [s.regionCode];
      const region = lineage.find((c) => quotaRegions.has(c)) ?? s.regionCode;
      out.push({ id: s.id, region, ageBand: s.ageBand, gender: s.gender, media: s.media });
    }
    return out.sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  /** The signed-in supervisor, approved. */
  private async me(actor: Actor | null): Promise<ShownSupervisor> {
    this.p.authz.require(actor, P.tasksScore);
    const s = await this.supervisors.byUser(actor.userId);
    if (!s || s.status !== 'approved') throw participationError('not_panel_member');
    return s;
  }

  private async membership(actor: Actor | null, taskId: string): Promise<{ s: ShownSupervisor; t: TaskRow }> {
    const s = await this.me(actor);
    const t = await this.repo.byId(taskId);
    if (!t) throw notFound(TASK);
    if (!(await this.repo.isMember(taskId, s.id))) throw participationError('not_panel_member');
    return { s, t };
  }
}
