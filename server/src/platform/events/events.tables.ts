import { bigserial, integer, jsonb, text, timestamp } from 'drizzle-orm/pg-core';
import { platformSchema } from '../ratelimit/ratelimit.tables.ts';

/** Events that must not be lost are written here in the same transaction as the change that caused them. */
export const outbox = platformSchema.table('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  topic: text('topic').notNull(),
  payload: jsonb('payload').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
});
