import crypto from 'node:crypto';
import {
  COMMUNITIES_PERMISSIONS as P,
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
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import type { DirectoryApi } from '../directory/index.ts';
import { communitiesError } from './communities.errors.ts';
import type { matchRound, need as needTable, offer as offerTable } from './communities.tables.ts';
import { ExchangeRepository } from './exchange.repository.ts';
import type { RegistryService } from './registry.service.ts';

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

export const toRoundSummary = (r: typeof matchRound.$inferSelect, countyName: string) => ({
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
