// Supermarket offer search and effective-cost ranking with N data centres × 20 offers (default 1,000 × 20 = 20,000
// offers), through the real HTTP stack as an enterprise sees it. Target: p95 < 100 ms.
//   node --import tsx bench/compute-network/offer-search.ts [postgres|pglite] [centres=1000] [iterations=40]
import crypto from 'node:crypto';
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { offer } from '../../server/src/modules/compute-network/market/market.tables.ts';
import { SeededRandom } from '../../server/src/platform/random.ts';
import { buildBenchApp, openScratch, percentile, seedCentres } from './common.ts';

const backend = (process.argv[2] ?? 'postgres') as 'pglite' | 'postgres';
const N = Number(process.argv[3] ?? 1000);
const IT = Math.min(200, Number(process.argv[4] ?? 40));
const { db, cleanup } = await openScratch(backend, 'offers');
try {
  const built = await buildBenchApp(db, false);
  const t0 = performance.now();
  const centres = await seedCentres(built, N, 1);
  const rnd = SeededRandom.fromString('bench-offers');
  const models = ['nvidia-v100-sxm2', 'nvidia-p100-sxm2', 'nvidia-k80', 'nvidia-a100-sxm', 'huawei-ascend-910'];
  const now = new Date();
  const rows = centres.flatMap((c) =>
    Array.from({ length: 20 }, () => ({
      id: crypto.randomUUID(),
      dataCentreId: c,
      modelId: rnd.pick(models),
      cards: rnd.int(8, 512),
      memoryGb: 32,
      interconnect: 'NVLink',
      priceFenPerCardHour: rnd.int(100, 4000),
      billing: rnd.pick(['on_demand', 'monthly', 'reserved']),
      availableFrom: new Date(now.getTime() - 86_400_000),
      availableUntil: new Date(now.getTime() + 180 * 86_400_000),
      minLeaseHours: rnd.pick([1, 4, 24]),
      note: null,
      status: 'published',
      simulated: true,
      createdAt: now,
      updatedAt: now,
    })),
  );
  for (let i = 0; i < rows.length; i += 1000) await built.platform.db.insert(offer).values(rows.slice(i, i + 1000));
  await built.platform.db.execute('ANALYZE');
  const seedMs = Math.round(performance.now() - t0);
  const ctx = systemContext('bench');
  const org = await built.platform.identity.createOrganisation(ctx, {
    name: 'bench ent',
    kind: 'enterprise',
    regionCode: '370000',
  });
  const uid = await built.platform.identity.createUser(ctx, {
    username: 'bench.enterprise',
    displayName: 'bench',
    organisationId: org,
    password: 'Bench#Passw0rd-2024',
    roles: [{ role: 'enterprise_user', regionCode: '370000' }],
  });
  const { token } = await built.platform.sessions.startSession(ctx, uid);
  const headers = { cookie: `zc_session=${token}`, 'x-requested-with': 'bench' };
  const time = async (label: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const xs: number[] = [];
    let items = 0;
    for (let i = 0; i < IT + 3; i++) {
      const t = performance.now();
      const r = await built.app.inject({ method, url, headers, payload: payload as never });
      const dt = performance.now() - t;
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      if (i >= 3) xs.push(dt);
      items = r.json().total ?? r.json().items.length;
    }
    return {
      label,
      n: xs.length,
      p50: Math.round(percentile(xs, 50) * 10) / 10,
      p95: Math.round(percentile(xs, 95) * 10) / 10,
      items,
    };
  };
  const results = [
    await time('search, cheapest first', 'GET', '/api/v1/compute/market/offers?pageSize=20'),
    await time(
      'search, domestic, ≥ 64 cards',
      'GET',
      '/api/v1/compute/market/offers?domestic=true&minCards=64&pageSize=20',
    ),
    await time('search, text + city', 'GET', '/api/v1/compute/market/offers?q=centre%2012&cityCode=370100'),
    await time('rank for a workload', 'POST', '/api/v1/compute/market/rank', {
      family: 'ResNet-50 (batch size 64)',
      cards: 8,
      steps: 1_000_000,
      deadlineHours: 48,
    }),
  ];
  console.log(JSON.stringify({ backend, centres: N, offers: rows.length, seedMs, results }, null, 2));
} finally {
  await cleanup();
}
