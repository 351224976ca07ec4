import type { RuleResult, VoucherRule } from '@zhicheng/contracts/compute-network';

/** The subsidy on an amount: the policy's share (basis points), rounded down to whole fen. */
export function subsidyFen(amountFen: number, ratioBasisPoints: number): number {
  return Math.floor((amountFen * ratioBasisPoints) / 10_000);
}

/** What the affiliation rule compares; digests so names and shareholders are compared without being stored plain. */
export interface PartyFacts {
  creditCode: string;
  legalRepDigest: string;
  /** Digests of the shareholders (credit codes of companies, names of people). */
  shareholderDigests: string[];
  /** The digest of the party's own credit code as a shareholder entry would read it. */
  creditCodeDigest: string;
}

/**
 * Affiliated (关联方): the same registration, the same legal representative, one party a shareholder of the other, or
 * a shareholder in common. Returns which link was found, or null.
 */
export function affiliation(buyer: PartyFacts, supplier: PartyFacts): string | null {
  if (buyer.creditCode === supplier.creditCode) return 'same_credit_code';
  if (buyer.legalRepDigest === supplier.legalRepDigest) return 'same_legal_representative';
  if (supplier.shareholderDigests.includes(buyer.creditCodeDigest)) return 'buyer_holds_supplier';
  if (buyer.shareholderDigests.includes(supplier.creditCodeDigest)) return 'supplier_holds_buyer';
  const s = new Set(supplier.shareholderDigests);
  if (buyer.shareholderDigests.some((d) => s.has(d))) return 'common_shareholder';
  return null;
}

/**
 * A split contract: three or more contracts between the same buyer and supplier inside the policy's window (this one
 * included). Splitting a purchase into small contracts is the usual way round per-contract review; it is flagged for
 * the bureau, not refused, since repeat purchases are also legitimate.
 */
export function looksSplit(signedOn: string, others: { signedOn: string }[], windowDays: number): boolean {
  const t = Date.parse(signedOn);
  const near = others.filter((o) => Math.abs(Date.parse(o.signedOn) - t) <= windowDays * 86_400_000);
  return near.length >= 2;
}

export const result = (rule: VoucherRule, ok: boolean, detail?: string, flag?: boolean): RuleResult => ({
  rule,
  ok,
  ...(detail ? { detail } : {}),
  ...(flag ? { flag } : {}),
});

/** Cross-checks of a redemption against the order: invoice = bill, payment = the order's proof, usage = metering. */
export function redemptionMismatches(
  r: { invoiceAmountFen: number; paymentReference: string; usageCardHours: number },
  o: { status: string; billedFen: number | null; paymentReference: string | null; meteredCardHours: number },
): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (o.status !== 'paid') out.push({ field: 'paymentReference', message: 'the order is not paid' });
  if (o.billedFen !== r.invoiceAmountFen)
    out.push({ field: 'invoiceAmountFen', message: `the order was billed ${o.billedFen ?? 0} fen` });
  if (o.paymentReference !== r.paymentReference)
    out.push({ field: 'paymentReference', message: 'differs from the payment recorded on the order' });
  // Metering is a float of card-hours; half a percent absorbs rounding in the centre's own export.
  if (Math.abs(o.meteredCardHours - r.usageCardHours) > Math.max(0.01, o.meteredCardHours * 0.005))
    out.push({ field: 'usageCardHours', message: `the centre metered ${o.meteredCardHours} card-hours` });
  return out;
}
