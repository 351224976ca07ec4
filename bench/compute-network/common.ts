// Shared set-up for the compute-network benchmarks: a scratch database (PostgreSQL or PGlite), the real app on it,
// and N synthetic data centres inserted directly. Bounded: 127.0.0.1 only; the scratch database is dropped at the end.
import crypto from 'node:crypto';
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { ManualClock, systemClock } from '../../server/src/platform/clock/index.ts';
import type { Database } from '../../server/src/platform/database/index.ts';
import { moduleApi } from '../../server/src/app.ts';
import { SeededRandom } from '../../server/src/platform/random.ts';
import { dataCentre, inventory, zone } from '../../server/src/modules/compute-network/registry/registry.tables.ts';
import { monthlyReport } from '../../server/src/modules/compute-network/reports/reports.tables.ts';
import { ingestToken } from '../../server/src/modules/compute-network/metrics/metrics.tables.ts';
import { sha256 } from '../../server/src/modules/compute-network/metrics/ingest.service.ts';
import { DEMO_CITIES } from '../../server/src/modules/compute-network/demo-calibration.ts';
import { periodsBetween } from '../../server/src/modules/compute-network/reports/report-rules.ts';

import { buildScratchApp } from '../scratch-db.ts';

export { openScratch } from '../scratch-db.ts';

export function buildBenchApp(database: Database, manualClock: boolean) {
  return buildScratchApp(database, manualClock ? new ManualClock(new Date('2024-08-20T08:00:00+08:00')) : systemClock);
}

/** N centres spread over the 16 cities with 5 inventory lines each and `months` approved reports. */
export async function seedCentres(
  built: Awaited<ReturnType<typeof buildBenchApp>>,
  n: number,
  months: number,
): Promise<string[]> {
  const db = built.platform.db;
  const rnd = SeededRandom.fromString('bench-compute');
  const orgId = await built.platform.identity.createOrganisation(systemContext('bench'), {
    name: 'bench operator',
    kind: 'datacentre_operator',
    regionCode: '370000',
  });
  const counties = await moduleApi(built, 'regions').list({ level: 'county' });
  const now = new Date();
  const zoneIds: string[] = [];
  for (const [i, c] of DEMO_CITIES.entries()) {
    const id = crypto.randomUUID();
    zoneIds.push(id);
    await db.insert(zone).values({
      id,
      code: `z-${c.code}`,
      name: c.name,
      type: i < 2 ? 'core' : i < 7 ? 'cluster' : 'edge',
      countyCodes: counties.filter((x) => x.parentCode === c.code).map((x) => x.code),
      updatedAt: now,
    });
  }
  const models = ['nvidia-a100-sxm', 'huawei-ascend-910', 'nvidia-t4', 'cambricon-mlu370-x8'];
  const ids: string[] = [];
  const periods = periodsBetween('2023-01', '2024-12').slice(-months);
  for (let k = 0; k < n; k += 100) {
    const rows = [];
    const inv = [];
    const reps = [];
    for (let i = k; i < Math.min(n, k + 100); i++) {
      const ci = i % DEMO_CITIES.length;
      const city = DEMO_CITIES[ci]!;
      const cs = counties.filter((x) => x.parentCode === city.code);
      const id = crypto.randomUUID();
      ids.push(id);
      const design = rnd.int(200, 20_000);
      const used = Math.floor(design * (0.5 + rnd.next() * 0.4));
      rows.push({
        id,
        name: `bench centre ${i}`,
        operatorOrgId: orgId,
        operatorName: 'bench operator',
        address: 'x',
        lng: city.lng + (rnd.next() - 0.5) * 0.5,
        lat: city.lat + (rnd.next() - 0.5) * 0.4,
        countyCode: cs[i % cs.length]!.code,
        cityCode: city.code,
        zoneId: zoneIds[ci]!,
        status: 'operating',
        designRacks: design,
        racksInUse: used,
        powerCapacityKw: design * 3,
        designPue: 1.3,
        storagePb: 1,
        lastIngestAt: null,
        simulated: true,
        createdAt: now,
        updatedAt: now,
      });
      inv.push(
        {
          dataCentreId: id,
          line: 1,
          kind: 'general',
          modelId: 'intel-xeon-8380-2s',
          count: rnd.int(100, 5000),
          clusterName: null,
        },
        {
          dataCentreId: id,
          line: 2,
          kind: 'general',
          modelId: 'hygon-7285-2s',
          count: rnd.int(100, 5000),
          clusterName: null,
        },
        ...[3, 4, 5].map((line) => ({
          dataCentreId: id,
          line,
          kind: 'intelligent',
          modelId: rnd.pick(models),
          count: rnd.int(8, 1500),
          clusterName: line === 3 ? 'c' : null,
        })),
      );
      for (const p of periods) {
        reps.push({
          id: crypto.randomUUID(),
          dataCentreId: id,
          period: p,
          status: 'approved',
          source: 'web',
          racksInUse: used,
          utilisationPct: 60,
          energyMwh: 1000,
          measuredPue: 1.3,
          computeInUsePflops: 10,
          storageUsedPb: 1,
          explanation: null,
          late: false,
          submittedAt: now,
          submittedBy: 'bench',
          decidedAt: now,
          decidedBy: 'bench',
          decisionNote: null,
          totalPflops: 100,
          intelligentPflops: 30,
          generalPflops: 70,
          superPflops: 0,
          designRacks: design,
          clusters1k: 0,
          clusters10k: 0,
        });
      }
    }
    await db.insert(dataCentre).values(rows);
    await db.insert(inventory).values(inv);
    for (let j = 0; j < reps.length; j += 500) await db.insert(monthlyReport).values(reps.slice(j, j + 500));
  }
  return ids;
}

/** Sets a centre's ingest token straight in its table (the benchmark prints the tokens it uses). */
export async function setIngestToken(
  built: Awaited<ReturnType<typeof buildBenchApp>>,
  id: string,
  token: string,
): Promise<void> {
  await built.platform.db
    .insert(ingestToken)
    .values({ dataCentreId: id, tokenHash: sha256(token), createdAt: new Date() })
    .onConflictDoUpdate({ target: ingestToken.dataCentreId, set: { tokenHash: sha256(token) } });
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
