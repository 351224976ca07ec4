import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { grantAppRole, migrate, openDatabase } from '../src/platform/database/index.ts';
import { seedRegionsInto } from './regions-seed.ts';

/**
 * Prepares, once per test run, a migrated database with the regions loaded: a PGlite data-dir dump, and (when
 * TEST_DATABASE_URL is set) a PostgreSQL template database. Each test file then starts from a copy in milliseconds.
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-test-'));
  const lite = await openDatabase({ memory: true });
  await migrate(lite);
  await seedRegionsInto(lite);
  const dump = await (
    lite as unknown as { db: { $client: { dumpDataDir(c?: string): Promise<Blob> } } }
  ).db.$client.dumpDataDir('none');
  const dumpFile = path.join(dir, 'template.tar');
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  project.provide('pgliteTemplate', dumpFile);

  const url = process.env.TEST_DATABASE_URL;
  let template = '';
  if (url) {
    template = `zc_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${template}`;
    const db = await openDatabase({ url: u.toString(), poolSize: 2 });
    await migrate(db);
    // As bootstrap does: each test database copies the grants; the apps under test run as the app role.
    await grantAppRole(db);
    await seedRegionsInto(db);
    await db.close();
  }
  project.provide('pgTemplate', template);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (url && template) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'zc\\_t\\_${process.pid}\\_%' OR datname = $1`,
        [template],
      );
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      await admin.end();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}
