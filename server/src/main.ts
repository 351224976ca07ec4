import { buildApp } from './app.ts';
import { openAndMigrate } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { seedDemo } from './demo.ts';

const started = performance.now();
const config = loadConfig();
const { database, applied } = await openAndMigrate(config);
const built = await buildApp({ config, database });
const { app, platform, auditCheckpoints, jobs } = built;
// Before any audit row is written (the demo writes some): a key that does not fit the trail stops the start.
await auditCheckpoints.assertKeyFits();

const lines: string[] = [];
if (config.demo) await seedDemo(built, (l) => lines.push(l));

// Before listening: a checkpoint file that cannot be written stops the start.
await auditCheckpoints.start();
await app.listen({ port: config.port, host: config.host });
platform.events.start();
jobs.start();
const address = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;

const asRole = database.role ? ` as ${database.role}` : '';
const out = [
  '',
  `智城 Zhicheng is running at ${address}`,
  `  database: ${database.kind} (${database.location}${asRole})${applied.length ? `, applied ${applied.length} migration(s)` : ''}` +
    ``,
  `  API docs: ${address}/api/docs`,
  `  started in ${Math.round(performance.now() - started)} ms`,
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
      await database.close();
      process.exit(0);
    })();
  });
}
