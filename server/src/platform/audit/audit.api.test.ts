import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, expectAuthMatrix, TEST_PASSWORD, type TestApp, type TestUser } from '../../../test/app.ts';

describeDb('audit trail', (kind) => {
  let t: TestApp;
  let auditor: TestUser;
  let sysadmin: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    auditor = await t.user('audit_admin', '370000');
    sysadmin = await t.user('system_admin', '370000');
    await t.user('county_operator', '370102', { username: 'person.with.phone' });
  });
  afterAll(() => t.close());

  it('lets only the audit admin search it, newest first, with filters', async () => {
    const r = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/audit/events?action=identity.user.create',
      allowed: auditor,
      wrongRole: sysadmin,
    });
    const body = r.json();
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(body.items.every((e: { action: string }) => e.action === 'identity.user.create')).toBe(true);
    expect(body.items[0].seq).toBeGreaterThan(body.items[1].seq);
  });

  it('records who, when and a digest, never the content: no password or name in any row', async () => {
    const rows = await t.database.db.execute(sql`SELECT * FROM audit.event`);
    const text = JSON.stringify((rows as unknown as { rows: unknown[] }).rows);
    expect(text).not.toContain(TEST_PASSWORD);
    expect(text).not.toMatch(/argon2/);
    expect(text).toMatch(/"after_digest":"[0-9a-f]{64}"/);
  });

  it('exports to Excel', async () => {
    const r = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/audit/events/export',
      allowed: auditor,
      wrongRole: sysadmin,
    });
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('is append-only: UPDATE and DELETE are refused by the database', async () => {
    // Drizzle wraps the database's error; the trigger's message is in its cause.
    const refused = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) };
    await expect(t.database.db.execute(sql`UPDATE audit.event SET action = 'x' WHERE seq = 1`)).rejects.toMatchObject(
      refused,
    );
    await expect(t.database.db.execute(sql`DELETE FROM audit.event WHERE seq = 1`)).rejects.toMatchObject(refused);
  });

  it('verifies the chain, and finds the row someone tampered with', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/audit/verify',
      allowed: auditor,
      wrongRole: sysadmin,
    });
    expect(ok.json()).toMatchObject({ ok: true, firstBrokenSeq: null });
    // A superuser who bypasses the trigger still cannot hide the change.
    await t.database.db.execute(sql`ALTER TABLE audit.event DISABLE TRIGGER event_append_only`);
    await t.database.db.execute(sql`UPDATE audit.event SET actor_username = 'someone-else' WHERE seq = 2`);
    await t.database.db.execute(sql`ALTER TABLE audit.event ENABLE TRIGGER event_append_only`);
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/audit/verify',
      headers: { cookie: auditor.cookie },
    });
    expect(broken.json()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(broken.json().problems).toEqual([expect.objectContaining({ kind: 'row_broken', seq: 2 })]);
  });
});
