import crypto from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  SCENARIOS_PERMISSIONS as P,
  type Promotion,
  type PromotionInput,
  type Replication,
  type ReplicationInput,
} from '@zhicheng/contracts/scenarios';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import { notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import type { BoardService } from './board.service.ts';
import type { CasesService } from './cases.service.ts';
import { eventsBefore } from './spread.ts';
import { scenariosError } from './scenarios.errors.ts';
import { promotionEvent, replication, type PromotionEventRow, type ReplicationRow } from './scenarios.tables.ts';

const WHAT = { zh: '复制推广记录', en: 'Replication' };

/**
 * 由点及面: a region records that it adopted a case (with evidence); the adopter's city confirms or rejects it (not
 * whoever recorded it); only confirmed adoptions count on the board. Promotion events (现场会/观摩会/巡讲) are
 * recorded with the cases shown and the regions attending, and each adoption names the events that preceded it.
 */
export class ReplicationsService {
  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly cases: CasesService,
    private readonly board: BoardService,
  ) {}

  async claim(ctx: RequestContext, sourceId: string, input: ReplicationInput): Promise<Replication> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.file, input.adopterRegion);
    const source = await this.cases.load(sourceId);
    if (source.status !== 'accepted') throw scenariosError('scenarios_not_on_board');
    if (source.regionCode === input.adopterRegion)
      throw platformError(
        'validation_failed',
        { zh: '不能复制本地区自己的案例', en: 'A region does not adopt its own case' },
        [{ path: 'adopterRegion', message: 'the case’s own region' }],
      );
    const place = await this.cases.placeOf(input.adopterRegion);
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      if (input.adopterCaseId) {
        const own = await this.cases.load(input.adopterCaseId);
        if (own.regionCode !== input.adopterRegion)
          throw platformError(
            'validation_failed',
            { zh: '本地案例须属于复制地区', en: 'The local case belongs to the adopter' },
            [{ path: 'adopterCaseId', message: 'not the adopter’s case' }],
          );
      }
      await this.platform.db.insert(replication).values({
        id,
        sourceCaseId: sourceId,
        adopterRegion: input.adopterRegion,
        adopterCity: place.cityCode,
        adopterCaseId: input.adopterCaseId,
        evidence: input.evidence,
        adoptedOn: input.adoptedOn,
        status: 'claimed',
        reason: null,
        isDemo: false,
        createdBy: actor.userId,
        createdAt: this.platform.clock.now(),
        decidedBy: null,
        decidedAt: null,
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.replication.claim',
        objectType: 'scenarios.replication',
        objectId: id,
        after: input,
      });
    });
    return (await this.toReplications([(await this.row(id))!]))[0]!;
  }

  /** The adopter's city (an approver over the adopting region, not at the province) confirms or rejects. */
  async decide(ctx: RequestContext, id: string, decision: 'confirm' | 'reject', reason: string): Promise<Replication> {
    await this.platform.db.transaction(async (tx) => {
      const r = await this.row(id, true);
      if (!r) throw notFound(WHAT);
      const actor = await this.platform.authz.assertCovers(ctx.actor, P.decide, r.adopterRegion);
      const lineage = (await this.regions.lineage(r.adopterRegion)) ?? [];
      const cityApprover = actor.roles.some(
        (b) =>
          b.role === 'city_approver' &&
          lineage.includes(b.regionCode) &&
          b.regionCode !== this.platform.config.provinceCode,
      );
      if (!cityApprover) throw scenariosError('scenarios_wrong_step');
      if (r.status !== 'claimed') throw scenariosError('scenarios_illegal_transition');
      if (decision === 'reject' && reason.length < 2)
        throw platformError('validation_failed', { zh: '请写明不予确认的原因', en: 'Say why' }, [
          { path: 'reason', message: 'required' },
        ]);
      await assertNotOwnWork(this.platform.db, ctx, {
        type: 'scenarios.replication',
        id,
        editActions: ['scenarios.replication.claim'],
      });
      await this.platform.db
        .update(replication)
        .set({
          status: decision === 'confirm' ? 'confirmed' : 'rejected',
          reason: reason || null,
          decidedBy: actor.userId,
          decidedAt: this.platform.clock.now(),
        })
        .where(eq(replication.id, id));
      const open = await this.board.repo.openRound();
      if (open) await this.board.repo.markDirty(open.id, [r.sourceCaseId]);
      await this.platform.audit.record(tx, ctx, {
        action: `scenarios.replication.${decision}`,
        objectType: 'scenarios.replication',
        objectId: id,
        after: { reason },
      });
    });
    return (await this.toReplications([(await this.row(id))!]))[0]!;
  }

  /** Staff: the adoptions claimed in (or of cases from) their regions, newest first. */
  async list(ctx: RequestContext): Promise<{ items: Replication[] }> {
    this.platform.authz.require(ctx.actor, P.read);
    const scope = await this.platform.authz.scopeCodes(ctx.actor, P.read);
    const rows = await this.platform.db
      .select()
      .from(replication)
      .where(inArray(replication.adopterRegion, scope))
      .orderBy(desc(replication.createdAt))
      .limit(500);
    return { items: await this.toReplications(rows) };
  }

  /** Public: where a case spread (confirmed adoptions only). */
  async spreadOf(caseId: string): Promise<{ items: Replication[] }> {
    const rows = await this.platform.db
      .select()
      .from(replication)
      .where(and(eq(replication.sourceCaseId, caseId), eq(replication.status, 'confirmed')))
      .orderBy(replication.adoptedOn);
    return { items: await this.toReplications(rows) };
  }

  async createEvent(ctx: RequestContext, input: PromotionInput): Promise<Promotion> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.file, input.hostRegion);
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      const shown = await this.cases.repo.byIds([...new Set(input.caseIds)]);
      if (shown.length !== new Set(input.caseIds).size || shown.some((c) => c.status !== 'accepted'))
        throw scenariosError('scenarios_not_on_board', undefined, [
          { path: 'caseIds', message: 'accepted cases only' },
        ]);
      await this.platform.db.insert(promotionEvent).values({
        id,
        ...input,
        caseIds: [...new Set(input.caseIds)],
        attendingRegions: [...new Set(input.attendingRegions)],
        isDemo: false,
        createdBy: actor.userId,
        createdAt: this.platform.clock.now(),
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.event.create',
        objectType: 'scenarios.event',
        objectId: id,
        after: input,
      });
    });
    return (await this.events(ctx)).items.find((e) => e.id === id)!;
  }

  async events(ctx: RequestContext): Promise<{ items: Promotion[] }> {
    this.platform.authz.require(ctx.actor, P.read);
    const rows = await this.platform.db.select().from(promotionEvent).orderBy(desc(promotionEvent.heldOn)).limit(200);
    const caseIds = [...new Set(rows.flatMap((e) => e.caseIds))];
    const adoptions = caseIds.length
      ? await this.platform.db
          .select()
          .from(replication)
          .where(and(inArray(replication.sourceCaseId, caseIds), eq(replication.status, 'confirmed')))
      : [];
    return {
      items: rows.map((e) => ({
        id: e.id,
        kind: e.kind,
        title: e.title,
        heldOn: e.heldOn,
        place: e.place,
        hostRegion: e.hostRegion,
        caseIds: e.caseIds,
        attendingRegions: e.attendingRegions,
        demo: e.isDemo,
        adoptionsAfter: adoptions.filter((a) => eventsBefore([e], a).length > 0).length,
      })),
    };
  }

  private async row(id: string, forUpdate = false): Promise<ReplicationRow | undefined> {
    const q = this.platform.db.select().from(replication).where(eq(replication.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }

  private async toReplications(rows: ReplicationRow[]): Promise<Replication[]> {
    if (!rows.length) return [];
    const names = await this.regions.nameOf([...new Set(rows.map((r) => r.adopterRegion))]);
    const sources = new Map(
      (await this.cases.repo.byIds([...new Set(rows.map((r) => r.sourceCaseId))])).map((c) => [c.id, c]),
    );
    const events: PromotionEventRow[] = await this.platform.db.select().from(promotionEvent).limit(1000);
    return rows.map((r) => ({
      id: r.id,
      sourceCaseId: r.sourceCaseId,
      sourceTitle: sources.get(r.sourceCaseId)?.title ?? '',
      adopterRegion: r.adopterRegion,
      adopterName: names.get(r.adopterRegion) ?? r.adopterRegion,
      adopterCaseId: r.adopterCaseId,
      evidence: r.evidence,
      adoptedOn: r.adoptedOn,
      status: r.status,
      reason: r.reason,
      followedEvents: eventsBefore(events, r).map((e) => ({
        id: e.id,
        title: e.title,
        kind: e.kind,
        heldOn: e.heldOn,
      })),
      demo: r.isDemo,
    }));
  }
}
