import { and, eq, gt, like, sql } from 'drizzle-orm';
import type { Clock } from '../clock/index.ts';
import { sha256Hex } from '../crypto/index.ts';
import type { Db } from '../database/index.ts';
import { platformError } from '../http/errors.ts';
import { loginThrottle } from './identity.tables.ts';

/** Free attempts before backoff starts, per key kind, within WINDOW_MS. */
const LIMITS = { account: 5, address: 30, passwordCheck: 5 } as const;
const WINDOW_MS = 60 * 60_000;
const FIRST_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 15 * 60_000;

type Kind = keyof typeof LIMITS;

/**
 * Slows password guessing without letting anyone lock out someone else.
 *
 * Keys are (username, client address) and (client address): an attacker guessing from one address blocks only
 * their own attempts, never the account's owner signing in from elsewhere. Each attempt is counted BEFORE the
 * password is checked, in one upsert per key, so thirty parallel guesses cannot all slip in before the count
 * catches up. Past the free attempts a key is held back with doubling backoff (30 s … 15 min). The username is
 * keyed whether or not the account exists, so a held-back answer says nothing about which usernames exist.
 * A botnet spreading guesses over many addresses is slowed only per address; the password policy carries the rest.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  static accountKey(username: string, ip: string | undefined): string {
    return `account:${sha256Hex(username.toLowerCase())}:${ip ?? '-'}`;
  }

  /**
   * Counts one attempt for each key, or throws 429 naming the wait while a key is held back. The attempt that
   * reaches a key's limit is still checked but holds the key back for the next one (30 s, then doubling up to
   * 15 min), so past the limit one guess per backoff period gets through. The row lock orders concurrent attempts.
   */
  async attempt(keys: { key: string; kind: Kind }[]): Promise<void> {
    const now = this.clock.now();
    let until: Date | null = null;
    for (const { key, kind } of keys) {
      const held = await this.db.transaction(async (tx) => {
        await tx.insert(loginThrottle).values({ key, failures: 0, windowStart: now }).onConflictDoNothing();
        const [row] = await tx.select().from(loginThrottle).where(eq(loginThrottle.key, key)).for('update');
        if (row!.blockedUntil && row!.blockedUntil > now) return row!.blockedUntil;
        const fresh = row!.windowStart.getTime() < now.getTime() - WINDOW_MS;
        const failures = fresh ? 1 : row!.failures + 1;
        const over = failures - LIMITS[kind];
        const blockedUntil =
          over >= 0 ? new Date(now.getTime() + Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** over)) : null;
        await tx
          .update(loginThrottle)
          .set({ failures, blockedUntil, windowStart: fresh ? now : row!.windowStart })
          .where(eq(loginThrottle.key, key));
        return null;
      });
      until = later(until, held);
    }
    if (until) {
      const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
      throw platformError('rate_limited', {
        zh: `尝试次数过多,请 ${seconds} 秒后再试`,
        en: `Too many attempts; try again in ${seconds} seconds`,
      });
    }
  }

  /**
   * A correct password clears the account key and gives the address back the attempt it counted, so an office
   * behind one address can sign in all day while failures still add up.
   */
  async succeeded(keys: { key: string; kind: Kind }[]): Promise<void> {
    for (const { key, kind } of keys) {
      if (kind !== 'address') {
        await this.db.delete(loginThrottle).where(eq(loginThrottle.key, key));
        continue;
      }
      await this.db
        .update(loginThrottle)
        .set({
          failures: sql`greatest(${loginThrottle.failures} - 1, 0)`,
          blockedUntil: sql`CASE WHEN ${loginThrottle.failures} - 1 < ${LIMITS.address} THEN NULL ELSE ${loginThrottle.blockedUntil} END`,
        })
        .where(eq(loginThrottle.key, key));
    }
  }

  /** The security admin lifts every hold on a username (from every address). */
  async release(username: string): Promise<void> {
    await this.db
      .delete(loginThrottle)
      .where(like(loginThrottle.key, `account:${sha256Hex(username.toLowerCase())}:%`));
  }

  /** The latest hold on a username from any address, for the user list. */
  async heldUntil(username: string): Promise<Date | null> {
    const rows = await this.db
      .select({ until: loginThrottle.blockedUntil })
      .from(loginThrottle)
      .where(
        and(
          like(loginThrottle.key, `account:${sha256Hex(username.toLowerCase())}:%`),
          gt(loginThrottle.blockedUntil, this.clock.now()),
        ),
      );
    return rows.reduce<Date | null>((m, r) => later(m, r.until), null);
  }
}

function later(a: Date | null, b: Date | string | null): Date | null {
  if (b === null) return a;
  const d = b instanceof Date ? b : new Date(b);
  return !a || d > a ? d : a;
}
