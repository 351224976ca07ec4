import { index, pgSchema, primaryKey, text, varchar } from 'drizzle-orm/pg-core';

export const regionsSchema = pgSchema('regions');

export const region = regionsSchema.table(
  'region',
  {
    code: varchar('code', { length: 12 }).primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentCode: varchar('parent_code', { length: 12 }),
    /** '/370000/370100/370102/': the lineage, so a subtree is one prefix match. */
    path: text('path').notNull(),
    source: text('source').notNull(),
  },
  (t) => [index('region_parent_idx').on(t.parentCode)],
);

export const regionAlias = regionsSchema.table(
  'alias',
  {
    alias: text('alias').notNull(),
    code: varchar('code', { length: 12 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.alias] })],
);
