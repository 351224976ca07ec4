import fs from 'node:fs';
import {
  COMPUTE_PERMISSIONS as P,
  type AllocationRequest,
  type AllocationResponse,
  type SimulationRequest,
  type SimulationResult,
  type SimulationTrace,
} from '@zhicheng/contracts/compute-network';
import type { RequestContext } from '../../../platform/authorization/index.ts';
import type { Platform } from '../../../platform/module.ts';
import { computeError } from '../compute-network.errors.ts';
import { allocate, AllocationError } from './allocator.ts';
import { parseTrace, simulate, type SimResult, type TraceJob } from './simulator.ts';

const traces = new Map<SimulationTrace, TraceJob[]>();
/** Gavel's traces ship beside this file (gavel/README.md); read once. */
export function gavelTrace(name: SimulationTrace): TraceJob[] {
  let t = traces.get(name);
  if (!t) {
    t = parseTrace(fs.readFileSync(new URL(`./gavel/${name}.trace`, import.meta.url), 'utf8'));
    traces.set(name, t);
  }
  return t;
}

/**
 * Allocation and simulation. Both are pure computations over the request (nothing stored, nothing audited). A
 * simulation is deterministic, so its result is memoised per instance: another instance that lacks it recomputes the
 * same figures.
 */
export class SchedulingService {
  private readonly memo = new Map<string, SimulationResult>();

  constructor(private readonly platform: Platform) {}

  async allocate(ctx: RequestContext, req: AllocationRequest): Promise<AllocationResponse> {
    this.platform.authz.require(ctx.actor, P.schedule);
    try {
      return await allocate(req);
    } catch (e) {
      if (e instanceof AllocationError && e.reason === 'infeasible') throw computeError('allocation_infeasible');
      throw e;
    }
  }

  async simulate(ctx: RequestContext, req: SimulationRequest): Promise<SimulationResult> {
    this.platform.authz.require(ctx.actor, P.schedule);
    const key = JSON.stringify(req);
    const hit = this.memo.get(key);
    if (hit) return hit;
    const trace = gavelTrace(req.trace);
    const cluster = Object.fromEntries(Object.entries(req.cluster).filter(([, n]) => n > 0));
    const run = (r: SimResult) => ({
      heterogeneityAware: r.heterogeneityAware,
      averageJctHours: r.averageJctHours,
      makespanHours: r.makespanHours,
      jctHours: r.jctHours,
      rounds: r.rounds,
      solves: r.solves,
      solveMs: r.solveMs,
      costFen: r.costFen ?? null,
      deadlinesMet: r.deadlinesMet ?? null,
    });
    const opts = { prices: req.prices };
    const aware = await simulate(trace, cluster, req.policy, true, opts);
    const agnostic = await simulate(trace, cluster, req.policy, false, opts);
    const out: SimulationResult = {
      trace: req.trace,
      policy: req.policy,
      jobs: trace.length,
      cluster,
      aware: run(aware),
      agnostic: run(agnostic),
      jctSpeedup: agnostic.averageJctHours / aware.averageJctHours,
      makespanSpeedup: agnostic.makespanHours / aware.makespanHours,
      costSaving: aware.costFen !== undefined && agnostic.costFen ? 1 - aware.costFen / agnostic.costFen : null,
    };
    if (this.memo.size > 50) this.memo.clear();
    this.memo.set(key, out);
    return out;
  }
}
