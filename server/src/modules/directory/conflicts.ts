import type { ExclusionReason, Party, RegionRule } from '@zhicheng/contracts/directory';

/**
 * Conflict-of-interest rules of an expert draw (财库〔2016〕198号 第十二条 in spirit): an expert is not drawn for an
 * object when they work at one of its units, sit in its region where the rule asks for it, or declared a tie with one
 * of its parties (employment, consulting, shares, close kin, a region) lasting into the past three years. Pure.
 */

export interface PoolRelation {
  kind: 'employment' | 'consulting' | 'shareholding' | 'kin' | 'region' | 'other';
  partyName: string;
  partyCreditCode: string | null;
  partyRegionCode: string | null;
  endedOn: string | null;
}

export interface PoolExpert {
  id: string;
  code: string;
  fields: readonly string[];
  unitName: string;
  unitCreditCode: string | null;
  regionCode: string;
  available: boolean;
  /** YYYY-MM-DD */
  unavailableUntil: string | null;
  hasAccount: boolean;
  relations: readonly PoolRelation[];
}

export interface ObjectParties {
  regionCode: string;
  units: readonly Party[];
  companies: readonly Party[];
}

export interface Exclusion {
  reason: ExclusionReason;
  /** Which party or region (for the staff record; the public record shows the reason only). */
  detail: string;
}

/** Names compared as written officially: full-width forms folded (NFKC), spaces and brackets' width ignored. */
export const normaliseName = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();

/** Same party: by credit code when both have one (names change, codes do not), else by normalised name. */
export function sameParty(a: { name: string; creditCode?: string | null }, b: Party): boolean {
  if (a.creditCode && b.creditCode) return a.creditCode === b.creditCode;
  return normaliseName(a.name) === normaliseName(b.name);
}

/** 370102 → '370102', 370100 → '3701', 370000 → '37': the prefix every region inside it shares (GB/T 2260). */
const prefixOf = (code: string) => code.slice(0, 6).replace(/(00)+$/, '');

/** The province level never counts: everyone shares it. */
const isProvince = (code: string) => prefixOf(code).length <= 2;

/** True when one region lies within the other (a city and its counties, a county and itself). */
export function regionsOverlap(a: string, b: string): boolean {
  if (isProvince(a) || isProvince(b)) return false;
  const pa = prefixOf(a);
  const pb = prefixOf(b);
  return pa.startsWith(pb) || pb.startsWith(pa);
}

/** The region rule: same_city excludes sharing a city (or county); same_county only sharing a county. */
export function sameRegion(expertRegion: string, objectRegion: string, rule: RegionRule): boolean {
  if (rule === 'none') return false;
  const e = prefixOf(expertRegion);
  const o = prefixOf(objectRegion);
  if (rule === 'same_city') return e.length >= 4 && o.length >= 4 && e.slice(0, 4) === o.slice(0, 4);
  return e.length >= 6 && o.length >= 6 && e.slice(0, 6) === o.slice(0, 6);
}

/** YYYY-MM-DD three years before `day` (29 February falls back to 28). */
export function threeYearsBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const back = new Date(Date.UTC(y - 3, m - 1, d));
  if (back.getUTCMonth() !== m - 1) back.setUTCDate(0);
  return back.toISOString().slice(0, 10);
}

/** A relation counts while it lasts and for three years after it ended. */
export const relationCounts = (r: PoolRelation, day: string) =>
  r.endedOn === null || r.endedOn >= threeYearsBefore(day);

/**
 * Why `e` may not review the object on `day`, or null when nothing stands against it. The first reason found is
 * given, in a fixed order, so the record is the same whoever re-runs it.
 */
export function exclusionOf(
  e: PoolExpert,
  o: ObjectParties,
  rule: RegionRule,
  day: string,
  requireAccount: boolean,
): Exclusion | null {
  if (!e.available || (e.unavailableUntil && e.unavailableUntil > day))
    return { reason: 'unavailable', detail: e.unavailableUntil ? `until ${e.unavailableUntil}` : 'unavailable' };
  if (requireAccount && !e.hasAccount) return { reason: 'no_account', detail: 'no account' };
  const own = { name: e.unitName, creditCode: e.unitCreditCode };
  const unit = [...o.units, ...o.companies].find((p) => sameParty(own, p));
  if (unit) return { reason: 'same_unit', detail: unit.name };
  if (sameRegion(e.regionCode, o.regionCode, rule)) return { reason: 'same_region', detail: e.regionCode };
  for (const r of e.relations.filter((x) => relationCounts(x, day))) {
    if (r.kind === 'region') {
      if (r.partyRegionCode && regionsOverlap(r.partyRegionCode, o.regionCode))
        return { reason: 'declared_region', detail: r.partyName };
      continue;
    }
    const party = { name: r.partyName, creditCode: r.partyCreditCode };
    const u = o.units.find((p) => sameParty(party, p));
    const c = o.companies.find((p) => sameParty(party, p));
    if (!u && !c) continue;
    if (r.kind === 'kin') return { reason: 'kin', detail: (u ?? c)!.name };
    return u ? { reason: 'declared_unit', detail: u.name } : { reason: 'declared_company', detail: c!.name };
  }
  return null;
}
