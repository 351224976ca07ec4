import { sql } from 'drizzle-orm';
import type { Clock } from '../clock/index.ts';
import { queryRowsPrepared, type Db } from '../database/index.ts';
import { platformError } from '../http/errors.ts';

export { rateLimit } from './ratelimit.tables.ts';

interface Hit {
  key: string;
  windowStart: string;
  resolve(count: number): void;
  reject(err: unknown): void;
}

/**
 * Fixed-window counters in PostgreSQL, so a limit holds across every instance behind a load balancer.
 *
 * Hits are group-committed: a hit arriving while an upsert is in flight waits for the next one, which counts every
 * waiting hit in a single statement. A lone hit goes straight out, so a quiet server adds no latency, and a busy
 * public endpoint pays one commit per batch instead of one per request.
 */
export class RateLimiter {
  private pending: Hit[] = [];
  /** Upserts in flight: two, so one batch fills while the other commits. */
  private inFlight = 0;
  /** When expired windows were last deleted (ms): a sweep reads the whole table, so it runs on the clock, not per batch. */
  private sweptAt = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Counts a hit on `key`; throws 429 once more than `max` hits fall in the current window. */
  async consume(key: string, max: number, windowSeconds: number): Promise<void> {
    const nowMs = this.clock.now().getTime();
    const windowStart = new Date(Math.floor(nowMs / (windowSeconds * 1000)) * windowSeconds * 1000).toISOString();
    const n = await new Promise<number>((resolve, reject) => {
      this.pending.push({ key, windowStart, resolve, reject });
      if (this.inFlight < 2) void this.flush();
    });
    if (n > max) throw platformError('rate_limited');
  }

  private async flush(): Promise<void> {
    this.inFlight++;
    while (this.pending.length) {
      const batch = this.pending.splice(0, 1000);
      try {
        // One row per (key, window) with the batch's hits added; each hit then learns its own position.
        const groups = new Map<string, Hit[]>();
        for (const h of batch) {
          const g = `${h.key}\u0000${h.windowStart}`;
          const hits = groups.get(g);
          if (hits) hits.push(h);
          else groups.set(g, [h]);
        }
        const rows = [...groups.values()].map((hits) => ({
          key: hits[0]!.key,
          window_start: hits[0]!.windowStart,
          count: hits.length,
        }));
        // One JSON parameter carries the batch (Drizzle would spread a JS array into separate parameters).
        const counted = await queryRowsPrepared<{ key: string; window_start: string | Date; count: number }>(
          this.db,
          'platform.rate_limit_hits',
          sql`
          INSERT INTO platform.rate_limit (key, window_start, count)
          SELECT key, window_start, count FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(key text, window_start timestamptz, count int)
          ON CONFLICT (key, window_start) DO UPDATE SET count = platform.rate_limit.count + EXCLUDED.count
          RETURNING key, window_start, count`,
        );
        const totals = new Map(
          counted.map((r) => [`${r.key}\u0000${new Date(r.window_start).toISOString()}`, Number(r.count)]),
        );
        for (const [g, hits] of groups) {
          const total = totals.get(g) ?? hits.length;
          hits.forEach((h, i) => h.resolve(total - hits.length + i + 1));
        }
        const nowMs = this.clock.now().getTime();
        if (nowMs - this.sweptAt >= 600_000) {
          this.sweptAt = nowMs;
          await this.db.execute(
            sql`DELETE FROM platform.rate_limit WHERE window_start < ${new Date(nowMs - 86_400_000).toISOString()}`,
          );
        }
      } catch (err) {
        batch.forEach((h) => h.reject(err));
      }
    }
    this.inFlight--;
  }
}
