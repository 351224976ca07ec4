import crypto from 'node:crypto';
import {
  CITY_BRAIN_PERMISSIONS as P,
  EVENT_STEP_LABEL,
  type CityEvent,
  type CityEventDetail,
  type CityEventV1,
  type DispatchInput,
  type EventFeedbackV1,
  type EventHistoryEntry,
  type EventInput,
  type EventQuery,
  type EventStatistics,
  type EventStatus,
} from '@zhicheng/contracts/city-brain';
import { isSystem, type RequestContext } from '../../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../../platform/authorization/four-eyes.ts';
import type { Platform } from '../../../platform/module.ts';
import type { RegionsService } from '../../regions/index.ts';
import { cityBrainError } from '../city-brain.errors.ts';
import type { EventRow } from '../city-brain.tables.ts';
import type { ExchangeService } from '../exchange/exchange.service.ts';
import type { Accepted, IntakeHandlers } from '../exchange/intake.service.ts';
import type { ClosedLoop } from '../index.ts';
import type { RegistryRepository } from '../registry.repository.ts';
import { EventsRepository } from './events.repository.ts';
import { canMove, deadlineFor, isOpen, levelOfCode, limitHours, rate, supervisionDue } from './loop-rules.ts';

const OBJECT = 'city-brain.event';
/** Whoever raised, registered or dispatched an event cannot verify it (four eyes). */
const EDIT_ACTIONS = ['city-brain.event.raise', 'city-brain.event.register', 'city-brain.event.dispatch'] as const;

/**
 * The event closed loop: events from city platforms (intake) or raised at a desk go through the seven steps, each
 * with its time limit; every step writes the event, a history row and an audit row in one transaction, and a
 * dispatch sends the task down to the city platform that handles the region.
 */
export class EventsService {
  readonly repo: EventsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly registry: RegistryRepository,
    private readonly exchange: ExchangeService,
  ) {
    this.repo = new EventsRepository(platform.db);
  }

  async list(ctx: RequestContext, q: EventQuery) {
    this.platform.authz.require(ctx.actor, P.read);
    const scope = q.region
      ? (await this.platform.authz.assertCovers(ctx.actor, P.read, q.region), await this.regions.subtree(q.region))
      : await this.platform.authz.scopeCodes(ctx.actor, P.read);
    const now = this.platform.clock.now();
    const { rows, total } = await this.repo.page(
      scope,
      {
        status: q.status,
        category: q.category,
        q: q.q,
        ...(q.overdue === 'true' && { overdueBefore: now }),
        ...(q.overdue === 'false' && { notOverdueAt: now }),
      },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return { items: await this.present(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<CityEventDetail> {
    const row = await this.repo.get(id);
    if (!row) throw cityBrainError('event_not_found');
    await this.platform.authz.assertCovers(ctx.actor, P.read, row.regionCode);
    const history: EventHistoryEntry[] = (await this.repo.history(id)).map((h) => ({
      action: h.action as EventHistoryEntry['action'],
      at: h.at.toISOString(),
      by: h.actorName,
      note: h.note,
      onTime: h.onTime,
    }));
    return { ...(await this.present([row]))[0]!, history };
  }

  /** On-time rate (steps taken within their limit) and closure rate, by city and by category. */
  async statistics(ctx: RequestContext, region?: string): Promise<EventStatistics> {
    this.platform.authz.require(ctx.actor, P.read);
    const scope = region
      ? (await this.platform.authz.assertCovers(ctx.actor, P.read, region), await this.regions.subtree(region))
      : await this.platform.authz.scopeCodes(ctx.actor, P.read);
    const now = this.platform.clock.now();
    const [tallies, steps] = await Promise.all([this.repo.tallies(scope, now), this.repo.onTime(scope)]);
    const cityOf = (code: string) => (levelOfCode(code) === 'province' ? code : `${code.slice(0, 4)}00`);
    const cities = new Map<
      string,
      { total: number; open: number; closed: number; overdue: number; steps: number; onTime: number }
    >();
    const cats = new Map<string, { total: number; closed: number; steps: number; onTime: number }>();
    const blank = () => ({ total: 0, open: 0, closed: 0, overdue: 0, steps: 0, onTime: 0 });
    for (const t of tallies) {
      const c = cities.get(cityOf(t.regionCode)) ?? blank();
      c.total += t.total;
      c.open += t.open;
      c.closed += t.closed;
      c.overdue += t.overdue;
      cities.set(cityOf(t.regionCode), c);
      const k = cats.get(t.category) ?? blank();
      k.total += t.total;
      k.closed += t.closed;
      cats.set(t.category, k);
    }
    for (const s of steps) {
      const c = cities.get(cityOf(s.regionCode)) ?? blank();
      c.steps += s.steps;
      c.onTime += s.onTime;
      cities.set(cityOf(s.regionCode), c);
      const k = cats.get(s.category) ?? blank();
      k.steps += s.steps;
      k.onTime += s.onTime;
      cats.set(s.category, k);
    }
    const names = await this.regions.nameOf([...cities.keys()]);
    return {
      byCity: [...cities]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, c]) => ({
          regionCode: code,
          regionName: names.get(code) ?? code,
          total: c.total,
          open: c.open,
          closed: c.closed,
          overdue: c.overdue,
          closureRate: rate(c.closed, c.total),
          onTimeRate: rate(c.onTime, c.steps),
        })),
      byCategory: [...cats]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([category, k]) => ({
          category: category as EventStatistics['byCategory'][number]['category'],
          total: k.total,
          closed: k.closed,
          closureRate: rate(k.closed, k.total),
          onTimeRate: rate(k.onTime, k.steps),
        })),
    };
  }

  /**
   * For the one-screen view: a region's closed loop (事件闭环) as the platform reads it — events by step, steps
   * taken on time, open and overdue events.
   */
  async loopOf(regionCode: string): Promise<Omit<ClosedLoop, 'deadLetters'>> {
    const codes = await this.regions.subtree(regionCode);
    const now = this.platform.clock.now();
    const [status, steps, tallies] = await Promise.all([
      this.repo.byStatus(codes),
      this.repo.onTime(codes),
      this.repo.tallies(codes, now),
    ]);
    const times = status.flatMap((s) => (s.reportedAt ? [new Date(s.reportedAt).getTime()] : []));
    const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((a, r) => a + f(r), 0);
    return {
      regionCode,
      byStatus: status.map((s) => ({ status: s.status, n: Number(s.n) })),
      total: sum(status, (s) => Number(s.n)),
      open: sum(tallies, (t) => t.open),
      overdue: sum(tallies, (t) => t.overdue),
      steps: sum(steps, (s) => s.steps),
      onTimeSteps: sum(steps, (s) => s.onTime),
      asOf: times.length ? new Date(Math.max(...times)).toISOString() : null,
      demo: status.some((s) => s.demo),
    };
  }

  /** For the one-screen view: open and overdue events per city of the province (run as the platform). */
  async openByCity(): Promise<{ regionCode: string; open: number; overdue: number }[]> {
    const now = this.platform.clock.now();
    const tallies = await this.repo.tallies(await this.regions.subtree(this.platform.config.provinceCode), now);
    const by = new Map<string, { open: number; overdue: number }>();
    for (const t of tallies) {
      if (levelOfCode(t.regionCode) === 'province') continue;
      const city = `${t.regionCode.slice(0, 4)}00`;
      const e = by.get(city) ?? { open: 0, overdue: 0 };
      e.open += t.open;
      e.overdue += t.overdue;
      by.set(city, e);
    }
    return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([regionCode, e]) => ({ regionCode, ...e }));
  }

  /** 上报 at a desk (province or city): the event starts as reported. */
  async raise(ctx: RequestContext, input: EventInput, demo = false): Promise<CityEvent> {
    if (!isSystem(ctx)) await this.platform.authz.assertCovers(ctx.actor, P.handleEvents, input.regionCode);
    const now = this.platform.clock.now();
    const row = this.newRow({ ...input, source: 'province', subPlatformId: null, entityId: null, now, demo });
    row.createdBy = ctx.actor?.userId ?? null;
    await this.platform.db.transaction(async (tx) => {
      await this.repo.insert(row);
      await this.history(row.id, 'reported', ctx, null, null);
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.event.raise',
        objectType: OBJECT,
        objectId: row.id,
        after: input,
      });
    });
    return (await this.present([row]))[0]!;
  }

  /** 立案 or 不予立案. */
  async register(ctx: RequestContext, id: string, input: { accept: boolean; note?: string }) {
    return this.step(ctx, id, P.handleEvents, input.accept ? 'registered' : 'rejected', 'city-brain.event.register', {
      note: input.note,
    });
  }

  /**
   * 派遣: to a department of the event's own region, a region below it (city → county) or above it (county → city →
   * province); again from dispatched or handling is a transfer (转派). The task goes down to the city platform of the
   * handling region, in the same transaction.
   */
  async dispatch(ctx: RequestContext, id: string, input: DispatchInput) {
    return this.step(ctx, id, P.handleEvents, 'dispatched', 'city-brain.event.dispatch', {
      note: input.note,
      check: async (row) => {
        const up = (await this.regions.lineage(row.regionCode)) ?? [];
        const down = await this.regions.subtree(row.regionCode);
        if (!up.includes(input.regionCode) && !down.includes(input.regionCode))
          throw cityBrainError('dispatch_outside_region', undefined, [{ path: 'regionCode', message: 'not in line' }]);
      },
      set: { handlerRegionCode: input.regionCode, handlerDepartment: input.department },
      after: async (row) => this.sendTask(row, input.regionCode, input.department, input.note),
    });
  }

  /** 处置 / 反馈 typed at a desk (a city without a platform of its own). */
  async feedback(ctx: RequestContext, id: string, input: { stage: 'handling' | 'handled'; result: string }) {
    const to = input.stage === 'handling' ? 'handling' : 'fed_back';
    return this.step(ctx, id, P.handleEvents, to, 'city-brain.event.feedback', {
      note: input.result,
      set: { result: input.result },
      scopeOf: (row) => row.handlerRegionCode ?? row.regionCode,
    });
  }

  /** 核查结案, or 返工 back to dispatched; never by whoever raised, registered or dispatched it. */
  async verify(ctx: RequestContext, id: string, input: { passed: boolean; note?: string }) {
    return this.step(ctx, id, P.verifyEvents, input.passed ? 'closed' : 'dispatched', 'city-brain.event.verify', {
      note: input.note,
      from: ['fed_back'],
      fourEyes: true,
      historyAction: input.passed ? 'closed' : 'verify_failed',
      after: async (row) => {
        if (!input.passed && row.handlerRegionCode)
          await this.sendTask(row, row.handlerRegionCode, row.handlerDepartment ?? '', `返工:${input.note ?? ''}`);
      },
    });
  }

  /** 评价: how well it was handled (1–5). */
  async evaluate(ctx: RequestContext, id: string, input: { rating: number; note?: string }) {
    return this.step(ctx, id, P.verifyEvents, 'evaluated', 'city-brain.event.evaluate', {
      note: input.note,
      set: { rating: input.rating },
    });
  }

  /** 督办: reminders and escalations for overdue steps (a job; idempotent, each level once per step). */
  async supervise(ctx: RequestContext): Promise<number> {
    const now = this.platform.clock.now();
    let n = 0;
    for (const e of await this.repo.overdue(now, 500)) {
      const due = supervisionDue(e.deadline, limitHours(e.status, e.category, e.severity), now);
      if (!due || e.supervision === due || (e.supervision === 'escalation' && due === 'reminder')) continue;
      await this.platform.db.transaction(async (tx) => {
        const row = await this.repo.getForUpdate(e.id);
        if (!row || row.status !== e.status || row.supervision === due) return;
        const upper = due === 'escalation' ? await this.upperOf(row.handlerRegionCode ?? row.regionCode) : null;
        await this.repo.update(row.id, { supervision: due, updatedAt: now });
        const note =
          due === 'reminder'
            ? `${EVENT_STEP_LABEL[row.status].zh}环节已超时,催办`
            : `${EVENT_STEP_LABEL[row.status].zh}环节超时过半,督办至上级 ${upper ?? ''}`.trim();
        await this.history(row.id, due, ctx, note, null);
        await this.platform.audit.record(tx, ctx, {
          action: `city-brain.event.${due}`,
          objectType: OBJECT,
          objectId: row.id,
        });
        if (row.handlerRegionCode)
          await this.sendDown(
            row,
            row.handlerRegionCode,
            'alert',
            `${due === 'reminder' ? '催办' : '督办'}:${row.title}`,
            note,
          );
      });
      n++;
    }
    return n;
  }

  /** Intake's part: city events become reported events; feedback moves the dispatched event on. */
  intakeHandlers(): IntakeHandlers {
    return {
      precheck: async (items) => {
        const refused = new Map<Accepted, 'unknown_event'>();
        const feedback = items.filter((a) => a.entity.type === 'EventFeedback');
        const events = new Map(
          (await this.repo.getMany(feedback.map((a) => (a.entity as EventFeedbackV1).eventId))).map((e) => [e.id, e]),
        );
        for (const a of feedback) {
          const e = events.get((a.entity as EventFeedbackV1).eventId);
          if (!e || !a.sender.regions.has(e.regionCode)) refused.set(a, 'unknown_event');
        }
        return refused;
      },
      accept: async (items, receivedAt, ctx) => {
        for (const a of items) {
          if (a.entity.type === 'CityEvent') await this.fromCity(a, a.entity, receivedAt, ctx);
          if (a.entity.type === 'EventFeedback') await this.feedbackFromCity(a, a.entity, ctx);
        }
      },
    };
  }

  private async fromCity(a: Accepted, e: CityEventV1, receivedAt: Date, ctx: RequestContext) {
    const row = this.newRow({
      regionCode: e.regionCode,
      category: e.category,
      severity: e.severity,
      title: e.title,
      description: e.description,
      location: e.location,
      source: 'city',
      subPlatformId: a.sender.id,
      entityId: e.id,
      now: receivedAt,
      demo: false,
    });
    row.reportedAt = new Date(e.observedAt);
    if (!(await this.repo.insert(row))) return;
    await this.history(row.id, 'reported', ctx, `${a.sender.code} 上报`, null, a.sender.code);
  }

  /** A late or repeated feedback (the event moved on) is kept in the history but moves nothing. */
  private async feedbackFromCity(a: Accepted, f: EventFeedbackV1, ctx: RequestContext) {
    const row = await this.repo.getForUpdate(f.eventId);
    if (!row) return;
    const to: EventStatus = f.stage === 'handling' ? 'handling' : 'fed_back';
    if (!canMove(row.status, to) || row.status === to) return;
    await this.move(row, to, { result: f.result });
    await this.history(row.id, to, ctx, f.result, this.onTime(row), a.sender.code);
  }

  private async step(
    ctx: RequestContext,
    id: string,
    permission: (typeof P)[keyof typeof P],
    to: EventStatus,
    action: string,
    o: {
      note?: string;
      from?: EventStatus[];
      fourEyes?: boolean;
      historyAction?: EventHistoryEntry['action'];
      set?: Partial<EventRow>;
      check?: (row: EventRow) => Promise<void>;
      after?: (row: EventRow) => Promise<void>;
      scopeOf?: (row: EventRow) => string;
    },
  ): Promise<CityEventDetail> {
    await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.getForUpdate(id);
      if (!row) throw cityBrainError('event_not_found');
      await this.platform.authz.assertCovers(ctx.actor, permission, o.scopeOf?.(row) ?? row.regionCode);
      if (!canMove(row.status, to) || (o.from && !o.from.includes(row.status)))
        throw cityBrainError('event_wrong_step', undefined, [{ path: 'status', message: row.status }]);
      if (o.fourEyes) await assertNotOwnWork(this.platform.db, ctx, { type: OBJECT, id, editActions: EDIT_ACTIONS });
      await o.check?.(row);
      const onTime = this.onTime(row);
      const moved = await this.move(row, to, o.set ?? {});
      await this.history(id, o.historyAction ?? to, ctx, o.note ?? null, onTime);
      await this.platform.audit.record(tx, ctx, {
        action,
        objectType: OBJECT,
        objectId: id,
        before: { status: row.status },
        after: { status: to, ...o.set },
      });
      await o.after?.(moved);
    });
    return this.get(ctx, id);
  }

  private async move(row: EventRow, to: EventStatus, set: Partial<EventRow>): Promise<EventRow> {
    const now = this.platform.clock.now();
    const next: EventRow = {
      ...row,
      ...set,
      status: to,
      stepStartedAt: now,
      deadline: deadlineFor(to, row.category, row.severity, now),
      supervision: null,
      closedAt: to === 'closed' ? now : row.closedAt,
      updatedAt: now,
    };
    await this.repo.update(row.id, {
      ...set,
      status: next.status,
      stepStartedAt: now,
      deadline: next.deadline,
      supervision: null,
      closedAt: next.closedAt,
      updatedAt: now,
    });
    return next;
  }

  private onTime(row: EventRow): boolean | null {
    return row.deadline ? this.platform.clock.now() <= row.deadline : null;
  }

  private history(
    eventId: string,
    action: string,
    ctx: RequestContext,
    note: string | null,
    onTime: boolean | null,
    by?: string,
  ) {
    return this.repo.addHistory({
      eventId,
      action,
      at: this.platform.clock.now(),
      actorUserId: ctx.actor?.userId ?? null,
      actorName: by ?? ctx.actor?.username ?? (ctx.system ? `system:${ctx.system.name}` : null),
      note,
      onTime,
    });
  }

  private async sendTask(row: EventRow, regionCode: string, department: string, note?: string) {
    await this.sendDown(row, regionCode, 'task', `派遣:${row.title}`, `${department}${note ? `;${note}` : ''}`);
  }

  /** To the city platform whose city holds the region (a county's city brain), if there is one. */
  private async sendDown(row: EventRow, regionCode: string, kind: 'task' | 'alert', title: string, body: string) {
    const lineage = (await this.regions.lineage(regionCode)) ?? [regionCode];
    const city =
      lineage.find((c) => levelOfCode(c) === 'city') ??
      (levelOfCode(row.regionCode) === 'city' ? row.regionCode : null);
    if (!city) return;
    const sp = (await this.registry.all([city])).find((s) => s.kind === 'city_brain');
    if (!sp || !sp.receives.includes(kind)) return;
    await this.exchange.enqueue(
      sp.id,
      { kind, title: title.slice(0, 200), body, dueAt: undefined },
      { by: null, eventId: row.id },
    );
  }

  private async upperOf(code: string): Promise<string | null> {
    const lineage = (await this.regions.lineage(code)) ?? [];
    const up = lineage.filter((c) => c !== code);
    return up.at(-1) ?? null;
  }

  private newRow(i: {
    regionCode: string;
    category: EventRow['category'];
    severity: EventRow['severity'];
    title: string;
    description?: string;
    location?: EventRow['location'];
    source: 'city' | 'province';
    subPlatformId: string | null;
    entityId: string | null;
    now: Date;
    demo: boolean;
  }): EventRow {
    return {
      id: crypto.randomUUID(),
      source: i.source,
      subPlatformId: i.subPlatformId,
      entityId: i.entityId,
      regionCode: i.regionCode,
      category: i.category,
      severity: i.severity,
      title: i.title,
      description: i.description ?? null,
      location: i.location ?? null,
      status: 'reported',
      handlerRegionCode: null,
      handlerDepartment: null,
      stepStartedAt: i.now,
      deadline: deadlineFor('reported', i.category, i.severity, i.now),
      supervision: null,
      result: null,
      rating: null,
      reportedAt: i.now,
      closedAt: null,
      isDemo: i.demo,
      createdBy: null,
      updatedAt: i.now,
    };
  }

  async present(rows: EventRow[]): Promise<CityEvent[]> {
    const now = this.platform.clock.now();
    const codes = new Set(rows.flatMap((r) => [r.regionCode, r.handlerRegionCode].filter((c): c is string => !!c)));
    const names = await this.regions.nameOf([...codes]);
    const subs = new Map(
      (await this.registry.all([...new Set(rows.map((r) => r.regionCode.slice(0, 4) + '00'))])).map((s) => [
        s.id,
        s.code,
      ]),
    );
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      subPlatformCode: r.subPlatformId ? (subs.get(r.subPlatformId) ?? null) : null,
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? r.regionCode,
      category: r.category,
      severity: r.severity,
      title: r.title,
      description: r.description,
      location: r.location,
      status: r.status,
      handlerRegionCode: r.handlerRegionCode,
      handlerRegionName: r.handlerRegionCode ? (names.get(r.handlerRegionCode) ?? r.handlerRegionCode) : null,
      handlerLevel: r.handlerRegionCode ? levelOfCode(r.handlerRegionCode) : null,
      handlerDepartment: r.handlerDepartment,
      deadline: isOpen(r.status) ? (r.deadline?.toISOString() ?? null) : null,
      overdue: isOpen(r.status) && !!r.deadline && r.deadline < now,
      supervision: r.supervision,
      result: r.result,
      rating: r.rating,
      reportedAt: r.reportedAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      demo: r.isDemo,
    }));
  }
}
