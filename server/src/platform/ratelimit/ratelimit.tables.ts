import { integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const platformSchema = pgSchema('platform');

/** Fixed-window counters shared by every instance. */
export const rateLimit = platformSchema.table(
  'rate_limit',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
