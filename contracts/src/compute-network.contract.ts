import { z } from 'zod';
import { defineRoles, IsoMonth, MAX_MEASURE, RegionCode } from './common.contract.ts';

/** Data-centre operators file monthly reports (纳统) for the centres their organisation runs. */
export const COMPUTE_ROLES = defineRoles({
  datacentre_operator: { zh: '数据中心运营方', en: 'Data-centre operator', level: null, duty: 'operator' },
});

/**
 * Compute network I (纳统监测, 算力地图): data-centre registry, monthly 纳统 reports, live metrics by Prometheus
 * remote-write, province statistics. Capacity is always computed from inventory × the model catalogue, never typed.
 *
 * Precision convention (as China's compute statistics count them): general compute (CPU servers) at FP32,
 * intelligent compute (accelerators) at FP16/BF16 dense, supercomputing at FP64. 1 EFLOPS = 1,000 PFLOPS.
 */

export const COMPUTE_PERMISSIONS = {
  read: 'compute.read',
  manage: 'compute.manage',
  report: 'compute.report',
  approve: 'compute.approve',
} as const;

/** 千卡 / 万卡: a cluster of at least this many accelerators (千卡 counts 1,000–9,999; 万卡 counts ≥ 10,000). */
export const CLUSTER_1K = 1_000;
export const CLUSTER_10K = 10_000;
/** A standard rack is 2.5 kW of IT load. */
export const STANDARD_RACK_KW = 2.5;
/** Distinct series a centre may hold; new series beyond it are dropped (and counted in the reply). */
export const SERIES_LIMIT_PER_CENTRE = 20_000;
/** Samples are kept as 1-minute aggregates (count, sum, min, max, last). */
export const DOWNSAMPLE_SECONDS = 60;
/** A month's report is due by this day of the following month. */
export const REPORT_DUE_DAY = 10;
/** Default provincial PUE limit for alerts (a setting, `compute.pueLimit`, can change it). */
export const DEFAULT_PUE_LIMIT = 1.3;

/** Metric names that feed a centre's live figures. Every other series is kept too, but only stored. */
export const LIVE_METRICS = {
  gpuUtil: 'DCGM_FI_DEV_GPU_UTIL',
  gpuPower: 'DCGM_FI_DEV_POWER_USAGE',
  nodePower: 'ipmi_dcmi_power_consumption_watts',
  racksInUse: 'zc_racks_in_use',
  racksTotal: 'zc_racks_total',
} as const;

export const ZoneType = z.enum(['core', 'cluster', 'edge']);
export type ZoneType = z.infer<typeof ZoneType>;
export const DataCentreStatus = z.enum(['planned', 'building', 'operating', 'retired']);
export type DataCentreStatus = z.infer<typeof DataCentreStatus>;
export const ComputeKind = z.enum(['general', 'intelligent', 'supercomputing']);
export type ComputeKind = z.infer<typeof ComputeKind>;
export const DeviceKind = z.enum(['cpu_server', 'accelerator', 'super_node']);
export type DeviceKind = z.infer<typeof DeviceKind>;
export const ReportStatus = z.enum(['submitted', 'approved', 'rejected']);
export type ReportStatus = z.infer<typeof ReportStatus>;
export const ReportSource = z.enum(['web', 'excel', 'api']);
export const Period = IsoMonth;

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

export const ReportInput = z.object({
  period: Period,
  racksInUse: z.number().int().min(0).max(1_000_000),
  utilisationPct: z.number().min(0).max(100),
  energyMwh: z.number().min(0).max(100_000_000),
  measuredPue: z.number().min(0).max(5),
  computeInUsePflops: z.number().min(0).max(10_000_000),
  storageUsedPb: z.number().min(0).max(1_000_000),
  explanation: z.string().trim().max(1000).nullable().optional(),
});
export type ReportInput = z.infer<typeof ReportInput>;

export const Report = ReportInput.extend({
  id: z.uuid(),
  dataCentreId: z.uuid(),
  dataCentreName: z.string(),
  status: ReportStatus,
  source: ReportSource,
  late: z.boolean(),
  explanation: z.string().nullable(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Capacity at approval (PFLOPS), so trends show what existed then. */
  totalPflops: z.number().nullable(),
  intelligentPflops: z.number().nullable(),
});
export type Report = z.infer<typeof Report>;

export const ReportListQuery = z.object({
  dataCentreId: z.uuid().optional(),
  status: ReportStatus.optional(),
  period: Period.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export const ReportDecision = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(500).optional(),
});

// The platform's shape for every Excel import (one binding, so index.ts re-exports it without a clash).
export { ImportReport as ImportResult } from './common.contract.ts';

export const IngestToken = z.object({ dataCentreId: z.uuid(), token: z.string() });

export const RemoteWriteResult = z.object({
  series: z.number().int(),
  samples: z.number().int(),
  droppedSeries: z.number().int(),
});

export const MetricsQuery = z.object({
  metric: z.string().max(200).optional(),
  hours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 31)
    .default(6),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const LiveFigures = z.object({
  gpuUtilPct: z.number().nullable(),
  gpuPowerW: z.number().nullable(),
  nodePowerW: z.number().nullable(),
  racksInUse: z.number().nullable(),
  racksTotal: z.number().nullable(),
  gpus: z.number().int(),
  at: z.string().nullable(),
});
export type LiveFigures = z.infer<typeof LiveFigures>;

export const MetricSeries = z.object({
  labels: z.record(z.string(), z.string()),
  points: z.array(
    z.object({
      t: z.string(),
      avg: z.number(),
      min: z.number(),
      max: z.number(),
      last: z.number(),
      count: z.number().int(),
    }),
  ),
});

export const MetricsResponse = z.object({
  dataCentreId: z.uuid(),
  live: LiveFigures,
  seriesCount: z.number().int(),
  seriesLimit: z.number().int(),
  series: z.array(MetricSeries),
});
export type MetricsResponse = z.infer<typeof MetricsResponse>;

const Headline = z.object({
  racksInUse: z.number().int(),
  designRacks: z.number().int(),
  rackUtilisationPct: z.number().nullable(),
  totalEflops: z.number(),
  aiEflops: z.number(),
  aiSharePct: z.number().nullable(),
  dataCentres: z.number().int(),
  reported: z.number().int(),
});

export const Statistics = z.object({
  period: z.string().nullable(),
  simulated: z.boolean(),
  headline: Headline.extend({
    coreClusterRackSharePct: z.number().nullable(),
    coreClusterComputeSharePct: z.number().nullable(),
    clusters1k: z.number().int(),
    clusters10k: z.number().int(),
    averagePue: z.number().nullable(),
    computeUtilisationPct: z.number().nullable(),
  }),
  trend: z.array(
    z.object({
      period: z.string(),
      racksInUse: z.number().int(),
      totalEflops: z.number(),
      aiEflops: z.number(),
      averagePue: z.number().nullable(),
      computeUtilisationPct: z.number().nullable(),
    }),
  ),
  byCity: z.array(Headline.extend({ code: z.string(), name: z.string() })),
  byZone: z.array(Headline.extend({ id: z.string().nullable(), name: z.string(), type: ZoneType.nullable() })),
});
export type Statistics = z.infer<typeof Statistics>;

export const StatisticsQuery = z.object({ period: Period.optional(), cityCode: RegionCode.optional() });

export const MapQuery = z.object({
  cityCode: RegionCode.optional(),
  zoneId: z.uuid().optional(),
  modelId: z.string().max(64).optional(),
  origin: z.enum(['domestic', 'imported']).optional(),
  minFreeRacks: z.coerce.number().int().min(0).optional(),
});

export const MapPoint = z.object({
  id: z.uuid(),
  name: z.string(),
  lng: z.number(),
  lat: z.number(),
  cityCode: z.string(),
  zoneId: z.string().nullable(),
  zoneType: ZoneType.nullable(),
  designRacks: z.number().int(),
  racksInUse: z.number().int(),
  freeRacks: z.number().int(),
  totalPflops: z.number(),
  intelligentPflops: z.number(),
  utilisationPct: z.number().nullable(),
  status: DataCentreStatus,
});
export type MapPoint = z.infer<typeof MapPoint>;
export const MapData = z.object({ points: z.array(MapPoint), zones: z.array(Zone), simulated: z.boolean() });
export type MapData = z.infer<typeof MapData>;

export const AlertKind = z.enum(['report_stale', 'metrics_stale', 'pue_above_limit', 'utilisation_anomaly']);
export const ComputeAlert = z.object({
  kind: AlertKind,
  dataCentreId: z.uuid(),
  dataCentreName: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
  value: z.number().nullable(),
});
export type ComputeAlert = z.infer<typeof ComputeAlert>;

export const COMPUTE_ERROR_CODES = [
  'implausible_jump',
  'report_exists',
  'racks_exceed_design',
  'pue_below_one',
  'invalid_token',
  'bad_remote_write',
] as const;
