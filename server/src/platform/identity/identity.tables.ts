import { boolean, integer, pgSchema, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export const identity = pgSchema('identity');

export const organisation = identity.table('organisation', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const userAccount = identity.table('user_account', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisation.id),
  passwordHash: text('password_hash').notNull(),
  status: text('status').notNull().default('active'),
  isDemo: boolean('is_demo').notNull().default(false),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** Set when an administrator chose the password (new account, reset): it must be changed at the next sign-in. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

export const roleBinding = identity.table(
  'role_binding',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => userAccount.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role, t.regionCode] })],
);

/** Server-side sessions: the cookie holds a random token, the row holds only its SHA-256. */
export const session = identity.table('session', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => userAccount.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  ip: text('ip'),
  userAgent: text('user_agent'),
});

/** Password-guess counters per (username, address) and per address: see LoginThrottle. */
export const loginThrottle = identity.table('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
});
