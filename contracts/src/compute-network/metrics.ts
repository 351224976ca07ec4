import { z } from 'zod';

/** Live metrics: Prometheus remote-write with a centre's ingest token, kept as 1-minute aggregates. */

/** Distinct series a centre may hold; new series beyond it are dropped (and counted in the reply). */
export const SERIES_LIMIT_PER_CENTRE = 20_000;
/** Samples are kept as 1-minute aggregates (count, sum, min, max, last). */
export const DOWNSAMPLE_SECONDS = 60;

/** Metric names that feed a centre's live figures. Every other series is kept too, but only stored. */
export const LIVE_METRICS = {
  gpuUtil: 'DCGM_FI_DEV_GPU_UTIL',
  gpuPower: 'DCGM_FI_DEV_POWER_USAGE',
  nodePower: 'ipmi_dcmi_power_consumption_watts',
  racksInUse: 'zc_racks_in_use',
  racksTotal: 'zc_racks_total',
} as const;

export const IngestToken = z.object({ dataCentreId: z.uuid(), token: z.string() });

export const RemoteWriteResult = z.object({
  series: z.number().int(),
  samples: z.number().int(),
  droppedSeries: z.number().int(),
});
export type RemoteWriteResult = z.infer<typeof RemoteWriteResult>;

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
