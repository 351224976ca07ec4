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
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type {
  CentreApplicationStatus,
  DrawQuota,
  ExclusionReason,
  OpeningHours,
  Party,
  PickStatus,
  Qualification,
} from '@zhicheng/contracts/directory';

/** The module's own PostgreSQL schema: no other module reads these tables (call its API instead). */
export const directorySchema = pgSchema('directory');

/** 专家库. Contact is sealed with the platform's protector; only its masked form is readable in SQL. */
export const expert = directorySchema.table(
  'expert',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    title: text('title').notNull(),
    fields: jsonb('fields').$type<string[]>().notNull(),
    unitName: text('unit_name').notNull(),
    unitCreditCode: varchar('unit_credit_code', { length: 18 }),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    phoneSealed: text('phone_sealed').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    emailSealed: text('email_sealed'),
    emailMasked: text('email_masked'),
    available: boolean('available').notNull().default(true),
    unavailableUntil: date('unavailable_until'),
    userId: uuid('user_id').unique(),
    active: boolean('active').notNull().default(true),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('expert_region_idx').on(t.regionCode)],
);
export type ExpertRow = typeof expert.$inferSelect;

export const expertRelation = directorySchema.table(
  'expert_relation',
  {
    id: uuid('id').primaryKey(),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => expert.id),
    kind: text('kind').notNull(),
    partyName: text('party_name').notNull(),
    partyCreditCode: varchar('party_credit_code', { length: 18 }),
    partyRegionCode: varchar('party_region_code', { length: 12 }),
    startedOn: date('started_on'),
    endedOn: date('ended_on'),
    note: text('note'),
  },
  (t) => [index('expert_relation_expert_idx').on(t.expertId)],
);
export type ExpertRelationRow = typeof expertRelation.$inferSelect;

export const draw = directorySchema.table(
  'draw',
  {
    id: uuid('id').primaryKey(),
    module: text('module').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id').notNull(),
    title: text('title').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    units: jsonb('units').$type<Party[]>().notNull(),
    companies: jsonb('companies').$type<Party[]>().notNull(),
    regionRule: text('region_rule').notNull(),
    mode: text('mode').notNull(),
    quotas: jsonb('quotas').$type<DrawQuota[]>().notNull(),
    requireAccount: boolean('require_account').notNull(),
    status: text('status').notNull(),
    attempt: integer('attempt').notNull(),
    redrawReason: text('redraw_reason'),
    seedHash: char('seed_hash', { length: 64 }).notNull(),
    /** The seed, sealed until it is revealed (then also in `seed`). */
    seedSealed: text('seed_sealed').notNull(),
    seed: text('seed'),
    /** The asking side's public entropy, mixed into the tickets. */
    salt: text('salt'),
    revealedAt: timestamp('revealed_at', { withTimezone: true }),
    requestedBy: text('requested_by').notNull(),
    requestedByUser: uuid('requested_by_user'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    /** The day the conflict rules were judged on (the three-year window counts back from it). */
    drawDay: date('draw_day').notNull(),
  },
  (t) => [
    unique('draw_object_attempt_key').on(t.module, t.objectType, t.objectId, t.attempt),
    index('draw_region_idx').on(t.regionCode, t.requestedAt),
  ],
);
export type DrawRow = typeof draw.$inferSelect;

export const drawCandidate = directorySchema.table(
  'draw_candidate',
  {
    drawId: uuid('draw_id')
      .notNull()
      .references(() => draw.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => expert.id),
    code: text('code').notNull(),
    fields: jsonb('fields').$type<string[]>().notNull(),
    excluded: text('excluded').$type<ExclusionReason>(),
    detail: text('detail'),
  },
  (t) => [primaryKey({ columns: [t.drawId, t.expertId] })],
);
export type DrawCandidateRow = typeof drawCandidate.$inferSelect;

export const drawPick = directorySchema.table(
  'draw_pick',
  {
    drawId: uuid('draw_id')
      .notNull()
      .references(() => draw.id),
    position: integer('position').notNull(),
    field: text('field'),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => expert.id),
    code: text('code').notNull(),
    alias: text('alias').notNull(),
    status: text('status').$type<PickStatus>().notNull(),
    replaces: integer('replaces'),
    invitedAt: timestamp('invited_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.drawId, t.position] }),
    unique('draw_pick_expert_key').on(t.drawId, t.expertId),
    index('draw_pick_expert_idx').on(t.expertId),
  ],
);
export type DrawPickRow = typeof drawPick.$inferSelect;

/** 项目团队库 and 服务商库: one table, told apart by kind. */
export const org = directorySchema.table(
  'org',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    contactName: text('contact_name').notNull(),
    phoneSealed: text('phone_sealed').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    services: jsonb('services').$type<string[]>().notNull(),
    qualifications: jsonb('qualifications').$type<Qualification[]>().notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('org_kind_credit_code_key').on(t.kind, t.creditCode), index('org_region_idx').on(t.regionCode)],
);
export type OrgRow = typeof org.$inferSelect;

export const orgDelivery = directorySchema.table(
  'org_delivery',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    year: integer('year').notNull(),
    rating: smallint('rating'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('org_delivery_org_idx').on(t.orgId)],
);
export type OrgDeliveryRow = typeof orgDelivery.$inferSelect;

export const dishonesty = directorySchema.table(
  'dishonesty',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => org.id),
    reason: text('reason').notNull(),
    source: text('source').notNull(),
    listedOn: date('listed_on').notNull(),
    until: date('until'),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftReason: text('lift_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('dishonesty_org_idx').on(t.orgId)],
);
export type DishonestyRow = typeof dishonesty.$inferSelect;

/** 科普展示中心 selection rounds: one per year and kind. */
export const centreRound = directorySchema.table(
  'centre_round',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    applyUntil: date('apply_until').notNull(),
    expertsPerApplication: integer('experts_per_application').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('centre_round_year_kind_key').on(t.year, t.kind)],
);
export type CentreRoundRow = typeof centreRound.$inferSelect;

/** A city's application; once approved it is the certified centre (certificate number, public map, bookings). */
export const centreApplication = directorySchema.table(
  'centre_application',
  {
    id: uuid('id').primaryKey(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => centreRound.id),
    name: text('name').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    address: text('address').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    operatorUnit: text('operator_unit').notNull(),
    operatorCreditCode: varchar('operator_credit_code', { length: 18 }),
    areaSqm: integer('area_sqm').notNull(),
    hours: jsonb('hours').$type<OpeningHours>().notNull(),
    slotCapacity: integer('slot_capacity').notNull(),
    description: text('description').notNull(),
    contactName: text('contact_name').notNull(),
    contactPhoneSealed: text('contact_phone_sealed').notNull(),
    contactPhoneMasked: text('contact_phone_masked').notNull(),
    status: text('status').$type<CentreApplicationStatus>().notNull(),
    drawId: uuid('draw_id'),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    certificateNo: text('certificate_no').unique(),
    certifiedOn: date('certified_on'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique('centre_application_round_name_key').on(t.roundId, t.name),
    index('centre_application_region_idx').on(t.regionCode),
  ],
);
export type CentreApplicationRow = typeof centreApplication.$inferSelect;

export const centreScore = directorySchema.table(
  'centre_score',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => centreApplication.id),
    expertId: uuid('expert_id')
      .notNull()
      .references(() => expert.id),
    alias: text('alias').notNull(),
    scores: jsonb('scores').$type<Record<string, number>>().notNull(),
    total: integer('total').notNull(),
    comment: text('comment').notNull(),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.expertId] })],
);
export type CentreScoreRow = typeof centreScore.$inferSelect;

/** A visitor's booking: name and phone sealed, only their masked forms readable. */
export const centreBooking = directorySchema.table(
  'centre_booking',
  {
    id: uuid('id').primaryKey(),
    centreId: uuid('centre_id')
      .notNull()
      .references(() => centreApplication.id),
    reference: text('reference').notNull().unique(),
    visitDate: date('visit_date').notNull(),
    slot: text('slot').$type<'am' | 'pm'>().notNull(),
    partySize: integer('party_size').notNull(),
    nameSealed: text('name_sealed').notNull(),
    nameMasked: text('name_masked').notNull(),
    phoneSealed: text('phone_sealed').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('centre_booking_slot_idx').on(t.centreId, t.visitDate, t.slot)],
);
export type CentreBookingRow = typeof centreBooking.$inferSelect;

export const centreReport = directorySchema.table(
  'centre_report',
  {
    centreId: uuid('centre_id')
      .notNull()
      .references(() => centreApplication.id),
    year: integer('year').notNull(),
    quarter: smallint('quarter').notNull(),
    visitors: integer('visitors').notNull(),
    events: integer('events').notNull(),
    note: text('note'),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.year, t.quarter] })],
);
export type CentreReportRow = typeof centreReport.$inferSelect;
