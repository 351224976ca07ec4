import table from './gavel/throughputs.json' with { type: 'json' };

/**
 * Gavel's published throughput table (OSDI'20, MIT licence; gavel/README.md): steps per second of each job type at
 * each scale factor, alone on K80, P100 and V100. The supermarket ranks offers of these cards from it, and the
 * scheduling simulator replays Gavel's traces over it.
 */
export interface GavelRow {
  family: string;
  scale: number;
  k80: number;
  p100: number;
  v100: number;
}
export const GAVEL_THROUGHPUTS: readonly GavelRow[] = table as GavelRow[];
export const GAVEL_WORKER_TYPES = ['k80', 'p100', 'v100'] as const;
export type GavelWorkerType = (typeof GAVEL_WORKER_TYPES)[number];

/** The catalogue's models for Gavel's worker types. */
export const GAVEL_MODEL_IDS: Record<GavelWorkerType, string> = {
  k80: 'nvidia-k80',
  p100: 'nvidia-p100-sxm2',
  v100: 'nvidia-v100-sxm2',
};
export const GAVEL_SOURCE = 'Gavel (Narayanan et al., OSDI 2020) simulation_throughputs.json, isolated run';

/** The province's throughput table as first loaded: Gavel's measurements, one row per job type, scale and card. */
export function gavelThroughputRows(now: Date) {
  return GAVEL_THROUGHPUTS.flatMap((r) =>
    GAVEL_WORKER_TYPES.map((w) => ({
      family: r.family,
      scale: r.scale,
      modelId: GAVEL_MODEL_IDS[w],
      stepsPerSecond: r[w],
      source: GAVEL_SOURCE,
      updatedAt: now,
    })),
  );
}
