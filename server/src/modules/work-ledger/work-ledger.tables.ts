import {
  boolean,
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
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/** The module's own PostgreSQL schema: no other module reads these tables (call its API instead). */
export const workLedgerSchema = pgSchema('work_ledger');

export const task = workLedgerSchema.table(
  'task',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    code: text('code').notNull(),
    point: text('point').notNull(),
    title: text('title').notNull(),
    leadUnit: text('lead_unit').notNull(),
    cooperatingUnits: jsonb('cooperating_units').$type<string[]>().notNull(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    deadline: date('deadline').notNull(),
    target: text('target').notNull(),
    metric: text('metric'),
    targetValue: doublePrecision('target_value'),
    status: text('status').notNull(),
    percent: integer('percent').notNull().default(0),
    evaluation: text('evaluation'),
    evaluationComment: text('evaluation_comment'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('task_year_code_key').on(t.year, t.code), index('task_region_idx').on(t.regionCode, t.year)],
);
export type TaskRow = typeof task.$inferSelect;

export const milestone = workLedgerSchema.table(
  'milestone',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on').notNull(),
    doneOn: date('done_on'),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.position] })],
);
export type MilestoneRow = typeof milestone.$inferSelect;

export const progress = workLedgerSchema.table(
  'progress',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    month: varchar('month', { length: 7 }).notNull(),
    percent: integer('percent').notNull(),
    text: text('text').notNull(),
    evidence: text('evidence').notNull(),
    reportedBy: text('reported_by').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('progress_task_idx').on(t.taskId, t.month)],
);
export type ProgressRow = typeof progress.$inferSelect;

export const supervision = workLedgerSchema.table(
  'supervision',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => task.id),
    kind: text('kind').notNull(),
    note: text('note').notNull(),
    byName: text('by_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supervision_task_idx').on(t.taskId, t.at)],
);
export type SupervisionRow = typeof supervision.$inferSelect;
