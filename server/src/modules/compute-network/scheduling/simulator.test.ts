import { describe, expect, it } from 'vitest';
import { GAVEL_THROUGHPUTS } from './gavel.ts';
import {
  DEADLINE_FACTOR,
  deadlineOf,
  GAVEL_SIM_PRICES,
  parseTrace,
  ROUND_SECONDS,
  simulate,
  throughputsOf,
} from './simulator.ts';

describe('trace simulator', () => {
  it('parses Gavel’s trace format and finds each job’s throughputs', () => {
    const [j] = parseTrace(
      'ResNet-50 (batch size 64)\tpython3 main.py\timagenet\t--num_minibatches\t1\t5000\t1\t1\t-1.000000\t120\n',
    );
    expect(j).toMatchObject({ jobType: 'ResNet-50 (batch size 64)', totalSteps: 5000, scaleFactor: 1, arrival: 120 });
    const r = GAVEL_THROUGHPUTS.find((x) => x.family === 'ResNet-50 (batch size 64)' && x.scale === 1)!;
    expect(throughputsOf(j!)).toEqual({ k80: r.k80, p100: r.p100, v100: r.v100 });
    expect(() => parseTrace('too\tfew')).toThrow(/10 tab-separated/);
  });

  it('finishes a lone job in exactly its steps ÷ its best throughput', async () => {
    const [j] = parseTrace('ResNet-50 (batch size 64)\tx\ty\tz\t1\t100000\t1\t1\t-1\t0\n');
    const r = await simulate([j!], { v100: 1, k80: 1 }, 'max_total_throughput', true);
    const v100 = throughputsOf(j!).v100!;
    expect(r.averageJctHours).toBeCloseTo(100_000 / v100 / 3600, 6);
    expect(r.rounds).toBe(Math.ceil(100_000 / v100 / ROUND_SECONDS));
  });

  it('runs min-cost within derived deadlines: the lone job on the cheapest card that meets its deadline', async () => {
    // 100,000 steps; deadline = 3 × its V100 time. K80 (1/5 the price) is too slow for it alone, so the cheapest
    // allocation mixes: the LP pays for just enough V100 time to make the deadline.
    const [j] = parseTrace('ResNet-50 (batch size 64)\tx\ty\tz\t1\t100000\t1\t1\t-1\t0\n');
    const t = throughputsOf(j!);
    expect(deadlineOf(j!)).toBeCloseTo((DEADLINE_FACTOR * 100_000) / t.v100!, 6);
    const aware = await simulate([j!], { v100: 1, k80: 1 }, 'min_cost', true);
    expect(aware.deadlinesMet).toBe(1);
    expect(aware.averageJctHours * 3600).toBeLessThanOrEqual(deadlineOf(j!) + ROUND_SECONDS);
    // Never dearer than running on V100 alone for the whole job, and it actually costs something.
    const v100Only = (100_000 / t.v100! / 3600) * GAVEL_SIM_PRICES.v100!;
    expect(aware.costFen).toBeGreaterThan(0);
    expect(aware.costFen).toBeLessThanOrEqual(Math.ceil(v100Only) + 1);
    // The agnostic view believes the K80 as fast as the mean and takes it: the job misses its deadline.
    const agnostic = await simulate([j!], { v100: 1, k80: 1 }, 'min_cost', false);
    expect(agnostic.deadlinesMet).toBe(0);
  });
});
