import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { CaseStatus, TermKind } from '@zhicheng/contracts/scenarios';

/**
 * The scenarios schema, column for column as migration 0500 made it (platform/database/schema.db.test.ts checks
 * every column). No other module reads these tables: it calls ScenariosApi.
 */
export const scenariosSchema = pgSchema('scenarios');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Written with to_tsvector('simple', tokens) in SQL; never read back as a value. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const count = (name: string) => bigint(name, { mode: 'number' });

export const term = scenariosSchema.table(
  'term',
  {
    kind: text('kind').$type<TermKind>().notNull(),
    code: text('code').notNull(),
    parent: text('parent'),
    zh: text('zh').notNull(),
    en: text('en').notNull(),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(100),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.code] })],
);
export type TermRow = typeof term.$inferSelect;

export const scenarioCase = scenariosSchema.table(
  'scenario_case',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    cityCode: varchar('city_code', { length: 12 }).notNull(),
    title: text('title').notNull(),
    domain: text('domain').notNull(),
    category: text('category').notNull(),
    summary: text('summary').notNull(),
    problem: text('problem').notNull().default(''),
    approach: text('approach').notNull().default(''),
    results: text('results').notNull().default(''),
    usersServed: count('users_served').notNull().default(0),
    monthlyUsage: count('monthly_usage').notNull().default(0),
    savingsFen: count('savings_fen').notNull().default(0),
    operatingModel: text('operating_model').notNull(),
    operatingNote: text('operating_note').notNull().default(''),
    investmentFen: count('investment_fen').notNull().default(0),
    investmentSource: text('investment_source').notNull().default(''),
    goLive: date('go_live', { mode: 'string' }),
    responsibleUnit: text('responsible_unit').notNull().default(''),
    builder: text('builder').notNull().default(''),
    tags: text('tags').array().notNull().default([]),
    status: text('status').$type<CaseStatus>().notNull(),
    returnReason: text('return_reason'),
    searchTokens: text('search_tokens').notNull().default(''),
    search: tsvector('search').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    submittedAt: ts('submitted_at'),
    acceptedAt: ts('accepted_at'),
  },
  (t) => [unique('scenario_case_region_title_key').on(t.regionCode, t.title)],
);
export type CaseRow = typeof scenarioCase.$inferSelect;

export const caseStep = scenariosSchema.table('case_step', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => scenarioCase.id),
  action: text('action').notNull(),
  fromStatus: text('from_status').$type<CaseStatus>(),
  toStatus: text('to_status').$type<CaseStatus>().notNull(),
  byUserId: uuid('by_user_id'),
  byName: text('by_name').notNull(),
  reason: text('reason'),
  at: ts('at').notNull(),
});
export type CaseStepRow = typeof caseStep.$inferSelect;
