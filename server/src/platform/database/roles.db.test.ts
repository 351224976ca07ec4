import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openAndMigrate } from '../../bootstrap.ts';
import { createTestApp, testConfig, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { APP_ROLE, queryRows, type Db } from './index.ts';

/** A login of the operator's that joins the app role: what DATABASE_APP_URL names in production. */
const SERVER_LOGIN = 'zc_test_server';

// PGlite is single-user: these run on PostgreSQL only (TEST_DATABASE_URL); on PGlite the checkpoints protect the trail.
describeDb('database roles', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  /** Drizzle wraps the database's error; PostgreSQL's message is in its cause. */
  const failure = (why: RegExp) => ({ cause: expect.objectContaining({ message: expect.stringMatching(why) }) });
  const denied = (db: Db, statement: string, why: RegExp) =>
    expect(db.execute(sql.raw(statement))).rejects.toMatchObject(failure(why));

  /** What the app role may do to the audit trail: add and read, nothing else, whatever the triggers say. */
  async function expectInsertAndReadOnly(db: Db) {
    await t.platform.audit.record(db, t.systemCtx(), { action: 'test.role.check', objectType: 'thing' });
    expect((await queryRows<{ n: string }>(db, sql`SELECT count(*) AS n FROM audit.event`))[0]!.n).not.toBe('0');
    await denied(db, 'UPDATE audit.event SET action = $$x$$', /permission denied/);
    await denied(db, 'DELETE FROM audit.event', /permission denied/);
    await denied(db, 'TRUNCATE audit.event', /permission denied/);
    await denied(db, 'ALTER TABLE audit.event DISABLE TRIGGER event_append_only', /must be owner/);
    await denied(db, 'DELETE FROM platform.schema_migration', /permission denied/);
  }

  const onPostgres = it.runIf(kind === 'postgres');

  onPostgres('runs the app as the app role, which may only insert and read audit rows', async () => {
    const [who] = await queryRows<{ current_user: string }>(t.platform.db, sql`SELECT current_user`);
    expect(who!.current_user).toBe(APP_ROLE);
    await expectInsertAndReadOnly(t.platform.db);
  });

  onPostgres('migrates as the owner, then serves through DATABASE_APP_URL as the app role', async () => {
    const admin = new pg.Client({ connectionString: t.database.url });
    await admin.connect();
    // Roles belong to the cluster, and other test runs may make this one at the same moment.
    await admin.query(`DO $$ BEGIN CREATE ROLE ${SERVER_LOGIN} LOGIN IN ROLE ${APP_ROLE};
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
    await admin.end();
    const appUrl = new URL(t.database.url!);
    appUrl.username = SERVER_LOGIN;
    const config = testConfig({ databaseUrl: t.database.url, databaseAppUrl: appUrl.toString() });
    const { database } = await openAndMigrate(config);
    try {
      expect(database.role).toBe(APP_ROLE);
      const who = (await queryRows(database.db, sql`SELECT session_user, current_user`))[0];
      expect(who).toEqual({ session_user: SERVER_LOGIN, current_user: APP_ROLE });
      await expectInsertAndReadOnly(database.db);
      // Unlike the owner's login, this one has nothing of its own to fall back to.
      const err = await database.db
        .transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL ROLE NONE`);
          await tx.execute(sql`TRUNCATE audit.event`);
        })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(err).toMatchObject(failure(/permission denied/));
    } finally {
      await database.close();
    }
  });

  onPostgres('without DATABASE_APP_URL, serves through the owner login as the app role', async () => {
    const { database } = await openAndMigrate(testConfig({ databaseUrl: t.database.url }));
    try {
      const [who] = await queryRows<{ current_user: string }>(database.db, sql`SELECT current_user`);
      expect(who!.current_user).toBe(APP_ROLE);
      await expectInsertAndReadOnly(database.db);
    } finally {
      await database.close();
    }
  });
});
