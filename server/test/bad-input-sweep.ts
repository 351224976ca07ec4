import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { Role, ROLE_LEVEL, type OrganisationKind } from '@zhicheng/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseKind } from '../src/platform/database/index.ts';
import { BACKENDS } from './db.ts';
import { createTestApp, type TestApp, type TestUser } from './app.ts';
import { casesFor, operations, plausibleUrl } from './bad-input.ts';
import type { Case, IdPicker, Operation } from './bad-input.ts';
import { xlsxCases } from './bad-uploads.ts';
import { xlsxOf } from './xlsx-fixtures.ts';
import { seedDemo } from '../src/demo.ts';
import { queryRows } from '../src/platform/database/index.ts';
import { SESSION_COOKIE } from '../src/platform/identity/identity.routes.ts';

/**
 * Bad input for every operation in the OpenAPI document (so a route added later is swept without anyone listing
 * it), sent by a user who holds the route's permission over the whole province, against the demo data set: no 5xx,
 * every error problem+json, characters PostgreSQL cannot store refused with a 400 naming the field, and bad input
 * never changes a stored row.
 */

// Tables that change on refused requests by design: the audit trail records refusals and exports, a session's
// last-seen time moves on each request, and every request counts against a per-address rate-limit window.
const VOLATILE = new Set(['audit.event', 'identity.session', 'platform.rate_limit']);

const ORG_OF: Partial<Record<Role, OrganisationKind>> = {
  datacentre_operator: 'datacentre_operator',
  enterprise_user: 'enterprise',
  expert: 'expert_unit',
  citizen_supervisor: 'public',
};
const REGION_OF_LEVEL = {
  province: '370000',
  city: '370100',
  county: '370102',
  community: '370102001002', // 解放桥社区: registered by the communities demo
} as const;
// Who calls a route: the first role holding its permission, province-wide roles first.
const PREFERENCE: Role[] = [
  'province_operator',
  'province_approver',
  'system_admin',
  'security_admin',
  'audit_admin',
  'datacentre_operator',
  'enterprise_user',
  'expert',
  'citizen_supervisor',
  'city_operator',
  'city_approver',
  'county_operator',
  'county_approver',
];

/**
 * The sweep on one database: each backend is its own test file (bad-input.*.api.test.ts), so the two run side by side
 * with the rest of the suite instead of one after the other in a single file.
 */
export function sweepBadInput(kind: DatabaseKind): void {
  if (!BACKENDS.includes(kind)) return void describe.skip(`bad input on every route [${kind}]`, () => {});
  describe(`bad input on every route [${kind}]`, () => {
    let t: TestApp;
    let doc: { paths: Record<string, Record<string, Record<string, unknown>>> };
    const users = new Map<Role, TestUser>();
    const ids = new Map<string, { schema: string; id: string }>();
    let bearer = '';
    let files: { brokenXlsx: Buffer; bombXlsx: Buffer; nulXlsx: Buffer };

    beforeAll(async () => {
      t = await createTestApp(kind);
      // The demo data set: every module's objects in realistic states, so ids in paths and bodies point at real rows.
      await seedDemo(t, (line) => {
        const m = /ingest token: \S+ (\S+)$/.exec(line);
        if (m && !bearer) bearer = m[1]!;
      });
      for (const role of Role.options) {
        const level = ROLE_LEVEL[role];
        users.set(
          role,
          await t.user(role, level ? REGION_OF_LEVEL[level as keyof typeof REGION_OF_LEVEL] : '370000', {
            orgKind: ORG_OF[role],
          }),
        );
      }
      const tables = await queryRows<{ s: string; t: string }>(
        t.database.db,
        sql`SELECT table_schema AS s, table_name AS t FROM information_schema.columns
          WHERE column_name = 'id' AND data_type = 'uuid' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
      );
      for (const { s, t: name } of tables) {
        const [row] = await queryRows<{ id: string }>(
          t.database.db,
          sql.raw(`SELECT id::text AS id FROM "${s}"."${name}" ORDER BY id LIMIT 1`),
        );
        if (row) ids.set(name.replace(/[^a-z]/g, ''), { schema: s, id: row.id });
      }
      doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
      await installChangeLog();
      const wb = new ExcelJS.Workbook();
      // `_x0000_` is how a workbook spells NUL; exceljs reads it back as one.
      wb.addWorksheet('s').addRows([
        ['code', 'name', 'id'],
        ['370102999', 'a_x0000_b', 'not-a-uuid'],
        ['x_xD800_', '😀', ''],
      ]);
      files = {
        brokenXlsx: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]),
        // Declares 64 MB expanded: over the 50 MB limit, so it must be refused before anything is inflated.
        bombXlsx: xlsxOf([], { sheetXml: Buffer.alloc(64 * 1024 * 1024, 0x20) }),
        nulXlsx: Buffer.from(await wb.xlsx.writeBuffer()),
      };
    }, 300_000);
    afterAll(() => t.close());

    /** A uuid for a field or parameter: a row of the table its name (or the path segment before it) names. */
    const pick: IdPicker = (name, path) => {
      const norm = (x: string) =>
        x
          .toLowerCase()
          .replace(/[^a-z]/g, '')
          .replace(/s$/, '');
      const segments = path.split('/').filter((x) => x && !x.startsWith('{'));
      const before = path.split('/').findIndex((x) => x === `{${name}}`);
      const stems = [
        name !== 'id' && name.endsWith('Id') ? name.slice(0, -2) : '',
        before > 0 ? path.split('/')[before - 1]! : '',
        segments[segments.length - 1] ?? '',
      ]
        .map(norm)
        .filter((x) => x.length >= 4);
      const module = norm(segments[2] ?? '');
      for (const stem of stems) {
        const found = [...ids.entries()].filter(([tbl]) => tbl === stem || tbl.includes(stem) || stem.includes(tbl));
        const best = found.sort(
          ([a, x], [b, y]) =>
            Number(y.schema.startsWith(module)) - Number(x.schema.startsWith(module)) ||
            Number(b === stem) - Number(a === stem),
        )[0];
        if (best) return best[1].id;
      }
      return '00000000-0000-4000-8000-000000000000';
    };

    const callerOf = (op: Operation): TestUser | null => {
      const route = t.routes.find((r) => r.method === op.method && r.url === op.route);
      if (!route || route.permission === 'public') return null;
      if (route.permission === 'authenticated') return users.get('province_operator')!;
      return (
        // Then the roles modules bring (finance officer, …), so a module's own role is found without listing it here.
        [...PREFERENCE, ...Role.options.filter((r) => !PREFERENCE.includes(r))]
          .map((r) => users.get(r)!)
          .find((u) => u.actor.permissions.has(route.permission)) ?? users.get('province_operator')!
      );
    };

    /**
     * Every row a request inserts, updates or deletes is noted by a row trigger (installed on every table after the
     * demo is seeded, so only the sweep's own requests are noted) in sweep.change; a rolled-back request leaves no
     * note. One indexed read per operation replaces counting every table's rows before and after each operation,
     * which took most of the sweep's time.
     */
    const installChangeLog = async () => {
      // One statement per execute: a prepared statement holds one command.
      for (const stmt of [
        'CREATE SCHEMA sweep',
        'CREATE TABLE sweep.change (n bigserial PRIMARY KEY, tbl text NOT NULL)',
        `CREATE FUNCTION sweep.note() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
          BEGIN INSERT INTO sweep.change (tbl) VALUES (TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME); RETURN NULL; END $$`,
      ])
        await t.database.db.execute(sql.raw(stmt));
      const tables = await queryRows<{ s: string; t: string }>(
        t.database.db,
        sql`SELECT n.nspname AS s, c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
            AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'sweep') AND n.nspname NOT LIKE 'pg\_%'`,
      );
      const ddl = tables
        .filter((x) => !VOLATILE.has(`${x.s}.${x.t}`))
        .map(
          (x) =>
            `CREATE TRIGGER zz_sweep_change AFTER INSERT OR UPDATE OR DELETE ON "${x.s}"."${x.t}" FOR EACH ROW EXECUTE FUNCTION sweep.note()`,
        );
      for (const stmt of ddl) await t.database.db.execute(sql.raw(stmt));
      expect(ddl.length).toBeGreaterThan(50);
    };
    const lastChange = async () =>
      Number(
        (
          await queryRows<{ n: string }>(t.database.db, sql`SELECT coalesce(max(n), 0)::text AS n FROM sweep.change`)
        )[0]!.n,
      );
    const changedSince = async (n: number) =>
      (
        await queryRows<{ tbl: string }>(
          t.database.db,
          sql`SELECT DISTINCT tbl FROM sweep.change WHERE n > ${n} ORDER BY tbl`,
        )
      ).map((r) => r.tbl);

    /** The caller's session cookie (checked by the answer: see `send`, which renews it after a 401). */
    const cookieOf = async (u: TestUser | null) => u?.cookie;
    /** A route under test may end or replace its caller's session: a new one, after that caller's 401. */
    const renewSession = async (u: TestUser) => {
      const { token: fresh } = await t.platform.sessions.startSession(t.systemCtx(), u.id);
      u.cookie = `${SESSION_COOKIE}=${fresh}`;
    };

    /** The workbook an import route hands out as its template: a GET beside it (or one level up) answering xlsx. */
    const templateOf = async (op: Operation, ops: Operation[]): Promise<Buffer | null> => {
      const segments = op.path.split('/');
      for (const depth of [1, 2]) {
        const parent = segments.slice(0, segments.length - depth).join('/') + '/';
        for (const get of ops.filter(
          (o) => o.method === 'GET' && o.path.startsWith(parent) && !o.path.slice(parent.length).startsWith('{'),
        )) {
          const cookie = await cookieOf(callerOf(op));
          const r = await t.app.inject({
            method: 'GET',
            url: plausibleUrl(get, pick),
            headers: cookie ? { cookie } : {},
          });
          if (r.statusCode === 200 && String(r.headers['content-type']).includes('spreadsheetml')) return r.rawPayload;
        }
      }
      return null;
    };

    it('never answers 5xx, always problem+json, names unstorable fields, and changes no stored row', async () => {
      const started = Date.now();
      const all = operations(doc);
      expect(all.length).toBeGreaterThan(100);
      // SWEEP_ONLY=/api/v1/scenarios/ sweeps one module's routes while working on it; CI sweeps every route.
      const only = process.env.SWEEP_ONLY;
      const ops = only ? all.filter((op) => op.path.startsWith(only)) : all;
      const failures: string[] = [];
      let sent = 0;
      let fiveHundreds = 0;
      let accepted: string[] = [];
      const send = async (op: Operation, c: Case) => {
        const caller = callerOf(op);
        const headers: Record<string, string> = {
          ...c.headers,
          'x-forwarded-for': `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}`,
        };
        if (caller) headers.cookie = caller.cookie;
        else if (bearer) headers.authorization = `Bearer ${bearer}`;
        sent++;
        let r = await t.app.inject({ method: c.method as 'GET', url: c.url, headers, payload: c.payload });
        // Signed out by an earlier request (a logout, a password change): sent again with a new session. Checking
        // the session before every request instead cost a tenth of the sweep.
        if (r.statusCode === 401 && caller) {
          await renewSession(caller);
          headers.cookie = caller.cookie;
          r = await t.app.inject({ method: c.method as 'GET', url: c.url, headers, payload: c.payload });
        }
        if (r.statusCode < 300) accepted.push(c.label);
        const what = `${c.method} ${op.path} [${c.label}] → ${r.statusCode} ${r.body.slice(0, 160)}`;
        if (r.statusCode >= 500) {
          fiveHundreds++;
          failures.push(what);
        } else if (r.statusCode >= 400 && !String(r.headers['content-type']).startsWith('application/problem+json'))
          failures.push(`not problem+json: ${what}`);
        else if (c.mustName) {
          const named =
            r.statusCode === 400 &&
            (r.json() as { errors?: { path: string }[] }).errors?.some((e) => e.path.split('.').includes(c.mustName!));
          if (!named) failures.push(`${c.mustName} not refused by name: ${what}`);
        }
      };
      const plans: { op: Operation; cases: Case[] }[] = [];
      for (const op of ops) {
        const cases = casesFor(op, pick, files);
        // An Excel import is also fed its own template with bad cells, so the rows reach the import's checks.
        const template = op.multipart ? await templateOf(op, ops) : null;
        if (template) cases.push(...(await xlsxCases(op, plausibleUrl(op, pick), template)));
        plans.push({ op, cases });
      }
      const took = new Map<string, number>();
      for (const { op, cases } of plans) {
        const t0 = Date.now();
        accepted = [];
        const before = await lastChange();
        for (const c of cases.filter((x) => x.phase === 'A')) await send(op, c);
        const changed = await changedSince(before);
        if (changed.length)
          failures.push(
            `${op.method} ${op.path}: bad input changed ${changed.join(', ')} (accepted: ${accepted.join('; ')})`,
          );
        took.set(`${op.method} ${op.path}`, Date.now() - t0);
      }
      // Odd but legal input last: it may be accepted and change rows, which must not disturb the checks above.
      for (const { op, cases } of plans) {
        const t0 = Date.now();
        for (const c of cases.filter((x) => x.phase === 'B')) await send(op, c);
        took.set(`${op.method} ${op.path}`, (took.get(`${op.method} ${op.path}`) ?? 0) + Date.now() - t0);
      }
      // The change log saw the odd-but-legal requests that were accepted: proof its triggers fire.
      if (!only) expect(await lastChange()).toBeGreaterThan(0);
      const slowest = [...took]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([k, v]) => `${k} ${v} ms`)
        .join('; ');
      console.log(
        `[${kind}] ${ops.length} operations, ${sent} requests, ${fiveHundreds} answers ≥ 500, ` +
          `${failures.length} failures, ${Date.now() - started} ms; slowest: ${slowest}`,
      );
      // The whole list, for whoever fixes them (test-results/ is git-ignored); the assertion shows the first ones.
      fs.mkdirSync('test-results', { recursive: true });
      fs.writeFileSync(`test-results/bad-input-${kind}.txt`, failures.join('\n'));
      expect(failures.slice(0, 150).join('\n')).toBe('');
    }, 600_000);
  });
}
