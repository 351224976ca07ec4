import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { loadConfig } from '../../config.ts';
import { AuditKey } from './audit-key.ts';
import { CHECKPOINT_INTERVAL_MS, CheckpointFile, CheckpointWriter } from './checkpoints.ts';

describeDb('audit checkpoints', (kind) => {
  let t: TestApp;
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zc-checkpoints-'));
    file = path.join(dir, 'audit-checkpoints.log');
    t = await createTestApp(kind, { config: { auditCheckpointFile: file } });
  });
  afterEach(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const record = () =>
    t.platform.audit.record(t.platform.db, t.systemCtx(), { action: 'test.thing.change', objectType: 'thing' });
  const lines = () => {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
    return text ? text.split('\n').map((l) => JSON.parse(l) as { seq: number }) : [];
  };

  it('is a file under DATA_DIR unless configured, beside the generated audit key', () => {
    const config = loadConfig({ DATA_DIR: dir }, []);
    expect(config.auditCheckpointFile).toBe(path.join(dir, 'audit-checkpoints.log'));
    const elsewhere = loadConfig({ DATA_DIR: dir, ZC_AUDIT_CHECKPOINT_FILE: '/srv/audit/cp.log' }, []);
    expect(elsewhere.auditCheckpointFile).toBe('/srv/audit/cp.log');
    AuditKey.fromConfig(config);
    expect(fs.statSync(path.join(dir, 'audit.key')).mode & 0o777).toBe(0o600);
  });

  it('checkpoints the head at start, when it moved, and once more when the app closes', async () => {
    await record();
    await record();
    await t.auditCheckpoints.start(60_000);
    expect(lines().map((l) => l.seq)).toEqual([2]);
    expect(await t.auditCheckpoints.writeNow()).toBeNull();
    await record();
    await t.auditCheckpoints.writeNow();
    await record();
    await t.app.close();
    expect(lines().map((l) => l.seq)).toEqual([2, 3, 4]);
    const hex64 = expect.stringMatching(/^[0-9a-f]{64}$/);
    expect(lines()[0]).toMatchObject({ hash: hex64, at: expect.any(String), instance: expect.any(String), sig: hex64 });
  });

  it('writes on its own at least once a minute while the head moves', async () => {
    expect(CHECKPOINT_INTERVAL_MS).toBeLessThanOrEqual(60_000);
    await t.auditCheckpoints.start(20);
    await record();
    await expect.poll(() => lines().map((l) => l.seq), { timeout: 5000 }).toEqual([1]);
  });

  it('lets several instances append to one file, and verify accepts every valid line', async () => {
    const other = new CheckpointWriter(t.platform.db, new CheckpointFile(file, t.auditKey), t.auditKey, t.clock);
    await record();
    await t.auditCheckpoints.writeNow();
    await record();
    await other.writeNow();
    await t.auditCheckpoints.writeNow();
    expect(lines().map((l) => l.seq)).toEqual([1, 2, 2]);
    const r = await t.platform.audit.verify(t.platform.db);
    expect(r).toMatchObject({ ok: true, checkpoints: { valid: 3, newestSeq: 2 } });
  });

  it('never signs a head that went back: the earlier checkpoint stays the evidence', async () => {
    await record();
    await record();
    await t.auditCheckpoints.writeNow();
    await t.database.db.execute(sql`ALTER TABLE audit.event DISABLE TRIGGER event_append_only`);
    await t.database.db.execute(sql`DELETE FROM audit.event WHERE seq = 2`);
    expect(await t.auditCheckpoints.writeNow()).toBeNull();
    expect(lines().map((l) => l.seq)).toEqual([2]);
  });

  it('refuses to start with a key the trail was not written with (an instance that generated its own)', async () => {
    await record();
    const key = AuditKey.random();
    const stranger = new CheckpointWriter(t.platform.db, new CheckpointFile(file, key), key, t.clock);
    await expect(stranger.start(60_000)).rejects.toThrow(/does not fit this audit key/);
    expect(lines()).toEqual([]);
  });
});
