import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { computeSchema, dataCentre, deviceModel } from '../registry/registry.tables.ts';

/** Money columns are bigint fen, read as JS numbers (every amount stays below MAX_FEN, far under 2^53). */
const fen = (name: string) => bigint(name, { mode: 'number' });

export const offer = computeSchema.table(
  'offer',
  {
    id: uuid('id').primaryKey(),
    dataCentreId: uuid('data_centre_id')
      .notNull()
      .references(() => dataCentre.id, { onDelete: 'cascade' }),
    modelId: text('model_id')
      .notNull()
      .references(() => deviceModel.id),
    cards: integer('cards').notNull(),
    memoryGb: integer('memory_gb').notNull(),
    interconnect: text('interconnect').notNull(),
    priceFenPerCardHour: fen('price_fen_per_card_hour').notNull(),
    billing: text('billing').notNull(),
    availableFrom: timestamp('available_from', { withTimezone: true }).notNull(),
    availableUntil: timestamp('available_until', { withTimezone: true }).notNull(),
    minLeaseHours: integer('min_lease_hours').notNull(),
    note: text('note'),
    status: text('status').notNull(),
    simulated: boolean('simulated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('offer_centre_idx').on(t.dataCentreId, t.modelId),
    index('offer_search_idx').on(t.status, t.modelId, t.priceFenPerCardHour),
    index('offer_published_price_idx')
      .on(t.priceFenPerCardHour, t.id)
      .where(sql`status = 'published'`),
  ],
);

export const workloadThroughput = computeSchema.table(
  'workload_throughput',
  {
    family: text('family').notNull(),
    scale: integer('scale').notNull(),
    modelId: text('model_id')
      .notNull()
      .references(() => deviceModel.id),
    stepsPerSecond: doublePrecision('steps_per_second').notNull(),
    source: text('source').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.family, t.scale, t.modelId] })],
);

export const marketOrder = computeSchema.table(
  'market_order',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offer.id),
    dataCentreId: uuid('data_centre_id')
      .notNull()
      .references(() => dataCentre.id),
    modelId: text('model_id').notNull(),
    buyerOrgId: uuid('buyer_org_id').notNull(),
    buyerName: text('buyer_name').notNull(),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    supplierName: text('supplier_name').notNull(),
    cards: integer('cards').notNull(),
    hours: integer('hours').notNull(),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    priceFenPerCardHour: fen('price_fen_per_card_hour').notNull(),
    minLeaseHours: integer('min_lease_hours').notNull(),
    estimateFen: fen('estimate_fen').notNull(),
    status: text('status').notNull(),
    meteredCardHours: doublePrecision('metered_card_hours').notNull().default(0),
    billedFen: fen('billed_fen'),
    paymentReference: text('payment_reference'),
    workloadNote: text('workload_note'),
    voucherEligible: boolean('voucher_eligible').notNull(),
    simulated: boolean('simulated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('market_order_buyer_idx').on(t.buyerOrgId, t.createdAt),
    index('market_order_supplier_idx').on(t.supplierOrgId, t.createdAt),
    index('market_order_offer_idx').on(t.offerId, t.status),
  ],
);

export const marketOrderEvent = computeSchema.table(
  'market_order_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => marketOrder.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
  },
  (t) => [index('market_order_event_order_idx').on(t.orderId, t.id)],
);

export const orderUsage = computeSchema.table(
  'order_usage',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => marketOrder.id, { onDelete: 'cascade' }),
    periodFrom: timestamp('period_from', { withTimezone: true }).notNull(),
    periodTo: timestamp('period_to', { withTimezone: true }).notNull(),
    cardHours: doublePrecision('card_hours').notNull(),
    source: text('source').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: text('recorded_by').notNull(),
  },
  (t) => [index('order_usage_order_idx').on(t.orderId, t.periodFrom)],
);

export type OfferRow = typeof offer.$inferSelect;
export type OrderRow = typeof marketOrder.$inferSelect;
export type ThroughputRow = typeof workloadThroughput.$inferSelect;
