import { z } from 'zod';
import { IsoDateTime } from '../common.contract.ts';

/**
 * The compute supermarket (算力超市): data centres publish offers of accelerator cards, enterprises search, compare
 * and order, centres confirm and meter the lease, the enterprise pays with proof. Money is integer fen.
 */

/** The largest amount in fen we accept anywhere (≈ CNY 90 billion): far above any lease, safely an integer in JS. */
export const MAX_FEN = 9_000_000_000_000;
export const Fen = z.number().int().min(0).max(MAX_FEN);

export const Billing = z.enum(['on_demand', 'monthly', 'reserved']);
export type Billing = z.infer<typeof Billing>;
export const OfferStatus = z.enum(['published', 'withdrawn']);
export type OfferStatus = z.infer<typeof OfferStatus>;

export const OfferInput = z
  .object({
    dataCentreId: z.uuid(),
    /** An accelerator model from the catalogue that the centre's inventory holds. */
    modelId: z.string().min(1).max(64),
    cards: z.number().int().min(1).max(100_000),
    memoryGb: z.number().int().min(1).max(4096),
    interconnect: z.string().trim().min(1).max(64),
    priceFenPerCardHour: z.number().int().min(1).max(100_000_000),
    billing: Billing,
    availableFrom: IsoDateTime,
    availableUntil: IsoDateTime,
    minLeaseHours: z.number().int().min(1).max(87_600),
    note: z.string().trim().max(500).optional(),
  })
  .refine((o) => Date.parse(o.availableUntil) > Date.parse(o.availableFrom), {
    path: ['availableUntil'],
    message: 'must be after availableFrom',
  });
export type OfferInput = z.infer<typeof OfferInput>;

export const Offer = z.object({
  id: z.uuid(),
  dataCentreId: z.uuid(),
  dataCentreName: z.string(),
  supplierName: z.string(),
  cityCode: z.string(),
  countyCode: z.string(),
  zoneName: z.string().nullable(),
  zoneType: z.string().nullable(),
  modelId: z.string(),
  modelName: z.string(),
  vendor: z.string(),
  domestic: z.boolean(),
  cards: z.number().int(),
  /** Cards not held by requested, confirmed or active orders. */
  cardsAvailable: z.number().int(),
  memoryGb: z.number().int(),
  interconnect: z.string(),
  priceFenPerCardHour: z.number().int(),
  billing: Billing,
  availableFrom: z.string(),
  availableUntil: z.string(),
  minLeaseHours: z.number().int(),
  note: z.string().nullable(),
  status: OfferStatus,
  /** AI compute located in the province: what the compute voucher may subsidise. */
  voucherEligible: z.boolean(),
  simulated: z.boolean(),
});
export type Offer = z.infer<typeof Offer>;

export const OfferSearch = z.object({
  q: z.string().trim().max(64).optional(),
  modelId: z.string().max(64).optional(),
  vendor: z.string().max(64).optional(),
  domestic: z.enum(['true', 'false']).optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  billing: Billing.optional(),
  minCards: z.coerce.number().int().min(1).max(100_000).optional(),
  maxPriceFen: z.coerce.number().int().min(1).max(100_000_000).optional(),
  /** Only offers of this centre (an operator's own view). */
  dataCentreId: z.uuid().optional(),
  status: OfferStatus.optional(),
  sort: z.enum(['price', 'cards', 'newest']).default('price'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type OfferSearch = z.infer<typeof OfferSearch>;

/**
 * A described workload, for ranking offers by effective cost. `family` is a job type of the province's throughput
 * table (Gavel's names, e.g. "ResNet-50 (batch size 64)"); `steps` the training steps to run on `cards` cards.
 */
export const Workload = z.object({
  family: z.string().trim().min(1).max(128),
  cards: z.number().int().min(1).max(10_000),
  steps: z.number().int().min(1).max(1e12),
  deadlineHours: z.number().min(0.1).max(87_600).optional(),
  budgetFen: Fen.optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  voucherOnly: z.boolean().optional(),
});
export type Workload = z.infer<typeof Workload>;

export const RankedOffer = z.object({
  offer: Offer,
  /** The workload's steps per second on this accelerator at this many cards (from the throughput table). */
  stepsPerSecond: z.number(),
  hours: z.number(),
  /** Hours billed: the run's hours, at least the offer's minimum lease. */
  billedHours: z.number(),
  costFen: z.number().int(),
  /** fen per 1,000 steps: price ÷ throughput, the figure offers are ranked by. */
  effectiveFenPer1kSteps: z.number(),
  meetsDeadline: z.boolean(),
  withinBudget: z.boolean(),
});
export type RankedOffer = z.infer<typeof RankedOffer>;

export const RankResult = z.object({
  items: z.array(RankedOffer),
  /** Accelerator models offered for which the table has no figure for this workload (not ranked). */
  unrated: z.array(z.string()),
});

export const Throughput = z.object({
  family: z.string().trim().min(1).max(128),
  scale: z.number().int().min(1).max(1024),
  modelId: z.string().min(1).max(64),
  stepsPerSecond: z.number().min(0).max(1e9),
  source: z.string().trim().min(1).max(500),
});
export type Throughput = z.infer<typeof Throughput>;

export const OrderStatus = z.enum(['requested', 'confirmed', 'active', 'billed', 'paid', 'cancelled', 'rejected']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderInput = z.object({
  offerId: z.uuid(),
  cards: z.number().int().min(1).max(100_000),
  hours: z.number().int().min(1).max(87_600),
  startAt: IsoDateTime,
  workloadNote: z.string().trim().max(500).optional(),
});
export type OrderInput = z.infer<typeof OrderInput>;

export const Order = z.object({
  id: z.uuid(),
  number: z.string(),
  offerId: z.uuid(),
  dataCentreId: z.uuid(),
  dataCentreName: z.string(),
  modelId: z.string(),
  modelName: z.string(),
  buyerOrgId: z.uuid(),
  buyerName: z.string(),
  supplierOrgId: z.uuid(),
  supplierName: z.string(),
  cards: z.number().int(),
  hours: z.number().int(),
  startAt: z.string(),
  priceFenPerCardHour: z.number().int(),
  minLeaseHours: z.number().int(),
  /** What the order would cost if used as requested. */
  estimateFen: z.number().int(),
  status: OrderStatus,
  meteredCardHours: z.number(),
  billedFen: z.number().int().nullable(),
  paymentReference: z.string().nullable(),
  workloadNote: z.string().nullable(),
  voucherEligible: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  events: z.array(z.object({ at: z.string(), status: z.string(), by: z.string(), note: z.string().nullable() })),
});
export type Order = z.infer<typeof Order>;

export const OrderListQuery = z.object({
  status: OrderStatus.optional(),
  dataCentreId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const OrderAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm'), note: z.string().trim().max(500).optional() }),
  z.object({ action: z.literal('reject'), note: z.string().trim().min(1).max(500) }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('bill') }),
  z.object({ action: z.literal('cancel'), note: z.string().trim().max(500).optional() }),
  z.object({ action: z.literal('pay'), paymentReference: z.string().trim().min(4).max(64) }),
]);
export type OrderAction = z.infer<typeof OrderAction>;

/**
 * A metered usage record the centre's API reports: card-hours over an interval. Usage from remote-write metrics is
 * never typed: `POST orders/:id/usage/metered` computes it (MeteringInput).
 */
export const UsageInput = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    cardHours: z.number().min(0).max(10_000_000),
    source: z.literal('api').default('api'),
  })
  .refine((u) => Date.parse(u.to) > Date.parse(u.from), { path: ['to'], message: 'must be after from' });
export type UsageInput = z.infer<typeof UsageInput>;

/**
 * Metering from the centre's Prometheus remote-write: every series of a per-card utilisation metric
 * (METERED_CARD_METRICS) that carries the label `zc_order` = the order's number is one leased card; a card counts for
 * each 1-minute bucket in which it reported at least one sample (allocated, whatever its utilisation), never more
 * cards at once than the order has. Card-hours = card-minutes ÷ 60. The interval is whole minutes; by default it
 * runs from the end of the last record (or the lease's start) to the current minute, capped at the lease's end.
 */
export const METERED_CARD_METRICS = ['DCGM_FI_DEV_GPU_UTIL', 'npu_chip_info_utilization'] as const;
export const METERING_LABEL = 'zc_order';
const WholeMinute = IsoDateTime.refine((s) => Date.parse(s) % 60_000 === 0, { message: 'must be a whole minute' });
export const MeteringInput = z
  .object({ from: WholeMinute.optional(), to: WholeMinute.optional() })
  .refine((u) => !u.from || !u.to || Date.parse(u.to) > Date.parse(u.from), {
    path: ['to'],
    message: 'must be after from',
  });
export type MeteringInput = z.infer<typeof MeteringInput>;

export const Usage = z.object({ from: z.string(), to: z.string(), cardHours: z.number(), source: z.string() });
