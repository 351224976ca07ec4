import { z } from 'zod';
import { MAX_MEASURE, RegionCode } from '../common.contract.ts';

/** The registry: device model catalogue, the "2+5+N" zone layout, data centres and their inventory. */

/** 千卡 / 万卡: a cluster of at least this many accelerators (千卡 counts 1,000–9,999; 万卡 counts ≥ 10,000). */
export const CLUSTER_1K = 1_000;
export const CLUSTER_10K = 10_000;
/** A standard rack is 2.5 kW of IT load. */
export const STANDARD_RACK_KW = 2.5;

export const ZoneType = z.enum(['core', 'cluster', 'edge']);
export type ZoneType = z.infer<typeof ZoneType>;
export const DataCentreStatus = z.enum(['planned', 'building', 'operating', 'retired']);
export type DataCentreStatus = z.infer<typeof DataCentreStatus>;
export const ComputeKind = z.enum(['general', 'intelligent', 'supercomputing']);
export type ComputeKind = z.infer<typeof ComputeKind>;
export const DeviceKind = z.enum(['cpu_server', 'accelerator', 'super_node']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** A model in the catalogue with its vendor peak (dense) per precision, TFLOPS (INT8: TOPS). */
export const DeviceModel = z.object({
  id: z.string().regex(/^[a-z0-9-]{2,64}$/),
  kind: DeviceKind,
  vendor: z.string().min(1).max(64),
  name: z.string().min(1).max(128),
  domestic: z.boolean(),
  fp64: z.number().min(0).max(MAX_MEASURE).nullable(),
  fp32: z.number().min(0).max(MAX_MEASURE).nullable(),
  fp16: z.number().min(0).max(MAX_MEASURE).nullable(),
  int8: z.number().min(0).max(MAX_MEASURE).nullable(),
  source: z.string().max(500),
});
export type DeviceModel = z.infer<typeof DeviceModel>;

export const Zone = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  type: ZoneType,
  countyCodes: z.array(RegionCode),
});
export type Zone = z.infer<typeof Zone>;
export const ZoneInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/, { message: 'letters, digits, - or _' }),
  name: z.string().trim().min(1).max(64),
  type: ZoneType,
  countyCodes: z.array(RegionCode).max(200),
});
export type ZoneInput = z.infer<typeof ZoneInput>;

export const InventoryItem = z.object({
  kind: ComputeKind,
  modelId: z.string().min(1).max(64),
  count: z.number().int().min(1).max(1_000_000),
  /** Accelerators interconnected as one cluster share a name; a cluster of ≥ 1,000 cards is a 千卡 cluster. */
  clusterName: z.string().trim().max(64).nullable().optional(),
});
export type InventoryItem = z.infer<typeof InventoryItem>;

export const Capacity = z.object({
  generalPflops: z.number(),
  intelligentPflops: z.number(),
  superPflops: z.number(),
  totalPflops: z.number(),
  accelerators: z.number().int(),
  domesticAccelerators: z.number().int(),
  clusters: z.array(z.object({ name: z.string(), cards: z.number().int(), tier: z.enum(['1k', '10k']).nullable() })),
  clusters1k: z.number().int(),
  clusters10k: z.number().int(),
});
export type Capacity = z.infer<typeof Capacity>;

export const DataCentreInput = z.object({
  name: z.string().trim().min(1).max(128),
  operatorOrganisationId: z.uuid(),
  address: z.string().trim().min(1).max(256),
  lng: z.number().min(114).max(123.5),
  lat: z.number().min(34).max(38.5),
  countyCode: RegionCode,
  zoneId: z.uuid().nullable(),
  status: DataCentreStatus,
  designRacks: z.number().int().min(0).max(1_000_000),
  powerCapacityKw: z.number().min(0).max(10_000_000),
  designPue: z.number().min(1).max(3),
  storagePb: z.number().min(0).max(1_000_000),
  inventory: z.array(InventoryItem).max(200),
});
export type DataCentreInput = z.infer<typeof DataCentreInput>;

export const DataCentre = z.object({
  id: z.uuid(),
  name: z.string(),
  operatorOrganisationId: z.uuid(),
  operatorName: z.string(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  countyCode: z.string(),
  countyName: z.string(),
  cityCode: z.string(),
  cityName: z.string(),
  zoneId: z.uuid().nullable(),
  zoneName: z.string().nullable(),
  zoneType: ZoneType.nullable(),
  status: DataCentreStatus,
  designRacks: z.number().int(),
  racksInUse: z.number().int(),
  powerCapacityKw: z.number(),
  designPue: z.number(),
  storagePb: z.number(),
  inventory: z.array(InventoryItem.extend({ modelName: z.string(), domestic: z.boolean(), pflops: z.number() })),
  capacity: Capacity,
  lastReportPeriod: z.string().nullable(),
  lastIngestAt: z.string().nullable(),
  simulated: z.boolean(),
});
export type DataCentre = z.infer<typeof DataCentre>;

export const DataCentreSummary = DataCentre.omit({ inventory: true, capacity: true }).extend({
  totalPflops: z.number(),
  intelligentPflops: z.number(),
  utilisationPct: z.number().nullable(),
});
export type DataCentreSummary = z.infer<typeof DataCentreSummary>;

export const DataCentreListQuery = z.object({
  q: z.string().trim().max(64).optional(),
  cityCode: RegionCode.optional(),
  zoneId: z.uuid().optional(),
  status: DataCentreStatus.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
