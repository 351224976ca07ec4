import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgDialect, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { SQL } from 'drizzle-orm';
import { inTransaction, withAmbientTransactions } from './ambient.ts';

/**
 * The Drizzle handle every repository uses; a transaction handle has the same type. The handle a Database hands out
 * joins the caller's transaction (see ambient.ts).
 */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Where the data lives, for /api/health and the start-up banner (no credentials). */
  location: string;
  /** PostgreSQL: the role every statement runs as, when one was set (see roles.ts). */
  role?: string;
  /** Runs a multi-statement SQL script (migrations). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… — a real PostgreSQL. */
  url?: string;
  /** Folder for PGlite's files; created when missing. */
  dataDir?: string;
  /** PGlite in memory (tests). */
  memory?: boolean;
  /** A PGlite data-dir dump to start from (tests start from a migrated template). */
  loadDataDir?: Blob;
  poolSize?: number;
  /**
   * PostgreSQL: every connection runs as this role (startup option `role`, like SET ROLE before the first query).
   * A connection that cannot take the role fails, so no statement ever runs with the login's own rights by mistake.
   */
  role?: string;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    if (opts.role && !/^[a-z_][a-z0-9_]*$/.test(opts.role)) throw new Error(`not a plain role name: ${opts.role}`);
    const options = opts.role ? `-c role=${opts.role}` : undefined;
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, options });
    // An idle connection the server closed (restart, failover) must not bring the process down: the pool drops it
    // and the next query opens a new one.
    pool.on('error', (err) => console.warn(`postgres: idle connection lost: ${err.message}`));
    // Fail fast with a clear message when the server is unreachable.
    const client = await pool.connect();
    client.release();
    const u = new URL(opts.url);
    return {
      db: withAmbientTransactions(drizzlePg(pool) as unknown as Db),
      kind: 'postgres',
      location: `postgres://${u.hostname}:${u.port || 5432}${u.pathname}`,
      ...(opts.role ? { role: opts.role } : {}),
      execScript: async (sql) => {
        await pool.query(sql);
      },
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  let location: string;
  if (opts.memory || !opts.dataDir) {
    client = await PGlite.create({ loadDataDir: opts.loadDataDir });
    location = 'memory';
  } else {
    // PGlite does not create missing parent folders.
    fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
    client = await PGlite.create({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
    location = opts.dataDir;
  }
  return {
    db: withAmbientTransactions(drizzlePglite(client) as unknown as Db),
    kind: 'pglite',
    location,
    execScript: async (sql) => {
      await client.exec(sql);
    },
    close: () => client.close(),
  };
}

/** Rows of a raw SQL query, the same on PGlite and node-postgres (both answer `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** Times and dates come back as PostgreSQL's text, as Drizzle's own queries return them. */
const AS_TEXT = new Set([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
]);
const asDrizzle = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') =>
    AS_TEXT.has(id) ? (v: string) => v : pg.types.getTypeParser(id, format)) as typeof pg.types.getTypeParser,
};

/**
 * `queryRows` as a named prepared statement on PostgreSQL: planned once per pooled connection instead of on every
 * call. For the few statements a busy public endpoint sends many times a second (a batch of votes, of rate-limit
 * hits), where planning a CTE cost about a millisecond each time. `name` must always stand for the same text.
 * PGlite, and a call inside a transaction (its own connection), run the query as `queryRows` does.
 */
export async function queryRowsPrepared<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool) || inTransaction()) return queryRows<T>(db, query);
  const { sql: text, params } = (db as unknown as { dialect: PgDialect }).dialect.sqlToQuery(query);
  return (await client.query({ name, text, values: params, types: asDrizzle })).rows as T[];
}
