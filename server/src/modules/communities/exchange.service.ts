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
  type Agreement,
  type LinkProvider,
  type MatchPair,
  type Provider,
} from '@zhicheng/contracts/communities';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import type { DirectoryApi } from '../directory/index.ts';
import { communitiesError } from './communities.errors.ts';
import type { matchRound, need as needTable, offer as offerTable } from './communities.tables.ts';
import { ExchangeRepository } from './exchange.repository.ts';
import { matchRound as solveRound, type UnmatchedReason } from './matching.ts';
import type { RegistryService } from './registry.service.ts';

const ROUND = 'communities.match-round';
const RUN_ACTIONS = ['communities.exchange.round.run'] as const;
const FACILITY_NAME = new Map<string, string>(FACILITY_TYPES.map((f) => [f[0], f[1]]));

/** 便民设施供需对接: enterprises offer, communities post needs, the county runs and confirms a matching round. */
export class ExchangeService {
  readonly repo: ExchangeRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly registry: RegistryService,
    private readonly directory: DirectoryApi,
  ) {
    this.repo = new ExchangeRepository(platform.db);
  }

  /**
   * An enterprise account links its organisation to its entry in the directory's 服务商库 by credit code: the
   * directory must list it under the same name the system admin gave the account's organisation, without a
   * dishonesty record in force, and no other organisation may have linked it.
   */
  async linkProvider(ctx: RequestContext, input: LinkProvider): Promise<Provider> {
    this.platform.authz.require(ctx.actor, P.exchangeOffer);
    const actor = ctx.actor;
    const field = [{ path: 'creditCode', message: 'credit code' }];
    const e = await this.directory.orgEligibility(input.creditCode);
    if (!e.known || !e.orgId || !e.name) throw communitiesError('provider_unknown', undefined, field);
    if (!e.eligible) throw communitiesError('provider_dishonest', undefined, field);
    const own = await this.repo.organisationName(actor.organisationId);
    if (own !== e.name) throw communitiesError('provider_name_mismatch', undefined, field);
    await this.platform.db.transaction(async (tx) => {
      const mine = await this.repo.provider(actor.organisationId);
      if (mine?.directoryOrgId === e.orgId) return;
      const taken = await this.repo.providerByDirectoryOrg(e.orgId!);
      if (taken || mine) throw communitiesError('provider_taken', undefined, field);
      await this.repo.insertProvider({
        organisationId: actor.organisationId,
        directoryOrgId: e.orgId!,
        creditCode: input.creditCode,
        name: e.name!,
        linkedBy: actor.userId,
        linkedAt: this.platform.clock.now(),
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.exchange.provider.link',
        objectType: 'communities.provider',
        objectId: actor.organisationId,
        after: { creditCode: input.creditCode, directoryOrgId: e.orgId },
      });
    });
    return (await this.providerOf(actor))!;
  }

  /** The caller's provider link with its eligibility today, or null before linking. */
  async providerOf(actor: Actor): Promise<Provider | null> {
    const p = await this.repo.provider(actor.organisationId);
    if (!p) return null;
    const e = await this.directory.orgEligibility(p.creditCode);
    return {
      directoryOrgId: p.directoryOrgId,
      creditCode: p.creditCode,
      name: p.name,
      eligible: e.eligible,
      linkedAt: p.linkedAt.toISOString(),
    };
  }

  /** Providers (by organisation) under a dishonesty record in force today. */
  async barredProviders(organisationIds: string[]): Promise<Set<string>> {
    const links = await this.repo.providersOf([...new Set(organisationIds)]);
    const checks = await Promise.all(
      links.map(async (l) => [l, await this.directory.orgEligibility(l.creditCode)] as const),
    );
    return new Set(checks.filter(([, e]) => !e.eligible).map(([l]) => l.organisationId));
  }

  async createOffer(ctx: RequestContext, input: CreateOffer): Promise<Offer> {
    this.platform.authz.require(ctx.actor, P.exchangeOffer);
    const provider = await this.providerOf(ctx.actor);
    if (!provider) throw communitiesError('provider_not_linked');
    if (!provider.eligible) throw communitiesError('provider_dishonest');
    const known = await this.regions.nameOf(input.counties);
    const unknown = input.counties.findIndex((c) => !known.has(c));
    if (unknown >= 0)
      throw communitiesError('community_unknown_code', { zh: '县级区划不存在', en: 'Unknown county' }, [
        { path: `counties.${unknown}`, message: 'unknown county' },
      ]);
    const row = {
      id: crypto.randomUUID(),
      providerId: ctx.actor.organisationId,
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
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.exchangeRead, county);
    const [needs, offers, rounds] = await Promise.all([
      this.repo.needsOf(county),
      this.repo.offersFor(county),
      this.repo.roundsOf(county),
    ]);
    const name = (await this.regions.nameOf([county])).get(county) ?? county;
    // A provider sees the county's needs (what it could offer) but only its own offers.
    const own = isProvider(actor) ? offers.filter((o) => o.providerId === actor.organisationId) : offers;
    return {
      needs: needs.map((n) => toNeed(n.need, n.communityName, n.streetCode)),
      offers: own.map(toOffer),
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
      const barred = await this.barredProviders(offers.map((o) => o.providerId));
      // A provider under a dishonesty record in force (directory) takes no new work: its capacity counts as none.
      const left = offers.map((o) => ({
        ...o,
        left: barred.has(o.providerId) ? 0 : o.capacity - (used.get(o.id) ?? 0),
      }));
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
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.exchangeRead, r.countyCode);
    const all = await this.repo.pairsOf(id);
    // A provider sees its own pairs only, and not the other needs' reasons (they name other providers' capacity).
    const provider = isProvider(actor);
    const pairs = provider ? all.filter((x) => x.offer.providerId === actor.organisationId) : all;
    if (provider) r.unmatched = [];
    const unmatchedNeeds = new Map(
      (await this.repo.needsByIds(r.unmatched.map((u) => u.needId))).map((n) => [n.need.id, n]),
    );
    const name = (await this.regions.nameOf([r.countyCode])).get(r.countyCode) ?? r.countyCode;
    return {
      ...toRoundSummary(r, name),
      pairs: pairs.map(toPair),
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

/** Enterprise accounts see the exchange as a provider: their own offers and pairs only. */
export const isProvider = (actor: Actor) => actor.permissions.has(P.exchangeOffer);

type PairRow = Awaited<ReturnType<ExchangeRepository['pairsOf']>>[number];

export const toPair = (x: PairRow): MatchPair => ({
  id: x.match.id,
  needId: x.need.id,
  offerId: x.offer.id,
  communityName: x.communityName,
  streetCode: x.streetCode,
  facility: x.need.facility as FacilityType,
  priority: x.need.priority,
  providerName: x.offer.providerName,
  status: x.match.status as MatchPair['status'],
  explanation: x.match.explanation,
  agreedAt: x.match.agreedAt?.toISOString() ?? null,
  installedOn: x.match.installedOn,
  stoppedOn: x.match.stoppedOn,
  satisfaction: { answers: x.answers, mean: x.mean === null ? null : Math.round(x.mean * 100) / 100 },
});

export const toAgreement = (x: PairRow): Agreement => ({
  ...toPair(x),
  roundId: x.match.roundId,
  communityCode: x.need.communityCode,
  countyCode: x.need.countyCode,
  model: x.offer.model,
});

export const toOffer = (r: typeof offerTable.$inferSelect): Offer => ({
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
