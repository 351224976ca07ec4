import crypto from 'node:crypto';
import {
  COMMUNITIES_PERMISSIONS as P,
  FACILITY_TYPES,
  RunRound,
  type AdjustRound,
  type FacilityType,
  type Round,
  type RoundAdjustment,
  type RoundOffer,
  type UnmatchedReasonCode,
} from '@zhicheng/contracts/communities';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { providerMax, REFUSALS, reassignRefusal, streetShortfall, type AdjustOffer } from './adjust.ts';
import { communitiesError } from './communities.errors.ts';
import type { matchRound } from './communities.tables.ts';
import { isProvider, toPair, toRoundSummary, type ExchangeService } from './exchange.service.ts';
import { matchRound as solveRound } from './matching.ts';

const ROUND = 'communities.match-round';
/** What counts as editing a round for four eyes: whoever ran or adjusted it cannot confirm it. */
const EDIT_ACTIONS = ['communities.exchange.round.run', 'communities.exchange.round.adjust'] as const;
const FACILITY_NAME = new Map<string, string>(FACILITY_TYPES.map((f) => [f[0], f[1]]));
type RoundRow = typeof matchRound.$inferSelect;

/**
 * The county's matching rounds (供需对接活动): the platform proposes (HiGHS), the county adjusts the proposal pair by
 * pair with reasons, an approver who neither ran nor adjusted it confirms the adjusted round.
 */
export class RoundsService {
  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly exchange: ExchangeService,
  ) {}

  private get repo() {
    return this.exchange.repo;
  }

  /** Proposes an assignment of the county's open needs to the offers with capacity left, solved by HiGHS. */
  async run(ctx: RequestContext, input: RunRound): Promise<Round> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.exchangeRun, input.county);
    const p = RunRound.parse(input);
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      const needs = await this.repo.needsOf(p.county, 'open');
      const left = await this.offersLeft(p.county);
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
        action: EDIT_ACTIONS[0],
        objectType: ROUND,
        objectId: id,
        after: { county: p.county, streetFloor: p.streetFloor, providerCap: p.providerCap, served: r.pairs.length },
      });
    });
    return this.round(ctx, id);
  }

  /** The county's offers with what other rounds left of them; a barred provider's count as none. */
  private async offersLeft(county: string) {
    const offers = await this.repo.offersFor(county);
    const used = await this.repo.usedByOffer(offers.map((o) => o.id));
    const barred = await this.exchange.barredProviders(offers.map((o) => o.providerId));
    return offers.map((o) => ({
      ...o,
      eligible: !barred.has(o.providerId),
      left: barred.has(o.providerId) ? 0 : o.capacity - (used.get(o.id) ?? 0),
    }));
  }

  async round(ctx: RequestContext, id: string): Promise<Round> {
    const r = await this.repo.round(id);
    if (!r) throw communitiesError('round_not_found');
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.exchangeRead, r.countyCode);
    const all = await this.repo.pairsOf(id);
    // A provider sees its own pairs only, and not the other needs' reasons (they name other providers' capacity).
    const provider = isProvider(actor);
    const mine = (providerId: string | null) => !provider || providerId === actor.organisationId;
    const pairs = all.filter((x) => mine(x.offer.providerId));
    if (provider) r.unmatched = [];
    const unmatchedNeeds = new Map(
      (await this.repo.needsByIds(r.unmatched.map((u) => u.needId))).map((n) => [n.need.id, n]),
    );
    const name = (await this.regions.nameOf([r.countyCode])).get(r.countyCode) ?? r.countyCode;
    const offers = (await this.offersLeft(r.countyCode)).filter((o) => mine(o.providerId));
    const adjustments = (await this.repo.adjustmentsOf(id)).filter((a) => mine(a.fromProvider) || mine(a.toProvider));
    return {
      ...toRoundSummary(r, name),
      pairs: pairs.map(toPair),
      unmatched: r.unmatched.map((u) => {
        const n = unmatchedNeeds.get(u.needId);
        return {
          needId: u.needId,
          communityName: n?.communityName ?? '',
          streetCode: n?.streetCode ?? '',
          facility: (n?.need.facility ?? 'aed') as FacilityType,
          priority: n?.need.priority ?? 1,
          reason: u.reason as UnmatchedReasonCode,
        };
      }),
      adjustments: adjustments.map((a): RoundAdjustment => ({
        id: a.a.id,
        action: a.a.action as RoundAdjustment['action'],
        needId: a.a.needId,
        communityName: a.communityName,
        facility: a.facility as FacilityType,
        fromProvider: a.from,
        toProvider: a.to,
        reason: a.a.reason,
        by: a.by ?? '',
        at: a.a.adjustedAt.toISOString(),
      })),
      offers: offers.map((o): RoundOffer => ({
        id: o.id,
        providerId: o.providerId,
        providerName: o.providerName,
        facility: o.facility as FacilityType,
        capacity: o.capacity,
        // While proposed, this round's own pairs hold capacity too (once confirmed they are among the used).
        left: Math.max(0, o.left - (r.status === 'proposed' ? all.filter((x) => x.offer.id === o.id).length : 0)),
        eligible: o.eligible,
      })),
      providerMax: providerMax(r.providerCap, r.needs),
    };
  }

  /**
   * The county adjusts a proposed round (its runner or another operator of the county): drops a pair, or reassigns a
   * need of the round to another offer. Refused, naming the field, when the offer would break the facility, service
   * area, capacity, share cap or a dishonesty bar; the street floors are re-measured for the street touched.
   */
  async adjust(ctx: RequestContext, id: string, input: AdjustRound): Promise<Round> {
    const first = await this.repo.round(id);
    if (!first) throw communitiesError('round_not_found');
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.exchangeRun, first.countyCode);
    await this.platform.db.transaction(async (tx) => {
      const r = (await this.repo.round(id, true))!;
      if (r.status !== 'proposed') throw communitiesError('round_not_proposed');
      const pairs = await this.repo.pairsOf(id);
      let unmatched = r.unmatched;
      let served = r.served;
      let needId: string;
      let fromOfferId: string | null = null;
      let toOfferId: string | null = null;
      if (input.action === 'drop') {
        const p = pairs.find((x) => x.match.id === input.pairId);
        if (!p) throw refused('pairId', { zh: '不是本轮的配对', en: 'not a pair of this round' });
        await this.repo.deleteProposedPair(p.match.id);
        needId = p.need.id;
        fromOfferId = p.offer.id;
        unmatched = [...unmatched.filter((u) => u.needId !== needId), { needId, reason: 'dropped' }];
        served -= 1;
      } else {
        needId = input.needId;
        const current = pairs.find((x) => x.need.id === needId);
        if (!current && !unmatched.some((u) => u.needId === needId))
          throw refused('needId', { zh: '不是本轮的需求', en: 'not a need of this round' });
        const [n] = await this.repo.needsByIds([needId]);
        if (n?.need.status !== 'open')
          throw refused('needId', { zh: '该需求已在其他轮次撮合', en: 'matched in another round already' });
        const o = await this.repo.offerById(input.offerId);
        if (!o) throw refused('offerId', { zh: '供给不存在', en: 'no such offer' });
        const used = (await this.repo.usedByOffer([o.id])).get(o.id) ?? 0;
        const barred = await this.exchange.barredProviders([o.providerId]);
        const offer: AdjustOffer = {
          id: o.id,
          providerId: o.providerId,
          facility: o.facility,
          counties: o.counties,
          free: o.capacity - used,
          eligible: !barred.has(o.providerId),
        };
        const state = {
          county: r.countyCode,
          providerCap: r.providerCap,
          needs: r.needs,
          pairs: pairs.map((x) => ({
            id: x.match.id,
            needId: x.need.id,
            offerId: x.offer.id,
            providerId: x.offer.providerId,
          })),
        };
        const cur = current && {
          id: current.match.id,
          offerId: current.offer.id,
          providerId: current.offer.providerId,
        };
        const why = reassignRefusal(state, n.need, offer, cur);
        if (why) throw refused('offerId', REFUSALS[why]);
        const f = FACILITY_NAME.get(o.facility) ?? o.facility;
        const was = current?.offer.providerName;
        const explanation = {
          zh: `县级调整:${input.reason}(原方案:${was ?? '本轮未排上'})。${o.providerName}提供「${f}」、服务本县,调整后该供给剩余容量${offer.free - state.pairs.filter((x) => x.offerId === o.id).length - 1},未超出单一企业占比上限。`,
          en: `Adjusted by the county: ${input.reason} (proposed: ${was ?? 'not served'}). ${o.providerName} offers ${o.facility} in this county, with capacity left after this and within the provider share cap.`,
        };
        if (current) await this.repo.setPair(current.match.id, { offerId: o.id, explanation });
        else {
          await this.repo.insertPair({
            id: crypto.randomUUID(),
            roundId: id,
            needId,
            offerId: o.id,
            status: 'proposed',
            explanation,
          });
          unmatched = unmatched.filter((u) => u.needId !== needId);
          served += 1;
        }
        fromOfferId = current?.offer.id ?? null;
        toOfferId = o.id;
      }
      const floorShortfall = await this.remeasureFloor(r, needId, unmatched);
      await this.repo.setRound(id, { unmatched, served, floorShortfall });
      const adjustment = {
        id: crypto.randomUUID(),
        roundId: id,
        action: input.action,
        needId,
        fromOfferId,
        toOfferId,
        reason: input.reason,
        adjustedBy: actor.userId,
        adjustedAt: this.platform.clock.now(),
      };
      await this.repo.insertAdjustment(adjustment);
      await this.platform.audit.record(tx, ctx, {
        action: EDIT_ACTIONS[1],
        objectType: ROUND,
        objectId: id,
        after: { action: input.action, needId, fromOfferId, toOfferId, reason: input.reason },
      });
    });
    return this.round(ctx, id);
  }

  /** The floor of the adjusted need's street, measured again on the round as it now stands. */
  private async remeasureFloor(r: RoundRow, needId: string, unmatched: RoundRow['unmatched']) {
    const pairs = await this.repo.pairsOf(r.id);
    const [n] = await this.repo.needsByIds([needId]);
    const street = n!.streetCode;
    const others = await this.repo.needsByIds(unmatched.map((u) => u.needId));
    const servableOpen = others.filter(
      (x) => x.streetCode === street && unmatched.find((u) => u.needId === x.need.id)?.reason !== 'no_offer',
    ).length;
    const servedHere = pairs.filter((x) => x.streetCode === street).length;
    const short = streetShortfall(r.streetFloor, servableOpen + servedHere, servedHere);
    const out = { ...r.floorShortfall };
    if (short > 0) out[street] = short;
    else delete out[street];
    return out;
  }

  /** The county confirms the (adjusted) proposal (four eyes: not whoever ran or adjusted it); needs are then matched. */
  async confirm(ctx: RequestContext, id: string): Promise<Round> {
    const r = await this.repo.round(id);
    if (!r) throw communitiesError('round_not_found');
    const actor: Actor = await this.platform.authz.assertCovers(ctx.actor, P.exchangeConfirm, r.countyCode);
    await this.platform.db.transaction(async (tx) => {
      const locked = await this.repo.round(id, true);
      if (locked?.status !== 'proposed') throw communitiesError('round_not_proposed');
      await assertNotOwnWork(this.platform.db, ctx, { type: ROUND, id, editActions: EDIT_ACTIONS });
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

/** An adjustment refused: 422 naming the field and the constraint; nothing was written. */
const refused = (path: string, why: { zh: string; en: string }) =>
  communitiesError('adjust_refused', why, [{ path, message: why.en }]);
