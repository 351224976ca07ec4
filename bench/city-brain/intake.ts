// Upward messages judged against their schemas and committed to PostgreSQL per second (issue 16: ≥ 20,000/s).
//   npm run bench -- city-brain/intake [pglite|postgres] [messages] [batch]
// The intake's own work, as the hub's consumer calls it with each fetched batch (INTAKE_BATCH, 5,000): judge each message (registry,
// Zod schema, region), insert the new ones (deduplicated on sub-platform + message id), keep the latest vital signs,
// move each sender's link and traffic counters, one audit row per batch.
import { moduleApi } from '../../server/src/app.ts';
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { INTAKE_BATCH } from '../../server/src/modules/city-brain/exchange/hub-link.ts';
import { IntakeService } from '../../server/src/modules/city-brain/exchange/intake.service.ts';
import { RegistryRepository } from '../../server/src/modules/city-brain/registry.repository.ts';
import { RegistryService } from '../../server/src/modules/city-brain/registry.service.ts';
import { buildScratchApp, openScratch } from '../scratch-db.ts';

const backend = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const total = Number(process.argv[3] ?? 100_000);
const BATCH = Number(process.argv[4] ?? INTAKE_BATCH);

const { db, cleanup } = await openScratch(backend, 'cbintake');
const built = await buildScratchApp(db);
const regions = moduleApi(built, 'regions');
await regions.seed();
const sys = systemContext('bench.city-brain');
const registry = new RegistryService(built.platform, regions);
const cities = await regions.list({ parent: '370000', level: 'city' });
for (const c of cities)
  await registry.createDemo(sys, {
    code: `c${c.code}`,
    kind: 'city_brain',
    name: `${c.name}城市大脑(示例)`,
    regionCode: c.code,
    ownerUnit: '大数据局(示例)',
    contactName: '王工',
    contactPhone: '0531-86001234',
    publishes: ['vital-sign', 'event', 'dataset-update', 'heartbeat'],
    receives: ['task'],
  });
const intake = new IntakeService(built.platform, new RegistryRepository(built.platform.db), regions);
const enc = new TextEncoder();
const INDICATORS = ['air.aqi', 'traffic.congestion', 'water.supply', 'power.load', 'population.active'];
const t0 = Date.now();
function message(n: number) {
  const city = cities[n % cities.length]!;
  const code = `c${city.code}`;
  const at = new Date(t0 - (total - n) * 10).toISOString();
  const heartbeat = n % 5 === 0;
  const entity = heartbeat
    ? {
        id: `urn:ngsi-ld:Heartbeat:${code}:${n}`,
        type: 'Heartbeat',
        schemaVersion: 1,
        observedAt: at,
        regionCode: city.code,
      }
    : {
        id: `urn:ngsi-ld:VitalSign:${code}:${n}`,
        type: 'VitalSign',
        schemaVersion: 1,
        observedAt: at,
        regionCode: city.code,
        indicator: INDICATORS[n % INDICATORS.length]!,
        value: (n * 7) % 300,
        unit: '',
      };
  return {
    subject: `zc.up.${code}.${heartbeat ? 'heartbeat' : 'vital-sign'}`,
    data: enc.encode(JSON.stringify(entity)),
    msgId: `${code}-${n}`,
    hubSeq: n + 1,
  };
}

await intake.commit(sys, [message(0)]); // warm the registry cache and the statements
const started = performance.now();
let accepted = 0;
for (let n = 1; n < total; n += BATCH) {
  const batch = [];
  for (let i = n; i < Math.min(total, n + BATCH); i++) batch.push(message(i));
  accepted += (await intake.commit(sys, batch)).accepted;
}
const secs = (performance.now() - started) / 1000;
// A second pass of the same ids: what a redelivery after a crash costs (all skipped as duplicates).
const dupStart = performance.now();
let duplicates = 0;
for (let n = 1; n < Math.min(total, 20_001); n += BATCH) {
  const batch = [];
  for (let i = n; i < Math.min(total, n + BATCH); i++) batch.push(message(i));
  duplicates += (await intake.commit(sys, batch)).duplicates;
}
const dupSecs = (performance.now() - dupStart) / 1000;
console.log(
  JSON.stringify({
    backend,
    messages: total - 1,
    accepted,
    seconds: Math.round(secs * 100) / 100,
    perSecond: Math.round(accepted / secs),
    redelivered: duplicates,
    redeliveredPerSecond: Math.round(duplicates / dupSecs),
  }),
);
await built.app.close();
await cleanup();
