import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type {
  AssessedLevel,
  AssessmentCampaignStage,
  AssessmentSubmissionStatus,
  CampaignDeadlines,
  Indicator,
  IndicatorValues,
  RatingExplanation,
  RatingPolicy,
  ReviewStage,
} from '@zhicheng/contracts/assessment';

/**
 * The assessment schema, column for column as migrations 0100–0102 made it (platform/database/schema.db.test.ts
 * checks every column). The module's own tables: no other module reads them.
 */
export const assessmentSchema = pgSchema('assessment');

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite hands back a Uint8Array, node-postgres a Buffer: both become a Buffer.
  fromDriver: (v) => Buffer.from(v),
});
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const catalogue = assessmentSchema.table(
  'catalogue',
  {
    id: uuid('id').primaryKey(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    standard: text('standard').notNull(),
    level: text('level').$type<AssessedLevel>().notNull(),
    policy: jsonb('policy').$type<RatingPolicy>().notNull(),
    indicators: jsonb('indicators').$type<Indicator[]>().notNull(),
    locked: boolean('locked').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    unique('catalogue_key_version_key').on(t.key, t.version),
    check('catalogue_level_check', sql`${t.level} IN ('city','county','community')`),
  ],
);

export const campaign = assessmentSchema.table(
  'campaign',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull().unique('campaign_year_key'),
    name: text('name').notNull(),
    stage: text('stage').$type<AssessmentCampaignStage>().notNull(),
    cityCatalogueId: uuid('city_catalogue_id').references(() => catalogue.id),
    countyCatalogueId: uuid('county_catalogue_id').references(() => catalogue.id),
    deadlines: jsonb('deadlines').$type<CampaignDeadlines>().notNull().default({}),
    expertsPerSubmission: integer('experts_per_submission').notNull().default(3),
    noticeDays: integer('notice_days').notNull().default(7),
    noticeEndsAt: ts('notice_ends_at'),
    expertSeed: bigint('expert_seed', { mode: 'number' }),
    sample: boolean('sample').notNull().default(false),
    createdAt: ts('created_at').notNull(),
    publishedAt: ts('published_at'),
    /** migrations/0102: indicator codes open to co-evaluation (监督共评). */
    coevalIndicators: text('coeval_indicators')
      .array()
      .notNull()
      .default(sql`'{}'`),
  },
  (t) => [
    check(
      'campaign_stage_check',
      sql`${t.stage} IN ('self_assessment','review','expert_review','co_evaluation','public_notice','published')`,
    ),
  ],
);

export const submission = assessmentSchema.table(
  'submission',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaign.id),
    catalogueId: uuid('catalogue_id')
      .notNull()
      .references(() => catalogue.id),
    year: integer('year').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    regionName: text('region_name').notNull(),
    regionLevel: text('region_level').notNull(),
    parentCode: varchar('parent_code', { length: 12 }),
    status: text('status').$type<AssessmentSubmissionStatus>().notNull(),
    values: jsonb('values').$type<IndicatorValues>().notNull().default({}),
    /** migrations/0101: values in catalogue order, for bulk recomputes. */
    valueArray: doublePrecision('value_array').array().$type<(number | null)[]>(),
    filled: integer('filled').notNull().default(0),
    returnedReason: text('returned_reason'),
    returnedFrom: text('returned_from'),
    disagreement: boolean('disagreement').notNull().default(false),
    /** migrations/0103: submitted after the self-assessment deadline; the province's reopening, inclusive day. */
    submittedLate: boolean('submitted_late').notNull().default(false),
    reopenedUntil: date('reopened_until', { mode: 'string' }),
    /** migrations/0104: the province's reopening of a later stage for this submission (stage → inclusive day). */
    stageReopened: jsonb('stage_reopened').$type<Partial<Record<ReviewStage, string>>>().notNull().default({}),
    alias: text('alias').notNull(),
    version: integer('version').notNull().default(0),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    unique('submission_campaign_id_region_code_key').on(t.campaignId, t.regionCode),
    index('submission_campaign_status_idx').on(t.campaignId, t.status),
    index('submission_region_idx').on(t.regionCode, t.year),
    check(
      'submission_status_check',
      sql`${t.status} IN ('draft','returned','submitted','city_approved','province_approved','expert_review','expert_reviewed','co_evaluation','public_notice','published')`,
    ),
  ],
);

/** migrations/0103: reminders sent before a deadline, one per submission, deadline kind and day. */
export const reminder = assessmentSchema.table(
  'reminder',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submission.id),
    deadlineKind: text('deadline_kind').notNull(),
    due: date('due', { mode: 'string' }).notNull(),
    sentAt: ts('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.deadlineKind, t.due] })],
);

export const step = assessmentSchema.table(
  'step',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submission.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    action: text('action').notNull(),
    reason: text('reason'),
    actor: text('actor'),
    at: ts('at').notNull(),
    /** migrations/0104: taken after its stage's deadline (逾期). */
    late: boolean('late').notNull().default(false),
  },
  (t) => [index('step_submission_idx').on(t.submissionId)],
);

/** migrations/0105: each indicator's history — value and explanation changes, evidence uploads — with who and when. */
export const valueChange = assessmentSchema.table(
  'value_change',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submission.id),
    indicatorCode: text('indicator_code').notNull(),
    kind: text('kind').$type<'value' | 'explanation' | 'evidence'>().notNull(),
    before: text('before'),
    after: text('after'),
    actor: text('actor'),
    at: ts('at').notNull(),
  },
  (t) => [
    index('value_change_submission_idx').on(t.submissionId, t.indicatorCode),
    check('value_change_kind_check', sql`${t.kind} IN ('value', 'explanation', 'evidence')`),
  ],
);

export const evidence = assessmentSchema.table(
  'evidence',
  {
    id: uuid('id').primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submission.id),
    indicatorCode: text('indicator_code').notNull(),
    filename: text('filename').notNull(),
    type: text('type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('evidence_submission_idx').on(t.submissionId)],
);

export const expertAssignment = assessmentSchema.table(
  'expert_assignment',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submission.id),
    expertUserId: uuid('expert_user_id').notNull(),
    expertRegion: varchar('expert_region', { length: 12 }).notNull(),
    alias: text('alias').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    score: numeric('score', { precision: 6, scale: 2, mode: 'number' }),
    comment: text('comment'),
    scoredAt: ts('scored_at'),
    /** migrations/0104: scored after the expert-review deadline. */
    scoredLate: boolean('scored_late').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.submissionId, t.expertUserId] }),
    index('expert_assignment_user_idx').on(t.expertUserId),
  ],
);

export const coevalScore = assessmentSchema.table(
  'coeval_score',
  {
    id: uuid('id').primaryKey(),
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => submission.id),
    indicatorCode: text('indicator_code'),
    kind: text('kind').notNull(),
    score: numeric('score', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    confirmed: boolean('confirmed'),
    source: text('source').$type<'participation' | 'direct'>().notNull(),
    supervisorRef: text('supervisor_ref').notNull(),
    media: boolean('media').notNull().default(false),
    submittedAt: ts('submitted_at').notNull(),
  },
  (t) => [
    index('coeval_submission_idx').on(t.submissionId),
    check('coeval_score_source_check', sql`${t.source} IN ('participation','direct')`),
  ],
);

export const objection = assessmentSchema.table('objection', {
  id: uuid('id').primaryKey(),
  submissionId: uuid('submission_id')
    .notNull()
    .references(() => submission.id),
  text: text('text').notNull(),
  filedBy: uuid('filed_by'),
  filedAt: ts('filed_at').notNull(),
  resolution: text('resolution'),
  resolvedAt: ts('resolved_at'),
});

/** Stored explanation: the numbers only (words are rebuilt on read) and the ten heaviest hold-backs. */
export type StoredExplanation = Omit<RatingExplanation, 'text'> & { text?: RatingExplanation['text'] };

export const result = assessmentSchema.table(
  'result',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaign.id),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    year: integer('year').notNull(),
    regionName: text('region_name').notNull(),
    regionLevel: text('region_level').$type<AssessedLevel>().notNull(),
    parentCode: varchar('parent_code', { length: 12 }),
    stars: integer('stars').notNull(),
    subGrade: text('sub_grade').$type<'basic' | 'growth'>(),
    score: numeric('score', { precision: 8, scale: 2, mode: 'number' }).notNull(),
    bonus: numeric('bonus', { precision: 8, scale: 2, mode: 'number' }).notNull().default(0),
    shares: jsonb('shares').$type<number[]>().notNull(),
    explanation: jsonb('explanation').$type<StoredExplanation>().notNull(),
    /** Stars per indicator as a digit string in catalogue order ("34523…"); older rows an object keyed by code. */
    indicatorStars: jsonb('indicator_stars').$type<string | Record<string, number>>().notNull(),
    sample: boolean('sample').notNull().default(false),
    computedAt: ts('computed_at').notNull(),
    publishedAt: ts('published_at'),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.regionCode] }),
    index('result_year_idx')
      .on(t.year, t.regionLevel)
      .where(sql`${t.publishedAt} IS NOT NULL`),
    index('result_region_idx').on(t.regionCode),
  ],
);

export type CatalogueRow = typeof catalogue.$inferSelect;
export type CampaignRow = typeof campaign.$inferSelect;
export type SubmissionRow = typeof submission.$inferSelect;
export type ResultRow = typeof result.$inferSelect;
