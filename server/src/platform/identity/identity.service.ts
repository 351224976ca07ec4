import crypto from 'node:crypto';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import {
  ROLE_LEVEL,
  SEPARATED_ADMIN_ROLES,
  type CreateUserRequest,
  type OrganisationKind,
  type Role,
  type UserSummary,
} from '@zhicheng/contracts';
import type { AuditLog } from '../audit/index.ts';
import { isSystem, systemContext, type Actor, type Authorizer, type RequestContext } from '../authorization/index.ts';
import type { Clock } from '../clock/index.ts';
import { sha256Hex } from '../crypto/index.ts';
import type { Db } from '../database/index.ts';
import { platformError } from '../http/errors.ts';
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from './password.ts';
import { organisation, roleBinding, session, userAccount } from './identity.tables.ts';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** Write last_seen_at at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

/** What the regions module tells identity about a region, to validate role bindings. */
export interface RegionLookup {
  levelOf(code: string): Promise<string | null>;
  nameOf(codes: string[]): Promise<Map<string, string>>;
}

export interface SessionInfo {
  actor: Actor;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  isDemo: boolean;
}

export class IdentityService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly authz: Authorizer,
    private readonly regions: RegionLookup,
  ) {}

  async createOrganisation(
    ctx: RequestContext,
    input: { name: string; kind: OrganisationKind; regionCode: string },
    db: Db = this.db,
  ): Promise<string> {
    if (!isSystem(ctx)) await this.authz.assertCovers(ctx.actor, 'identity.users.manage', input.regionCode);
    if (!(await this.regions.levelOf(input.regionCode))) throw platformError('validation_failed', { zh: '区划代码不存在', en: 'Unknown region code' }, [{ path: 'regionCode', message: 'unknown region' }]);
    const id = crypto.randomUUID();
    await db.transaction(async (tx) => {
      await tx.insert(organisation).values({ id, ...input, createdAt: this.clock.now() });
      await this.audit.record(tx, ctx, { action: 'identity.organisation.create', objectType: 'organisation', objectId: id, after: input });
    });
    return id;
  }

  async listOrganisations(): Promise<{ id: string; name: string; kind: OrganisationKind; regionCode: string }[]> {
    const rows = await this.db.select().from(organisation).orderBy(organisation.regionCode, organisation.name);
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as OrganisationKind, regionCode: r.regionCode }));
  }

  /** Checks the bindings: role level matches the region level, and no one holds two of the three admin roles. */
  private async validateRoles(roles: { role: Role; regionCode: string }[]): Promise<void> {
    const admins = new Set(roles.map((r) => r.role).filter((r) => SEPARATED_ADMIN_ROLES.includes(r)));
    if (admins.size > 1) {
      throw platformError('validation_failed', { zh: '系统管理员、安全管理员、审计管理员不得由同一人兼任', en: 'System, security and audit admin roles must be held by different people' }, [{ path: 'roles', message: 'separation of duties' }]);
    }
    for (const [i, r] of roles.entries()) {
      const level = await this.regions.levelOf(r.regionCode);
      if (!level) throw platformError('validation_failed', { zh: `区划代码 ${r.regionCode} 不存在`, en: `Unknown region ${r.regionCode}` }, [{ path: `roles.${i}.regionCode`, message: 'unknown region' }]);
      const want = ROLE_LEVEL[r.role];
      if (want && want !== level) {
        throw platformError('validation_failed', { zh: `角色 ${r.role} 须绑定到${want}级区划`, en: `Role ${r.role} must be bound to a ${want}` }, [{ path: `roles.${i}.regionCode`, message: `must be a ${want}` }]);
      }
    }
  }

  /**
   * Creates a user. A system context (the CLI, the demo loader) may grant any role; a user must hold
   * identity.users.manage over every region it grants (a city admin cannot mint province roles).
   */
  async createUser(ctx: RequestContext, input: CreateUserRequest & { isDemo?: boolean }, db: Db = this.db): Promise<string> {
    const weak = passwordProblems(input.password, input.username);
    if (weak) throw platformError('weak_password', weak, [{ path: 'password', message: weak.en }]);
    await this.validateRoles(input.roles);
    if (!isSystem(ctx)) {
      this.authz.require(ctx.actor, 'identity.users.manage');
      for (const r of input.roles) await this.authz.assertCovers(ctx.actor, 'identity.users.manage', r.regionCode);
    }
    const id = crypto.randomUUID();
    const now = this.clock.now();
    const passwordHash = await hashPassword(input.password);
    await db.transaction(async (tx) => {
      const existing = await tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.username, input.username));
      if (existing.length) throw platformError('conflict', { zh: '用户名已存在', en: 'Username already taken' }, [{ path: 'username', message: 'taken' }]);
      await tx.insert(userAccount).values({
        id,
        username: input.username,
        displayName: input.displayName,
        organisationId: input.organisationId,
        passwordHash,
        isDemo: input.isDemo ?? false,
        passwordChangedAt: now,
        createdAt: now,
      });
      await tx.insert(roleBinding).values(input.roles.map((r) => ({ userId: id, ...r })));
      await this.audit.record(tx, ctx, {
        action: 'identity.user.create',
        objectType: 'user',
        objectId: id,
        after: { username: input.username, roles: input.roles },
      });
    });
    return id;
  }

  async listUsers(actor: Actor, q: { search?: string }): Promise<UserSummary[]> {
    const scope = new Set(await this.authz.scopeCodes(actor, 'identity.users.read'));
    const rows = await this.db
      .select({ u: userAccount, orgName: organisation.name })
      .from(userAccount)
      .innerJoin(organisation, eq(organisation.id, userAccount.organisationId))
      .orderBy(userAccount.username);
    const bindings = await this.db.select().from(roleBinding);
    const names = await this.regions.nameOf([...new Set(bindings.map((b) => b.regionCode))]);
    const byUser = new Map<string, { role: Role; regionCode: string; regionName: string }[]>();
    for (const b of bindings) {
      byUser.set(b.userId, [...(byUser.get(b.userId) ?? []), { role: b.role as Role, regionCode: b.regionCode, regionName: names.get(b.regionCode) ?? b.regionCode }]);
    }
    const s = q.search?.toLowerCase();
    return rows
      .map(({ u, orgName }) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        organisationName: orgName,
        status: u.status as 'active' | 'disabled',
        lockedUntil: u.lockedUntil && u.lockedUntil > this.clock.now() ? u.lockedUntil.toISOString() : null,
        roles: byUser.get(u.id) ?? [],
        createdAt: u.createdAt.toISOString(),
      }))
      .filter((u) => u.roles.some((r) => scope.has(r.regionCode)))
      .filter((u) => !s || u.username.includes(s) || u.displayName.toLowerCase().includes(s));
  }

  /** Security admins clear a lockout before its 15 minutes are up. */
  async unlock(ctx: RequestContext, userId: string): Promise<void> {
    if (!isSystem(ctx)) this.authz.require(ctx.actor, 'identity.users.unlock');
    await this.db.transaction(async (tx) => {
      const res = await tx.update(userAccount).set({ failedLogins: 0, lockedUntil: null }).where(eq(userAccount.id, userId)).returning({ id: userAccount.id });
      if (!res.length) throw platformError('not_found');
      await this.audit.record(tx, ctx, { action: 'identity.user.unlock', objectType: 'user', objectId: userId });
    });
  }

  /**
   * Checks a password and opens a session. Five wrong passwords in a row lock the account for 15 minutes; while
   * locked even the right password is refused. An unknown username costs the same time as a known one.
   */
  async login(
    ctx: RequestContext,
    username: string,
    password: string,
    meta: { ip?: string; userAgent?: string },
  ): Promise<{ token: string; info: SessionInfo }> {
    const now = this.clock.now();
    const [user] = await this.db.select().from(userAccount).where(eq(userAccount.username, username.toLowerCase()));
    if (!user) {
      await verifyPassword(await dummyHash(), password);
      throw platformError('invalid_credentials');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw platformError('account_locked');
    }
    const ok = user.status === 'active' && (await verifyPassword(user.passwordHash, password));
    if (!ok) {
      await this.db.transaction(async (tx) => {
        // Increment in SQL so concurrent failures all count.
        // Increment in SQL so concurrent failures all count; locking resets the counter.
        const [row] = await tx
          .update(userAccount)
          .set({ failedLogins: sql`${userAccount.failedLogins} + 1` })
          .where(eq(userAccount.id, user.id))
          .returning({ failed: userAccount.failedLogins });
        const failed = row?.failed ?? 0;
        if (failed >= MAX_FAILED_LOGINS) {
          await tx.update(userAccount).set({ lockedUntil: new Date(now.getTime() + LOCKOUT_MS), failedLogins: 0 }).where(eq(userAccount.id, user.id));
          await this.audit.record(tx, systemContext('identity.lockout', ctx.requestId, ctx.ip), { action: 'identity.user.locked', objectType: 'user', objectId: user.id });
        }
        await this.audit.record(tx, ctx, { action: 'identity.login.failed', objectType: 'user', objectId: user.id });
      });
      if (user.status !== 'active') throw platformError('forbidden', { zh: '账号已停用', en: 'The account is disabled' });
      throw platformError('invalid_credentials');
    }
    await this.db.update(userAccount).set({ failedLogins: 0, lockedUntil: null }).where(eq(userAccount.id, user.id));
    return this.startSession(ctx, user.id, meta);
  }

  /** Opens a session for a user whose identity is already proven (password checked, or a test fixture). */
  async startSession(ctx: RequestContext, userId: string, meta: { ip?: string; userAgent?: string } = {}): Promise<{ token: string; info: SessionInfo }> {
    const now = this.clock.now();
    const token = crypto.randomBytes(32).toString('base64url');
    await this.db.transaction(async (tx) => {
      await tx.insert(session).values({
        tokenHash: sha256Hex(token),
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 200) ?? null,
      });
      const actor = await this.actorOf(tx, userId);
      await this.audit.record(tx, { ...ctx, actor }, { action: 'identity.login.succeeded', objectType: 'user', objectId: userId });
    });
    const info = await this.resolveSession(token);
    if (!info) throw platformError('internal_error');
    return { token, info };
  }

  async logout(ctx: RequestContext, token: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(session).set({ revokedAt: this.clock.now() }).where(eq(session.tokenHash, sha256Hex(token)));
      await this.audit.record(tx, ctx, { action: 'identity.logout', objectType: 'user', objectId: ctx.actor?.userId ?? null });
    });
  }

  /** The session behind a cookie, or null when it is unknown, revoked, idle too long or past 12 hours. */
  async resolveSession(token: string): Promise<SessionInfo | null> {
    const now = this.clock.now();
    const [row] = await this.db
      .select({ s: session, status: userAccount.status, isDemo: userAccount.isDemo })
      .from(session)
      .innerJoin(userAccount, eq(userAccount.id, session.userId))
      .where(and(eq(session.tokenHash, sha256Hex(token)), isNull(session.revokedAt), gt(session.expiresAt, now)));
    if (!row || row.status !== 'active') return null;
    if (row.s.lastSeenAt.getTime() + SESSION_IDLE_MS <= now.getTime()) return null;
    let lastSeen = row.s.lastSeenAt;
    if (now.getTime() - lastSeen.getTime() > TOUCH_EVERY_MS) {
      await this.db.update(session).set({ lastSeenAt: now }).where(eq(session.tokenHash, row.s.tokenHash));
      lastSeen = now;
    }
    const actor = await this.actorOf(this.db, row.s.userId);
    return {
      actor,
      idleExpiresAt: new Date(Math.min(lastSeen.getTime() + SESSION_IDLE_MS, row.s.expiresAt.getTime())),
      absoluteExpiresAt: row.s.expiresAt,
      isDemo: row.isDemo,
    };
  }

  async actorOf(db: Db, userId: string): Promise<Actor> {
    const [u] = await db
      .select({ u: userAccount, orgKind: organisation.kind })
      .from(userAccount)
      .innerJoin(organisation, eq(organisation.id, userAccount.organisationId))
      .where(eq(userAccount.id, userId));
    if (!u) throw platformError('unauthenticated');
    const roles = (await db.select().from(roleBinding).where(eq(roleBinding.userId, userId))).map((b) => ({
      role: b.role as Role,
      regionCode: b.regionCode,
    }));
    return {
      userId,
      username: u.u.username,
      displayName: u.u.displayName,
      organisationId: u.u.organisationId,
      organisationKind: u.orgKind,
      roles,
      permissions: this.authz.permissionsOf(roles.map((r) => r.role)),
    };
  }

  regionNames(codes: string[]): Promise<Map<string, string>> {
    return this.regions.nameOf(codes);
  }

  async organisationOf(id: string): Promise<{ id: string; name: string; kind: OrganisationKind }> {
    const [o] = await this.db.select().from(organisation).where(eq(organisation.id, id));
    if (!o) throw platformError('not_found');
    return { id: o.id, name: o.name, kind: o.kind as OrganisationKind };
  }

  async changePassword(ctx: RequestContext, current: string, next: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw platformError('unauthenticated');
    const [u] = await this.db.select().from(userAccount).where(eq(userAccount.id, actor.userId));
    if (!u || !(await verifyPassword(u.passwordHash, current))) throw platformError('invalid_credentials');
    const weak = passwordProblems(next, u.username);
    if (weak) throw platformError('weak_password', weak, [{ path: 'newPassword', message: weak.en }]);
    const passwordHash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await tx.update(userAccount).set({ passwordHash, passwordChangedAt: this.clock.now() }).where(eq(userAccount.id, u.id));
      await this.audit.record(tx, ctx, { action: 'identity.password.change', objectType: 'user', objectId: u.id });
    });
  }

  async findUserIdsByRole(role: Role, regionCodes?: string[]): Promise<{ userId: string; regionCode: string }[]> {
    const rows = await this.db
      .select({ userId: roleBinding.userId, regionCode: roleBinding.regionCode })
      .from(roleBinding)
      .where(regionCodes ? and(eq(roleBinding.role, role), inArray(roleBinding.regionCode, regionCodes)) : eq(roleBinding.role, role));
    return rows;
  }
}

