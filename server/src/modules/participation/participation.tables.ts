import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/** Mirrors server/migrations/0200_participation.sql; the repository writes most queries in SQL. */
export const participationSchema = pgSchema('participation');

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

export const campaign = participationSchema.table('campaign', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  year: integer('year').notNull(),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  status: text('status').notNull().default('open'),
  closesAt: ts('closes_at'),
  retentionDays: integer('retention_days').notNull().default(180),
  isDemo: boolean('is_demo').notNull().default(false),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

export const survey = participationSchema.table(
  'survey',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    baseSurveyId: uuid('base_survey_id'),
    lineageId: uuid('lineage_id').notNull(),
    version: integer('version').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    consentVersion: text('consent_version').notNull(),
    consentText: text('consent_text').notNull(),
    verifiedOnly: boolean('verified_only').notNull().default(false),
    definition: jsonb('definition').notNull(),
    publishedAt: ts('published_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [unique().on(t.lineageId, t.version), index('survey_campaign_idx').on(t.campaignId)],
);

export const response = participationSchema.table(
  'response',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id').notNull(),
    campaignId: uuid('campaign_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    channel: text('channel').notNull(),
    verified: boolean('verified').notNull().default(false),
    userId: uuid('user_id'),
    deviceHash: text('device_hash'),
    idempotencyKey: text('idempotency_key'),
    paperRef: text('paper_ref'),
    consentVersion: text('consent_version').notNull(),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    answers: jsonb('answers').notNull(),
    submittedAt: ts('submitted_at').notNull(),
    enteredBy: uuid('entered_by'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [
    uniqueIndex('response_idem_uq').on(t.surveyId, t.idempotencyKey),
    uniqueIndex('response_device_uq').on(t.surveyId, t.deviceHash),
    uniqueIndex('response_paper_uq').on(t.surveyId, t.paperRef),
    index('response_campaign_region_idx').on(t.campaignId, t.regionCode),
  ],
);

export const actionItem = participationSchema.table(
  'action_item',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    department: text('department').notNull(),
    title: text('title').notNull(),
    topicLabel: text('topic_label'),
    responseId: uuid('response_id'),
    demandCount: integer('demand_count').notNull().default(0),
    deadline: date('deadline').notNull(),
    status: text('status').notNull(),
    progressNote: text('progress_note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('action_campaign_idx').on(t.campaignId)],
);

export const followup = participationSchema.table(
  'followup',
  {
    id: uuid('id').primaryKey(),
    actionId: uuid('action_id').notNull(),
    responseId: uuid('response_id').notNull(),
    token: text('token').notNull().unique(),
    satisfaction: integer('satisfaction'),
    comment: text('comment'),
    createdAt: ts('created_at').notNull(),
    answeredAt: ts('answered_at'),
  },
  (t) => [unique().on(t.actionId, t.responseId)],
);

export const supervisor = participationSchema.table(
  'supervisor',
  {
    id: uuid('id').primaryKey(),
    nameEnc: text('name_enc').notNull(),
    nameMasked: text('name_masked').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    phoneDigest: text('phone_digest').notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    occupation: text('occupation').notNull(),
    ageBand: text('age_band').notNull(),
    gender: text('gender').notNull(),
    media: boolean('media').notNull().default(false),
    statement: text('statement').notNull().default(''),
    status: text('status').notNull(),
    termStart: date('term_start'),
    termEnd: date('term_end'),
    userId: uuid('user_id'),
    username: text('username'),
    appliedAt: ts('applied_at').notNull(),
    vettedAt: ts('vetted_at'),
    vettedBy: uuid('vetted_by'),
    isDemo: boolean('is_demo').notNull().default(false),
  },
  (t) => [uniqueIndex('supervisor_phone_uq').on(t.phoneDigest), index('supervisor_region_idx').on(t.regionCode)],
);

export const task = participationSchema.table('task', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  kind: text('kind').notNull(),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  year: integer('year').notNull(),
  indicatorCode: text('indicator_code'),
  description: text('description').notNull().default(''),
  panelSize: integer('panel_size').notNull(),
  quotas: jsonb('quotas').notNull(),
  seed: bigint('seed', { mode: 'number' }),
  pool: jsonb('pool'),
  drawnAt: ts('drawn_at'),
  status: text('status').notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});

export const taskMember = participationSchema.table(
  'task_member',
  {
    taskId: uuid('task_id').notNull(),
    supervisorId: uuid('supervisor_id').notNull(),
    score: doublePrecision('score'),
    confirmed: boolean('confirmed'),
    comment: text('comment'),
    scoreId: uuid('score_id'),
    submittedAt: ts('submitted_at'),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.supervisorId] })],
);

export const taskPhoto = participationSchema.table(
  'task_photo',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id').notNull(),
    supervisorId: uuid('supervisor_id').notNull(),
    mime: text('mime').notNull(),
    content: bytea('content').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('task_photo_member_idx').on(t.taskId, t.supervisorId)],
);
