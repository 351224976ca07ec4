import { LIVE_METRICS, type InventoryItem } from '@zhicheng/contracts/compute-network';
import { systemContext, type RequestContext } from '../../platform/authorization/index.ts';
import type { DemoContext, Platform } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import type { ComputeServices } from './compute-network.services.ts';
import { demoUuid } from './demo-ids.ts';
import { seedMarketDemo } from './market/market.demo.ts';
import { seedVouchersDemo } from './vouchers/vouchers.demo.ts';
import { DEMO_OPERATORS, DEMO_TARGET, generateDemo, type DemoCentre } from './demo-calibration.ts';
import { periodOf } from './overview/alert-rules.ts';
import { previousPeriod } from './reports/report-rules.ts';
import { encodeWriteRequest, type RwSeries } from './metrics/remote-write.ts';
import type { CentreRow, ZoneRow } from './registry/registry.tables.ts';
import type { ReportRow } from './reports/reports.tables.ts';

/**
 * Demo data (示例), relative to the platform clock: the calibrated registry and approved monthly reports from the
 * calibrated year (demo-calibration.ts) up to last month. When last month is past the calibrated July 2024, each
 * operator's first centre has not filed last month yet (its to-do) and its second centre's report waits for the
 * province's approval. An ingest token per centre (printed on the banner), and a live stream for three centres:
 * twenty minutes of samples at every start, then a sample a minute from the demo feeder (`demoLiveFeed`).
 */
export async function seedComputeDemo(ctx: DemoContext, s: ComputeServices): Promise<void> {
  const { platform } = ctx;
  for (const op of DEMO_OPERATORS) {
    await ctx.demoUser({
      username: op.username,
      displayName: op.display,
      role: 'datacentre_operator',
      regionCode: platform.config.provinceCode,
      organisation: { name: op.org, kind: 'datacentre_operator' },
    });
  }
  const orgs = await s.registry.operatorOrganisations();
  const orgOf = (i: number) => orgs.find((o) => o.name === DEMO_OPERATORS[i]!.org)!;
  const counties = new Map<string, string[]>();
  for (const c of await s.regions.list({ level: 'county' }))
    counties.set(c.parentCode ?? '', [...(counties.get(c.parentCode ?? '') ?? []), c.code]);
  const now = platform.clock.now();
  const lastMonth = previousPeriod(periodOf(now));
  const until = lastMonth > DEMO_TARGET.period ? lastMonth : DEMO_TARGET.period;
  const demo = generateDemo(await s.registry.modelMap(), (city) => counties.get(city) ?? [], until);
  // Each operator's first two centres: the first has last month still to file, the second's report waits for approval.
  const toFile = new Set<string>();
  const toApprove = new Set<string>();
  if (lastMonth > DEMO_TARGET.period)
    DEMO_OPERATORS.forEach((_, i) => {
      const mine = demo.centres.filter((c) => c.operatorIndex === i);
      if (mine[0]) toFile.add(mine[0].key);
      if (mine[1]) toApprove.add(mine[1].key);
    });

  await ctx.once('compute-network.v1', async () => {
    const zoneIds = new Map(demo.zones.map((z) => [z.code, demoUuid(`zone:${z.code}`)]));
    const zones: ZoneRow[] = demo.zones.map((z) => ({
      id: zoneIds.get(z.code)!,
      code: z.code,
      name: z.name,
      type: z.type,
      countyCodes: counties.get(z.cityCode) ?? [],
      updatedAt: now,
    }));
    const centre = (c: DemoCentre): CentreRow => {
      const org = orgOf(c.operatorIndex);
      return {
        id: demoUuid(c.key),
        name: c.name,
        operatorOrgId: org.id,
        operatorName: org.name,
        address: `${c.name.replace(/(示例)$/, '')}园区(示例地址)`,
        lng: c.lng,
        lat: c.lat,
        countyCode: c.countyCode,
        cityCode: c.cityCode,
        zoneId: zoneIds.get(c.zoneCode)!,
        status: c.status,
        designRacks: c.designRacks,
        racksInUse: c.racksInUse,
        powerCapacityKw: c.powerCapacityKw,
        designPue: c.designPue,
        storagePb: c.storagePb,
        lastIngestAt: null,
        simulated: true,
        createdAt: now,
        updatedAt: now,
      };
    };
    const latest = (d: Date, cap: number) => new Date(Math.min(d.getTime(), cap));
    const pending = (r: { centreKey: string; period: string }) => r.period === lastMonth && toApprove.has(r.centreKey);
    const filed = demo.reports.filter((r) => !(r.period === lastMonth && toFile.has(r.centreKey)));
    const reports: ReportRow[] = filed.map((r) => {
      const [y, m] = r.period.split('-').map(Number) as [number, number];
      // Filed on the 5th of the next month, decided two days later; never after the clock.
      const at = latest(new Date(Date.UTC(y, m, 5, 2)), now.getTime() - 2 * 3600_000);
      const decided = latest(new Date(at.getTime() + 2 * 86_400_000), now.getTime() - 3600_000);
      // What the operator filed; a report still awaiting the province has no decision and no approved snapshot.
      const filed = {
        id: demoUuid(`report:${r.centreKey}:${r.period}`),
        dataCentreId: demoUuid(r.centreKey),
        period: r.period,
        source: 'web',
        racksInUse: r.racksInUse,
        utilisationPct: r.utilisationPct,
        energyMwh: r.energyMwh,
        measuredPue: r.measuredPue,
        computeInUsePflops: r.computeInUsePflops,
        storageUsedPb: r.storageUsedPb,
        explanation: null,
        late: false,
        submittedAt: at,
        submittedBy: 'demo',
      } as const;
      if (pending(r))
        return {
          ...filed,
          status: 'submitted',
          decidedAt: null,
          decidedBy: null,
          decisionNote: null,
          totalPflops: null,
          intelligentPflops: null,
          generalPflops: null,
          superPflops: null,
          designRacks: null,
          clusters1k: null,
          clusters10k: null,
        };
      return {
        ...filed,
        status: 'approved',
        decidedAt: decided,
        decidedBy: 'demo',
        decisionNote: '示例数据 simulated',
        totalPflops: r.totalPflops,
        intelligentPflops: r.intelligentPflops,
        generalPflops: r.generalPflops,
        superPflops: r.superPflops,
        designRacks: r.designRacks,
        clusters1k: r.clusters1k,
        clusters10k: r.clusters10k,
      };
    });
    await platform.db.transaction(async () => {
      await s.registry.repo.insertZones(zones);
      await s.registry.repo.insertCentres(
        demo.centres.map(centre),
        new Map<string, InventoryItem[]>(demo.centres.map((c) => [demoUuid(c.key), c.inventory])),
      );
      for (const c of demo.centres) await s.tokens.setForSystem(demoUuid(c.key), s.tokens.demoToken(demoUuid(c.key)));
      await s.reports.repo.insertReports(reports);
    });
  });
  for (const c of demo.centres)
    ctx.print(`demo ingest token: ${demoUuid(c.key)} ${s.tokens.demoToken(demoUuid(c.key))}`);
  await seedLiveStream(ctx, s, demo.centres.slice(0, 3));
  await seedMarketDemo(ctx, s);
  await seedVouchersDemo(ctx, s);
}

/** The demo centres with a live stream: the first three (济南's core-zone centres). */
export const LIVE_DEMO_CENTRES = ['370100-0', '370100-1', '370100-2'];

/** Live series for one centre: `minutes` one-minute samples ending at `t0`, from a seed (simulated). */
function liveSeries(
  rnd: SeededRandom,
  t0: number,
  minutes: number,
  c: { racksInUse: number; designRacks: number },
): RwSeries[] {
  const series: RwSeries[] = [];
  const at = (k: number) => t0 - (minutes - 1 - k) * 60_000;
  const pts = (base: number, sd: number) =>
    Array.from({ length: minutes }, (_, k) => ({
      value: Math.max(0, Math.round(rnd.normal(base, sd) * 10) / 10),
      timestamp: at(k),
    }));
  for (let g = 0; g < 8; g++) {
    const host = `gpu-node-${Math.floor(g / 4) + 1}`;
    const labels = { gpu: String(g % 4), Hostname: host, simulated: 'true' };
    series.push({ labels: { __name__: LIVE_METRICS.gpuUtil, ...labels }, samples: pts(65, 12) });
    series.push({ labels: { __name__: LIVE_METRICS.gpuPower, ...labels }, samples: pts(280, 40) });
  }
  series.push({
    labels: { __name__: LIVE_METRICS.nodePower, instance: 'bmc-1', simulated: 'true' },
    samples: pts(5230, 30),
  });
  series.push({
    labels: { __name__: LIVE_METRICS.racksInUse, simulated: 'true' },
    samples: [{ value: c.racksInUse, timestamp: t0 }],
  });
  series.push({
    labels: { __name__: LIVE_METRICS.racksTotal, simulated: 'true' },
    samples: [{ value: c.designRacks, timestamp: t0 }],
  });
  return series;
}

/** Twenty minutes of live samples for the live demo centres, so their pages show live figures at once. */
async function seedLiveStream(ctx: DemoContext, s: ComputeServices, centres: DemoCentre[]): Promise<void> {
  const rnd = SeededRandom.fromString('compute-live');
  const t0 = ctx.platform.clock.now().getTime();
  const sys = systemContext('demo.compute-network');
  for (const c of centres.filter((x) => LIVE_DEMO_CENTRES.includes(x.key)))
    await s.metrics.remoteWrite(sys, demoUuid(c.key), encodeWriteRequest(liveSeries(rnd, t0, 20, c)));
}

/**
 * The demo feeder (demo mode only, a job every minute): one sample per series for the live demo centres at the
 * clock's minute, seeded by centre and minute, so their streams keep flowing instead of showing "interrupted".
 */
export async function demoLiveFeed(platform: Platform, s: ComputeServices, ctx: RequestContext): Promise<number> {
  const minute = Math.floor(platform.clock.now().getTime() / 60_000) * 60_000;
  let written = 0;
  for (const key of LIVE_DEMO_CENTRES) {
    const c = await s.registry.repo.centre(demoUuid(key));
    if (!c?.simulated) continue;
    const rnd = SeededRandom.fromString(`compute-live:${key}:${minute}`);
    await s.metrics.remoteWrite(ctx, c.id, encodeWriteRequest(liveSeries(rnd, minute, 1, c)));
    written++;
  }
  return written;
}
