import crypto from 'node:crypto';
import { COMPUTE_PERMISSIONS as P, COMPUTE_ROLES, LIVE_METRICS } from '@zhicheng/contracts';
import { defineModule } from '../../platform/module.ts';
import { DEVICE_CATALOGUE } from './catalogue.ts';
import { computeRoutes } from './compute.routes.ts';
import { ComputeService } from './compute.service.ts';
import { dataCentre, inventory, monthlyReport, zone } from './compute.tables.ts';
import { DEMO_OPERATORS, generateDemo } from './demo-data.ts';
import { encodeWriteRequest } from './remote-write.ts';
import { SeededRandom } from '../../platform/random.ts';

export type { ComputeService } from './compute.service.ts';

/** A stable UUID from a name, so demo centres keep their ids (and printed tokens) across fresh installs. */
export function demoUuid(name: string): string {
  const h = crypto.createHash('sha256').update(`compute-network-demo:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    'compute-network': ComputeService;
  }
}

export const computeNetworkModule = defineModule({
  name: 'compute-network',
  needs: ['regions'],
  roles: COMPUTE_ROLES,
  permissions: {
    [P.read]: [
      'province_operator',
      'province_approver',
      'city_operator',
      'city_approver',
      'county_operator',
      'county_approver',
      'datacentre_operator',
    ],
    [P.manage]: ['province_operator'],
    [P.report]: ['datacentre_operator', 'province_operator'],
    [P.approve]: ['province_approver'],
  },
  init(platform, deps) {
    const service = new ComputeService(platform, deps.regions);
    return {
      api: service,
      routes: (app) => computeRoutes(app, service),
      // Vendor figures: loaded once; a row the province corrected is never overwritten.
      start: () => service.repo.insertModelsIfMissing(DEVICE_CATALOGUE),
      async seedDemo(ctx) {
        for (const op of DEMO_OPERATORS) {
          await ctx.demoUser({
            username: op.username,
            displayName: op.display,
            role: 'datacentre_operator',
            regionCode: '370000',
            organisation: { name: op.org, kind: 'datacentre_operator' },
          });
        }
        const orgs = await service.operatorOrganisations();
        const orgOf = (i: number) => orgs.find((o) => o.name === DEMO_OPERATORS[i]!.org)!;
        const counties = new Map<string, string[]>();
        for (const c of await deps.regions.list({ level: 'county' }))
          counties.set(c.parentCode ?? '', [...(counties.get(c.parentCode ?? '') ?? []), c.code]);
        const demo = generateDemo(await service.modelMap(), (city) => counties.get(city) ?? []);
        await ctx.once('compute-network.v1', async () => {
          const now = platform.clock.now();
          await platform.db.transaction(async (tx) => {
            const zoneIds = new Map<string, string>();
            for (const z of demo.zones) {
              const id = demoUuid(`zone:${z.code}`);
              zoneIds.set(z.code, id);
              await tx.insert(zone).values({
                id,
                code: z.code,
                name: z.name,
                type: z.type,
                countyCodes: counties.get(z.cityCode) ?? [],
                updatedAt: now,
              });
            }
            for (const c of demo.centres) {
              const id = demoUuid(c.key);
              const org = orgOf(c.operatorIndex);
              await tx.insert(dataCentre).values({
                id,
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
              });
              if (c.inventory.length)
                await tx.insert(inventory).values(
                  c.inventory.map((it, i) => ({
                    dataCentreId: id,
                    line: i + 1,
                    kind: it.kind,
                    modelId: it.modelId,
                    count: it.count,
                    clusterName: it.clusterName ?? null,
                  })),
                );
              await service.setTokenDirect(tx, id, service.demoToken(id));
            }
            const rows = demo.reports.map((r) => {
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
            for (let i = 0; i < rows.length; i += 300) await tx.insert(monthlyReport).values(rows.slice(i, i + 300));
          });
        });
        for (const c of demo.centres)
          ctx.print(`demo ingest token: ${demoUuid(c.key)} ${service.demoToken(demoUuid(c.key))}`);
        // A short live stream for three centres, so their pages show live figures (simulated, fresh on every start).
        const rnd = SeededRandom.fromString('compute-live');
        const t0 = platform.clock.now().getTime();
        for (const c of demo.centres.slice(0, 3)) {
          const id = demoUuid(c.key);
          const series = [];
          for (let g = 0; g < 8; g++) {
            const host = `gpu-node-${Math.floor(g / 4) + 1}`;
            const pts = (base: number, sd: number) =>
              Array.from({ length: 20 }, (_, k) => ({
                value: Math.max(0, Math.round(rnd.normal(base, sd) * 10) / 10),
                timestamp: t0 - (19 - k) * 60_000,
              }));
            series.push({
              labels: { __name__: LIVE_METRICS.gpuUtil, gpu: String(g % 4), Hostname: host, simulated: 'true' },
              samples: pts(65, 12),
            });
            series.push({
              labels: { __name__: LIVE_METRICS.gpuPower, gpu: String(g % 4), Hostname: host, simulated: 'true' },
              samples: pts(280, 40),
            });
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
          await service.remoteWrite(id, encodeWriteRequest(series));
        }
      },
    };
  },
});
