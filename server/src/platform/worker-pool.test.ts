import { afterAll, describe, expect, it } from 'vitest';
import { WorkerFailure, WorkerPool } from './worker-pool.ts';

type Job = { do: 'echo' | 'hang' | 'exit' | 'oom'; value?: unknown };
type Answer = { value: unknown; threadId: number };

describe('WorkerPool', () => {
  const pool = new WorkerPool<Job, Answer>(new URL('../../test/fixtures/test-worker.ts', import.meta.url), {
    size: 2,
    timeoutMs: 3_000,
    idleMs: 10_000,
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  });
  afterAll(() => pool.close());

  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as WorkerFailure,
    );

  it('runs jobs in TypeScript workers and reuses an idle worker', async () => {
    const a = await pool.run({ do: 'echo', value: 1 });
    const b = await pool.run({ do: 'echo', value: 2 });
    expect([a.value, b.value]).toEqual([1, 2]);
    expect(b.threadId).toBe(a.threadId);
  }, 20_000);

  it('stops a job that runs too long, and one that dies or runs out of memory, and carries on', async () => {
    const [hung, exited, oom] = await Promise.all([
      failure(pool.run({ do: 'hang' })),
      failure(pool.run({ do: 'exit' })),
      failure(pool.run({ do: 'oom' })),
    ]);
    expect(hung).toBeInstanceOf(WorkerFailure);
    expect(hung!.kind).toBe('timeout');
    expect([exited!.kind, oom!.kind]).toEqual(['crashed', 'crashed']);
    // Five more at once on two workers: they queue, and all are answered.
    const values = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ do: 'echo', value })));
    expect(values.map((v) => v.value)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(values.map((v) => v.threadId)).size).toBeLessThanOrEqual(2);
  }, 30_000);
});
