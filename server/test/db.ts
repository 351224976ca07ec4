import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { APP_ROLE, openDatabase, type Database, type DatabaseKind } from '../src/platform/database/index.ts';

/** The databases every db and api test runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  /** PostgreSQL: the owner's connection string (tests of bootstrap open their own pools). */
  url?: string;
  /**
   * The same database as the server sees it: on PostgreSQL another pool whose statements run as the app role (close
   * it before this one); on PGlite, which has no roles, this database itself (closing it does nothing).
   */
  openAsApp(): Promise<Database>;
}

/** A fresh database, migrated and with the regions loaded, private to the caller, as its owner. Close it when done. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const blob = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
    const db = await openDatabase({ memory: true, loadDataDir: blob });
    return { ...db, openAsApp: async () => ({ ...db, close: async () => {} }) };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `zc_t_${process.ppid}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
      break;
    } catch (err) {
      // Two files copying the template at the same instant: try again shortly.
      if (attempt > 20 || !String(err).includes('being accessed')) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDatabase({ url: u.toString(), poolSize: 5 });
  const close = db.close;
  return {
    ...db,
    url: u.toString(),
    openAsApp: () => openDatabase({ url: u.toString(), poolSize: 5, role: APP_ROLE }),
    close: async () => {
      await close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** `describe` once per backend; the suite gets the backend's name. */
export function describeDb(name: string, fn: (kind: DatabaseKind) => void): void {
  for (const kind of BACKENDS) describe(`${name} [${kind}]`, () => fn(kind));
}
