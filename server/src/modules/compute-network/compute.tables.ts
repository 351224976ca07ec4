import {
  bigint,
  bigserial,
  boolean,
  char,
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

export const computeSchema = pgSchema('compute');

export const zone = computeSchema.table('zone', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  countyCodes: text('county_codes').array().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const deviceModel = computeSchema.table('device_model', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  vendor: text('vendor').notNull(),
  name: text('name').notNull(),
  domestic: boolean('domestic').notNull(),
  fp64: doublePrecision('fp64'),
  fp32: doublePrecision('fp32'),
  fp16: doublePrecision('fp16'),
  int8: doublePrecision('int8'),
  source: text('source').notNull(),
});

export const dataCentre = computeSchema.table(
  'data_centre',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    operatorOrgId: uuid('operator_org_id').notNull(),
    operatorName: text('operator_name').notNull(),
    address: text('address').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    countyCode: varchar('county_code', { length: 12 }).notNull(),
    cityCode: varchar('city_code', { length: 12 }).notNull(),
    zoneId: uuid('zone_id').references(() => zone.id),
    status: text('status').notNull(),
    designRacks: integer('design_racks').notNull(),
    racksInUse: integer('racks_in_use').notNull().default(0),
    powerCapacityKw: doublePrecision('power_capacity_kw').notNull(),
    designPue: doublePrecision('design_pue').notNull(),
    storagePb: doublePrecision('storage_pb').notNull(),
    lastIngestAt: timestamp('last_ingest_at', { withTimezone: true }),
    simulated: boolean('simulated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('data_centre_operator_idx').on(t.operatorOrgId), index('data_centre_county_idx').on(t.countyCode)],
);

export const inventory = computeSchema.table(
  'inventory',
  {
    dataCentreId: uuid('data_centre_id')
      .notNull()
      .references(() => dataCentre.id, { onDelete: 'cascade' }),
    line: integer('line').notNull(),
    kind: text('kind').notNull(),
    modelId: text('model_id')
      .notNull()
      .references(() => deviceModel.id),
    count: integer('count').notNull(),
    clusterName: text('cluster_name'),
  },
  (t) => [primaryKey({ columns: [t.dataCentreId, t.line] })],
);

export const monthlyReport = computeSchema.table(
  'monthly_report',
  {
    id: uuid('id').primaryKey(),
    dataCentreId: uuid('data_centre_id')
      .notNull()
      .references(() => dataCentre.id, { onDelete: 'cascade' }),
    period: char('period', { length: 7 }).notNull(),
    status: text('status').notNull(),
    source: text('source').notNull(),
    racksInUse: integer('racks_in_use').notNull(),
    utilisationPct: doublePrecision('utilisation_pct').notNull(),
    energyMwh: doublePrecision('energy_mwh').notNull(),
    measuredPue: doublePrecision('measured_pue').notNull(),
    computeInUsePflops: doublePrecision('compute_in_use_pflops').notNull(),
    storageUsedPb: doublePrecision('storage_used_pb').notNull(),
    explanation: text('explanation'),
    late: boolean('late').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    submittedBy: text('submitted_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
    decisionNote: text('decision_note'),
    totalPflops: doublePrecision('total_pflops'),
    intelligentPflops: doublePrecision('intelligent_pflops'),
    generalPflops: doublePrecision('general_pflops'),
    superPflops: doublePrecision('super_pflops'),
    designRacks: integer('design_racks'),
    clusters1k: integer('clusters_1k'),
    clusters10k: integer('clusters_10k'),
  },
  (t) => [unique().on(t.dataCentreId, t.period), index('monthly_report_period_idx').on(t.period, t.status)],
);

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
