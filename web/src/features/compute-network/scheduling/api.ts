import type { PlanRequest, PlanResult, SimulationRequest, SimulationResult } from '@zhicheng/contracts/compute-network';
import { api } from '../../../api/client';
import { useApiMutation } from '../../../api/hooks';

/** Runs a Gavel trace through the simulator (aware and agnostic); a computation, so nothing to invalidate. */
export const useSimulate = () =>
  useApiMutation((req: SimulationRequest) => api.post<SimulationResult>('/api/v1/compute/scheduling/simulate', req));

/** Schedules jobs on the offers on sale now; a computation (nothing ordered), so nothing to invalidate. */
export const usePlan = () =>
  useApiMutation((req: PlanRequest) => api.post<PlanResult>('/api/v1/compute/scheduling/plan', req));
