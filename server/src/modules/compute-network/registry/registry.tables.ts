import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';

/** The module's own PostgreSQL schema: no other module reads these tables (call its API instead). */
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

export type ZoneRow = typeof zone.$inferSelect;
export type CentreRow = typeof dataCentre.$inferSelect;
export type DeviceModelRow = typeof deviceModel.$inferSelect;
