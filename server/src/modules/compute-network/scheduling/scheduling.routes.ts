import {
  AllocationRequest,
  AllocationResponse,
  COMPUTE_PERMISSIONS as P,
  PlanRequest,
  PlanResult,
  SimulationRequest,
  SimulationResult,
} from '@zhicheng/contracts/compute-network';
import type { ZodApp } from '../../../platform/module.ts';
import type { SchedulingService } from './scheduling.service.ts';

const tags = ['compute-network'];

/** HTTP only: Gavel-style allocation on HiGHS and the trace simulator. */
export function schedulingRoutes(app: ZodApp, scheduling: SchedulingService): void {
  app.post(
    '/compute/scheduling/allocate',
    {
      config: { permission: P.schedule },
      // A 10,000-job problem is a few MB of JSON.
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Throughput-aware allocation (Gavel policies as LPs, solved with HiGHS)',
        body: AllocationRequest,
        response: { 200: AllocationResponse },
      },
    },
    async (req) => scheduling.allocate(req.ctx, req.body),
  );
  app.post(
    '/compute/scheduling/simulate',
    {
      config: { permission: P.schedule },
      schema: {
        tags,
        summary: 'Replay a Gavel trace: heterogeneity-aware policy vs the agnostic baseline (average JCT, makespan)',
        body: SimulationRequest,
        response: { 200: SimulationResult },
      },
    },
    async (req) => scheduling.simulate(req.ctx, req.body),
  );
  app.post(
    '/compute/scheduling/plan',
    {
      config: { permission: P.schedule },
      schema: {
        tags,
        summary: 'Schedule jobs on the offers on sale now (worker types = offers with free cards, at their prices)',
        body: PlanRequest,
        response: { 200: PlanResult },
      },
    },
    async (req) => scheduling.plan(req.ctx, req.body),
  );
}
