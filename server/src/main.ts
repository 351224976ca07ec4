import crypto from 'node:crypto';
import path from 'node:path';
import { buildApp } from './app.ts';
import { openAndMigrate } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { seedDemo } from './demo.ts';
import {
  ensureNatsServerInstalled,
  natsPasswordHash,
  natsUserEntry,
  startNatsServer,
  type Messaging,
  type NatsServerHandle,
} from './platform/messaging/index.ts';

const started = performance.now();
const config = loadConfig();
const { database, applied } = await openAndMigrate(config);
// Where the start-up time goes, printed on the banner (the e2e journeys start a demo server each).
const phases: string[] = [];
let phaseStart = started;
const phase = (name: string) => {
  phases.push(`${name} ${Math.round(performance.now() - phaseStart)} ms`);
  phaseStart = performance.now();
};
phase('database');
// The message exchange: the province's NATS server (NATS_URL), or one this process runs with its store under DATA_DIR.
let natsServer: NatsServerHandle | undefined;
let messaging: Messaging | undefined;
if (!config.nats.url) {
  ensureNatsServerInstalled();
  const hub = { user: 'zc-hub', password: crypto.randomBytes(24).toString('base64url') };
  natsServer = await startNatsServer({
    dir: path.join(config.dataDir, 'nats'),
    serverName: 'zhicheng-hub',
    domain: 'hub',
    host: config.host,
    port: config.nats.port,
    leafPort: config.nats.leafPort,
    leafAdvertise: config.nats.leafUrl?.replace(/^[a-z-]+:\/\//, ''),
    authorization: `users: [ ${natsUserEntry(hub.user, natsPasswordHash(hub.password))} ]`,
  });
  const leafHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  messaging = {
    hub: {
      url: natsServer.url,
      ...hub,
      leafUrl: config.nats.leafUrl ?? `nats-leaf://${leafHost}:${natsServer.leafPort}`,
    },
    managed: natsServer,
  };
}
phase('nats');
const built = await buildApp({ config, database, messaging });
phase('modules');
const { app, platform, auditCheckpoints, jobs } = built;
// Before any audit row is written (the demo writes some): a key that does not fit the trail stops the start.
await auditCheckpoints.assertKeyFits();

const lines: string[] = [];
if (config.demo) {
  await seedDemo(built, (l) => lines.push(l));
  phase('demo');
}

// Before listening: a checkpoint file that cannot be written stops the start.
await auditCheckpoints.start();
await app.listen({ port: config.port, host: config.host });
platform.events.start();
jobs.start();
await jobs.startRunners();
phase('listen');
const address = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;

const asRole = database.role ? ` as ${database.role}` : '';
const migrated = applied.length ? `, applied ${applied.length} migration(s)` : '';
const exchange = natsServer
  ? `${natsServer.url} (local nats-server, store in ${path.join(config.dataDir, 'nats')}; ` +
    `city leaf nodes join ${messaging?.hub?.leafUrl})`
  : config.nats.url;
const out = [
  '',
  `智城 Zhicheng is running at ${address}`,
  `  database: ${database.kind} (${database.location}${asRole})${migrated}`,
  `  API docs: ${address}/api/docs`,
  `  message exchange: NATS ${exchange}`,
  `  started in ${Math.round(performance.now() - started)} ms (${phases.join(', ')})`,
];
if (config.demo) {
  out.push('  DEMO MODE: simulated data (示例数据), demo accounts below — never use in production', ...lines);
}
console.log(out.join('\n'));

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    void (async () => {
      await app.close();
      await natsServer?.stop();
      await database.close();
      process.exit(0);
    })();
  });
}
