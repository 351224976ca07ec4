import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
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

/** Mirrors migrations/0100_assessment.sql; keep the two identical. */
export const assessmentSchema = pgSchema('assessment');

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const catalogue = assessmentSchema.table(
  'catalogue',
  {
    id: uuid('id').primaryKey(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    standard: text('standard').notNull(),
    level: text('level').notNull(),
    policy: jsonb('policy').notNull(),
    indicators: jsonb('indicators').notNull(),
    locked: boolean('locked').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [unique().on(t.key, t.version)],
);

export const campaign = assessmentSchema.table('campaign', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull().unique(),
  name: text('name').notNull(),
  stage: text('stage').notNull(),
  cityCatalogueId: uuid('city_catalogue_id'),
  countyCatalogueId: uuid('county_catalogue_id'),
  deadlines: jsonb('deadlines').notNull(),
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
});

export const submission = assessmentSchema.table(
  'submission',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    catalogueId: uuid('catalogue_id').notNull(),
    year: integer('year').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    regionName: text('region_name').notNull(),
    regionLevel: text('region_level').notNull(),
    parentCode: varchar('parent_code', { length: 12 }),
    status: text('status').notNull(),
    values: jsonb('values').notNull(),
    /** migrations/0101: values in catalogue order, for bulk recomputes. */
    valueArray: doublePrecision('value_array').array(),
    filled: integer('filled').notNull().default(0),
    returnedReason: text('returned_reason'),
    returnedFrom: text('returned_from'),
    disagreement: boolean('disagreement').notNull().default(false),
    alias: text('alias').notNull(),
    version: integer('version').notNull().default(0),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    unique().on(t.campaignId, t.regionCode),
    index('submission_campaign_status_idx').on(t.campaignId, t.status),
    index('submission_region_idx').on(t.regionCode, t.year),
  ],
);

export const step = assessmentSchema.table(
  'step',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    submissionId: uuid('submission_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    action: text('action').notNull(),
    reason: text('reason'),
    actor: text('actor'),
    at: ts('at').notNull(),
  },
  (t) => [index('step_submission_idx').on(t.submissionId)],
);

export const evidence = assessmentSchema.table(
  'evidence',
  {
    id: uuid('id').primaryKey(),
    submissionId: uuid('submission_id').notNull(),
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
    submissionId: uuid('submission_id').notNull(),
    expertUserId: uuid('expert_user_id').notNull(),
    expertRegion: varchar('expert_region', { length: 12 }).notNull(),
    alias: text('alias').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    score: numeric('score', { precision: 6, scale: 2 }),
    comment: text('comment'),
    scoredAt: ts('scored_at'),
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
    submissionId: uuid('submission_id').notNull(),
    indicatorCode: text('indicator_code'),
    kind: text('kind').notNull(),
    score: numeric('score', { precision: 6, scale: 2 }).notNull(),
    confirmed: boolean('confirmed'),
    source: text('source').notNull(),
    supervisorRef: text('supervisor_ref').notNull(),
    media: boolean('media').notNull().default(false),
    submittedAt: ts('submitted_at').notNull(),
  },
  (t) => [index('coeval_submission_idx').on(t.submissionId)],
);

export const objection = assessmentSchema.table('objection', {
  id: uuid('id').primaryKey(),
  submissionId: uuid('submission_id').notNull(),
  text: text('text').notNull(),
  filedBy: uuid('filed_by'),
  filedAt: ts('filed_at').notNull(),
  resolution: text('resolution'),
  resolvedAt: ts('resolved_at'),
});

export const result = assessmentSchema.table(
  'result',
  {
    campaignId: uuid('campaign_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    year: integer('year').notNull(),
    regionName: text('region_name').notNull(),
    regionLevel: text('region_level').notNull(),
    parentCode: varchar('parent_code', { length: 12 }),
    stars: integer('stars').notNull(),
    subGrade: text('sub_grade'),
    score: numeric('score', { precision: 8, scale: 2 }).notNull(),
    bonus: numeric('bonus', { precision: 8, scale: 2 }).notNull().default('0'),
    shares: jsonb('shares').notNull(),
    explanation: jsonb('explanation').notNull(),
    indicatorStars: jsonb('indicator_stars').notNull(),
    sample: boolean('sample').notNull().default(false),
    computedAt: ts('computed_at').notNull(),
    publishedAt: ts('published_at'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.regionCode] }), index('result_region_idx').on(t.regionCode)],
);
