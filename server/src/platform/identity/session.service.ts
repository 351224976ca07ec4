import crypto from 'node:crypto';
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import type { AuditLog } from '../audit/index.ts';
import type { RequestContext } from '../authorization/index.ts';
import type { Clock } from '../clock/index.ts';
import { sha256Hex } from '../crypto/index.ts';
import type { Db } from '../database/index.ts';
import { platformError } from '../http/errors.ts';
import type { IdentityService } from './identity.service.ts';
import { session, userAccount } from './identity.tables.ts';
import { LoginThrottle } from './login-throttle.ts';
import { dummyHash, hashPassword, passwordProblems, verifyPassword } from './password.ts';
import type { Actor } from '../authorization/index.ts';

export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3_600_000;
/** Write last_seen_at at most this often, so reads do not each cost a write. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionInfo {
  actor: Actor;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  isDemo: boolean;
  /** The one-time password has not been changed: the guard lets only the password change through. */
  mustChangePassword: boolean;
}

/** Signing in and out, sessions, and changing one's own password. */
export class SessionService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly identity: IdentityService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Checks a password and opens a session. The attempt is counted before the check (see LoginThrottle). An unknown
   * username, a disabled account and a wrong password get the same answer after the same work: an argon2 check and
   * one audit row.
   */
  async login(ctx: RequestContext, username: string, password: string, meta: { ip?: string; userAgent?: string }) {
    const name = username.toLowerCase();
    const keys = [
      { key: LoginThrottle.accountKey(name, meta.ip), kind: 'account' as const },
      { key: `address:${meta.ip ?? '-'}`, kind: 'address' as const },
    ];
    await this.throttle.attempt(keys);
    const [user] = await this.db.select().from(userAccount).where(eq(userAccount.username, name));
    const ok = (await verifyPassword(user?.passwordHash ?? (await dummyHash()), password)) && user?.status === 'active';
    if (!user || !ok) {
      await this.audit.record(this.db, ctx, {
        action: 'identity.login.failed',
        objectType: 'user',
        objectId: user?.id ?? null,
      });
      throw platformError('invalid_credentials');
    }
    await this.throttle.succeeded(keys);
    return this.startSession(ctx, user.id, meta);
  }

  /** Opens a session for a user whose identity is already proven (password checked, or a test fixture). */
  async startSession(
    ctx: RequestContext,
    userId: string,
    meta: { ip?: string; userAgent?: string } = {},
  ): Promise<{ token: string; info: SessionInfo }> {
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
      const actor = await this.identity.actorOf(tx, userId);
      await this.audit.record(
        tx,
        { ...ctx, actor },
        { action: 'identity.login.succeeded', objectType: 'user', objectId: userId },
      );
    });
    const info = await this.resolveSession(token);
    if (!info) throw platformError('internal_error');
    return { token, info };
  }

  async logout(ctx: RequestContext, token: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(session)
        .set({ revokedAt: this.clock.now() })
        .where(eq(session.tokenHash, sha256Hex(token)));
      await this.audit.record(tx, ctx, {
        action: 'identity.logout',
        objectType: 'user',
        objectId: ctx.actor?.userId ?? null,
      });
    });
  }

  /** The session behind a cookie, or null when it is unknown, revoked, idle too long or past 12 hours. */
  async resolveSession(token: string): Promise<SessionInfo | null> {
    const now = this.clock.now();
    const [row] = await this.db
      .select({
        s: session,
        status: userAccount.status,
        isDemo: userAccount.isDemo,
        mustChangePassword: userAccount.mustChangePassword,
      })
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
    const actor = await this.identity.actorOf(this.db, row.s.userId);
    return {
      actor,
      idleExpiresAt: new Date(Math.min(lastSeen.getTime() + SESSION_IDLE_MS, row.s.expiresAt.getTime())),
      absoluteExpiresAt: row.s.expiresAt,
      isDemo: row.isDemo,
      mustChangePassword: row.mustChangePassword,
    };
  }

  /**
   * Changes the signed-in user's password. The current-password check is throttled like a login; the new one may
   * not be the current one; every other session of the account ends (a thief's session does not outlive the change).
   */
  async changePassword(ctx: RequestContext, currentToken: string, current: string, next: string): Promise<void> {
    const actor = ctx.actor;
    if (!actor) throw platformError('unauthenticated');
    await this.throttle.attempt([{ key: `password:${actor.userId}`, kind: 'passwordCheck' }]);
    const [u] = await this.db.select().from(userAccount).where(eq(userAccount.id, actor.userId));
    if (!u || !(await verifyPassword(u.passwordHash, current))) {
      await this.audit.record(this.db, ctx, {
        action: 'identity.password.check-failed',
        objectType: 'user',
        objectId: actor.userId,
      });
      throw platformError('invalid_credentials', { zh: '当前密码不正确', en: 'The current password is wrong' }, [
        { path: 'currentPassword', message: 'wrong' },
      ]);
    }
    await this.throttle.succeeded([{ key: `password:${actor.userId}`, kind: 'passwordCheck' }]);
    const weak =
      passwordProblems(next, u.username) ??
      (next === current
        ? { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' }
        : null);
    if (weak) throw platformError('weak_password', weak, [{ path: 'newPassword', message: weak.en }]);
    const passwordHash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await tx
        .update(userAccount)
        .set({ passwordHash, passwordChangedAt: this.clock.now(), mustChangePassword: false })
        .where(eq(userAccount.id, u.id));
      await tx
        .update(session)
        .set({ revokedAt: this.clock.now() })
        .where(
          and(eq(session.userId, u.id), ne(session.tokenHash, sha256Hex(currentToken)), isNull(session.revokedAt)),
        );
      await this.audit.record(tx, ctx, { action: 'identity.password.change', objectType: 'user', objectId: u.id });
    });
  }
}
