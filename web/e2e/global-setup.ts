import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startServer } from './harness';

/**
 * Seeds one demo data folder for the whole e2e run: a fresh start (migrations, regions, every module's demo data),
 * then a clean stop. Each journey's server starts from a copy of it (harness.ts), as `npm start` does on existing
 * data, so the demo is seeded once per run instead of once per file. The first start itself is what the platform
 * journey's fresh-start checks and the startup bench cover.
 */
export default async function setup(project: TestProject) {
  const server = await startServer({ demo: true, dataDir: fs.mkdtempSync('/tmp/zc-e2e-template-') });
  const { dataDir, banner } = server;
  // A clean stop, so the copies open a closed database (PGlite flushes on close).
  await server.stop('SIGTERM', 120_000);
  if (server.process.exitCode !== 0)
    throw new Error(`the demo template server did not stop cleanly (${server.process.exitCode})`);
  project.provide('demoTemplate', { dataDir, banner });
  return () => fs.rmSync(dataDir, { recursive: true, force: true });
}
