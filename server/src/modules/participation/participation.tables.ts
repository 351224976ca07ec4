import type { AgeBand, Answer, Gender, Quotas, SurveyDefinition, TaskKind } from '@zhicheng/contracts/participation';
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

/**
 * Mirrors server/migrations/0200_participation.sql and 0201_participation_subjects.sql column for column (checked by
 * platform/database/schema.db.test.ts). Row types are inferred from these tables, never written by hand.
 */
export const participationSchema = pgSchema('participation');

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true });

/** The object of another module a task or follow-up is about (0201); all four set or none. */
const subjectColumns = () => ({
  subjectModule: text('subject_module'),
  subjectType: text('subject_type'),
  subjectId: text('subject_id'),
  subjectTitle: text('subject_title'),
});

export const campaign = participationSchema.table('campaign', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  year: integer('year').notNull(),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
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
    status: text('status').$type<'draft' | 'published' | 'archived'>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    consentVersion: text('consent_version').notNull(),
    consentText: text('consent_text').notNull(),
    verifiedOnly: boolean('verified_only').notNull().default(false),
    definition: jsonb('definition').$type<SurveyDefinition>().notNull(),
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
    channel: text('channel').$type<'online' | 'offline'>().notNull(),
    verified: boolean('verified').notNull().default(false),
    userId: uuid('user_id'),
    deviceHash: text('device_hash'),
    idempotencyKey: text('idempotency_key'),
    paperRef: text('paper_ref'),
    consentVersion: text('consent_version').notNull(),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    answers: jsonb('answers').$type<Answer[]>().notNull(),
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
    status: text('status').$type<'planned' | 'in_progress' | 'done'>().notNull(),
    progressNote: text('progress_note').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('action_campaign_idx').on(t.campaignId)],
);

/** About an action item (to a respondent), or, since 0201, about another module's object (to a respondent or a phone). */
export const followup = participationSchema.table(
  'followup',
  {
    id: uuid('id').primaryKey(),
    actionId: uuid('action_id'),
    responseId: uuid('response_id'),
    token: text('token').notNull().unique(),
    satisfaction: integer('satisfaction'),
    comment: text('comment'),
    createdAt: ts('created_at').notNull(),
    answeredAt: ts('answered_at'),
    ...subjectColumns(),
    regionCode: varchar('region_code', { length: 12 }),
    department: text('department'),
    note: text('note'),
    phoneMasked: text('phone_masked'),
    phoneDigest: text('phone_digest'),
  },
  (t) => [
    unique().on(t.actionId, t.responseId),
    uniqueIndex('followup_subject_response_uq').on(t.subjectModule, t.subjectType, t.subjectId, t.responseId),
    uniqueIndex('followup_subject_phone_uq').on(t.subjectModule, t.subjectType, t.subjectId, t.phoneDigest),
  ],
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
    ageBand: text('age_band').$type<AgeBand>().notNull(),
    gender: text('gender').$type<Gender>().notNull(),
    media: boolean('media').notNull().default(false),
    statement: text('statement').notNull().default(''),
    status: text('status').$type<'applied' | 'approved' | 'rejected'>().notNull(),
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
  kind: text('kind').$type<TaskKind>().notNull(),
  regionCode: varchar('region_code', { length: 12 }).notNull(),
  year: integer('year').notNull(),
  indicatorCode: text('indicator_code'),
  description: text('description').notNull().default(''),
  panelSize: integer('panel_size').notNull(),
  quotas: jsonb('quotas').$type<Quotas>().notNull(),
  seed: bigint('seed', { mode: 'number' }),
  /** The candidates the draw saw (re-run to check it), or a note when a panel was seated by hand (the demo's). */
  pool: jsonb('pool').$type<unknown>(),
  drawnAt: ts('drawn_at'),
  status: text('status').$type<'open' | 'drawn' | 'closed'>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
  ...subjectColumns(),
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

export type CampaignRow = typeof campaign.$inferSelect;
export type SurveyRow = typeof survey.$inferSelect;
export type ResponseRow = typeof response.$inferSelect;
export type NewResponse = typeof response.$inferInsert;
export type ActionRow = typeof actionItem.$inferSelect;
export type FollowupRow = typeof followup.$inferSelect;
export type SupervisorRow = typeof supervisor.$inferSelect;
export type TaskRow = typeof task.$inferSelect;
export type TaskMemberRow = typeof taskMember.$inferSelect;
