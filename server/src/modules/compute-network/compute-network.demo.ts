import { LIVE_METRICS, type InventoryItem } from '@zhicheng/contracts/compute-network';
import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import type { ComputeServices } from './compute-network.services.ts';
import { demoUuid } from './demo-ids.ts';
import { seedMarketDemo } from './market/market.demo.ts';
import { seedVouchersDemo } from './vouchers/vouchers.demo.ts';
import { DEMO_OPERATORS, generateDemo, type DemoCentre } from './demo-calibration.ts';
import { encodeWriteRequest, type RwSeries } from './metrics/remote-write.ts';
import type { CentreRow, ZoneRow } from './registry/registry.tables.ts';
import type { ReportRow } from './reports/reports.tables.ts';

/**
 * Demo data (示例): the calibrated registry and a year of approved reports (demo-calibration.ts), an ingest token per
 * centre (printed on the banner), and a short simulated live stream for three centres, fresh on every start.
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
  const demo = generateDemo(await s.registry.modelMap(), (city) => counties.get(city) ?? []);

  await ctx.once('compute-network.v1', async () => {
    const now = platform.clock.now();
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
    const reports: ReportRow[] = demo.reports.map((r) => {
      const [y, m] = r.period.split('-').map(Number) as [number, number];
      const at = new Date(Date.UTC(y, m, 5, 2));
      return {
        id: demoUuid(`report:${r.centreKey}:${r.period}`),
        dataCentreId: demoUuid(r.centreKey),
        period: r.period,
        status: 'approved',
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
        decidedAt: new Date(at.getTime() + 2 * 86_400_000),
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

/** A short live stream for a few centres, so their pages show live figures (simulated, fresh on every start). */
async function seedLiveStream(ctx: DemoContext, s: ComputeServices, centres: DemoCentre[]): Promise<void> {
  const rnd = SeededRandom.fromString('compute-live');
  const t0 = ctx.platform.clock.now().getTime();
  const sys = systemContext('demo.compute-network');
  for (const c of centres) {
    const series: RwSeries[] = [];
    const pts = (base: number, sd: number) =>
      Array.from({ length: 20 }, (_, k) => ({
        value: Math.max(0, Math.round(rnd.normal(base, sd) * 10) / 10),
        timestamp: t0 - (19 - k) * 60_000,
      }));
    for (let g = 0; g < 8; g++) {
      const host = `gpu-node-${Math.floor(g / 4) + 1}`;
      const labels = { gpu: String(g % 4), Hostname: host, simulated: 'true' };
      series.push({ labels: { __name__: LIVE_METRICS.gpuUtil, ...labels }, samples: pts(65, 12) });
      series.push({ labels: { __name__: LIVE_METRICS.gpuPower, ...labels }, samples: pts(280, 40) });
    }
    series.push({
      labels: { __name__: LIVE_METRICS.nodePower, instance: 'bmc-1', simulated: 'true' },
      samples: Array.from({ length: 20 }, (_, k) => ({ value: 5200 + k * 3, timestamp: t0 - (19 - k) * 60_000 })),
    });
    series.push({
      labels: { __name__: LIVE_METRICS.racksInUse, simulated: 'true' },
      samples: [{ value: c.racksInUse, timestamp: t0 }],
    });
    series.push({
      labels: { __name__: LIVE_METRICS.racksTotal, simulated: 'true' },
      samples: [{ value: c.designRacks, timestamp: t0 }],
    });
    await s.metrics.remoteWrite(sys, demoUuid(c.key), encodeWriteRequest(series));
  }
}
