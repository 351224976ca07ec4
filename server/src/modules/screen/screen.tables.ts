import type { WarningCondition, WarningLevel } from '@zhicheng/contracts/screen';
import { boolean, doublePrecision, pgSchema, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';

/** The module's own PostgreSQL schema: no other module reads these tables (call its API instead). */
export const screenSchema = pgSchema('screen');

export const theme = screenSchema.table(
  'theme',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    name: text('name').notNull(),
    widgets: text('widgets').array().notNull(),
    layers: text('layers').array().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('theme_region_name_key').on(t.regionCode, t.name)],
);

export type ThemeRow = typeof theme.$inferSelect;

export const warningRule = screenSchema.table(
  'warning_rule',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    name: text('name').notNull(),
    widget: text('widget').notNull(),
    condition: text('condition').$type<WarningCondition>().notNull(),
    threshold: doublePrecision('threshold').notNull(),
    level: text('level').$type<WarningLevel>().notNull(),
    owner: text('owner').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Written by the platform at start (the built-in rules); edited like any other. */
    isDefault: boolean('is_default').notNull().default(false),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique('warning_rule_region_name_key').on(t.regionCode, t.name)],
);

export type WarningRuleRow = typeof warningRule.$inferSelect;
