import {
  bigint,
  bigserial,
  doublePrecision,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { computeSchema, dataCentre } from '../registry/registry.tables.ts';

export const ingestToken = computeSchema.table('ingest_token', {
  dataCentreId: uuid('data_centre_id')
    .primaryKey()
    .references(() => dataCentre.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const metricSeries = computeSchema.table(
  'metric_series',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dataCentreId: uuid('data_centre_id')
      .notNull()
      .references(() => dataCentre.id, { onDelete: 'cascade' }),
    metricName: text('metric_name').notNull(),
    seriesKey: text('series_key').notNull(),
    labels: jsonb('labels').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [unique().on(t.dataCentreId, t.seriesKey), index('metric_series_metric_idx').on(t.dataCentreId, t.metricName)],
);

export const metricSample = computeSchema.table(
  'metric_sample',
  {
    seriesId: bigint('series_id', { mode: 'number' })
      .notNull()
      .references(() => metricSeries.id, { onDelete: 'cascade' }),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
    sum: doublePrecision('sum').notNull(),
    min: doublePrecision('min').notNull(),
    max: doublePrecision('max').notNull(),
    last: doublePrecision('last').notNull(),
    lastTs: bigint('last_ts', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.bucket] })],
);

export type MetricSampleRow = typeof metricSample.$inferSelect;
