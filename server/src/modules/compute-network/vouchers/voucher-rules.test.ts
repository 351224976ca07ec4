import { describe, expect, it } from 'vitest';
import { affiliation, looksSplit, redemptionMismatches, subsidyFen, type PartyFacts } from './voucher-rules.ts';

const party = (over: Partial<PartyFacts> = {}): PartyFacts => ({
  creditCode: '91370100MA3C000001',
  legalRepDigest: 'rep-a',
  shareholderDigests: ['holder-x'],
  creditCodeDigest: 'code-a',
  ...over,
});
const supplier = party({
  creditCode: '91370200MA3C000002',
  legalRepDigest: 'rep-b',
  shareholderDigests: ['holder-y'],
  creditCodeDigest: 'code-b',
});

describe('voucher rules', () => {
  it('subsidises 5% of a contract, rounded down to whole fen', () => {
    expect(subsidyFen(1_000_000, 500)).toBe(50_000);
    expect(subsidyFen(19, 500)).toBe(0);
    expect(subsidyFen(101, 500)).toBe(5);
  });

  it('finds every kind of affiliation and none between strangers', () => {
    expect(affiliation(party(), supplier)).toBeNull();
    expect(affiliation(party({ creditCode: supplier.creditCode }), supplier)).toBe('same_credit_code');
    expect(affiliation(party({ legalRepDigest: 'rep-b' }), supplier)).toBe('same_legal_representative');
    expect(affiliation(party(), { ...supplier, shareholderDigests: ['code-a'] })).toBe('buyer_holds_supplier');
    expect(affiliation(party({ shareholderDigests: ['code-b'] }), supplier)).toBe('supplier_holds_buyer');
    expect(affiliation(party({ shareholderDigests: ['holder-y'] }), supplier)).toBe('common_shareholder');
  });

  it('flags a third contract between the same parties inside the window', () => {
    expect(looksSplit('2025-03-10', [{ signedOn: '2025-03-01' }], 90)).toBe(false);
    expect(looksSplit('2025-03-10', [{ signedOn: '2025-03-01' }, { signedOn: '2025-02-01' }], 90)).toBe(true);
    expect(looksSplit('2025-03-10', [{ signedOn: '2025-03-01' }, { signedOn: '2024-09-01' }], 90)).toBe(false);
  });

  it('cross-checks a redemption against the order', () => {
    const o = { status: 'paid', billedFen: 100_000, paymentReference: 'BANK-1', meteredCardHours: 200 };
    expect(
      redemptionMismatches({ invoiceAmountFen: 100_000, paymentReference: 'BANK-1', usageCardHours: 200.5 }, o),
    ).toEqual([]);
    const bad = redemptionMismatches({ invoiceAmountFen: 120_000, paymentReference: 'BANK-2', usageCardHours: 300 }, o);
    expect(bad.map((b) => b.field)).toEqual(['invoiceAmountFen', 'paymentReference', 'usageCardHours']);
    expect(
      redemptionMismatches(
        { invoiceAmountFen: 100_000, paymentReference: 'BANK-1', usageCardHours: 200 },
        { ...o, status: 'billed' },
      )[0]!.message,
    ).toBe('the order is not paid');
  });
});
