import type { OrderStatus } from '@zhicheng/contracts/compute-network';

/**
 * Cards a centre may put on sale of one accelerator model: what its registry inventory holds, less the share its
 * latest approved monthly report says is in use. Rounded down: a card is either free or not.
 */
export function freeCards(inventoryCards: number, utilisationPct: number): number {
  const used = Math.min(100, Math.max(0, utilisationPct));
  return Math.max(0, Math.floor(inventoryCards * (1 - used / 100) + 1e-9));
}

/** Hours billed for a lease: what was used, at least the offer's minimum lease. */
export function billedCardHours(cards: number, usedCardHours: number, minLeaseHours: number): number {
  return Math.max(usedCardHours, cards * minLeaseHours);
}

/** Integer fen for card-hours at a price per card-hour (half up, as invoices round). */
export function amountFen(cardHours: number, priceFenPerCardHour: number): number {
  return Math.round(cardHours * priceFenPerCardHour);
}

/**
 * Effective cost of a workload on an accelerator: fen per 1,000 steps = price of the cards per second ÷ the
 * workload's steps per second on them. The fairest single figure to compare a cheap slow card with a dear fast one.
 */
export function fenPer1kSteps(priceFenPerCardHour: number, cards: number, stepsPerSecond: number): number {
  if (stepsPerSecond <= 0) return Number.POSITIVE_INFINITY;
  return ((priceFenPerCardHour * cards) / 3600 / stepsPerSecond) * 1000;
}

export type OrderActionName = 'confirm' | 'reject' | 'start' | 'bill' | 'cancel' | 'pay';

/**
 * The order's life: request → centre confirms (or rejects) → lease active → metered → billed → paid with proof.
 * The buyer may cancel, free, until the lease starts; after that the lease runs and is billed (at least the minimum
 * lease), so a started lease is never cancelled.
 */
export const ORDER_TRANSITIONS: Record<
  OrderActionName,
  { from: OrderStatus[]; to: OrderStatus; by: 'buyer' | 'supplier' }
> = {
  confirm: { from: ['requested'], to: 'confirmed', by: 'supplier' },
  reject: { from: ['requested'], to: 'rejected', by: 'supplier' },
  start: { from: ['confirmed'], to: 'active', by: 'supplier' },
  bill: { from: ['active'], to: 'billed', by: 'supplier' },
  cancel: { from: ['requested', 'confirmed'], to: 'cancelled', by: 'buyer' },
  pay: { from: ['billed'], to: 'paid', by: 'buyer' },
};

/** Card-hours a usage record may claim: no more than all the order's cards for the whole interval. */
export function plausibleCardHours(cards: number, from: Date, to: Date, cardHours: number): boolean {
  const hours = (to.getTime() - from.getTime()) / 3_600_000;
  return cardHours <= cards * hours + 1e-6;
}

/** A lease holding cards on an offer over [start, end). */
export interface Lease {
  start: Date;
  end: Date;
  cards: number;
}

/**
 * The most cards the leases hold at any one moment within [from, to) (all time without an interval). Held cards
 * change only where a lease starts, so the peak is found at the interval's start or at a lease's start inside it:
 * two leases that only touch (one ends as the other starts) never count together.
 */
export function peakCards(leases: Lease[], within?: { from: Date; to: Date }): number {
  const inside = within
    ? leases.filter((l) => l.start < within.to && l.end > within.from)
    : leases.filter((l) => l.end > l.start);
  const points = inside.map((l) => l.start.getTime());
  if (within) points.push(within.from.getTime());
  let peak = 0;
  for (const p of points) {
    if (within && (p < within.from.getTime() || p >= within.to.getTime())) continue;
    let n = 0;
    for (const l of inside) if (l.start.getTime() <= p && p < l.end.getTime()) n += l.cards;
    peak = Math.max(peak, n);
  }
  return peak;
}
