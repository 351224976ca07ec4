import type { Statistics, ZoneType } from '@zhicheng/contracts/compute-network';
import { periodsBetween, previousPeriod } from '../reports/report-rules.ts';

export interface StatCentre {
  id: string;
  cityCode: string;
  cityName: string;
  zoneId: string | null;
  zoneName: string | null;
  zoneType: ZoneType | null;
}

export interface StatReport {
  dataCentreId: string;
  period: string;
  racksInUse: number;
  designRacks: number;
  utilisationPct: number;
  energyMwh: number;
  measuredPue: number;
  totalPflops: number;
  intelligentPflops: number;
  clusters1k: number;
  clusters10k: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
const pct = (a: number, b: number) => (b > 0 ? r2((100 * a) / b) : null);

/** For each centre, its latest approved report up to `period`: a month not yet reported carries the last one forward. */
export function latestUpTo(reports: StatReport[], period: string): Map<string, StatReport> {
  const out = new Map<string, StatReport>();
  for (const r of reports) {
    if (r.period > period) continue;
    const had = out.get(r.dataCentreId);
    if (!had || had.period < r.period) out.set(r.dataCentreId, r);
  }
  return out;
}

function headline(centres: StatCentre[], latest: Map<string, StatReport>) {
  let racks = 0;
  let design = 0;
  let total = 0;
  let ai = 0;
  let reported = 0;
  for (const c of centres) {
    const r = latest.get(c.id);
    if (!r) continue;
    reported++;
    racks += r.racksInUse;
    design += r.designRacks;
    total += r.totalPflops;
    ai += r.intelligentPflops;
  }
  return {
    racksInUse: racks,
    designRacks: design,
    rackUtilisationPct: pct(racks, design),
    totalEflops: r4(total / 1000),
    aiEflops: r4(ai / 1000),
    aiSharePct: pct(ai, total),
    dataCentres: centres.length,
    reported,
  };
}

function rawTotal(centres: StatCentre[], latest: Map<string, StatReport>): number {
  return centres.reduce((s, c) => s + (latest.get(c.id)?.totalPflops ?? 0), 0);
}

function pueAndUtil(rs: StatReport[]) {
  let energy = 0;
  let itEnergy = 0;
  let utilW = 0;
  let w = 0;
  for (const r of rs) {
    if (r.energyMwh > 0 && r.measuredPue >= 1) {
      energy += r.energyMwh;
      itEnergy += r.energyMwh / r.measuredPue;
    }
    utilW += r.utilisationPct * r.totalPflops;
    w += r.totalPflops;
  }
  // Energy-weighted: total facility energy over total IT energy, as a province's PUE is measured.
  return {
    averagePue: itEnergy > 0 ? r4(energy / itEnergy) : null,
    computeUtilisationPct: w > 0 ? r2(utilW / w) : null,
  };
}

/** Province statistics for `period`, computed from approved reports only; trends over the `months` before it. */
export function computeStatistics(
  centres: StatCentre[],
  reports: StatReport[],
  period: string | null,
  months = 12,
): Omit<Statistics, 'simulated'> {
  if (!period) {
    const empty = headline(centres, new Map());
    return {
      period: null,
      headline: {
        ...empty,
        coreClusterRackSharePct: null,
        coreClusterComputeSharePct: null,
        clusters1k: 0,
        clusters10k: 0,
        averagePue: null,
        computeUtilisationPct: null,
      },
      trend: [],
      byCity: [],
      byZone: [],
    };
  }
  const latest = latestUpTo(reports, period);
  const h = headline(centres, latest);
  const cc = centres.filter((c) => c.zoneType === 'core' || c.zoneType === 'cluster');
  const hcc = headline(cc, latest);
  const rs = centres.map((c) => latest.get(c.id)).filter((r): r is StatReport => !!r);
  const pu = pueAndUtil(rs);

  let start = period;
  for (let i = 1; i < months; i++) start = previousPeriod(start);
  const sorted = [...reports].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  const running = new Map<string, StatReport>();
  let at = 0;
  const trend = periodsBetween(start, period).map((p) => {
    while (at < sorted.length && sorted[at]!.period <= p) {
      running.set(sorted[at]!.dataCentreId, sorted[at]!);
      at++;
    }
    const l = running;
    const hp = headline(centres, l);
    const pp = pueAndUtil(centres.map((c) => l.get(c.id)).filter((r): r is StatReport => !!r));
    return { period: p, racksInUse: hp.racksInUse, totalEflops: hp.totalEflops, aiEflops: hp.aiEflops, ...pp };
  });

  const group = <K extends string | null>(keyOf: (c: StatCentre) => K) => {
    const m = new Map<K, StatCentre[]>();
    for (const c of centres) {
      const list = m.get(keyOf(c));
      if (list) list.push(c);
      else m.set(keyOf(c), [c]);
    }
    return m;
  };
  const byCity = [...group((c) => c.cityCode)]
    .map(([code, cs]) => ({ code, name: cs[0]!.cityName, ...headline(cs, latest) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const order: Record<string, number> = { core: 0, cluster: 1, edge: 2 };
  const byZone = [...group((c) => c.zoneId)]
    .map(([id, cs]) => ({
      id,
      name: cs[0]!.zoneName ?? '未划定 / no zone',
      type: cs[0]!.zoneType,
      ...headline(cs, latest),
    }))
    .sort((a, b) => (order[a.type ?? ''] ?? 3) - (order[b.type ?? ''] ?? 3) || a.name.localeCompare(b.name));

  return {
    period,
    headline: {
      ...h,
      coreClusterRackSharePct: pct(hcc.racksInUse, h.racksInUse),
      coreClusterComputeSharePct: pct(rawTotal(cc, latest), rawTotal(centres, latest)),
      clusters1k: rs.reduce((s, r) => s + r.clusters1k, 0),
      clusters10k: rs.reduce((s, r) => s + r.clusters10k, 0),
      ...pu,
    },
    trend,
    byCity,
    byZone,
  };
}
