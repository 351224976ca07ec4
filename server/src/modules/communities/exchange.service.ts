import crypto from 'node:crypto';
import {
  COMMUNITIES_PERMISSIONS as P,
  FACILITY_TYPES,
  RunRound,
  type Board,
  type CreateNeed,
  type CreateOffer,
  type FacilityType,
  type Need,
  type Offer,
  type Round,
} from '@zhicheng/contracts/communities';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { communitiesError } from './communities.errors.ts';
import type { matchRound, need as needTable, offer as offerTable } from './communities.tables.ts';
import { ExchangeRepository } from './exchange.repository.ts';
import { matchRound as solveRound, type UnmatchedReason } from './matching.ts';
import type { RegistryService } from './registry.service.ts';

const ROUND = 'communities.match-round';
const RUN_ACTIONS = ['communities.exchange.round.run'] as const;
const FACILITY_NAME = new Map<string, string>(FACILITY_TYPES.map((f) => [f[0], f[1]]));

/**
 * Who offers: the enterprise account's organisation. The directory module (服务商库) will own providers; until it is
 * on main this one function is the seam to replace with `deps.directory`.
 */
export function providerOf(actor: Actor): { id: string; name: string } {
  return { id: actor.organisationId, name: actor.displayName };
}

/** 便民设施供需对接: enterprises offer, communities post needs, the county runs and confirms a matching round. */
export class ExchangeService {
  readonly repo: ExchangeRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly registry: RegistryService,
  ) {
    this.repo = new ExchangeRepository(platform.db);
  }

  async createOffer(ctx: RequestContext, input: CreateOffer): Promise<Offer> {
    this.platform.authz.require(ctx.actor, P.exchangeOffer);
    const provider = providerOf(ctx.actor);
    const known = await this.regions.nameOf(input.counties);
    const unknown = input.counties.findIndex((c) => !known.has(c));
    if (unknown >= 0)
      throw communitiesError('community_unknown_code', { zh: '县级区划不存在', en: 'Unknown county' }, [
        { path: `counties.${unknown}`, message: 'unknown county' },
      ]);
    const row = {
      id: crypto.randomUUID(),
      providerId: provider.id,
      providerName: provider.name,
      facility: input.facility,
      counties: [...new Set(input.counties)],
      capacity: input.capacity,
      terms: input.terms,
      model: input.model,
      isDemo: false,
      createdBy: ctx.actor.userId,
      createdAt: this.platform.clock.now(),
    };
    await this.platform.db.transaction(async (tx) => {
      await this.repo.insertOffer(row);
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.exchange.offer.create',
        objectType: 'communities.offer',
        objectId: row.id,
        after: input,
      });
    });
    return toOffer(row);
  }

  async createNeed(ctx: RequestContext, input: CreateNeed): Promise<Need> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.selfReport, input.communityCode);
    const c = await this.registry.repo.byCode(input.communityCode);
    if (!c) throw communitiesError('community_not_found');
    const row = {
      id: crypto.randomUUID(),
      communityCode: c.code,
      countyCode: c.countyCode,
      facility: input.facility,
      priority: input.priority,
      note: input.note ?? '',
      status: 'open',
      isDemo: false,
      createdBy: actor.userId,
      createdAt: this.platform.clock.now(),
    };
    await this.platform.db.transaction(async (tx) => {
      await this.repo.insertNeed(row);
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.exchange.need.create',
        objectType: 'communities.need',
        objectId: row.id,
        after: input,
      });
    });
    return toNeed(row, c.name, c.streetCode);
  }

  async board(ctx: RequestContext, county: string): Promise<Board> {
    await this.platform.authz.assertCovers(ctx.actor, P.exchangeRead, county);
    const [needs, offers, rounds] = await Promise.all([
      this.repo.needsOf(county),
      this.repo.offersFor(county),
      this.repo.roundsOf(county),
    ]);
    const name = (await this.regions.nameOf([county])).get(county) ?? county;
    return {
      needs: needs.map((n) => toNeed(n.need, n.communityName, n.streetCode)),
      offers: offers.map(toOffer),
      rounds: rounds.map((r) => toRoundSummary(r, name)),
    };
  }

  /** Proposes an assignment of the county's open needs to the offers with capacity left, solved by HiGHS. */
  async run(ctx: RequestContext, input: RunRound): Promise<Round> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.exchangeRun, input.county);
    const p = RunRound.parse(input);
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      const needs = await this.repo.needsOf(p.county, 'open');
      const offers = await this.repo.offersFor(p.county);
      const used = await this.repo.usedByOffer(offers.map((o) => o.id));
      const left = offers.map((o) => ({ ...o, left: o.capacity - (used.get(o.id) ?? 0) }));
      const r = await solveRound(
        needs.map((n) => ({
          id: n.need.id,
          street: n.streetCode,
          facility: n.need.facility,
          priority: n.need.priority,
        })),
        left.map((o) => ({ id: o.id, provider: o.providerId, facility: o.facility, capacity: Math.max(0, o.left) })),
        { streetFloor: p.streetFloor, providerCap: p.providerCap },
      );
      const byNeed = new Map(needs.map((n) => [n.need.id, n]));
      const byOffer = new Map(left.map((o) => [o.id, o]));
      await this.repo.insertRound(
        {
          id,
          countyCode: p.county,
          streetFloor: p.streetFloor,
          providerCap: p.providerCap,
          status: 'proposed',
          solver: `highs (${r.status})`,
          needs: needs.length,
          served: r.pairs.length,
          floorShortfall: r.floorShortfall,
          unmatched: r.unmatched,
          createdBy: actor.userId,
          createdAt: this.platform.clock.now(),
        },
        r.pairs.map((pair) => {
          const n = byNeed.get(pair.needId)!;
          const o = byOffer.get(pair.offerId)!;
          const f = FACILITY_NAME.get(o.facility) ?? o.facility;
          return {
            id: crypto.randomUUID(),
            roundId: id,
            needId: pair.needId,
            offerId: pair.offerId,
            status: 'proposed',
            // Why this pair: the constraints it satisfies and what it earned in the objective.
            explanation: {
              zh: `${n.communityName}需要「${f}」(优先级${n.need.priority});${o.providerName}提供同类设施、服务本县,本轮可用容量${o.left};在容量、单一企业占比≤${Math.round(p.providerCap * 100)}%和每街道至少${p.streetFloor}个的约束下,该配对使按优先级计的服务总量最大。`,
              en: `${n.communityName} needs ${o.facility} (priority ${n.need.priority}); ${o.providerName} offers it in this county with ${o.left} left this round; within capacity, a ${Math.round(p.providerCap * 100)}% provider share cap and a floor of ${p.streetFloor} per street, this pair is part of the assignment serving the most priority.`,
            },
          };
        }),
      );
      await this.platform.audit.record(tx, ctx, {
        action: RUN_ACTIONS[0],
        objectType: ROUND,
        objectId: id,
        after: { county: p.county, streetFloor: p.streetFloor, providerCap: p.providerCap, served: r.pairs.length },
      });
    });
    return this.round(ctx, id);
  }

  async round(ctx: RequestContext, id: string): Promise<Round> {
    const r = await this.repo.round(id);
    if (!r) throw communitiesError('round_not_found');
    await this.platform.authz.assertCovers(ctx.actor, P.exchangeRead, r.countyCode);
    const pairs = await this.repo.pairsOf(id);
    const unmatchedNeeds = new Map(
      (await this.repo.needsByIds(r.unmatched.map((u) => u.needId))).map((n) => [n.need.id, n]),
    );
    const name = (await this.regions.nameOf([r.countyCode])).get(r.countyCode) ?? r.countyCode;
    return {
      ...toRoundSummary(r, name),
      pairs: pairs.map((x) => ({
        id: x.match.id,
        needId: x.need.id,
        offerId: x.offer.id,
        communityName: x.communityName,
        streetCode: x.streetCode,
        facility: x.need.facility as FacilityType,
        priority: x.need.priority,
        providerName: x.offer.providerName,
        status: x.match.status as Round['pairs'][number]['status'],
        explanation: x.match.explanation,
      })),
      unmatched: r.unmatched.map((u) => ({
        needId: u.needId,
        communityName: unmatchedNeeds.get(u.needId)?.communityName ?? '',
        facility: (unmatchedNeeds.get(u.needId)?.need.facility ?? 'aed') as FacilityType,
        reason: u.reason as UnmatchedReason,
      })),
    };
  }

  /** The county confirms the proposal (four eyes: not whoever ran it); the needs are then matched. */
  async confirm(ctx: RequestContext, id: string): Promise<Round> {
    const r = await this.repo.round(id);
    if (!r) throw communitiesError('round_not_found');
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.exchangeConfirm, r.countyCode);
    await this.platform.db.transaction(async (tx) => {
      const locked = await this.repo.round(id, true);
      if (locked?.status !== 'proposed') throw communitiesError('round_not_proposed');
      await assertNotOwnWork(this.platform.db, ctx, { type: ROUND, id, editActions: RUN_ACTIONS });
      const pairs = await this.repo.pairsOf(id);
      await this.repo.confirmRound(
        id,
        actor.userId,
        this.platform.clock.now(),
        pairs.map((p) => p.need.id),
      );
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.exchange.round.confirm',
        objectType: ROUND,
        objectId: id,
        after: { pairs: pairs.length },
      });
    });
    return this.round(ctx, id);
  }
}

const toOffer = (r: typeof offerTable.$inferSelect): Offer => ({
  id: r.id,
  providerId: r.providerId,
  providerName: r.providerName,
  facility: r.facility as FacilityType,
  counties: r.counties,
  capacity: r.capacity,
  terms: r.terms,
  model: r.model,
  demo: r.isDemo,
  createdAt: r.createdAt.toISOString(),
});

const toNeed = (r: typeof needTable.$inferSelect, communityName: string, streetCode: string): Need => ({
  id: r.id,
  communityCode: r.communityCode,
  communityName,
  streetCode,
  countyCode: r.countyCode,
  facility: r.facility as FacilityType,
  priority: r.priority,
  note: r.note,
  status: r.status as Need['status'],
  demo: r.isDemo,
  createdAt: r.createdAt.toISOString(),
});

const toRoundSummary = (r: typeof matchRound.$inferSelect, countyName: string) => ({
  id: r.id,
  county: r.countyCode,
  countyName,
  streetFloor: r.streetFloor,
  providerCap: r.providerCap,
  status: r.status as Round['status'],
  solver: r.solver,
  needs: r.needs,
  served: r.served,
  floorShortfall: r.floorShortfall,
  demo: r.isDemo,
  createdAt: r.createdAt.toISOString(),
});
