import {
  boolean,
  char,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/** The module's own PostgreSQL schema: no other module reads these tables (call its API instead). */
export const communitiesSchema = pgSchema('communities');

/**
 * A registered community: a village-level unit of the national list (its 12-digit code is also a region below its
 * street, so role bindings and scope checks work on it) with the figures the county keeps about it.
 */
export const community = communitiesSchema.table(
  'community',
  {
    code: varchar('code', { length: 12 }).primaryKey(),
    name: text('name').notNull(),
    streetCode: varchar('street_code', { length: 9 }).notNull(),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    urban: boolean('urban').notNull(),
    households: integer('households').notNull(),
    population: integer('population').notNull(),
    elderlyPct: doublePrecision('elderly_pct').notNull(),
    grids: integer('grids').notNull(),
    propertyCompany: text('property_company'),
    systems: jsonb('systems').$type<string[]>().notNull(),
    contactNameEnc: text('contact_name_enc').notNull(),
    contactNameMasked: text('contact_name_masked').notNull(),
    contactPhoneEnc: text('contact_phone_enc').notNull(),
    contactPhoneMasked: text('contact_phone_masked').notNull(),
    /** basic | growth | benchmark; null while not (yet) a smart community. */
    tier: varchar('tier', { length: 16 }),
    tierYear: integer('tier_year'),
    /** rated (the indicator catalogue through the rating rule) | demo (made-up, 示例). */
    tierSource: varchar('tier_source', { length: 16 }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('community_county_idx').on(t.countyCode, t.tier)],
);

export type CommunityRow = typeof community.$inferSelect;

/** A community's yearly indicator report and what became of it (self-report → check → 标杆型 by the province). */
export const tierAssessment = communitiesSchema.table(
  'tier_assessment',
  {
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => community.code),
    year: integer('year').notNull(),
    catalogueId: uuid('catalogue_id').notNull(),
    catalogueVersion: integer('catalogue_version').notNull(),
    values: jsonb('values').$type<Record<string, number | null>>().notNull(),
    level: integer('level').notNull(),
    score: doublePrecision('score').notNull(),
    ratedTier: varchar('rated_tier', { length: 16 }),
    status: varchar('status', { length: 24 }).notNull(),
    note: text('note'),
    reportedBy: uuid('reported_by'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.communityCode, t.year] })],
);

export type TierAssessmentRow = typeof tierAssessment.$inferSelect;

/** A token a community system (or a county/city platform) uses to push or pull figures; only its hash is kept. */
export const ingestToken = communitiesSchema.table(
  'ingest_token',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    name: text('name').notNull(),
    tokenHash: char('token_hash', { length: 64 }).notNull().unique(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('ingest_token_region_idx').on(t.regionCode)],
);

/** One community's figures of one month (a monthly report), as its system pushed them (or as keyed in). */
export const monthlyReport = communitiesSchema.table(
  'monthly_report',
  {
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => community.code),
    month: date('month').notNull(),
    values: jsonb('values').$type<Record<string, number>>().notNull(),
    source: varchar('source', { length: 8 }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityCode, t.month] }), index('monthly_report_received_idx').on(t.receivedAt)],
);

/** A facility an enterprise offers to counties, free to government. */
export const offer = communitiesSchema.table(
  'offer',
  {
    id: uuid('id').primaryKey(),
    providerId: uuid('provider_id').notNull(),
    providerName: text('provider_name').notNull(),
    facility: varchar('facility', { length: 32 }).notNull(),
    counties: jsonb('counties').$type<string[]>().notNull(),
    capacity: integer('capacity').notNull(),
    terms: text('terms').notNull(),
    model: text('model').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('offer_provider_idx').on(t.providerId)],
);

/** A community's need for a facility. */
export const need = communitiesSchema.table(
  'need',
  {
    id: uuid('id').primaryKey(),
    communityCode: varchar('community_code', { length: 12 })
      .notNull()
      .references(() => community.code),
    countyCode: varchar('county_code', { length: 6 }).notNull(),
    facility: varchar('facility', { length: 32 }).notNull(),
    priority: integer('priority').notNull(),
    note: text('note').notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('need_county_idx').on(t.countyCode, t.status)],
);

/** A county's matching round (供需对接活动): the solver's proposal, then the county's confirmation. */
export const matchRound = communitiesSchema.table('match_round', {
  id: uuid('id').primaryKey(),
  countyCode: varchar('county_code', { length: 6 }).notNull(),
  streetFloor: integer('street_floor').notNull(),
  providerCap: doublePrecision('provider_cap').notNull(),
  status: varchar('status', { length: 16 }).notNull(),
  solver: text('solver').notNull(),
  needs: integer('needs').notNull(),
  served: integer('served').notNull(),
  floorShortfall: jsonb('floor_shortfall').$type<Record<string, number>>().notNull(),
  unmatched: jsonb('unmatched').$type<{ needId: string; reason: string }[]>().notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  confirmedBy: uuid('confirmed_by'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
});

export const match = communitiesSchema.table(
  'match',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => matchRound.id),
    needId: uuid('need_id')
      .notNull()
      .references(() => need.id),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offer.id),
    status: varchar('status', { length: 16 }).notNull(),
    explanation: jsonb('explanation').$type<{ zh: string; en: string }>().notNull(),
    agreedBy: uuid('agreed_by'),
    agreedAt: timestamp('agreed_at', { withTimezone: true }),
    installedBy: uuid('installed_by'),
    installedOn: date('installed_on', { mode: 'string' }),
    stoppedOn: date('stopped_on', { mode: 'string' }),
    followups: integer('followups').notNull().default(0),
  },
  (t) => [index('match_round_idx').on(t.roundId), index('match_offer_idx').on(t.offerId, t.status)],
);

/** The county's adjustment of a proposed round: a pair dropped, or a need reassigned to another offer. */
export const roundAdjustment = communitiesSchema.table(
  'round_adjustment',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => matchRound.id),
    /** 1, 2, … within the round (written under the round's lock). */
    seq: integer('seq').notNull(),
    action: varchar('action', { length: 16 }).notNull(),
    needId: uuid('need_id')
      .notNull()
      .references(() => need.id),
    fromOfferId: uuid('from_offer_id').references(() => offer.id),
    toOfferId: uuid('to_offer_id').references(() => offer.id),
    reason: text('reason').notNull(),
    adjustedBy: uuid('adjusted_by').notNull(),
    adjustedAt: timestamp('adjusted_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('round_adjustment_round_idx').on(t.roundId, t.seq)],
);

/** An enterprise account's organisation linked to its entry in the directory's 服务商库 (one to one). */
export const provider = communitiesSchema.table('provider', {
  organisationId: uuid('organisation_id').primaryKey(),
  directoryOrgId: uuid('directory_org_id').notNull().unique(),
  creditCode: varchar('credit_code', { length: 18 }).notNull(),
  name: text('name').notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  linkedBy: uuid('linked_by'),
  linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
});

/** A resident's answer to the satisfaction follow-up about an installed facility (participation's event). */
export const satisfaction = communitiesSchema.table(
  'satisfaction',
  {
    followupId: uuid('followup_id').primaryKey(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => match.id),
    satisfaction: smallint('satisfaction').notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('satisfaction_match_idx').on(t.matchId)],
);

/** The on-site check of a 标杆型 candidate: participation's site-check task and the directory's expert draw. */
export const onsiteCheck = communitiesSchema.table(
  'onsite_check',
  {
    communityCode: varchar('community_code', { length: 12 }).notNull(),
    year: integer('year').notNull(),
    taskId: uuid('task_id').notNull().unique(),
    drawId: uuid('draw_id').notNull(),
    poolRegionCode: varchar('pool_region_code', { length: 12 }).notNull(),
    panelSize: integer('panel_size').notNull(),
    startedBy: uuid('started_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.communityCode, t.year] })],
);
export type OnsiteCheckRow = typeof onsiteCheck.$inferSelect;

/** One panel score of an on-site check, from participation's subject-scored event (its id dedupes redeliveries). */
export const onsiteScore = communitiesSchema.table(
  'onsite_score',
  {
    scoreId: uuid('score_id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => onsiteCheck.taskId),
    score: doublePrecision('score').notNull(),
    confirmed: boolean('confirmed'),
    media: boolean('media').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('onsite_score_task_idx').on(t.taskId)],
);
