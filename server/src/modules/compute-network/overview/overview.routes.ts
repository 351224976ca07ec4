import { z } from 'zod';
import {
  COMPUTE_PERMISSIONS as P,
  AlertsQuery,
  ComputeAlert,
  MapData,
  MapQuery,
  Statistics,
  StatisticsQuery,
} from '@zhicheng/contracts/compute-network';
import type { ZodApp } from '../../../platform/module.ts';
import type { OverviewService } from './overview.service.ts';

const tags = ['compute-network'];

/** HTTP only: province statistics, the compute map, alerts. */
export function overviewRoutes(app: ZodApp, overview: OverviewService): void {
  app.get(
    '/compute/statistics',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Province statistics computed from approved reports',
        querystring: StatisticsQuery,
        response: { 200: Statistics },
      },
    },
    async (req) => overview.statistics(req.ctx, req.query),
  );

  app.get(
    '/compute/map',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Compute map data: centres with capacity and utilisation, and zones',
        querystring: MapQuery,
        response: { 200: MapData },
      },
    },
    async (req) => overview.mapData(req.ctx, req.query),
  );

  app.get(
    '/compute/alerts',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Stale reports or metric streams, PUE above the limit, utilisation anomalies',
        querystring: AlertsQuery,
        response: { 200: z.object({ items: z.array(ComputeAlert) }) },
      },
    },
    async (req) => ({ items: await overview.alerts(req.ctx, req.query) }),
  );

  // Remote-write takes a raw protobuf body: its parser lives in a child context so no other route sees it.
}
