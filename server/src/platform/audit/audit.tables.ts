import { bigint, pgSchema, smallint, text, timestamp } from 'drizzle-orm/pg-core';

export const auditSchema = pgSchema('audit');

/**
 * Append-only (triggers refuse UPDATE, DELETE and TRUNCATE), hash-chained through prev_hash → hash; chain_version
 * says whether the hash is keyed (see audit-key.ts).
 */
export const auditEvent = auditSchema.table('event', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  requestId: text('request_id'),
  actorUserId: text('actor_user_id'),
  actorUsername: text('actor_username'),
  actorRole: text('actor_role'),
  actorRegion: text('actor_region'),
  action: text('action').notNull(),
  objectType: text('object_type').notNull(),
  objectId: text('object_id'),
  beforeDigest: text('before_digest'),
  afterDigest: text('after_digest'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  chainVersion: smallint('chain_version').notNull(),
});
