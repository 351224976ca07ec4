import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { AuditKey, GENESIS, KEYED, UNKEYED } from './audit-key.ts';
import { auditEvent } from './audit.tables.ts';

/**
 * What someone who holds the database (its owner, a superuser, PGlite's files) but not the audit key or the
 * checkpoint file can do to the trail, and how `audit:verify` names each of it.
 */
describeDb('audit trail that survives its database', (kind) => {
  const opened: { t: TestApp; dir: string }[] = [];
  afterEach(async () => {
    for (const { t, dir } of opened.splice(0)) {
      await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /** An app with its own checkpoint file, `events` audit rows, and a checkpoint of them. */
  async function trail(events = 5): Promise<TestApp & { checkpointFile: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-audit-'));
    const checkpointFile = path.join(dir, 'audit-checkpoints.log');
    const t = await createTestApp(kind, { config: { auditCheckpointFile: checkpointFile } });
    opened.push({ t, dir });
    for (let i = 1; i <= events; i++) await record(t, i);
    await t.auditCheckpoints.writeNow();
    return Object.assign(t, { checkpointFile });
  }

  const record = (t: TestApp, i: number) =>
    t.platform.audit.record(t.platform.db, t.systemCtx(), {
      action: 'test.thing.change',
      objectType: 'thing',
      objectId: `t${i}`,
      after: { i },
    });

  /** As the owner, with the row trigger off: `sql` on the table, then the trigger back on. */
  async function behindTheTriggers(t: TestApp, statement: ReturnType<typeof sql>, trigger = 'event_append_only') {
    await t.database.db.execute(sql.raw(`ALTER TABLE audit.event DISABLE TRIGGER ${trigger}`));
    await t.database.db.execute(statement);
    await t.database.db.execute(sql.raw(`ALTER TABLE audit.event ENABLE TRIGGER ${trigger}`));
  }

  /**
   * Rewrites rows from `fromSeq` on as an attacker would: `change` the first, then hash it and every later row again
   * so that each links to the one before, with `hashWith` (anything but the real key) under `chainVersion`.
   */
  async function recompute(
    t: TestApp,
    [fromSeq, toSeq]: [number, number],
    chainVersion: number,
    hashWith: AuditKey,
    change = (r: object) => r,
  ) {
    const range = and(gte(auditEvent.seq, fromSeq), lte(auditEvent.seq, toSeq));
    const rows = await t.database.db.select().from(auditEvent).where(range).orderBy(asc(auditEvent.seq));
    const [before] = await t.database.db
      .select()
      .from(auditEvent)
      .where(eq(auditEvent.seq, fromSeq - 1));
    let prev = before?.hash ?? GENESIS;
    await t.database.db.execute(sql`ALTER TABLE audit.event DISABLE TRIGGER event_append_only`);
    for (const [i, r] of rows.entries()) {
      const { hash: _h, prevHash: _p, chainVersion: _v, ...fields } = i === 0 ? (change(r) as typeof r) : r;
      const hash = hashWith.rowHash(chainVersion, prev, fields)!;
      const rewritten = { ...fields, prevHash: prev, hash, chainVersion };
      await t.database.db.update(auditEvent).set(rewritten).where(eq(auditEvent.seq, r.seq));
      prev = hash;
    }
    await t.database.db.execute(sql`ALTER TABLE audit.event ENABLE TRIGGER event_append_only`);
  }

  it('refuses TRUNCATE by a statement trigger, UPDATE and DELETE by the row trigger, even to the owner', async () => {
    const t = await trail(2);
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    const owner = t.database.db;
    await expect(owner.execute(sql`TRUNCATE audit.event`)).rejects.toMatchObject(refused);
    await expect(owner.execute(sql`DELETE FROM audit.event WHERE seq = 2`)).rejects.toMatchObject(refused);
    await expect(owner.execute(sql`UPDATE audit.event SET action = 'x' WHERE seq = 1`)).rejects.toMatchObject(refused);
    expect((await t.platform.audit.verify(t.platform.db)).checked).toBe(2);
  });

  it('is intact when nobody tampered: keyed rows, and a checkpoint of the head', async () => {
    const t = await trail(5);
    const r = await t.platform.audit.verify(t.platform.db);
    expect(r).toMatchObject({ ok: true, checked: 5, unkeyed: 0, firstBrokenSeq: null, problems: [] });
    expect(r.checkpoints).toEqual({ valid: 1, newestSeq: 5 });
  });

  it('names the rows deleted at the head, which no hash link can show', async () => {
    const t = await trail(5);
    await behindTheTriggers(t, sql`DELETE FROM audit.event WHERE seq >= 4`);
    const r = await t.platform.audit.verify(t.platform.db);
    expect(r).toMatchObject({ ok: false, checked: 3, firstBrokenSeq: 4 });
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'rows_deleted', seq: 4, toSeq: 5, line: 1 })]);
    expect(r.problems[0]!.detail).toMatch(/rows 4\.\.5 deleted/);
  });

  it('names rows deleted in the middle', async () => {
    const t = await trail(5);
    await behindTheTriggers(t, sql`DELETE FROM audit.event WHERE seq = 3`);
    const r = await t.platform.audit.verify(t.platform.db);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'rows_deleted', seq: 3, toSeq: 3 })]);
  });

  it('names a TRUNCATE the owner ran after disabling the trigger', async () => {
    const t = await trail(5);
    await behindTheTriggers(t, sql`TRUNCATE audit.event`, 'event_no_truncate');
    const r = await t.platform.audit.verify(t.platform.db);
    expect(r).toMatchObject({ ok: false, checked: 0, firstBrokenSeq: 1 });
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'table_truncated', seq: 1, toSeq: 5 })]);
    expect(r.problems[0]!.detail).toMatch(/table emptied/);
  });

  it('names a row rewritten with every later hash recomputed without the key', async () => {
    const t = await trail(5);
    await recompute(t, [2, 5], KEYED, AuditKey.random(), (r) => ({ ...r, actorUsername: 'someone-else' }));
    const r = await t.platform.audit.verify(t.platform.db);
    expect(r).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'row_broken', seq: 2 }));
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'checkpoint_mismatch', seq: 5 }));
  });

  it('refuses an unkeyed row after a keyed one: downgrading to the old hash does not help', async () => {
    const t = await trail(5);
    await recompute(t, [4, 5], UNKEYED, AuditKey.random(), (r) => ({ ...r, objectId: 'other' }));
    const r = await t.platform.audit.verify(t.platform.db);
    expect(r.problems).toContainEqual(expect.objectContaining({ kind: 'row_broken', seq: 4 }));
  });

  it('catches a whole chain recomputed with the old unkeyed hash by its checkpoint', async () => {
    const t = await trail(5);
    await recompute(t, [1, 5], UNKEYED, AuditKey.random(), (r) => ({ ...r, action: 'test.thing.nothing' }));
    const r = await t.platform.audit.verify(t.platform.db);
    // Self-consistent as an unkeyed chain: only the checkpoint, held outside the database, shows it.
    expect(r).toMatchObject({ ok: false, unkeyed: 5, firstBrokenSeq: 5 });
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'checkpoint_mismatch', seq: 5, line: 1 })]);
  });

  it('names a forged checkpoint line, and does not believe what it says', async () => {
    const t = await trail(3);
    const [line] = fs.readFileSync(t.checkpointFile, 'utf8').split('\n');
    const forged = { ...(JSON.parse(line!) as { seq: number }), seq: 9 };
    fs.appendFileSync(t.checkpointFile, `${JSON.stringify(forged)}\nnot a checkpoint\n`);
    const r = await t.platform.audit.verify(t.platform.db);
    expect(r).toMatchObject({ ok: false, firstBrokenSeq: null, checkpoints: { valid: 1, newestSeq: 3 } });
    expect(r.problems.map((p) => [p.kind, p.line])).toEqual([
      ['checkpoint_forged', 2],
      ['checkpoint_forged', 3],
    ]);
  });

  it('keeps rows from before the key, sealed by the first keyed row after them', async () => {
    const t = await trail(0);
    // Two rows as the code before migration 0004 wrote them: sha256, chain_version 1.
    const legacy = AuditKey.random();
    let prev = GENESIS;
    for (const seq of [1, 2]) {
      const fields = {
        seq,
        at: new Date('2024-06-01T00:00:00Z'),
        requestId: null,
        actorUserId: null,
        actorUsername: 'system:old',
        actorRole: null,
        actorRegion: null,
        action: 'old.thing.change',
        objectType: 'thing',
        objectId: null,
        beforeDigest: null,
        afterDigest: null,
      };
      const hash = legacy.rowHash(UNKEYED, prev, fields)!;
      await t.database.db.insert(auditEvent).values({ ...fields, prevHash: prev, hash, chainVersion: UNKEYED });
      prev = hash;
    }
    await record(t, 3);
    await t.auditCheckpoints.writeNow();
    expect(await t.platform.audit.verify(t.platform.db)).toMatchObject({ ok: true, checked: 3, unkeyed: 2 });

    // Rewriting an unkeyed row and rehashing the unkeyed rows after it breaks the link into the first keyed row.
    await recompute(t, [1, 2], UNKEYED, legacy, (r) => ({ ...r, actorUsername: 'someone-else' }));
    let r = await t.platform.audit.verify(t.platform.db);
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'row_broken', seq: 3 })]);

    // Relabelling that row unkeyed too makes the chain consistent again; the checkpoint of row 3 still tells.
    await recompute(t, [3, 3], UNKEYED, legacy);
    r = await t.platform.audit.verify(t.platform.db);
    expect(r).toMatchObject({ ok: false, unkeyed: 3 });
    expect(r.problems).toEqual([expect.objectContaining({ kind: 'checkpoint_mismatch', seq: 3 })]);
  });
});
