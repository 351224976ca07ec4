// Shared by the benches that compare an endpoint with PostgreSQL's own single-row INSERT in the same run
// (communities/push, scenarios/vote-load, participation/answer-load): pgbench on a script, and the step loop that
// keeps N requests in flight, warms up, then counts for a fixed time.
import { execFileSync } from 'node:child_process';

/** pgbench with 16 clients for `seconds` on `script` in database `db`; its transactions per second. */
export function runPgbench(admin: URL, db: string, script: string, seconds: number): number {
  const out = execFileSync(
    'pgbench',
    [
      '-n',
      '-c',
      '16',
      '-j',
      '2',
      '-T',
      String(seconds),
      '-f',
      script,
      '-h',
      admin.hostname,
      '-p',
      admin.port || '5432',
    ],
    { encoding: 'utf8', env: { ...process.env, PGUSER: admin.username || 'postgres', PGDATABASE: db } },
  );
  return Number(/tps = ([\d.]+) \(without initial/.exec(out)?.[1] ?? /tps = ([\d.]+)/.exec(out)?.[1]);
}

/**
 * Keeps `concurrency` calls of `one` in flight: 2 s of warm-up not counted, then `seconds` counted. `one` answers the
 * units it did (votes, rows; 1 for one request) or a negative number for a failure. Latencies are per call, in ms.
 */
export async function measureStep(
  concurrency: number,
  seconds: number,
  one: () => Promise<number>,
): Promise<{ units: number; perSecond: number; latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let units = 0;
  let errors = 0;
  let measuring = false;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const t = performance.now();
      const n = await one();
      if (!measuring) continue;
      if (n >= 0) {
        units += n;
        latencies.push(performance.now() - t);
      } else errors++;
    }
  };
  const workers = Array.from({ length: concurrency }, worker);
  await new Promise((r) => setTimeout(r, 2000));
  measuring = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const elapsed = (performance.now() - started) / 1000;
  measuring = false;
  stop = true;
  await Promise.all(workers);
  latencies.sort((a, b) => a - b);
  return { units, perSecond: Math.round(units / elapsed), latencies, errors };
}
