import { SeededRandom } from '../../platform/random.ts';

export interface ExpertCandidate {
  userId: string;
  /** The cities the expert is bound in (none for a provincial expert): cases there are not theirs to review. */
  cities: string[];
}

/**
 * A seeded, repeatable draw of `k` experts for a case, never from the case's own city (conflict of interest), and
 * spreading the load: each expert's running count in this draw is a tie-break, so the same few are not drawn for
 * every case. The same seed and pool give the same panels, so anyone can re-run a draw to check it.
 */
export function drawPanels(
  cases: { caseId: string; cityCode: string }[],
  pool: ExpertCandidate[],
  k: number,
  seed: number,
): Map<string, string[]> {
  const rnd = new SeededRandom(seed);
  const load = new Map<string, number>();
  const sortedPool = [...pool].sort((a, b) => a.userId.localeCompare(b.userId));
  const out = new Map<string, string[]>();
  for (const c of [...cases].sort((a, b) => a.caseId.localeCompare(b.caseId))) {
    const eligible = sortedPool.filter((e) => !e.cities.includes(c.cityCode));
    const keyed = eligible.map((e) => ({ e, key: (load.get(e.userId) ?? 0) + rnd.next() }));
    keyed.sort((a, b) => a.key - b.key);
    const panel = keyed.slice(0, k).map((x) => x.e.userId);
    panel.forEach((u) => load.set(u, (load.get(u) ?? 0) + 1));
    out.set(c.caseId, panel);
  }
  return out;
}
