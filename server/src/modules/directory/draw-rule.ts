import { sha256Hex } from '../../platform/crypto/index.ts';

/**
 * The lottery of a verifiable expert draw. Every eligible expert of a quota's field gets a ticket, the SHA-256 of the
 * seed, the field and the expert's public code; the lowest tickets win. The tickets do not depend on the order the
 * pool was read in, on anything but the seed and the codes, and a decline is replaced by the next ticket of the same
 * quota, so anyone holding the revealed seed and the public candidate list can re-run every step. Pure.
 */
export const DRAW_ALGORITHM =
  'key = seed, or seed + ":" + salt when the record has a salt. ticket = SHA-256(key + "|" + (field or "*") + "|" + ' +
  'expert code), hex. For each quota in order, take the eligible experts of its field (any field for "*") by ' +
  'ascending ticket, skipping experts already picked, until the quota is filled (or, with "at least", until none ' +
  'is left). A declined pick is replaced by the next expert of the same quota by ticket not yet picked.';

/** What the tickets are computed from: the committed seed, and the asking side's public salt if it gave one. */
export const drawKey = (seed: string, salt: string | null | undefined) => (salt ? `${seed}:${salt}` : seed);

export interface LotteryCandidate {
  code: string;
  fields: readonly string[];
}

export interface Quota {
  field: string | null;
  count: number;
  atLeast?: number;
}

export const ticket = (seed: string, field: string | null, code: string) =>
  sha256Hex(`${seed}|${field ?? '*'}|${code}`);

/** The next expert of the field by ticket, skipping those taken; null when none is left. */
export function nextPick(
  seed: string,
  field: string | null,
  eligible: readonly LotteryCandidate[],
  taken: ReadonlySet<string>,
): string | null {
  let best: { code: string; t: string } | null = null;
  for (const c of eligible) {
    if (taken.has(c.code) || (field !== null && !c.fields.includes(field))) continue;
    const t = ticket(seed, field, c.code);
    if (!best || t < best.t || (t === best.t && c.code < best.code)) best = { code: c.code, t };
  }
  return best?.code ?? null;
}

export interface InitialPick {
  field: string | null;
  code: string;
}

/** The first picks for every quota in order; `short` is the first quota that could not be filled. */
export function initialPicks(
  seed: string,
  quotas: readonly Quota[],
  eligible: readonly LotteryCandidate[],
): { picks: InitialPick[]; short: Quota | null } {
  const taken = new Set<string>();
  const picks: InitialPick[] = [];
  for (const q of quotas)
    for (let k = 0; k < q.count; k++) {
      const code = nextPick(seed, q.field, eligible, taken);
      if (!code) {
        if (k >= (q.atLeast ?? q.count)) break;
        return { picks, short: q };
      }
      taken.add(code);
      picks.push({ field: q.field, code });
    }
  return { picks, short: null };
}

export interface RecordedPick {
  position: number;
  field: string | null;
  code: string;
  replaces: number | null;
}

/**
 * Re-runs a recorded draw: initial picks in position order, then each replacement as the next of its quota with
 * every earlier pick taken. True when every recorded pick is the one the seed gives.
 */
export function rerunMatches(
  seed: string,
  quotas: readonly Quota[],
  eligible: readonly LotteryCandidate[],
  recorded: readonly RecordedPick[],
): boolean {
  const sorted = [...recorded].sort((a, b) => a.position - b.position);
  const { picks, short } = initialPicks(seed, quotas, eligible);
  const initial = sorted.filter((p) => p.replaces === null);
  if (short || initial.length !== picks.length) return false;
  if (initial.some((p, i) => p.code !== picks[i]!.code || p.field !== picks[i]!.field)) return false;
  const taken = new Set(initial.map((p) => p.code));
  for (const p of sorted.filter((x) => x.replaces !== null)) {
    if (nextPick(seed, p.field, eligible, taken) !== p.code) return false;
    taken.add(p.code);
  }
  return true;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** 专家A, 专家B, …, 专家Z, 专家A2, …: what others see instead of a name. */
export const aliasOf = (k: number) => `专家${LETTERS[k % 26]}${k >= 26 ? Math.floor(k / 26) + 1 : ''}`;
