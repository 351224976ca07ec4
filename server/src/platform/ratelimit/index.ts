import { sql } from 'drizzle-orm';
import type { Clock } from '../clock/index.ts';
import { queryRows, type Db } from '../database/index.ts';
import { platformError } from '../http/errors.ts';

export { rateLimit } from './ratelimit.tables.ts';

/**
 * Fixed-window counters in PostgreSQL, so a limit holds across every instance behind a load balancer.
 * One upsert per hit; old windows are swept now and then.
 */
export class RateLimiter {
  private hits = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Counts a hit on `key`; throws 429 once more than `max` hits fall in the current window. */
  async consume(key: string, max: number, windowSeconds: number): Promise<void> {
    const nowMs = this.clock.now().getTime();
    const windowStart = new Date(Math.floor(nowMs / (windowSeconds * 1000)) * windowSeconds * 1000);
    const res = await queryRows<{ count: number }>(this.db, sql`
      INSERT INTO platform.rate_limit (key, window_start, count) VALUES (${key}, ${windowStart.toISOString()}, 1)
      ON CONFLICT (key, window_start) DO UPDATE SET count = platform.rate_limit.count + 1
      RETURNING count`);
    if (++this.hits % 1000 === 0) {
      await this.db.execute(sql`DELETE FROM platform.rate_limit WHERE window_start < ${new Date(nowMs - 86_400_000).toISOString()}`);
    }
    const n = Number(res[0]?.count ?? 0);
    if (n > max) throw platformError('rate_limited');
  }
}
