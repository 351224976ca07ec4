/**
 * The county's adjustment of a proposed round, checked against the same constraints the solver kept: an offer may
 * take a need only for the same facility, in a county it serves, with capacity left and its provider under the
 * round's share cap, and not while the provider is barred (失信). Pure: the service gathers the state.
 */

export interface AdjustOffer {
  id: string;
  providerId: string;
  facility: string;
  counties: string[];
  /** Capacity minus what other rounds hold (confirmed, agreed, installed). */
  free: number;
  /** False while a dishonesty record is in force. */
  eligible: boolean;
}

export interface AdjustState {
  county: string;
  providerCap: number;
  /** The round's needs (its share cap is counted against them, as the solver did). */
  needs: number;
  /** The round's current pairs. */
  pairs: { id: string; needId: string; offerId: string; providerId: string }[];
}

export type AdjustRefusal = 'same_offer' | 'facility' | 'county' | 'barred' | 'capacity' | 'share_cap';

/** What a refusal says, naming the field it is about. */
export const REFUSALS: Record<AdjustRefusal, { zh: string; en: string }> = {
  same_offer: { zh: '该需求已配给此供给', en: 'The need is already paired with this offer' },
  facility: { zh: '供给的设施类型与需求不同', en: 'The offer is for another facility' },
  county: { zh: '该企业供给不服务本县', en: 'The offer does not serve this county' },
  barred: { zh: '该企业有效期内有失信记录', en: 'The provider has a dishonesty record in force' },
  capacity: { zh: '该供给本轮已无剩余容量', en: 'The offer has no capacity left in this round' },
  share_cap: { zh: '该企业已达本轮单一企业占比上限', en: 'The provider is at the round’s share cap' },
};

/** Most pairs one provider may hold in a round: the share cap times the round's needs, rounded down. */
export const providerMax = (providerCap: number, needs: number) => Math.floor(providerCap * needs + 1e-9);

/** Capacity of an offer left with the round's pairs (one pair may be left out: the one being moved). */
export const offerLeft = (offer: AdjustOffer, pairs: AdjustState['pairs'], except?: string) =>
  offer.free - pairs.filter((p) => p.offerId === offer.id && p.id !== except).length;

/** Whether `offer` may take `need` (currently in pair `current`, if any); the first constraint it breaks, or null. */
export function reassignRefusal(
  state: AdjustState,
  need: { facility: string },
  offer: AdjustOffer,
  current?: { id: string; offerId: string; providerId: string },
): AdjustRefusal | null {
  if (current?.offerId === offer.id) return 'same_offer';
  if (offer.facility !== need.facility) return 'facility';
  if (!offer.counties.includes(state.county)) return 'county';
  if (!offer.eligible) return 'barred';
  if (offerLeft(offer, state.pairs, current?.id) < 1) return 'capacity';
  const held = state.pairs.filter((p) => p.providerId === offer.providerId && p.id !== current?.id).length;
  if (held + 1 > providerMax(state.providerCap, state.needs)) return 'share_cap';
  return null;
}

/**
 * A street's shortfall against the floor after an adjustment: the floor (at most the street's needs that some offer
 * could serve) minus the needs served there, never below zero.
 */
export const streetShortfall = (floor: number, servable: number, served: number) =>
  Math.max(0, Math.min(floor, servable) - served);
