import {
  COMMUNITIES_PERMISSIONS as P,
  FACILITY_TYPES,
  type AgreeMatch,
  type Agreement,
  type InstallMatch,
  type InstallResult,
  type Outcomes,
  type ProviderPortal,
  type StopMatch,
  type Suggestions,
} from '@zhicheng/contracts/communities';
import type { SatisfactionAnswered } from '@zhicheng/contracts/participation';
import { invalidField } from '../../platform/http/errors.ts';
import { systemContext, type RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { ParticipationApi } from '../participation/index.ts';
import type { RegionsService } from '../regions/index.ts';
import { communitiesError } from './communities.errors.ts';
import { type ExchangeService, toAgreement, toOffer } from './exchange.service.ts';
import { outcomeOf, outcomesBy, type NeedOutcome } from './outcomes.ts';
import { regionPrefix } from './region-prefix.ts';
import { FACILITY_WORDS, suggestFacilities } from './suggestions.ts';
import { chinaDay } from '../../platform/clock/index.ts';

export { chinaDay };

const PAIR = 'communities.match';
const FACILITY = new Map<string, { name: string; domain: string }>(
  FACILITY_TYPES.map((f) => [f[0], { name: f[1], domain: f[2] }]),
);
/** The day in China (UTC+8): what "installed on" and "posted on" mean to the people recording them. */

/**
 * After a county confirms its round: the provider agrees (or declines), the community worker records the facility
 * installed (落地) and residents are asked through participation's satisfaction follow-up; the outcomes are public.
 */
export class AgreementsService {
  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly exchange: ExchangeService,
    private readonly participation: ParticipationApi,
  ) {}

  private get repo() {
    return this.exchange.repo;
  }

  /** The provider portal: the caller's own link, offers and agreements, nobody else's. */
  async portal(ctx: RequestContext): Promise<ProviderPortal> {
    this.platform.authz.require(ctx.actor, P.exchangeOffer);
    const org = ctx.actor.organisationId;
    const [provider, offers, pairs] = await Promise.all([
      this.exchange.providerOf(ctx.actor),
      this.repo.offersOf(org),
      this.repo.providerPairs(org),
    ]);
    return {
      provider,
      offers: offers.map(toOffer),
      agreements: pairs.map(toAgreement),
    };
  }

  /** The provider answers a confirmed pair of its own offer: agree, or decline (the need is open again). */
  async agree(ctx: RequestContext, id: string, input: AgreeMatch): Promise<Agreement> {
    this.platform.authz.require(ctx.actor, P.exchangeOffer);
    const actor = ctx.actor;
    await this.platform.db.transaction(async (tx) => {
      const x = await this.repo.pair(id, true);
      // Another provider's pair is not found, not forbidden: its existence is not the caller's business.
      if (!x || x.offer.providerId !== actor.organisationId) throw communitiesError('match_not_found');
      if (x.match.status !== 'confirmed') throw communitiesError('match_wrong_status');
      const accept = input.accept;
      await this.repo.setPair(id, {
        status: accept ? 'agreed' : 'declined',
        agreedBy: actor.userId,
        agreedAt: this.platform.clock.now(),
      });
      await this.repo.setNeedStatus(x.need.id, accept ? 'agreed' : 'open');
      await this.platform.audit.record(tx, ctx, {
        action: accept ? 'communities.exchange.pair.agree' : 'communities.exchange.pair.decline',
        objectType: PAIR,
        objectId: id,
        before: { status: x.match.status },
        after: { status: accept ? 'agreed' : 'declined', note: input.note ?? '' },
      });
    });
    return this.pairFor(id);
  }

  /**
   * The community's worker (or its county) records the facility installed; residents are then asked about it through
   * participation's follow-up (given phones, and the county campaign's respondents who asked for such a facility).
   */
  async install(ctx: RequestContext, id: string, input: InstallMatch & { phones: string[] }): Promise<InstallResult> {
    const first = await this.repo.pair(id);
    if (!first) throw communitiesError('match_not_found');
    await this.platform.authz.assertCovers(ctx.actor, P.selfReport, first.need.communityCode);
    const today = chinaDay(this.platform.clock.now());
    if (input.installedOn > today) throw invalidField('installedOn', '不能晚于今天', 'not after today');
    if (input.installedOn < chinaDay(first.need.createdAt))
      throw invalidField('installedOn', '不能早于需求提出日', 'not before the need was posted');
    const facility = FACILITY.get(first.need.facility)!;
    let followups: InstallResult['followups'] = { created: 0, links: [] };
    await this.platform.db.transaction(async (tx) => {
      const x = await this.repo.pair(id, true);
      if (x?.match.status !== 'agreed') throw communitiesError('match_wrong_status');
      await this.repo.setPair(id, {
        status: 'installed',
        installedBy: ctx.actor!.userId,
        installedOn: input.installedOn,
      });
      await this.repo.setNeedStatus(x.need.id, 'installed');
      const words = input.askRespondents ? [...FACILITY_WORDS[x.need.facility as keyof typeof FACILITY_WORDS]] : [];
      if (input.phones.length || words.length) {
        const county = (await this.regions.nameOf([x.need.countyCode])).get(x.need.countyCode) ?? x.need.countyCode;
        // The module authorized its user above; participation's follow-up runs as the platform (its own staff
        // permission is not the community worker's), inside this transaction, so the pair and its asks land together.
        followups = await this.participation.createSatisfactionFollowup(systemContext('communities.install'), {
          subject: {
            module: 'communities',
            objectType: 'match',
            objectId: id,
            title: `${x.communityName}${facility.name}`,
          },
          regionCode: x.need.communityCode,
          department: `${county}便民设施供需对接`,
          note: `${x.offer.providerName}已于${input.installedOn}在${x.communityName}安装「${facility.name}」,请评价使用体验。`,
          phones: input.phones.length ? input.phones : undefined,
          demandWords: words.length ? words : undefined,
        });
        await this.repo.setPair(id, { followups: followups.created });
      }
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.exchange.pair.install',
        objectType: PAIR,
        objectId: id,
        before: { status: 'agreed' },
        after: { status: 'installed', installedOn: input.installedOn, followups: followups.created },
      });
    });
    return { pair: await this.pairFor(id), followups };
  }

  /** The service stopped running (what "still running after a year" counts against). */
  async stop(ctx: RequestContext, id: string, input: StopMatch): Promise<Agreement> {
    const first = await this.repo.pair(id);
    if (!first) throw communitiesError('match_not_found');
    await this.platform.authz.assertCovers(ctx.actor, P.selfReport, first.need.communityCode);
    if (input.stoppedOn > chinaDay(this.platform.clock.now()))
      throw invalidField('stoppedOn', '不能晚于今天', 'not after today');
    await this.platform.db.transaction(async (tx) => {
      const x = await this.repo.pair(id, true);
      if (x?.match.status !== 'installed' || x.match.stoppedOn) throw communitiesError('match_wrong_status');
      if (input.stoppedOn < x.match.installedOn!)
        throw invalidField('stoppedOn', '不能早于安装日', 'not before installation');
      await this.repo.setPair(id, { stoppedOn: input.stoppedOn });
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.exchange.pair.stop',
        objectType: PAIR,
        objectId: id,
        after: { stoppedOn: input.stoppedOn },
      });
    });
    return this.pairFor(id);
  }

  /** A community's pairs (its worker sees how its needs went and acts on them). */
  async ofCommunity(ctx: RequestContext, code: string): Promise<Agreement[]> {
    await this.platform.authz.assertCovers(ctx.actor, P.exchangeRead, code);
    return (await this.repo.communityPairs(code)).map(toAgreement);
  }

  /** participation.satisfaction-answered: a resident answered about an installed facility. */
  async recordSatisfaction(e: SatisfactionAnswered): Promise<boolean> {
    if (e.subject.module !== 'communities' || e.subject.objectType !== 'match') return false;
    return this.repo.insertSatisfaction({
      followupId: e.followupId,
      matchId: e.subject.objectId,
      satisfaction: e.satisfaction,
      answeredAt: new Date(e.answeredAt),
    });
  }

  /** Public: fill rate, days to installation, satisfaction and survival, by county, provider, model and domain. */
  async outcomes(region: string): Promise<Outcomes> {
    const names = await this.regions.nameOf([region]);
    if (!names.has(region)) throw invalidField('region', '区划不存在', 'unknown region');
    const raw = await this.repo.outcomeRows(regionPrefix(region));
    const rows: NeedOutcome[] = raw.map((r) => ({
      county: r.county,
      postedOn: chinaDay(r.createdAt),
      matched: r.status !== null,
      provider: r.providerId ? { id: r.providerId, name: r.providerName! } : null,
      model: r.model,
      domain: FACILITY.get(r.facility)?.domain ?? '其他',
      installedOn: r.installedOn,
      stoppedOn: r.stoppedOn,
      satisfactionSum: r.sum,
      satisfactionAnswers: r.answers,
    }));
    const today = chinaDay(this.platform.clock.now());
    const counties = await this.regions.nameOf([...new Set(rows.map((r) => r.county))]);
    return {
      region,
      regionName: names.get(region)!,
      total: outcomeOf(region, names.get(region)!, rows, today),
      byCounty: outcomesBy(rows, (r) => ({ key: r.county, name: counties.get(r.county) ?? r.county }), today),
      byProvider: outcomesBy(rows, (r) => (r.provider ? { key: r.provider.id, name: r.provider.name } : null), today),
      byModel: outcomesBy(rows, (r) => (r.model ? { key: r.model, name: r.model } : null), today),
      byDomain: outcomesBy(rows, (r) => ({ key: r.domain, name: r.domain }), today),
      demo: raw.some((r) => r.isDemo),
    };
  }

  /** Facilities suggested to a community from its county's 问需于民 demand topics. */
  async suggestions(ctx: RequestContext, code: string): Promise<Suggestions> {
    await this.platform.authz.assertCovers(ctx.actor, P.selfReport, code);
    const county = code.slice(0, 6);
    const [topics, open] = await Promise.all([
      this.participation.demandTopics(county, { limit: 12 }),
      this.repo.openFacilities(code),
    ]);
    return {
      county,
      items: suggestFacilities(topics).map((s) => ({ ...s, alreadyPosted: open.has(s.facility) })),
    };
  }

  private async pairFor(id: string): Promise<Agreement> {
    const x = await this.repo.pair(id);
    return toAgreement(x!);
  }
}
