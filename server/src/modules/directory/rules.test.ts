import { describe, expect, it } from 'vitest';
import { exclusionOf, regionsOverlap, sameParty, sameRegion, threeYearsBefore, type PoolExpert } from './conflicts.ts';
import { aliasOf, drawKey, initialPicks, nextPick, rerunMatches, ticket } from './draw-rule.ts';

const base: PoolExpert = {
  id: 'e1',
  code: 'ZJ-0001',
  fields: ['data-governance'],
  unitName: '山东大学',
  unitCreditCode: null,
  regionCode: '370200',
  available: true,
  unavailableUntil: null,
  hasAccount: true,
  relations: [],
};
const object = {
  regionCode: '370102',
  units: [{ name: '历下区大数据局' }],
  companies: [{ name: '浪潮软件股份有限公司', creditCode: '91370000163040000X'.slice(0, 18) }],
};
const day = '2026-11-30';
const judge = (e: Partial<PoolExpert>, rule: 'none' | 'same_city' | 'same_county' = 'same_city', account = false) =>
  exclusionOf({ ...base, ...e }, object, rule, day, account)?.reason ?? null;

describe('conflict rules (each with an excluded case)', () => {
  it('lets an unrelated expert of another city through', () => expect(judge({})).toBeNull());

  it('excludes the same unit, by name (full-width and spaces folded) or by credit code', () => {
    expect(judge({ unitName: '历下区 大数据局' })).toBe('same_unit');
    expect(judge({ unitName: '浪潮软件(山东)', unitCreditCode: object.companies[0]!.creditCode })).toBe('same_unit');
    expect(sameParty({ name: 'ＡＢＣ公司' }, { name: 'abc公司' })).toBe(true);
    // Codes decide when both have one: a namesake with another code is another company.
    expect(sameParty({ name: '浪潮软件股份有限公司', creditCode: '91370100MA3C000001' }, object.companies[0]!)).toBe(
      false,
    );
  });

  it('excludes the same region by the rule: city and county, county only, or none', () => {
    expect(judge({ regionCode: '370100' })).toBe('same_region');
    expect(judge({ regionCode: '370103' })).toBe('same_region');
    expect(judge({ regionCode: '370103' }, 'same_county')).toBeNull();
    expect(judge({ regionCode: '370102' }, 'same_county')).toBe('same_region');
    expect(judge({ regionCode: '370102' }, 'none')).toBeNull();
    // The province is everyone's: a provincial expert is never local.
    expect(judge({ regionCode: '370000' })).toBeNull();
    expect(sameRegion('370000', '370102', 'same_city')).toBe(false);
  });

  it('excludes declared ties with a company or unit within three years, not older ones', () => {
    const tie = (kind: 'consulting' | 'employment' | 'shareholding', partyName: string, endedOn: string | null) => ({
      relations: [{ kind, partyName, partyCreditCode: null, partyRegionCode: null, endedOn }],
    });
    expect(judge(tie('consulting', '浪潮软件股份有限公司', null))).toBe('declared_company');
    expect(judge(tie('shareholding', '浪潮软件股份有限公司', '2024-01-01'))).toBe('declared_company');
    expect(judge(tie('employment', '历下区大数据局', '2023-12-01'))).toBe('declared_unit');
    // Ended more than three years before the draw day: no longer a conflict.
    expect(judge(tie('employment', '历下区大数据局', '2023-11-29'))).toBeNull();
    expect(threeYearsBefore('2026-11-30')).toBe('2023-11-30');
    expect(threeYearsBefore('2028-02-29')).toBe('2025-02-28');
  });

  it('excludes close kin at a party, and a declared region covering the object', () => {
    expect(
      judge({
        relations: [
          { kind: 'kin', partyName: '历下区大数据局', partyCreditCode: null, partyRegionCode: null, endedOn: null },
        ],
      }),
    ).toBe('kin');
    const region = (code: string) => ({
      relations: [
        { kind: 'region' as const, partyName: 'x', partyCreditCode: null, partyRegionCode: code, endedOn: null },
      ],
    });
    expect(judge(region('370100'), 'none')).toBe('declared_region');
    expect(judge(region('370102'), 'none')).toBe('declared_region');
    expect(judge(region('370200'), 'none')).toBeNull();
    expect(regionsOverlap('370000', '370102')).toBe(false);
  });

  it('excludes the unavailable (also until a day) and, when online review is required, experts without account', () => {
    expect(judge({ available: false })).toBe('unavailable');
    expect(judge({ unavailableUntil: '2026-12-15' })).toBe('unavailable');
    expect(judge({ unavailableUntil: '2026-11-30' })).toBeNull();
    expect(judge({ hasAccount: false }, 'same_city', true)).toBe('no_account');
    expect(judge({ hasAccount: false })).toBeNull();
  });
});

const pool = Array.from({ length: 12 }, (_, i) => ({
  code: `ZJ-${String(i + 1).padStart(4, '0')}`,
  fields: i % 2 ? ['ai', 'compute'] : ['ai'],
}));
const seed = 'a'.repeat(64);

describe('the lottery', () => {
  it('picks the lowest tickets, independent of the pool’s order, and differently for another seed', () => {
    const a = initialPicks(seed, [{ field: 'ai', count: 3 }], pool);
    expect(a.short).toBeNull();
    const byTicket = [...pool].sort((x, y) => (ticket(seed, 'ai', x.code) < ticket(seed, 'ai', y.code) ? -1 : 1));
    expect(a.picks.map((p) => p.code)).toEqual(byTicket.slice(0, 3).map((c) => c.code));
    expect(initialPicks(seed, [{ field: 'ai', count: 3 }], [...pool].reverse())).toEqual(a);
    expect(initialPicks('b'.repeat(64), [{ field: 'ai', count: 3 }], pool).picks).not.toEqual(a.picks);
  });

  it('fills quotas in order without picking anyone twice, and names the first short quota', () => {
    const r = initialPicks(
      seed,
      [
        { field: 'compute', count: 6 },
        { field: null, count: 6 },
      ],
      pool,
    );
    expect(new Set(r.picks.map((p) => p.code)).size).toBe(12);
    expect(r.picks.slice(0, 6).every((p) => pool.find((c) => c.code === p.code)!.fields.includes('compute'))).toBe(
      true,
    );
    expect(initialPicks(seed, [{ field: 'compute', count: 7 }], pool).short).toEqual({ field: 'compute', count: 7 });
  });

  it('re-runs a record with a replacement; a changed pick or seed fails the check', () => {
    const quotas = [{ field: 'ai', count: 2 }];
    const { picks } = initialPicks(seed, quotas, pool);
    const rec = picks.map((p, position) => ({
      position,
      field: p.field,
      code: p.code,
      replaces: null as number | null,
    }));
    const next = nextPick(seed, 'ai', pool, new Set(rec.map((p) => p.code)))!;
    const withReplacement = [...rec, { position: 2, field: 'ai', code: next, replaces: 0 }];
    expect(rerunMatches(seed, quotas, pool, withReplacement)).toBe(true);
    const other = pool.find((c) => !withReplacement.some((p) => p.code === c.code))!.code;
    expect(rerunMatches(seed, quotas, pool, [...rec, { position: 2, field: 'ai', code: other, replaces: 0 }])).toBe(
      false,
    );
    expect(rerunMatches('c'.repeat(64), quotas, pool, rec)).toBe(false);
  });

  it('takes fewer down to "at least" when the field runs out, and mixes a salt into every ticket', () => {
    expect(initialPicks(seed, [{ field: 'compute', count: 9, atLeast: 2 }], pool).picks).toHaveLength(6);
    expect(initialPicks(seed, [{ field: 'compute', count: 9, atLeast: 7 }], pool).short).not.toBeNull();
    expect(drawKey(seed, null)).toBe(seed);
    expect(drawKey(seed, '42')).toBe(`${seed}:42`);
    const salted = initialPicks(drawKey(seed, '42'), [{ field: 'ai', count: 6 }], pool).picks;
    expect(salted).not.toEqual(initialPicks(seed, [{ field: 'ai', count: 6 }], pool).picks);
  });

  it('names places by letter', () => {
    expect([0, 1, 25, 26].map(aliasOf)).toEqual(['专家A', '专家B', '专家Z', '专家A2']);
  });
});
