import crypto from 'node:crypto';
import type { Role } from '@zhicheng/contracts';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { systemContext, type Actor, type RequestContext } from '../src/platform/authorization/index.ts';
import { AuditKey } from '../src/platform/audit/index.ts';
import { ManualClock } from '../src/platform/clock/index.ts';
import { DataProtector } from '../src/platform/crypto/index.ts';
import type { DatabaseKind } from '../src/platform/database/index.ts';
import type { Messaging } from '../src/platform/messaging/index.ts';
import { SESSION_COOKIE } from '../src/platform/identity/identity.routes.ts';
import { roleBinding } from '../src/platform/identity/identity.tables.ts';
import { openTestDatabase, type TestDatabase } from './db.ts';

export const TEST_PASSWORD = 'Test#Passw0rd-2024';

export interface TestUser {
  id: string;
  username: string;
  /** `cookie` header value for app.inject. */
  cookie: string;
  actor: Actor;
  /** A service-call context acting as this user. */
  ctx: RequestContext;
}

export interface TestApp extends BuiltApp {
  /** The database as its owner, for tests that go behind the app's back; the app itself runs as the app role. */
  database: TestDatabase;
  /** The key the app's audit chain is written with. */
  auditKey: AuditKey;
  clock: ManualClock;
  /** Makes an organisation and a user holding `role` at `regionCode`, signed in. */
  user(
    role: Role,
    regionCode: string,
    opts?: {
      username?: string;
      orgKind?: Parameters<BuiltApp['platform']['identity']['createOrganisation']>[1]['kind'];
    },
  ): Promise<TestUser>;
  /** The platform's own context (systemContext): what the CLI, the demo loader and event handlers use. */
  systemCtx(): RequestContext;
  /**
   * Adds a role binding straight to the table, past the separation rules: an account from before those rules,
   * to prove a service still refuses what the roles alone no longer prevent.
   */
  legacyRole(user: TestUser, role: Role, regionCode: string): Promise<void>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    databaseUrl: undefined,
    databaseAppUrl: undefined,
    demo: false,
    cookieSecure: false,
    dataKey: undefined,
    auditKey: undefined,
    auditCheckpointFile: '/nonexistent/audit-checkpoints.log',
    logLevel: 'silent',
    nats: { url: undefined, user: undefined, password: undefined, leafUrl: undefined, port: 0, leafPort: 0 },
    webDist: '/nonexistent',
    // inject() comes from 127.0.0.1: trusting it lets a test choose the client address with X-Forwarded-For.
    trustedProxies: ['127.0.0.1'],
    provinceCode: '370000',
    sms: { gatewayUrl: undefined, gatewayToken: undefined },
    ...overrides,
  };
}

export async function createTestApp(
  kind: DatabaseKind,
  opts: { config?: Partial<Config>; messaging?: Messaging } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  const appDatabase = await database.openAsApp();
  const clock = new ManualClock(new Date('2024-07-01T08:00:00+08:00'));
  const auditKey = AuditKey.random();
  const config = testConfig(opts.config);
  const protector = DataProtector.random();
  const built = await buildApp({
    config,
    database: appDatabase,
    clock,
    protector,
    auditKey,
    logger: false,
    messaging: opts.messaging,
  });
  await built.app.ready();
  actAsWebClient(built.app);
  let n = 0;
  return {
    ...built,
    database,
    auditKey,
    clock,
    systemCtx: () => systemContext('test', `test-${crypto.randomUUID()}`),
    async user(role, regionCode, o = {}) {
      const ctx = systemContext('test-fixture');
      const username = o.username ?? `u${++n}.${role.replace(/_/g, '')}.${regionCode}`.toLowerCase();
      const orgId = await built.platform.identity.createOrganisation(ctx, {
        name: `${username} org`,
        kind: o.orgKind ?? 'bureau',
        regionCode,
      });
      const id = await built.platform.identity.createUser(ctx, {
        username,
        displayName: username,
        organisationId: orgId,
        password: TEST_PASSWORD,
        roles: [{ role, regionCode }],
      });
      const { token, info } = await built.platform.sessions.startSession(ctx, id);
      return {
        id,
        username,
        cookie: `${SESSION_COOKIE}=${token}`,
        actor: info.actor,
        ctx: { actor: info.actor, requestId: `test-${crypto.randomUUID()}` },
      };
    },
    async legacyRole(u, role, regionCode) {
      await built.platform.db.insert(roleBinding).values({ userId: u.id, role, regionCode });
    },
    async close() {
      await built.app.close();
      await appDatabase.close();
      await database.close();
    },
  };
}

/**
 * Tests call the API as our web client does: with the same-origin proof (X-Requested-With) the server asks of
 * every state-changing request. A test of that check passes `'x-requested-with': ''` to leave it out.
 */
function actAsWebClient(app: BuiltApp['app']): void {
  const inject = app.inject.bind(app) as (opts: InjectOptions) => Promise<LightMyRequestResponse>;
  (app as { inject: unknown }).inject = (opts: InjectOptions) => {
    const headers = { ...(opts.headers as Record<string, string> | undefined) };
    if (!('x-requested-with' in headers)) headers['x-requested-with'] = 'zhicheng';
    else if (!headers['x-requested-with']) delete headers['x-requested-with'];
    return inject({ ...opts, headers });
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface AuthMatrixCase {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** A user who may do it: expects `okStatus` (default 200/201/204). */
  allowed: TestUser;
  /** A user with the right role in the wrong region: expects 403 out_of_region_scope (or 404 if the route hides existence). */
  wrongRegion?: TestUser;
  /** A user whose role lacks the permission: expects 403 forbidden. */
  wrongRole?: TestUser;
  okStatus?: number;
  wrongRegionStatus?: 403 | 404;
}

/**
 * Proves a route's authorization in a few lines: no session → 401; wrong role → 403 forbidden; right role, wrong
 * region → 403 out_of_region_scope; right user → 2xx. Runs the allowed call last, so a write does not change what
 * the refusals see. Returns the allowed response.
 */
export async function expectAuthMatrix(t: TestApp, c: AuthMatrixCase) {
  const send = (cookie?: string) =>
    t.app.inject({
      method: c.method,
      url: c.url,
      payload: c.payload as never,
      headers: { ...(c.headers ?? {}), ...(cookie ? { cookie } : {}) },
    });

  const anon = await send();
  expect(anon.statusCode, `${c.method} ${c.url} without a session`).toBe(401);
  expect(anon.headers['content-type']).toMatch(/application\/problem\+json/);

  if (c.wrongRole) {
    const r = await send(c.wrongRole.cookie);
    expect(r.statusCode, `${c.method} ${c.url} as ${c.wrongRole.username}: ${r.body}`).toBe(403);
  }
  if (c.wrongRegion) {
    const r = await send(c.wrongRegion.cookie);
    const want = c.wrongRegionStatus ?? 403;
    expect(r.statusCode, `${c.method} ${c.url} as ${c.wrongRegion.username} (wrong region): ${r.body}`).toBe(want);
    if (want === 403) expect(r.json().code).toBe('out_of_region_scope');
  }
  const ok = await send(c.allowed.cookie);
  if (c.okStatus) expect(ok.statusCode, `${c.method} ${c.url} as ${c.allowed.username}: ${ok.body}`).toBe(c.okStatus);
  else expect([200, 201, 204], `${c.method} ${c.url} as ${c.allowed.username}: ${ok.body}`).toContain(ok.statusCode);
  return ok;
}
