import highsLoader from 'highs';

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highsPromise: Promise<Highs> | null = null;
/** HiGHS is WASM; load it once per process. */
const loadHighs = () => (highsPromise ??= highsLoader());

export interface MatchNeed {
  id: string;
  street: string;
  facility: string;
  /** 1 (nice to have) … 5 (urgent). */
  priority: number;
}

export interface MatchOffer {
  id: string;
  provider: string;
  facility: string;
  /** How many communities the offer can still equip in this round. */
  capacity: number;
}

export interface MatchPolicy {
  /** Every street with an eligible need gets at least this many served, where capacity allows (default 1). */
  streetFloor: number;
  /** No provider serves more than this share of the county's needs in a round (0–1]. */
  providerCap: number;
}

export type UnmatchedReason = 'no_offer' | 'capacity' | 'provider_cap' | 'priority';

export interface MatchResult {
  pairs: { needId: string; offerId: string }[];
  unmatched: { needId: string; reason: UnmatchedReason }[];
  /** Σ priority of the needs served (what the solver maximises, before the floor penalty). */
  served: number;
  /** Streets whose floor could not be met with the capacity there was. */
  floorShortfall: Record<string, number>;
  status: string;
}

/** A street falling short of its floor costs more than any need can earn, so floors hold whenever they can. */
const FLOOR_PENALTY = 1000;

export const eligible = (n: MatchNeed, o: MatchOffer) => n.facility === o.facility && o.capacity > 0;

/**
 * The county's matching round as a min-cost assignment (maximise the priority served) solved exactly by HiGHS:
 * each need at most once, each offer within its capacity, each provider within its share cap, and a soft floor per
 * street (slack penalised above any gain, so it binds whenever capacity allows). Deterministic: ties go to the
 * earlier need and offer.
 */
export async function matchRound(needs: MatchNeed[], offers: MatchOffer[], policy: MatchPolicy): Promise<MatchResult> {
  const vars: { n: number; o: number; name: string }[] = [];
  needs.forEach((n, i) =>
    offers.forEach((o, j) => {
      if (eligible(n, o)) vars.push({ n: i, o: j, name: `x${i}_${j}` });
    }),
  );
  const streets = [...new Set(needs.map((n) => n.street))].sort();
  const eligibleIn = new Map(
    streets.map((s) => [s, new Set(vars.filter((v) => needs[v.n]!.street === s).map((v) => v.n)).size]),
  );
  const floors = streets
    .map((s, k) => ({ s, k, f: Math.min(policy.streetFloor, eligibleIn.get(s) ?? 0) }))
    .filter((x) => x.f > 0);
  if (!vars.length)
    return finish(
      needs,
      offers,
      policy,
      new Set(),
      'Optimal',
      floors.map((f) => [f.s, f.f]),
    );

  // Integer coefficients keep the LP text exact; the tie-break is far below one priority step.
  const tie = (v: { n: number; o: number }) =>
    (v.n * offers.length + v.o + 1) / (needs.length * offers.length + 2) / 10;
  const obj = [
    ...vars.map((v) => `${(needs[v.n]!.priority - tie(v)).toFixed(9)} ${v.name}`),
    ...floors.map((f) => `- ${FLOOR_PENALTY} y${f.k}`),
  ]
    .join(' + ')
    .replace(/\+ -/g, '-');
  const rows: string[] = [];
  const group = <K>(key: (v: (typeof vars)[number]) => K) => {
    const m = new Map<K, typeof vars>();
    for (const v of vars) {
      const k = key(v);
      const list = m.get(k);
      if (list) list.push(v);
      else m.set(k, [v]);
    }
    return m;
  };
  const byNeed = group((v) => v.n);
  const byOffer = group((v) => v.o);
  const byProvider = group((v) => offers[v.o]!.provider);
  const byStreet = group((v) => needs[v.n]!.street);
  needs.forEach((_, i) => {
    const mine = byNeed.get(i) ?? [];
    if (mine.length > 1) rows.push(` need${i}: ${mine.map((v) => v.name).join(' + ')} <= 1`);
  });
  offers.forEach((o, j) => {
    const mine = byOffer.get(j) ?? [];
    if (mine.length) rows.push(` offer${j}: ${mine.map((v) => v.name).join(' + ')} <= ${Math.floor(o.capacity)}`);
  });
  const cap = Math.floor(policy.providerCap * needs.length + 1e-9);
  [...new Set(offers.map((o) => o.provider))].forEach((p, k) => {
    const mine = byProvider.get(p) ?? [];
    if (mine.length > cap) rows.push(` prov${k}: ${mine.map((v) => v.name).join(' + ')} <= ${cap}`);
  });
  for (const f of floors) {
    const mine = byStreet.get(f.s) ?? [];
    rows.push(` floor${f.k}: ${mine.map((v) => v.name).join(' + ')} + y${f.k} >= ${f.f}`);
  }
  const model = (binary: boolean) =>
    [
      'Maximize',
      ` obj: ${obj}`,
      'Subject To',
      ...(rows.length ? rows : [` dummy: ${vars[0]!.name} <= 1`]),
      'Bounds',
      ...vars.map((v) => ` 0 <= ${v.name} <= 1`),
      ...floors.map((f) => ` 0 <= y${f.k} <= ${f.f}`),
      ...(binary ? ['Binary', ` ${vars.map((v) => v.name).join(' ')}`] : []),
      'End',
    ].join('\n');
  const highs = await loadHighs();
  // The need and offer rows alone make a transportation polytope (integral vertices); the provider caps and street
  // floors can break that, but mostly do not. So solve the LP relaxation first: when its optimum is integral it is
  // the integer optimum too; only a fractional one needs branch and bound (seconds instead of milliseconds).
  let sol = highs.solve(model(false));
  const integral = (c: Record<string, { Primal: number }>) =>
    Object.values(c).every((x) => Math.abs(x.Primal - Math.round(x.Primal)) < 1e-6);
  if (sol.Status === 'Optimal' && !integral(sol.Columns as Record<string, { Primal: number }>))
    sol = highs.solve(model(true));
  if (sol.Status !== 'Optimal') return finish(needs, offers, policy, new Set(), `highs:${sol.Status}`, []);
  const cols = sol.Columns as Record<string, { Primal: number }>;
  const chosen = new Set(vars.filter((v) => (cols[v.name]?.Primal ?? 0) > 0.5).map((v) => `${v.n}|${v.o}`));
  const shortfall = floors
    .map((f) => [f.s, Math.round(cols[`y${f.k}`]?.Primal ?? 0)] as [string, number])
    .filter(([, y]) => y > 0);
  return finish(needs, offers, policy, chosen, 'Optimal', shortfall);
}

function finish(
  needs: MatchNeed[],
  offers: MatchOffer[],
  policy: MatchPolicy,
  chosen: Set<string>,
  status: string,
  shortfall: [string, number][],
): MatchResult {
  const pairs: MatchResult['pairs'] = [];
  const served = new Set<number>();
  const used = new Map<number, number>();
  const byProvider = new Map<string, number>();
  for (const key of chosen) {
    const [n, o] = key.split('|').map(Number) as [number, number];
    pairs.push({ needId: needs[n]!.id, offerId: offers[o]!.id });
    served.add(n);
    used.set(o, (used.get(o) ?? 0) + 1);
    byProvider.set(offers[o]!.provider, (byProvider.get(offers[o]!.provider) ?? 0) + 1);
  }
  const cap = Math.floor(policy.providerCap * needs.length + 1e-9);
  const unmatched: MatchResult['unmatched'] = needs.flatMap((n, i) => {
    if (served.has(i)) return [];
    const options = offers.map((o, j) => ({ o, j })).filter(({ o }) => eligible(n, o));
    let reason: UnmatchedReason;
    if (!options.length) reason = 'no_offer';
    else if (options.every(({ o, j }) => (used.get(j) ?? 0) >= o.capacity)) reason = 'capacity';
    else if (options.every(({ o, j }) => (used.get(j) ?? 0) >= o.capacity || (byProvider.get(o.provider) ?? 0) >= cap))
      reason = 'provider_cap';
    else reason = 'priority';
    return [{ needId: n.id, reason }];
  });
  pairs.sort((a, b) => a.needId.localeCompare(b.needId));
  return {
    pairs,
    unmatched,
    served: [...served].reduce((s, i) => s + needs[i]!.priority, 0),
    floorShortfall: Object.fromEntries(shortfall),
    status,
  };
}
