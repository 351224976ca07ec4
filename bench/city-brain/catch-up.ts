// Catch-up after an hour offline at 16 cities' realistic rates: seconds from the link's return to every message committed (issue 16: < 30 s).
//   npm run bench -- city-brain/catch-up [postgres|pglite] [minutes offline, 60] [rate ×, 1]
// Real nats-servers as in exchange.nats.db.test.ts: the hub (JetStream domain `hub`, its own store folder) and one leaf
// node per city (its own domain and store), each joined through a relay the bench cuts. With the link cut, every city
// writes what its platform would have sent in that time — the simulator's rates: its six vital signs every 10 s, a
// heartbeat every 15 s, an event every 15 min, an hourly update of its two datasets — into its own CITY_UP stream,
// with observedAt spread over the hour. Then the relay is restored and the clock runs until the database holds every
// message: the leaf nodes reconnecting, the hub's sources resuming, and the intake consumer committing in batches.
// Checked after: nothing lost, nothing doubled, each city's messages in the order it wrote them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { connect } from 'nats';
import { buildApp, moduleApi } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { AuditKey } from '../../server/src/platform/audit/index.ts';
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { DataProtector } from '../../server/src/platform/crypto/index.ts';
import { migrate } from '../../server/src/platform/database/index.ts';
import { natsPasswordHash, natsUserEntry, startNatsServer } from '../../server/src/platform/messaging/index.ts';
import { RegistryService } from '../../server/src/modules/city-brain/registry.service.ts';
import { CityPlatform } from '../../server/src/modules/city-brain/simulator/city-platform.ts';
import { EVENT_KINDS, vitalSignsOf } from '../../server/src/modules/city-brain/simulator/city-simulator.ts';
import { LinkCut } from '../../server/src/modules/city-brain/simulator/link-cut.ts';
import { openScratch } from '../scratch-db.ts';

const backend = (process.argv[2] ?? 'postgres') as 'pglite' | 'postgres';
const minutes = Number(process.argv[3] ?? 60);
const factor = Number(process.argv[4] ?? 1);
const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-bench-catchup-'));
const hubLogin = { user: 'zc-hub', password: 'hub-password-for-the-bench-only' };
const relay = new LinkCut('127.0.0.1', 0);
await relay.open();
const hub = await startNatsServer({
  dir: path.join(dir, 'hub'),
  serverName: 'bench-hub',
  domain: 'hub',
  leafPort: 0,
  leafAdvertise: `127.0.0.1:${relay.port}`,
  authorization: `users: [ ${natsUserEntry(hubLogin.user, natsPasswordHash(hubLogin.password))} ]`,
});
relay.targetPort = hub.leafPort!;

const { db, cleanup } = await openScratch(backend, 'cbcatchup');
await migrate(db);
const built = await buildApp({
  config: { ...loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' }, []), webDist: '/nonexistent' },
  database: db,
  protector: DataProtector.random(),
  auditKey: AuditKey.random(),
  // Errors only (an intake batch that fails says why on stderr).
  logger: { level: 'error' },
  messaging: { hub: { url: hub.url, ...hubLogin }, managed: hub },
});
const regions = moduleApi(built, 'regions');
await regions.seed();
const sys = systemContext('bench.city-brain');
const registry = new RegistryService(built.platform, regions);
const cities = await regions.list({ parent: built.platform.config.provinceCode, level: 'city' });
const ids: string[] = [];
for (const c of cities)
  ids.push(
    (
      await registry.createDemo(sys, {
        code: `c${c.code}`,
        kind: 'city_brain',
        name: `${c.name}城市大脑(示例)`,
        regionCode: c.code,
        ownerUnit: `${c.name}大数据局(示例)`,
        contactName: '王工',
        contactPhone: '0531-86001234',
        publishes: ['vital-sign', 'event', 'dataset-update', 'heartbeat'],
        receives: ['task', 'notice', 'alert'],
      })
    ).id,
  );
const logins = await registry.issueDemoLogins(sys, ids);
// The module's run: the hub's users (each city's login), the intake stream sourcing every city, the intake consumer.
await built.jobs.startRunners();

const counties = new Map<string, string[]>();
for (const c of cities)
  counties.set(
    c.code,
    (await regions.list({ parent: c.code })).map((r) => r.code),
  );
log(`starting ${cities.length} city leaf nodes`);
const platforms = await Promise.all(
  cities.map((c, i) =>
    CityPlatform.start({
      code: `c${c.code}`,
      dir: path.join(dir, `c${c.code}`),
      hubLeafUrl: `nats-leaf://c${c.code}:${logins.get(ids[i]!)!.password}@127.0.0.1:${relay.port}`,
    }),
  ),
);
// Whatever happens, the servers this bench started are stopped and its folders removed.
try {
  const count = async () =>
    Number(
      (
        (await db.db.execute(sql`SELECT count(*)::int AS n FROM city_brain.inbound_message`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n,
    );
  async function until(what: string, target: number, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    let n = await count();
    while (n < target) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${n} of ${target}`);
      await new Promise((r) => setTimeout(r, 100));
      n = await count();
    }
  }

  // Every city connected: one heartbeat each reaches the database through the relay.
  const start = Date.now() - minutes * 60_000;
  const heartbeat = (code: string, region: string, at: number, n: number) => ({
    id: `urn:ngsi-ld:Heartbeat:${code}:${n}`,
    type: 'Heartbeat',
    schemaVersion: 1,
    observedAt: new Date(at).toISOString(),
    regionCode: region,
  });
  await Promise.all(
    platforms.map((p, i) => p.publish('heartbeat', heartbeat(p.code, cities[i]!.code, start - 1000, 0), `${p.code}-0`)),
  );
  await until('every city connected', cities.length, 60_000);
  log('all cities connected; cutting the link');
  relay.down();
  await new Promise((r) => setTimeout(r, 1000));

  /** What one city's platform sends in the offline window, in the order it sends it (observedAt ascending). */
  function backlog(code: string, region: string, seed: number) {
    const out: { kind: 'vital-sign' | 'event' | 'heartbeat' | 'dataset-update'; entity: object }[] = [];
    let x = seed;
    const random = () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x / 2 ** 31);
    const step = 1000 / factor;
    const own = counties.get(region)!;
    for (let t = 0, n = 0; t < minutes * 60_000; t += step, n++) {
      const at = start + t;
      if (n % 10 === 0)
        for (const v of vitalSignsOf(code, region, new Date(at), random))
          out.push({ kind: 'vital-sign', entity: { ...v, id: `${v.id}:${n}` } });
      if (n % 15 === 0) out.push({ kind: 'heartbeat', entity: heartbeat(code, region, at, n + 1) });
      if (n % 900 === 450) {
        const k = EVENT_KINDS[n % EVENT_KINDS.length]!;
        out.push({
          kind: 'event',
          entity: {
            id: `urn:ngsi-ld:CityEvent:${code}:${n}`,
            type: 'CityEvent',
            schemaVersion: 1,
            observedAt: new Date(at).toISOString(),
            regionCode: own[n % own.length] ?? region,
            ...k,
          },
        });
      }
      if (n % 3600 === 3599)
        for (const d of ['city-vital-signs', 'parking-berths'])
          out.push({
            kind: 'dataset-update',
            entity: {
              id: `urn:ngsi-ld:DatasetUpdate:${code}:${d}:${n}`,
              type: 'DatasetUpdate',
              schemaVersion: 1,
              observedAt: new Date(at).toISOString(),
              regionCode: region,
              datasetCode: d,
              version: new Date(at).toISOString().slice(0, 13),
              records: 1000 + n,
            },
          });
    }
    return out;
  }

  const written = Date.now();
  const perCity = await Promise.all(
    platforms.map(async (p, i) => {
      const msgs = backlog(p.code, cities[i]!.code, i + 1);
      // In windows of 500 publishes in flight: one connection keeps them in the order sent.
      for (let k = 0; k < msgs.length; k += 500)
        await Promise.all(msgs.slice(k, k + 500).map((m, j) => p.publish(m.kind, m.entity, `${p.code}-${k + j + 1}`)));
      return msgs.length;
    }),
  );
  const backlogTotal = perCity.reduce((a, b) => a + b, 0);
  log(`written while offline: ${backlogTotal} messages in ${((Date.now() - written) / 1000).toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, 2000));
  const before = await count();
  if (before !== cities.length) throw new Error(`the link was not cut: ${before} messages arrived while offline`);

  log('restoring the link');
  const restored = performance.now();
  relay.restore();
  let firstAt: number | null = null;
  const probe = setInterval(
    () =>
      void count().then((n) => {
        if (n > before && firstAt === null) firstAt = performance.now();
      }),
    100,
  );
  // The hub's side while catching up: what its intake stream holds and what the intake consumer still has to commit.
  const watch = await connect({ servers: hub.url, ...{ user: hubLogin.user, pass: hubLogin.password } });
  const wjsm = await watch.jetstreamManager();
  const hubCurve: string[] = [];
  const hubProbe = setInterval(
    () =>
      void Promise.all([wjsm.streams.info('CB_UP'), wjsm.consumers.info('CB_UP', 'intake')])
        .then(([si, ci]) =>
          hubCurve.push(
            `${Math.round(performance.now() - restored) / 1000}s:${si.state.messages}/${ci.num_pending + ci.num_ack_pending}`,
          ),
        )
        .catch(() => undefined),
    2000,
  );
  // When each city's backlog was complete, and how the total moved (seconds after the restore).
  const done = new Map<string, number>();
  const curve: [number, number][] = [];
  const perCityProbe = setInterval(
    () =>
      void (
        db.db.execute(
          sql`SELECT s.code, count(*)::int AS n FROM city_brain.inbound_message m JOIN city_brain.sub_platform s ON s.id = m.sub_platform_id GROUP BY s.code`,
        ) as unknown as Promise<{ rows: { code: string; n: number }[] }>
      ).then(({ rows }) => {
        const at = Math.round(performance.now() - restored) / 1000;
        curve.push([at, rows.reduce((a, r) => a + r.n, 0)]);
        for (const r of rows) if (r.n === perCity[0]! + 1 && !done.has(r.code)) done.set(r.code, at);
      }),
    500,
  );
  await until('convergence', before + backlogTotal, Number(process.env.CATCH_UP_TIMEOUT_MS ?? 600_000)).catch(
    async (e: Error) => {
      log(`hub stream / intake pending: ${hubCurve.join(' ')}`);
      const diag = (await db.db.execute(
        sql`SELECT (SELECT json_agg(x) FROM (SELECT reason, count(*)::int AS n FROM city_brain.dead_letter GROUP BY reason) x) AS dead,
          (SELECT json_agg(y) FROM (SELECT s.code, count(*)::int AS n FROM city_brain.inbound_message m JOIN city_brain.sub_platform s ON s.id = m.sub_platform_id GROUP BY s.code ORDER BY s.code) y) AS per_city`,
      )) as unknown as { rows: unknown[] };
      log(`dead letters and stored per city: ${JSON.stringify(diag.rows[0])}`);
      throw e;
    },
  );
  const seconds = (performance.now() - restored) / 1000;
  clearInterval(probe);
  clearInterval(perCityProbe);
  clearInterval(hubProbe);
  await watch.close();
  log(`hub stream / intake pending: ${hubCurve.join(' ')}`);
  log(`cities complete at (s): ${[...done.values()].sort((a, b) => a - b).join(' ')}`);
  log(
    `total over time: ${curve
      .filter((_, i) => i % 4 === 0)
      .map(([t, n]) => `${t}s:${n}`)
      .join(' ')}`,
  );

  // Nothing doubled, nothing lost, in order per city.
  const check = (
    (await db.db.execute(sql`
      SELECT count(*)::int AS n, count(DISTINCT (sub_platform_id, msg_id))::int AS distinct_ids,
        (SELECT count(*)::int FROM (
          SELECT split_part(msg_id, '-', 2)::int - lag(split_part(msg_id, '-', 2)::int) OVER (PARTITION BY sub_platform_id ORDER BY id) AS d
          FROM city_brain.inbound_message) x WHERE d <> 1) AS out_of_order
      FROM city_brain.inbound_message`)) as unknown as {
      rows: { n: number; distinct_ids: number; out_of_order: number }[];
    }
  ).rows[0]!;
  console.log(
    JSON.stringify({
      backend,
      cities: cities.length,
      minutesOffline: minutes,
      rateFactor: factor,
      backlog: backlogTotal,
      perCity: perCity[0],
      firstMessageAfterSeconds: firstAt === null ? null : Math.round(((firstAt - restored) / 1000) * 100) / 100,
      convergedSeconds: Math.round(seconds * 100) / 100,
      messagesPerSecond: Math.round(backlogTotal / seconds),
      stored: check.n,
      duplicates: check.n - check.distinct_ids,
      outOfOrder: check.out_of_order,
    }),
  );
} finally {
  await Promise.all(platforms.map((p) => p.stop().catch(() => undefined)));
  await built.app.close();
  await relay.close();
  await hub.stop();
  await cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
}
