// A scratch database for a benchmark: a PGlite folder, or a PostgreSQL database (BENCH_DATABASE_URL, default the local
// server) created now and dropped by cleanup(). 127.0.0.1 only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { AuditKey } from '../server/src/platform/audit/index.ts';
import type { Clock } from '../server/src/platform/clock/index.ts';
import { DataProtector } from '../server/src/platform/crypto/index.ts';
import { migrate, openDatabase, type Database } from '../server/src/platform/database/index.ts';

export async function openScratch(
  backend: 'pglite' | 'postgres',
  tag: string,
  poolSize = 10,
): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  if (backend === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `zc-bench-${tag}-`));
    const db = await openDatabase({ dataDir: dir });
    return {
      db,
      cleanup: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `zc_bench_${tag}_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDatabase({ url: u.toString(), poolSize });
  return {
    db,
    cleanup: async () => {
      await db.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** The app on a scratch database, configured as a test would be (no web app, silent, throw-away keys). */
export async function buildScratchApp(database: Database, clock?: Clock) {
  await migrate(database);
  const config = { ...loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' }, []), webDist: '/nonexistent' };
  return buildApp({
    config,
    database,
    ...(clock ? { clock } : {}),
    protector: DataProtector.random(),
    auditKey: AuditKey.random(),
    logger: false,
  });
}
