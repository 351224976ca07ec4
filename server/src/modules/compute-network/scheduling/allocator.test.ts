import { describe, expect, it } from 'vitest';
import { agnosticView, allocate, AllocationError, equalShare, type AllocJob } from './allocator.ts';

const job = (id: string, throughputs: Record<string, number>, over: Partial<AllocJob> = {}): AllocJob => ({
  id,
  throughputs,
  scaleFactor: 1,
  priorityWeight: 1,
  remainingSteps: 1000,
  ...over,
});

describe('Gavel allocator on HiGHS, against hand-solved cases', () => {
  it('max-min fairness puts each job on the type it is fastest on', async () => {
    // Equal shares: (2+1)/2 = 1.5 for both. Swapped placement gives each 2 steps/s: 2 ÷ 1.5 = 4/3.
    const r = await allocate({
      policy: 'max_min_fairness',
      cluster: { a: 1, b: 1 },
      jobs: [job('j1', { a: 2, b: 1 }), job('j2', { a: 1, b: 2 })],
    });
    expect(r.objective).toBeCloseTo(4 / 3, 6);
    expect(r.allocation.j1!.a).toBeCloseTo(1, 6);
    expect(r.allocation.j2!.b).toBeCloseTo(1, 6);
    expect(r.effectiveThroughput.j1).toBeCloseTo(2, 6);
  });

  it('max-min fairness weighs priorities and scale factors', async () => {
    // Two 2-GPU jobs on 2 GPUs: 2·x1 + 2·x2 ≤ 2; maximise min(x1·2 ÷ 2, x2·2 ÷ 1) → x1 = 2/3, x2 = 1/3.
    const r = await allocate({
      policy: 'max_min_fairness',
      cluster: { a: 2 },
      jobs: [job('j1', { a: 1 }, { scaleFactor: 2, priorityWeight: 2 }), job('j2', { a: 1 }, { scaleFactor: 2 })],
    });
    expect(r.objective).toBeCloseTo(2 / 3, 6);
    expect(r.allocation.j1!.a).toBeCloseTo(2 / 3, 6);
    expect(r.allocation.j2!.a).toBeCloseTo(1 / 3, 6);
  });

  it('minimum makespan shares one worker in proportion to the work left', async () => {
    // x1 + x2 ≤ 1, x1 ≥ 100·t, x2 ≥ 300·t → t = 1/400: makespan 400 s.
    const r = await allocate({
      policy: 'min_makespan',
      cluster: { a: 1 },
      jobs: [job('j1', { a: 1 }, { remainingSteps: 100 }), job('j2', { a: 1 }, { remainingSteps: 300 })],
    });
    expect(r.objective).toBeCloseTo(400, 4);
    expect(r.allocation.j1!.a).toBeCloseTo(0.25, 6);
  });

  it('maximum total throughput takes the placement with the larger normalised sum', async () => {
    // Normalised by equal share (2.5 and 2): j1→a, j2→b gives 4/2.5 + 2/2 = 2.6; the swap only 1.4.
    const r = await allocate({
      policy: 'max_total_throughput',
      cluster: { a: 1, b: 1 },
      jobs: [job('j1', { a: 4, b: 1 }), job('j2', { a: 2, b: 2 })],
    });
    expect(r.objective).toBeCloseTo(2.6, 6);
    expect(r.allocation.j1!.a).toBeCloseTo(1, 6);
  });

  it('minimum cost meets the deadline as cheaply as the prices allow, or says it cannot', async () => {
    const base = { policy: 'min_cost' as const, cluster: { cheap: 2, dear: 2 }, prices: { cheap: 100, dear: 400 } };
    // 3,600 steps in an hour needs 1 step/s: the whole cheap worker (100) beats a third of the dear one (133).
    const hour = await allocate({
      ...base,
      jobs: [job('j', { cheap: 1, dear: 3 }, { remainingSteps: 3600, deadlineSeconds: 3600 })],
    });
    expect(hour.objective).toBeCloseTo(100, 4);
    // In half an hour 2 steps/s: x_c + 3·x_d ≥ 2 with x_c + x_d ≤ 1 → x_c = x_d = 1/2, cost 250.
    const half = await allocate({
      ...base,
      jobs: [job('j', { cheap: 1, dear: 3 }, { remainingSteps: 3600, deadlineSeconds: 1800 })],
    });
    expect(half.objective).toBeCloseTo(250, 4);
    expect(half.allocation.j!.dear).toBeCloseTo(0.5, 6);
    await expect(
      allocate({ ...base, jobs: [job('j', { cheap: 1, dear: 3 }, { remainingSteps: 3600, deadlineSeconds: 1000 })] }),
    ).rejects.toBeInstanceOf(AllocationError);
  });

  it('never gives a job a type it cannot run on, nor more than the cluster holds', async () => {
    const r = await allocate({
      policy: 'max_total_throughput',
      cluster: { a: 3, b: 1 },
      jobs: [job('j1', { a: 1 }, { scaleFactor: 2 }), job('j2', { a: 1, b: 1 }), job('j3', { b: 5 })],
    });
    expect(r.allocation.j1!.b).toBe(0);
    for (const k of ['a', 'b']) {
      const used = Object.entries(r.allocation).reduce((s, [id, a]) => s + a[k]! * (id === 'j1' ? 2 : 1), 0);
      expect(used).toBeLessThanOrEqual((k === 'a' ? 3 : 1) + 1e-9);
    }
    for (const a of Object.values(r.allocation)) expect(a.a! + a.b!).toBeLessThanOrEqual(1 + 1e-9);
  });

  it('computes equal shares and the agnostic view', () => {
    expect(equalShare({ a: 2, b: 1 }, { a: 1, b: 3 })).toBeCloseTo(5 / 4, 9);
    const [v] = agnosticView([job('j', { a: 2, b: 4 })], { a: 1, b: 1 });
    expect(v!.throughputs).toEqual({ a: 3, b: 3 });
  });
});
