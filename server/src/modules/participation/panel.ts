import type { AgeBand, Gender, Quotas } from '@zhicheng/contracts/participation';
import { SeededRandom } from '../../platform/random.ts';

export interface Candidate {
  id: string;
  /** The region the quota counts against (a county or city code). */
  region: string;
  ageBand: AgeBand;
  gender: Gender;
  media: boolean;
}

/**
 * Stratified random draw: the pool (sorted by id, so the order it was read in does not matter) is shuffled with
 * the seed, then walked in that order taking each candidate whose strata still have room, until the panel is full.
 * Quotas are upper bounds per stratum; `minMedia` reserves seats for media members first. The same pool and seed
 * always give the same panel, so a recorded draw can be re-run and checked.
 */
export function drawPanel(
  pool: Candidate[],
  panelSize: number,
  quotas: Quotas,
  seed: number,
): { ok: true; ids: string[] } | { ok: false; reason: string } {
  const rng = new SeededRandom(seed);
  const order = rng.shuffle([...pool].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  const taken = new Set<string>();
  const used = { region: new Map<string, number>(), age: new Map<string, number>(), gender: new Map<string, number>() };
  const fits = (c: Candidate) =>
    (quotas.byRegion?.[c.region] === undefined || (used.region.get(c.region) ?? 0) < quotas.byRegion[c.region]!) &&
    (quotas.byAgeBand?.[c.ageBand] === undefined || (used.age.get(c.ageBand) ?? 0) < quotas.byAgeBand[c.ageBand]!) &&
    (quotas.byGender?.[c.gender] === undefined || (used.gender.get(c.gender) ?? 0) < quotas.byGender[c.gender]!);
  const take = (c: Candidate) => {
    taken.add(c.id);
    used.region.set(c.region, (used.region.get(c.region) ?? 0) + 1);
    used.age.set(c.ageBand, (used.age.get(c.ageBand) ?? 0) + 1);
    used.gender.set(c.gender, (used.gender.get(c.gender) ?? 0) + 1);
  };
  const minMedia = Math.min(quotas.minMedia ?? 0, panelSize);
  for (const c of order) {
    if (taken.size >= minMedia) break;
    if (c.media && fits(c)) take(c);
  }
  if (taken.size < minMedia) return { ok: false, reason: `only ${taken.size} media members fit, ${minMedia} required` };
  for (const c of order) {
    if (taken.size >= panelSize) break;
    if (!taken.has(c.id) && fits(c)) take(c);
  }
  if (taken.size < panelSize)
    return { ok: false, reason: `only ${taken.size} of ${panelSize} seats could be filled within the quotas` };
  return { ok: true, ids: order.filter((c) => taken.has(c.id)).map((c) => c.id) };
}

export interface PanelScore {
  supervisorId: string;
  score: number;
}

/**
 * Agreement with the panel: each score's distance from the panel median. An outlier is a score whose robust z
 * (distance / (1.4826 × MAD)) exceeds 3.5, or, when the panel is unanimous but for a few (MAD 0), any score more
 * than 20 points from the median. Panels of fewer than three scores flag nobody.
 */
export function panelAgreement(scores: PanelScore[]): {
  median: number | null;
  members: { supervisorId: string; deviation: number; outlier: boolean }[];
} {
  if (scores.length === 0) return { median: null, members: [] };
  const med = median(scores.map((s) => s.score));
  const devs = scores.map((s) => Math.abs(s.score - med));
  const mad = median(devs);
  return {
    median: med,
    members: scores.map((s, i) => {
      const d = devs[i]!;
      const outlier = scores.length >= 3 && (mad > 0 ? d / (1.4826 * mad) > 3.5 : d > 20);
      return { supervisorId: s.supervisorId, deviation: round1(d), outlier };
    }),
  };
}

/** A supervisor's agreement over tasks: 100 minus the mean distance from the panel medians (floored at 0). */
export function agreementScore(deviations: number[]): number | null {
  if (!deviations.length) return null;
  return round1(Math.max(0, 100 - deviations.reduce((a, b) => a + b, 0) / deviations.length));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const round1 = (x: number) => Math.round(x * 10) / 10;
