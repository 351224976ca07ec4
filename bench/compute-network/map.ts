// The compute map's data endpoint (and the statistics endpoint) with N data centres (default 1,000), each with 5
// inventory lines and 12 months of approved reports, as the province sees it (all centres), through the real HTTP
// stack (app.inject: routing, session, authorization, Zod serialisation). Target: map < 100 ms.
//   node --import tsx bench/compute-network/map.ts [postgres|pglite] [centres=1000] [iterations=40]
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { buildBenchApp, openScratch, percentile, seedCentres } from './common.ts';

const backend = (process.argv[2] ?? 'postgres') as 'pglite' | 'postgres';
const N = Number(process.argv[3] ?? 1000);
const IT = Math.min(200, Number(process.argv[4] ?? 40));
const { db, cleanup } = await openScratch(backend, 'map');
try {
  const built = await buildBenchApp(db, false);
  const t0 = performance.now();
  await seedCentres(built, N, 12);
  const seedMs = Math.round(performance.now() - t0);
  const ctx = systemContext('bench');
  const org = await built.platform.identity.createOrganisation(ctx, {
    name: 'bench bureau',
    kind: 'bureau',
    regionCode: '370000',
  });
  const uid = await built.platform.identity.createUser(ctx, {
    username: 'bench.province',
    displayName: 'bench',
    organisationId: org,
    password: 'Bench#Passw0rd-2024',
    roles: [{ role: 'province_operator', regionCode: '370000' }],
  });
  const { token } = await built.platform.sessions.startSession(ctx, uid);
  const cookie = `zc_session=${token}`;
  const time = async (url: string) => {
    const xs: number[] = [];
    let bytes = 0;
    let points = 0;
    for (let i = 0; i < IT + 3; i++) {
      const t = performance.now();
      const r = await built.app.inject({ method: 'GET', url, headers: { cookie } });
      const dt = performance.now() - t;
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      if (i >= 3) xs.push(dt); // the first calls warm caches (region names, JIT)
      bytes = r.body.length;
      points = (r.json().points ?? r.json().byCity ?? []).length;
    }
    return {
      url,
      n: xs.length,
      p50: Math.round(percentile(xs, 50) * 10) / 10,
      p95: Math.round(percentile(xs, 95) * 10) / 10,
      max: Math.round(Math.max(...xs) * 10) / 10,
      bytes,
      items: points,
    };
  };
  const results = [
    await time('/api/v1/compute/map'),
    await time('/api/v1/compute/map?origin=domestic&minFreeRacks=500'),
    await time('/api/v1/compute/statistics'),
  ];
  console.log(JSON.stringify({ backend, centres: N, seedMs, results }, null, 2));
  await built.app.close();
} finally {
  await cleanup();
}
