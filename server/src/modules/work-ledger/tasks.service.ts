import crypto from 'node:crypto';
import {
  TaskInput as TaskInputSchema,
  WORK_LEDGER_PERMISSIONS as P,
  type EvaluationInput,
  type LedgerBoard,
  type MetricReading,
  type ProgressInput,
  type Task,
  type TaskDetail,
  type TaskInput,
  type TaskQuery,
  type TargetMetric,
} from '@zhicheng/contracts/work-ledger';
import type { ImportReport } from '@zhicheng/contracts';
import { isSystem, systemContext, type RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { ModuleApis, Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { ragOf, reminderDue } from './rag.ts';
import type { MilestoneRow, TaskRow } from './work-ledger.tables.ts';
import { TasksRepository } from './tasks.repository.ts';
import { workLedgerError } from './work-ledger.errors.ts';
import { chinaDay } from '../../platform/clock/index.ts';

/** The ledger number under which 督办 raised from outside the ledger are filed (99.1, 99.2, …). */
const SUPERVISION_PREFIX = '99.';

const TASK_WHAT = { zh: '任务', en: 'Task' };
const TYPE = 'work-ledger.task';
const who = (ctx: RequestContext) => ctx.actor?.displayName ?? `system:${ctx.system?.name ?? '?'}`;

type Deps = Pick<ModuleApis, 'assessment' | 'compute-network' | 'communities'>;

/**
 * The ledger's use cases: 立项 (create), 交办 (assign to the lead unit), monthly progress with evidence, reminders
 * (a job) and 催办 (escalation of overdue tasks), 考评 (evaluation closes the task; not by whoever set it up).
 */
export class TasksService {
  readonly repo: TasksRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly deps: Deps,
  ) {
    this.repo = new TasksRepository(platform.db);
  }

  private today() {
    return chinaDay(this.platform.clock.now());
  }

  // ------------------------------------------------------------ reading

  async list(ctx: RequestContext, q: TaskQuery) {
    this.platform.authz.require(ctx.actor, P.read);
    const scope = await this.platform.authz.scopeCodes(ctx.actor, P.read);
    let tasks = await this.toTasks(await this.repo.all(scope, q));
    if (q.rag) tasks = tasks.filter((t) => t.status !== 'closed' && t.rag === q.rag);
    const start = (q.page - 1) * q.pageSize;
    return { items: tasks.slice(start, start + q.pageSize), total: tasks.length, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<TaskDetail> {
    const row = await this.repo.byId(id);
    if (!row) throw notFound(TASK_WHAT);
    if (!isSystem(ctx)) await this.platform.authz.assertCovers(ctx.actor, P.read, row.regionCode);
    const [t] = await this.toTasks([row]);
    const [ms, prog, sup] = await Promise.all([
      this.repo.milestones([id]),
      this.repo.progress([id]),
      this.repo.supervision([id]),
    ]);
    return {
      ...t!,
      milestones: ms.map((m) => ({ title: m.title, dueOn: m.dueOn, doneOn: m.doneOn })),
      progress: prog.map((p) => ({
        month: p.month,
        percent: p.percent,
        text: p.text,
        evidence: p.evidence,
        reportedBy: p.reportedBy,
        reportedAt: p.reportedAt.toISOString(),
      })),
      supervision: sup.map((s) => ({
        kind: s.kind as TaskDetail['supervision'][number]['kind'],
        note: s.note,
        by: s.byName,
        at: s.at.toISOString(),
      })),
      reading: row.metric ? await this.reading(row.metric as TargetMetric, row.year, row.targetValue) : null,
      evaluationComment: row.evaluationComment,
    };
  }

  /** Colours of a year's tasks across the province (the module API; no user). */
  async colours(year: number) {
    const codes = await this.regions.subtree(this.platform.config.provinceCode);
    const counts = { green: 0, yellow: 0, red: 0, closed: 0 };
    const rows = await this.repo.all(codes, { year });
    for (const t of await this.toTasks(rows)) counts[t.status === 'closed' ? 'closed' : t.rag]++;
    return { ...counts, demo: rows.some((r) => r.isDemo) };
  }

  async board(ctx: RequestContext, year: number): Promise<LedgerBoard> {
    this.platform.authz.require(ctx.actor, P.read);
    const rows = await this.repo.all(await this.platform.authz.scopeCodes(ctx.actor, P.read), { year });
    const tasks = await this.toTasks(rows);
    const counts = { green: 0, yellow: 0, red: 0, closed: 0 };
    const byPoint = new Map<string, typeof counts>();
    for (const t of tasks) {
      const k = t.status === 'closed' ? 'closed' : t.rag;
      counts[k]++;
      const p = byPoint.get(t.point) ?? { green: 0, yellow: 0, red: 0, closed: 0 };
      p[k]++;
      byPoint.set(t.point, p);
    }
    const measured = [];
    for (const r of rows.filter((x) => x.metric))
      measured.push({
        ...(await this.reading(r.metric as TargetMetric, r.year, r.targetValue)),
        taskId: r.id,
        code: r.code,
        title: r.title,
      });
    return { year, counts, byPoint: [...byPoint].map(([point, c]) => ({ point, ...c })), measured };
  }

  /**
   * The figure a task is meant to move, read from the module that measures it, with its source. Null value when
   * that module has nothing published yet (or is not part of this deployment).
   */
  async reading(metric: TargetMetric, year: number, target: number | null): Promise<MetricReading> {
    let value: number | null = null;
    let source: string | null = null;
    let asOf: string | null = null;
    if (metric === 'assessment.county_share_4star') {
      const s = await this.deps.assessment.countyShareAtLeast(year, 4);
      if (s.share !== null) {
        value = Math.round(s.share * 1000) / 10;
        source = `评估评价:${s.source?.name ?? ''}${s.sample ? '(示例)' : ''}`;
        asOf = s.publishedAt;
      }
    } else if (metric === 'compute.ai_share') {
      const c = await this.deps['compute-network'].provinceTotals(systemContext('work-ledger.metric'));
      if (c.province.aiSharePct !== null) {
        value = c.province.aiSharePct;
        source = `算力纳统月报(已审核)${c.period ? ` ${c.period}` : ''}${c.source.simulated ? '(示例)' : ''}`;
        asOf = c.source.asOf;
      }
    } else if (metric === 'communities.smart_count') {
      // The registry's count of smart communities in the province (CommunitiesApi.coverage), read live.
      const c = await this.deps.communities.coverage();
      if (c.totals.registered > 0) {
        value = c.totals.smart;
        source = `智慧社区名录:${c.source}${c.demo ? '(示例)' : ''}`;
        asOf = this.platform.clock.now().toISOString();
      }
    }
    return { metric, value, target, reached: value === null || target === null ? null : value >= target, source, asOf };
  }

  // ------------------------------------------------------------ 立项, 交办

  async create(ctx: RequestContext, raw: TaskInput): Promise<TaskDetail> {
    const input = TaskInputSchema.parse(raw);
    await this.platform.authz.assertCovers(ctx.actor, P.manage, input.regionCode);
    const id = await this.platform.db.transaction(async () => {
      if ((await this.repo.codesOf(input.year)).has(input.code))
        throw workLedgerError('ledger_task_exists', undefined, [{ path: 'code', message: 'exists for the year' }]);
      return this.insert(ctx, input, false);
    });
    return this.get(ctx, id);
  }

  /**
   * A 督办 task raised from outside the ledger (a warning on the one-screen view), as the caller: numbered 99.n, after
   * the year's last such task, so it never takes a number of the bureau's own work points.
   */
  async openSupervision(ctx: RequestContext, raw: Omit<TaskInput, 'code'>): Promise<TaskDetail> {
    const probe = TaskInputSchema.parse({ ...raw, code: SUPERVISION_PREFIX + '1' });
    await this.platform.authz.assertCovers(ctx.actor, P.manage, probe.regionCode);
    const id = await this.platform.db.transaction(async () => {
      const used = [...(await this.repo.codesOf(probe.year))]
        .filter((c) => c.startsWith(SUPERVISION_PREFIX))
        .map((c) => Number(c.slice(SUPERVISION_PREFIX.length)));
      const code = `${SUPERVISION_PREFIX}${Math.max(0, ...used.filter(Number.isInteger)) + 1}`;
      return this.insert(ctx, { ...probe, code }, false);
    });
    return this.get(ctx, id);
  }

  /** Inside the caller's transaction; also the import's and the demo's path. */
  async insert(ctx: RequestContext, input: ReturnType<typeof TaskInputSchema.parse>, demo: boolean): Promise<string> {
    const id = crypto.randomUUID();
    await this.repo.insert(
      {
        id,
        year: input.year,
        code: input.code,
        point: input.point,
        title: input.title,
        leadUnit: input.leadUnit,
        cooperatingUnits: input.cooperatingUnits,
        regionCode: input.regionCode,
        deadline: input.deadline,
        target: input.target,
        metric: input.metric ?? null,
        targetValue: input.targetValue ?? null,
        status: 'planned',
        percent: 0,
        evaluation: null,
        evaluationComment: null,
        closedAt: null,
        isDemo: demo,
        createdAt: this.platform.clock.now(),
      },
      input.milestones.map((m, position) => ({ taskId: id, position, title: m.title, dueOn: m.dueOn, doneOn: null })),
    );
    await this.platform.audit.record(this.platform.db, ctx, {
      action: 'work-ledger.task.create',
      objectType: TYPE,
      objectId: id,
      after: input,
    });
    return id;
  }

  async assign(ctx: RequestContext, id: string, note: string): Promise<TaskDetail> {
    await this.step(ctx, id, P.manage, 'assign', async (t) => {
      if (t.status !== 'planned') throw workLedgerError('ledger_illegal_step');
      await this.repo.update(id, { status: 'assigned' });
      await this.supervise(ctx, id, 'assign', note || `交办${t.leadUnit}`);
    });
    return this.get(ctx, id);
  }

  // ------------------------------------------------------------ progress, reminders, 催办, 考评

  async report(ctx: RequestContext, id: string, input: ProgressInput): Promise<TaskDetail> {
    await this.step(ctx, id, P.report, 'progress', async (t) => {
      if (t.status !== 'assigned') throw workLedgerError('ledger_illegal_step');
      await this.repo.insertProgress({
        id: crypto.randomUUID(),
        taskId: id,
        month: input.month,
        percent: input.percent,
        text: input.text,
        evidence: input.evidence,
        reportedBy: who(ctx),
        reportedAt: this.platform.clock.now(),
      });
      await this.repo.update(id, { percent: input.percent });
    });
    return this.get(ctx, id);
  }

  /** 催办: only an overdue (red) task is escalated; each escalation stays on the task's record. */
  async escalate(ctx: RequestContext, id: string, note: string): Promise<TaskDetail> {
    await this.step(ctx, id, P.manage, 'escalate', async (t, ms) => {
      if (t.status !== 'assigned') throw workLedgerError('ledger_illegal_step');
      if (ragOf({ ...t, milestones: ms }, this.today()).rag !== 'red') throw workLedgerError('ledger_not_overdue');
      await this.supervise(ctx, id, 'escalation', note);
    });
    return this.get(ctx, id);
  }

  /** 考评 closes the task. Whoever set it up or assigned it does not evaluate it (四眼原则). */
  async evaluate(ctx: RequestContext, id: string, input: EvaluationInput): Promise<TaskDetail> {
    await this.step(ctx, id, P.evaluate, 'evaluate', async (t) => {
      if (t.status !== 'assigned') throw workLedgerError('ledger_illegal_step');
      await assertNotOwnWork(this.platform.db, ctx, {
        type: TYPE,
        id,
        editActions: ['work-ledger.task.create', 'work-ledger.task.assign'],
      });
      await this.repo.update(id, {
        status: 'closed',
        evaluation: input.evaluation,
        evaluationComment: input.comment,
        closedAt: this.platform.clock.now(),
      });
      await this.supervise(ctx, id, 'evaluation', `${input.evaluation}:${input.comment}`);
    });
    return this.get(ctx, id);
  }

  /** The reminder job: each yellow or red open task gets a reminder at most once a week. */
  async remind(ctx: RequestContext): Promise<number> {
    const day = this.today();
    const now = this.platform.clock.now();
    const open = await this.repo.openTasks();
    const ms = await this.repo.milestones(open.map((t) => t.id));
    const counts = await this.repo.counts(open.map((t) => t.id));
    let sent = 0;
    for (const t of open) {
      const { rag, reason } = ragOf({ ...t, milestones: ms.filter((m) => m.taskId === t.id) }, day);
      if (!reminderDue(rag, counts.get(t.id)?.lastReminder ?? null, now)) continue;
      await this.platform.db.transaction(async (tx) => {
        await this.supervise(ctx, t.id, 'reminder', `${rag === 'red' ? '逾期提醒' : '临期提醒'}:${reason.zh}`);
        await this.platform.audit.record(tx, ctx, {
          action: 'work-ledger.task.remind',
          objectType: TYPE,
          objectId: t.id,
        });
      });
      sent++;
    }
    return sent;
  }

  private async step(
    ctx: RequestContext,
    id: string,
    permission: (typeof P)[keyof typeof P],
    verb: string,
    fn: (t: TaskRow, ms: MilestoneRow[]) => Promise<void>,
  ): Promise<void> {
    await this.platform.db.transaction(async (tx) => {
      const t = await this.repo.byId(id, true);
      if (!t) throw notFound(TASK_WHAT);
      // The demo loader acts as the platform; everyone else within their region.
      if (!isSystem(ctx)) await this.platform.authz.assertCovers(ctx.actor, permission, t.regionCode);
      await fn(t, await this.repo.milestones([id]));
      await this.platform.audit.record(tx, ctx, { action: `work-ledger.task.${verb}`, objectType: TYPE, objectId: id });
    });
  }

  private async supervise(ctx: RequestContext, taskId: string, kind: string, note: string) {
    await this.repo.insertSupervision({
      id: crypto.randomUUID(),
      taskId,
      kind,
      note,
      byName: who(ctx),
      at: this.platform.clock.now(),
    });
  }

  // ------------------------------------------------------------ import

  /**
   * The Excel ledger, all rows or none: every row is checked (schema, scope, duplicate numbers in the file and the
   * year) and every bad cell reported with its spreadsheet row before anything is written.
   */
  async importRows(ctx: RequestContext, rows: { row: number; input: unknown; errors: ImportReport['errors'] }[]) {
    this.platform.authz.require(ctx.actor, P.manage);
    const errors: ImportReport['errors'] = [];
    const good: ReturnType<typeof TaskInputSchema.parse>[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      errors.push(...r.errors);
      const parsed = TaskInputSchema.safeParse(r.input);
      if (!parsed.success) {
        // Every bad cell once: a cell the sheet reader already named (an unknown region) is not reported again.
        const named = new Set(r.errors.map((e) => e.field));
        for (const i of parsed.error.issues) {
          const field = String(i.path[0] ?? '');
          if (!named.has(field)) errors.push({ row: r.row, field, message: i.message });
          named.add(field);
        }
        continue;
      }
      const t = parsed.data;
      const key = `${t.year}/${t.code}`;
      if (seen.has(key)) errors.push({ row: r.row, field: 'code', message: `same number as row ${seen.get(key)}` });
      seen.set(key, r.row);
      const regionNamed = r.errors.some((e) => e.field === 'regionCode');
      if (!regionNamed && !(await this.platform.authz.covers(ctx.actor, P.manage, t.regionCode)))
        errors.push({ row: r.row, field: 'regionCode', message: 'outside your region' });
      good.push(t);
    }
    if (!rows.length) errors.push({ row: 1, field: 'code', message: 'no task rows' });
    const years = [...new Set(good.map((g) => g.year))];
    for (const y of years) {
      const existing = await this.repo.codesOf(y);
      for (const r of rows) {
        const p = TaskInputSchema.safeParse(r.input);
        if (p.success && p.data.year === y && existing.has(p.data.code))
          errors.push({ row: r.row, field: 'code', message: `task ${p.data.code} already in the ${y} ledger` });
      }
    }
    if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
    await this.platform.db.transaction(async (tx) => {
      for (const t of good) await this.insert(ctx, t, false);
      await this.platform.audit.record(tx, ctx, {
        action: 'work-ledger.task.import',
        objectType: TYPE,
        after: { rows: good.length },
      });
    });
    return { imported: good.length, errors: [] };
  }

  /** The year's ledger in the layout it was imported in, with status columns after. */
  async exportRows(ctx: RequestContext, year: number) {
    this.platform.authz.require(ctx.actor, P.read);
    const rows = await this.repo.all(await this.platform.authz.scopeCodes(ctx.actor, P.read), { year });
    const tasks = await this.toTasks(rows);
    const ms = await this.repo.milestones(rows.map((r) => r.id));
    return tasks.map((t) => ({ task: t, milestones: ms.filter((m) => m.taskId === t.id) }));
  }

  private async toTasks(rows: TaskRow[]): Promise<Task[]> {
    const ids = rows.map((r) => r.id);
    const [ms, prog, counts, names] = await Promise.all([
      this.repo.milestones(ids),
      this.repo.progress(ids),
      this.repo.counts(ids),
      this.regions.nameOf([...new Set(rows.map((r) => r.regionCode))]),
    ]);
    const day = this.today();
    return rows.map((r) => {
      const { rag, reason } = ragOf({ ...r, milestones: ms.filter((m) => m.taskId === r.id) }, day);
      const last = prog.filter((p) => p.taskId === r.id).at(-1);
      const c = counts.get(r.id);
      return {
        id: r.id,
        year: r.year,
        code: r.code,
        point: r.point,
        title: r.title,
        leadUnit: r.leadUnit,
        cooperatingUnits: r.cooperatingUnits,
        regionCode: r.regionCode,
        regionName: names.get(r.regionCode) ?? r.regionCode,
        deadline: r.deadline,
        target: r.target,
        metric: r.metric as TargetMetric | null,
        targetValue: r.targetValue,
        status: r.status as Task['status'],
        rag,
        ragReason: reason.zh,
        percent: r.percent,
        lastReportMonth: last?.month ?? null,
        escalations: c?.escalation ?? 0,
        reminders: c?.reminder ?? 0,
        evaluation: r.evaluation as Task['evaluation'],
        demo: r.isDemo,
      };
    });
  }
}
