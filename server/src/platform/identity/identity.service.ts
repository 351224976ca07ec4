import crypto from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import {
  ROLE_LEVEL,
  SEPARATED_ADMIN_ROLES,
  roleConflict,
  type CreateUserRequest,
  type OrganisationKind,
  type Role,
  type RoleGrant,
  type UpdateOrganisationRequest,
  type UpdateUserRequest,
  type UserSummary,
} from '@zhicheng/contracts';
import type { AuditLog } from '../audit/index.ts';
import {
  isSystem,
  type Actor,
  type Authorizer,
  type RegionDirectory,
  type RequestContext,
} from '../authorization/index.ts';
import type { Clock } from '../clock/index.ts';
import type { Db } from '../database/index.ts';
import { invalidField, platformError } from '../http/errors.ts';
import { hashPassword, oneTimePasswordFor, passwordProblems } from './password.ts';
import { organisation, roleBinding, session, userAccount } from './identity.tables.ts';
import type { LoginThrottle } from './login-throttle.ts';

/** A new account as the platform itself creates it (CLI, demo loader, a module's vetting flow): roles included. */
export type NewUser = CreateUserRequest & { roles: RoleGrant[]; isDemo?: boolean; oneTimePassword?: boolean };

/** A user validated and hashed outside any transaction, ready for insertUser inside the caller's. */
export interface PreparedUser {
  id: string;
  input: NewUser;
  passwordHash: string;
}

/**
 * Accounts, organisations and roles, kept apart as 三员分立 requires: the system admin creates and edits accounts
 * but grants no role; the security admin grants roles; admin accounts (and their roles) come only from the CLI.
 */
export class IdentityService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly authz: Authorizer,
    private readonly regions: RegionDirectory,
    private readonly throttle: LoginThrottle,
  ) {}

  async createOrganisation(
    ctx: RequestContext,
    input: { name: string; kind: OrganisationKind; regionCode: string },
    db: Db = this.db,
  ): Promise<string> {
    if (!isSystem(ctx)) await this.authz.assertCovers(ctx.actor, 'identity.users.manage', input.regionCode);
    if (!(await this.regions.levelOf(input.regionCode)))
      throw invalidField('regionCode', '区划代码不存在', 'unknown region code');
    const id = crypto.randomUUID();
    await db.transaction(async (tx) => {
      await tx.insert(organisation).values({ id, ...input, createdAt: this.clock.now() });
      await this.audit.record(tx, ctx, {
        action: 'identity.organisation.create',
        objectType: 'organisation',
        objectId: id,
        after: input,
      });
    });
    return id;
  }

  async listOrganisations(): Promise<{ id: string; name: string; kind: OrganisationKind; regionCode: string }[]> {
    const rows = await this.db.select().from(organisation).orderBy(organisation.regionCode, organisation.name);
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as OrganisationKind, regionCode: r.regionCode }));
  }

  /** Separation of duties and the level each role is bound at. */
  private async validateRoles(roles: RoleGrant[]): Promise<void> {
    const conflict = roleConflict(roles.map((r) => r.role));
    if (conflict) throw platformError('validation_failed', conflict, [{ path: 'roles', message: conflict.en }]);
    for (const [i, r] of roles.entries()) {
      const level = await this.regions.levelOf(r.regionCode);
      if (!level)
        throw invalidField(
          `roles.${i}.regionCode`,
          `区划代码 ${r.regionCode} 不存在`,
          `unknown region ${r.regionCode}`,
        );
      const want = ROLE_LEVEL[r.role];
      if (want && want !== level)
        throw invalidField(`roles.${i}.regionCode`, `角色须绑定到${want}级区划`, `must be a ${want}`);
    }
  }

  /**
   * Checks and hashes a new account. A user (the system admin) creates accounts without roles; only the platform
   * itself (the CLI for admins, the demo loader, a module's vetting flow) creates an account with roles.
   */
  async prepareUser(ctx: RequestContext, input: NewUser): Promise<PreparedUser> {
    const [org] = await this.db
      .select({ regionCode: organisation.regionCode })
      .from(organisation)
      .where(eq(organisation.id, input.organisationId));
    if (!org) throw invalidField('organisationId', '单位不存在', 'no such organisation');
    if (!isSystem(ctx)) {
      await this.authz.assertCovers(ctx.actor, 'identity.users.manage', org.regionCode);
      if (input.roles.length)
        throw platformError('forbidden', { zh: '角色由安全管理员授予', en: 'Roles are granted by the security admin' });
    }
    const weak = passwordProblems(input.password, input.username);
    if (weak) throw platformError('weak_password', weak, [{ path: 'password', message: weak.en }]);
    await this.validateRoles(input.roles);
    return { id: crypto.randomUUID(), input, passwordHash: await hashPassword(input.password) };
  }

  /** Writes a prepared account in the caller's transaction (nothing else is read from outside it). */
  async insertUser(tx: Db, ctx: RequestContext, u: PreparedUser): Promise<string> {
    const { input } = u;
    const now = this.clock.now();
    const existing = await tx
      .select({ id: userAccount.id })
      .from(userAccount)
      .where(eq(userAccount.username, input.username));
    if (existing.length)
      throw platformError('conflict', { zh: '用户名已存在', en: 'Username already taken' }, [
        { path: 'username', message: 'taken' },
      ]);
    await tx.insert(userAccount).values({
      id: u.id,
      username: input.username,
      displayName: input.displayName,
      organisationId: input.organisationId,
      passwordHash: u.passwordHash,
      isDemo: input.isDemo ?? false,
      passwordChangedAt: now,
      createdAt: now,
      // A password an administrator typed is known to two people: the holder replaces it at the first sign-in.
      // (A flow of the platform's that hands the password to someone, like supervisor vetting, says so itself.)
      mustChangePassword: input.oneTimePassword ?? !isSystem(ctx),
    });
    if (input.roles.length) await tx.insert(roleBinding).values(input.roles.map((r) => ({ userId: u.id, ...r })));
    await this.audit.record(tx, ctx, {
      action: 'identity.user.create',
      objectType: 'user',
      objectId: u.id,
      after: { username: input.username, roles: input.roles },
    });
    return u.id;
  }

  async createUser(
    ctx: RequestContext,
    input: CreateUserRequest & { roles?: RoleGrant[]; isDemo?: boolean },
  ): Promise<string> {
    const prepared = await this.prepareUser(ctx, { ...input, roles: input.roles ?? [] });
    return this.db.transaction((tx) => this.insertUser(tx, ctx, prepared));
  }

  /**
   * The security admin sets a business account's roles. Admin roles are never granted here (only by the CLI), an
   * admin account's roles never change here, and nobody changes their own. The account's sessions end, so a
   * withdrawn role stops working at once.
   */
  async setRoles(ctx: RequestContext, userId: string, roles: RoleGrant[]): Promise<void> {
    const actor = ctx.actor;
    this.authz.require(actor, 'identity.roles.grant');
    for (const r of roles) await this.authz.assertCovers(actor, 'identity.roles.grant', r.regionCode);
    if (userId === actor.userId)
      throw platformError('forbidden', { zh: '不能修改自己的角色', en: 'You cannot change your own roles' });
    if (roles.some((r) => SEPARATED_ADMIN_ROLES.includes(r.role))) {
      throw platformError(
        'forbidden',
        { zh: '管理员账号只能通过命令行创建', en: 'Admin accounts are created only with the command line' },
        [{ path: 'roles', message: 'admin role' }],
      );
    }
    await this.validateRoles(roles);
    await this.db.transaction(async (tx) => {
      const [u] = await tx
        .select({ id: userAccount.id })
        .from(userAccount)
        .where(eq(userAccount.id, userId))
        .for('update');
      if (!u) throw platformError('not_found');
      const before = await tx
        .select({ role: roleBinding.role, regionCode: roleBinding.regionCode })
        .from(roleBinding)
        .where(eq(roleBinding.userId, userId));
      if (before.some((b) => SEPARATED_ADMIN_ROLES.includes(b.role as Role))) {
        throw platformError('forbidden', {
          zh: '管理员账号的角色只能通过命令行变更',
          en: 'An admin account’s roles change only with the command line',
        });
      }
      await tx.delete(roleBinding).where(eq(roleBinding.userId, userId));
      if (roles.length) await tx.insert(roleBinding).values(roles.map((r) => ({ userId, ...r })));
      await tx.update(session).set({ revokedAt: this.clock.now() }).where(eq(session.userId, userId));
      await this.audit.record(tx, ctx, {
        action: 'identity.user.roles',
        objectType: 'user',
        objectId: userId,
        before,
        after: roles,
      });
    });
  }

  async listUsers(actor: Actor, q: { search?: string }): Promise<UserSummary[]> {
    const scope = new Set(await this.authz.scopeCodes(actor, 'identity.users.read'));
    const rows = await this.db
      .select({ u: userAccount, orgName: organisation.name, orgRegion: organisation.regionCode })
      .from(userAccount)
      .innerJoin(organisation, eq(organisation.id, userAccount.organisationId))
      .orderBy(userAccount.username);
    const bindings = await this.db.select().from(roleBinding);
    const names = await this.regions.nameOf([...new Set(bindings.map((b) => b.regionCode))]);
    const byUser = new Map<string, { role: Role; regionCode: string; regionName: string }[]>();
    for (const b of bindings) {
      const list = byUser.get(b.userId) ?? [];
      list.push({
        role: b.role as Role,
        regionCode: b.regionCode,
        regionName: names.get(b.regionCode) ?? b.regionCode,
      });
      byUser.set(b.userId, list);
    }
    const s = q.search?.toLowerCase();
    const visible = rows
      .map(({ u, orgName, orgRegion }) => ({ u, orgName, orgRegion, roles: byUser.get(u.id) ?? [] }))
      // An account without roles yet is seen through its organisation's region.
      .filter((x) => (x.roles.length ? x.roles.some((r) => scope.has(r.regionCode)) : scope.has(x.orgRegion)))
      .filter((x) => !s || x.u.username.includes(s) || x.u.displayName.toLowerCase().includes(s));
    return Promise.all(
      visible.map(async ({ u, orgName, roles }) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        organisationName: orgName,
        status: u.status as 'active' | 'disabled',
        organisationId: u.organisationId,
        mustChangePassword: u.mustChangePassword,
        admin: roles.some((r) => SEPARATED_ADMIN_ROLES.includes(r.role)),
        lockedUntil: (await this.throttle.heldUntil(u.username))?.toISOString() ?? null,
        roles,
        createdAt: u.createdAt.toISOString(),
      })),
    );
  }

  /**
   * An account the system admin may manage: in their scope (through its organisation's region), not their own, and
   * not an admin account (三员分立: those change only through the command line).
   */
  private async managedAccount(ctx: RequestContext, userId: string, db: Db) {
    const actor = ctx.actor;
    this.authz.require(actor, 'identity.users.manage');
    const [row] = await db
      .select({ u: userAccount, orgRegion: organisation.regionCode })
      .from(userAccount)
      .innerJoin(organisation, eq(organisation.id, userAccount.organisationId))
      .where(eq(userAccount.id, userId))
      .for('update');
    if (!row) throw platformError('not_found', { zh: '找不到该账号', en: 'Account not found' });
    await this.authz.assertCovers(actor, 'identity.users.manage', row.orgRegion);
    if (userId === actor.userId)
      throw platformError('forbidden', {
        zh: '不能在此管理自己的账号(修改密码请用右上角菜单)',
        en: 'You cannot manage your own account here (change your password from the user menu)',
      });
    const roles = await db.select({ role: roleBinding.role }).from(roleBinding).where(eq(roleBinding.userId, userId));
    if (roles.some((b) => SEPARATED_ADMIN_ROLES.includes(b.role as Role)))
      throw platformError('forbidden', {
        zh: '管理员账号只能通过命令行管理(三员分立)',
        en: 'Admin accounts are managed only with the command line (separation of duties)',
      });
    return row.u;
  }

  /** The system admin corrects an account's display name or moves it to another organisation in their scope. */
  async updateUser(ctx: RequestContext, userId: string, input: UpdateUserRequest): Promise<void> {
    await this.db.transaction(async (tx) => {
      const u = await this.managedAccount(ctx, userId, tx);
      if (input.organisationId && input.organisationId !== u.organisationId) {
        const [org] = await tx
          .select({ regionCode: organisation.regionCode })
          .from(organisation)
          .where(eq(organisation.id, input.organisationId));
        if (!org) throw invalidField('organisationId', '单位不存在', 'no such organisation');
        await this.authz.assertCovers(ctx.actor, 'identity.users.manage', org.regionCode);
      }
      const set = {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.organisationId !== undefined ? { organisationId: input.organisationId } : {}),
      };
      if (!Object.keys(set).length) return;
      await tx
        .update(userAccount)
        .set({ ...set, updatedAt: this.clock.now() })
        .where(eq(userAccount.id, userId));
      await this.audit.record(tx, ctx, {
        action: 'identity.user.update',
        objectType: 'user',
        objectId: userId,
        before: { displayName: u.displayName, organisationId: u.organisationId },
        after: set,
      });
    });
  }

  /** Disables (sessions end at once) or re-enables an account, with the reason in the audit trail. */
  async setStatus(ctx: RequestContext, userId: string, status: 'active' | 'disabled', reason: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const u = await this.managedAccount(ctx, userId, tx);
      if (u.status === status) return;
      const now = this.clock.now();
      await tx.update(userAccount).set({ status, updatedAt: now }).where(eq(userAccount.id, userId));
      if (status === 'disabled')
        await tx
          .update(session)
          .set({ revokedAt: now })
          .where(and(eq(session.userId, userId), isNull(session.revokedAt)));
      await this.audit.record(tx, ctx, {
        action: status === 'disabled' ? 'identity.user.disable' : 'identity.user.enable',
        objectType: 'user',
        objectId: userId,
        before: { status: u.status },
        after: { status, reason },
      });
    });
  }

  /**
   * Resets an account's password to a generated one-time password (answered once, never stored in clear), which
   * must be changed at the next sign-in; the account's sessions end and its sign-in holds are lifted.
   */
  async resetPassword(ctx: RequestContext, userId: string): Promise<{ oneTimePassword: string }> {
    const oneTimePassword = oneTimePasswordFor();
    const passwordHash = await hashPassword(oneTimePassword);
    const username = await this.db.transaction(async (tx) => {
      const u = await this.managedAccount(ctx, userId, tx);
      const now = this.clock.now();
      await tx
        .update(userAccount)
        .set({ passwordHash, passwordChangedAt: now, mustChangePassword: true, updatedAt: now })
        .where(eq(userAccount.id, userId));
      await tx
        .update(session)
        .set({ revokedAt: now })
        .where(and(eq(session.userId, userId), isNull(session.revokedAt)));
      await this.audit.record(tx, ctx, {
        action: 'identity.user.password-reset',
        objectType: 'user',
        objectId: userId,
      });
      return u.username;
    });
    await this.throttle.release(username);
    return { oneTimePassword };
  }

  /** The system admin renames an organisation or corrects its kind (its region stays: accounts hang on it). */
  async updateOrganisation(ctx: RequestContext, id: string, input: UpdateOrganisationRequest): Promise<void> {
    this.authz.require(ctx.actor, 'identity.users.manage');
    await this.db.transaction(async (tx) => {
      const [o] = await tx.select().from(organisation).where(eq(organisation.id, id)).for('update');
      if (!o) throw platformError('not_found', { zh: '找不到该单位', en: 'Organisation not found' });
      await this.authz.assertCovers(ctx.actor, 'identity.users.manage', o.regionCode);
      const set = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
      };
      if (!Object.keys(set).length) return;
      await tx.update(organisation).set(set).where(eq(organisation.id, id));
      await this.audit.record(tx, ctx, {
        action: 'identity.organisation.update',
        objectType: 'organisation',
        objectId: id,
        before: { name: o.name, kind: o.kind },
        after: set,
      });
    });
  }

  /** The security admin lifts the sign-in holds on an account before their backoff runs out. */
  async unlock(ctx: RequestContext, userId: string): Promise<void> {
    if (!isSystem(ctx)) this.authz.require(ctx.actor, 'identity.users.unlock');
    const [u] = await this.db
      .select({ username: userAccount.username })
      .from(userAccount)
      .where(eq(userAccount.id, userId));
    if (!u) throw platformError('not_found');
    await this.throttle.release(u.username);
    await this.audit.record(this.db, ctx, { action: 'identity.user.unlock', objectType: 'user', objectId: userId });
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

  async organisationOf(id: string): Promise<{ id: string; name: string; kind: OrganisationKind; regionCode: string }> {
    const [o] = await this.db.select().from(organisation).where(eq(organisation.id, id));
    if (!o) throw platformError('not_found', { zh: '找不到该单位', en: 'Organisation not found' });
    return { id: o.id, name: o.name, kind: o.kind as OrganisationKind, regionCode: o.regionCode };
  }

  async findUserIdsByRole(role: Role, regionCodes?: string[]): Promise<{ userId: string; regionCode: string }[]> {
    return this.db
      .select({ userId: roleBinding.userId, regionCode: roleBinding.regionCode })
      .from(roleBinding)
      .where(
        regionCodes
          ? and(eq(roleBinding.role, role), inArray(roleBinding.regionCode, regionCodes))
          : eq(roleBinding.role, role),
      );
  }
}
