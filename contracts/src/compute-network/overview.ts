import { z } from 'zod';
import { RegionCode } from '../common.contract.ts';
import { DataCentreStatus, Zone, ZoneType } from './registry.ts';
import { Period } from './reports.ts';

/** Province statistics, the compute map and alerts, all computed from approved reports and the registry. */

/** Default provincial PUE limit for alerts (a setting, `compute.pueLimit`, can change it). */
export const DEFAULT_PUE_LIMIT = 1.3;

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

/** Alerts in a city or a county (the header's region, 当前区划); without it, every centre the caller may see. */
export const AlertsQuery = z.object({ cityCode: RegionCode.optional() });

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

/**
 * What other modules read (the one-screen view, the work ledger): the province's totals from approved reports, per
 * city, with where they come from and as of when.
 */
export const ComputeTotals = z.object({
  period: z.string().nullable(),
  source: z.object({
    kind: z.literal('approved_monthly_reports'),
    /** The newest approval the figures include. */
    asOf: z.string().nullable(),
    simulated: z.boolean(),
  }),
  province: Headline,
  byCity: z.array(Headline.extend({ code: z.string(), name: z.string() })),
});
export type ComputeTotals = z.infer<typeof ComputeTotals>;

/**
 * One region's totals (the province's, a city's or a county's data centres) with the monthly trend, for the
 * one-screen view; `province` holds the region's headline.
 */
export const ComputeRegionTotals = ComputeTotals.extend({
  regionCode: z.string(),
  trend: Statistics.shape.trend,
});
export type ComputeRegionTotals = z.infer<typeof ComputeRegionTotals>;
