import fs from 'node:fs';
// Shared by the benches that compare an endpoint with PostgreSQL's own single-row INSERT in the same run
// (communities/push, scenarios/vote-load, participation/answer-load): pgbench on a script, and the step loop that
// keeps N requests in flight, warms up, then counts for a fixed time.
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';

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

/**
 * The real server (server/src/main.ts) as a child process on `port`, over `databaseUrl`, without demo data, with its
 * own nats-server on free ports (a demo or another server may hold the default leaf port). It runs in its own process
 * group, so `stop()` also ends that nats-server, also when the server failed to start.
 */
export async function startBenchServer(
  root: string,
  port: number,
  env: { DATABASE_URL: string; DATA_DIR: string } & Record<string, string>,
): Promise<{ stop: () => Promise<void> }> {
  // BENCH_SERVER_PROFILE=<dir> writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = process.env.BENCH_SERVER_PROFILE;
  // BENCH_SERVER_NODE_FLAGS="--trace-gc …" passes Node flags to the server (NODE_OPTIONS refuses some of them).
  const flags = [
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ...(process.env.BENCH_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  ];
  // Started as `npm run serve` starts it: a 32 MB young generation, so the state of hundreds of requests in flight
  // dies there instead of being copied on every scavenge (GC was 18 % of the vote load's main thread at the default).
  // BENCH_SERVER_NODE_FLAGS come after it, so they can override it (V8 takes a flag's last value).
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=32', ...flags, '--import', 'tsx', 'server/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ZC_DEMO: 'false',
        // 0: the kernel's pick (port + 1000 once landed on PostgreSQL's 5432 when port was 4432).
        NATS_LEAF_PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return; // already gone
    }
    await new Promise((r) => setTimeout(r, 2000));
  };
  let out = '';
  // BENCH_SERVER_LOG=<file> keeps the server's output (otherwise only shown when it fails to start).
  const log = process.env.BENCH_SERVER_LOG;
  const keep = (d: Buffer) => {
    if (out.length < 100_000) out += d;
    if (log) fs.appendFileSync(log, d);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const t0 = Date.now();
  while (!/is running at/.test(out)) {
    if (child.exitCode !== null || Date.now() - t0 > 300_000) {
      await stop();
      throw new Error(`the server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { stop };
}

/**
 * One keep-alive HTTP/1.1 connection that sends a prepared request and reads its answer: a load generator about as
 * lean as pgbench's own client, so on a small machine the cores go to the server and the database under test, not
 * to the client (Node's http.request cost about a quarter of a core at 2,000 requests/s). It reads what a JSON API
 * answers here: bodies with a Content-Length (the bench sends no Accept-Encoding, so nothing is compressed or chunked).
 */
export class LeanHttpConnection {
  private socket!: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private waiting: ((r: { status: number; body: string }) => void) | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {
    this.connect();
  }

  private connect() {
    this.buf = Buffer.alloc(0);
    this.socket = net.connect(this.port, this.host);
    this.socket.setNoDelay(true);
    this.socket.on('data', (d: Buffer) => this.onData(d));
    // A refused or dropped connection answers the request in flight as a failure (status 0) and connects again.
    const fail = () => {
      const w = this.waiting;
      this.waiting = null;
      w?.({ status: 0, body: '' });
    };
    this.socket.on('error', fail);
    this.socket.on('close', () => {
      fail();
      if (!this.closed) this.connect();
    });
  }

  private closed = false;

  /** `head` is the request line and headers (without the blank line); the body is sent with its Content-Length. */
  request(head: string, body: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(`${head}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  private onData(d: Buffer) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buf.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buf.length < end + 4 + length) return;
    const body = this.buf.subarray(end + 4, end + 4 + length).toString('utf8');
    this.buf = this.buf.subarray(end + 4 + length);
    const w = this.waiting;
    this.waiting = null;
    w?.({ status: Number(head.slice(9, 12)), body });
  }

  close() {
    this.closed = true;
    this.socket.destroy();
  }
}
