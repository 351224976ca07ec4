import fs from 'node:fs';
import {
  COMPUTE_PERMISSIONS as P,
  MAX_PLAN_OFFERS,
  type AllocationRequest,
  type AllocationResponse,
  type PlanJob,
  type PlanRequest,
  type PlanResult,
  type PlanWorkerType,
  type SimulationRequest,
  type SimulationResult,
  type SimulationTrace,
} from '@zhicheng/contracts/compute-network';
import type { RequestContext } from '../../../platform/authorization/index.ts';
import type { Platform } from '../../../platform/module.ts';
import { computeError } from '../compute-network.errors.ts';
import type { MarketRepository } from '../market/market.repository.ts';
import type { OffersService } from '../market/offers.service.ts';
import { allocate, AllocationError, type AllocProblem } from './allocator.ts';
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

/** Solves one allocation; an infeasible one (a deadline no share of the cluster meets) is the caller's 422. */
async function solve(req: AllocProblem) {
  try {
    return await allocate(req);
  } catch (e) {
    if (e instanceof AllocationError && e.reason === 'infeasible') throw computeError('allocation_infeasible');
    throw e;
  }
}

/**
 * Allocation and simulation. Both are pure computations over the request (nothing stored, nothing audited). A
 * simulation is deterministic, so its result is memoised per instance: another instance that lacks it recomputes the
 * same figures.
 */
export class SchedulingService {
  private readonly memo = new Map<string, SimulationResult>();

  constructor(
    private readonly platform: Platform,
    private readonly market: MarketRepository,
    private readonly offers: OffersService,
  ) {}

  async allocate(ctx: RequestContext, req: AllocationRequest): Promise<AllocationResponse> {
    this.platform.authz.require(ctx.actor, P.schedule);
    return solve(req);
  }

  /**
   * Schedules jobs on what the supermarket sells now: one worker type per published offer with free cards (as many
   * workers as it has cards free, at its price per card-hour), each job's throughput on it from the province's table
   * — the figure at the job's card count, else the one-card figure times the cards, as the offer ranking estimates.
   * Nothing is ordered or stored: the result tells the province where the work would run, how fast and at what cost.
   */
  async plan(ctx: RequestContext, req: PlanRequest): Promise<PlanResult> {
    this.platform.authz.require(ctx.actor, P.schedule);
    const families = new Set(await this.market.families());
    req.jobs.forEach((j, i) => {
      if (!families.has(j.family))
        throw computeError('unknown_workload', undefined, [
          { path: `jobs.${i}.family`, message: 'not in the throughput table' },
        ]);
    });
    const province = this.platform.config.provinceCode;
    const { rows, total } = await this.market.offersWithFreeCards(
      this.platform.clock.now(),
      { cityCode: req.cityCode, inProvince: req.voucherOnly ? province : undefined },
      MAX_PLAN_OFFERS,
    );
    if (!rows.length) throw computeError('no_offers_on_sale');
    const offers = rows.map((r) => this.offers.toOffer(r));

    // steps/s of family at scale on model: the measured figure, else linear in the cards from one card.
    const table = new Map<string, number>();
    for (const f of new Set(req.jobs.map((j) => j.family)))
      for (const t of await this.market.throughputs(f))
        table.set(`${t.family}|${t.scale}|${t.modelId}`, t.stepsPerSecond);
    const rate = (family: string, cards: number, modelId: string) =>
      table.get(`${family}|${cards}|${modelId}`) ?? (table.get(`${family}|1|${modelId}`) ?? 0) * cards;

    const problem = {
      policy: req.policy,
      cluster: Object.fromEntries(offers.map((o) => [o.id, o.cardsAvailable])),
      prices: Object.fromEntries(offers.map((o) => [o.id, o.priceFenPerCardHour])),
      jobs: req.jobs.map((j) => ({
        id: j.id,
        throughputs: Object.fromEntries(
          offers.flatMap((o) => {
            const r = rate(j.family, j.cards, o.modelId);
            return r > 0 ? [[o.id, r]] : [];
          }),
        ),
        scaleFactor: j.cards,
        priorityWeight: j.priorityWeight,
        remainingSteps: j.steps,
        deadlineSeconds: j.deadlineHours === undefined ? undefined : j.deadlineHours * 3600,
      })),
    };
    const r = await solve(problem);

    const jobs: PlanJob[] = req.jobs.map((j, i) => {
      const shares = r.allocation[j.id] ?? {};
      const placements = Object.entries(shares)
        .filter(([, x]) => x > 1e-6)
        .map(([workerType, share]) => ({ workerType, share }))
        .sort((a, b) => b.share - a.share);
      const sps = r.effectiveThroughput[j.id] ?? 0;
      const perHour = placements.reduce((c, p) => c + problem.prices[p.workerType]! * j.cards * p.share, 0);
      const hours = sps > 1e-12 ? j.steps / sps / 3600 : null;
      const rated = new Set(Object.keys(problem.jobs[i]!.throughputs));
      return {
        id: j.id,
        family: j.family,
        cards: j.cards,
        stepsPerSecond: sps,
        hours,
        costFenPerHour: perHour,
        costFen: hours === null ? null : Math.round(perHour * hours),
        meetsDeadline: j.deadlineHours === undefined ? null : hours !== null && hours <= j.deadlineHours * (1 + 1e-6),
        unratedModels: [...new Set(offers.filter((o) => !rated.has(o.id)).map((o) => o.modelName))],
        placements,
      };
    });
    const workerTypes: PlanWorkerType[] = offers.map((o) => ({
      key: o.id,
      offerId: o.id,
      dataCentreName: o.dataCentreName,
      cityCode: o.cityCode,
      modelId: o.modelId,
      modelName: o.modelName,
      domestic: o.domestic,
      cardsFree: o.cardsAvailable,
      priceFenPerCardHour: o.priceFenPerCardHour,
      voucherEligible: o.voucherEligible,
      simulated: o.simulated,
      cardsUsed: req.jobs.reduce((c, j) => c + j.cards * (r.allocation[j.id]?.[o.id] ?? 0), 0),
    }));
    const used = new Set(jobs.flatMap((j) => j.placements.map((p) => p.workerType)));
    return {
      policy: req.policy,
      objective: r.objective,
      solveMs: r.solveMs,
      workerTypes,
      jobs,
      offersOnSale: total,
      offersScheduled: offers.length,
      costFenPerHour: jobs.reduce((c, j) => c + j.costFenPerHour, 0),
      simulated: offers.some((o) => used.has(o.id) && o.simulated),
    };
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
