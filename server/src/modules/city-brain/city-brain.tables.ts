import {
  bigint,
  boolean,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/** The module's own PostgreSQL schema: no other module reads these tables (call its API instead). */
export const cityBrainSchema = pgSchema('city_brain');

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const subPlatform = cityBrainSchema.table(
  'sub_platform',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    kind: text('kind').notNull().$type<'city_brain' | 'domain'>(),
    name: text('name').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    domain: text('domain'),
    ownerUnit: text('owner_unit').notNull(),
    contactNameEnc: text('contact_name_enc').notNull(),
    contactNameMasked: text('contact_name_masked').notNull(),
    contactPhoneEnc: text('contact_phone_enc').notNull(),
    contactPhoneMasked: text('contact_phone_masked').notNull(),
    publishes: text('publishes').array().notNull().default([]),
    receives: text('receives').array().notNull().default([]),
    nkeyPublic: text('nkey_public'),
    credentialsIssuedAt: ts('credentials_issued_at'),
    credentialsIssuedBy: uuid('credentials_issued_by'),
    lastHeartbeatAt: ts('last_heartbeat_at'),
    connectedSince: ts('connected_since'),
    lastLagMs: bigint('last_lag_ms', { mode: 'number' }),
    receivedTotal: bigint('received_total', { mode: 'number' }).notNull().default(0),
    sentTotal: bigint('sent_total', { mode: 'number' }).notNull().default(0),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [unique('sub_platform_code_key').on(t.code)],
);
export type SubPlatformRow = typeof subPlatform.$inferSelect;

export const traffic = cityBrainSchema.table(
  'traffic',
  {
    subPlatformId: uuid('sub_platform_id')
      .notNull()
      .references(() => subPlatform.id),
    minute: ts('minute').notNull(),
    direction: text('direction').notNull().$type<'up' | 'down'>(),
    messages: integer('messages').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subPlatformId, t.minute, t.direction] })],
);
