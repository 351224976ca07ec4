// Remote-write ingestion: a load generator sending real Prometheus remote-write 1.0 requests (snappy-compressed
// protobuf WriteRequests, pre-encoded) to the real server on PostgreSQL, for a fixed time. Reports sustained
// samples/s accepted, request latency, and the CPU of the server process and of PostgreSQL while doing it.
//   node --import tsx bench/compute-network/ingest.ts [postgres|pglite] [seconds=20] [concurrency=8] [seriesPerRequest=2000] [samplesPerSeries=1] [centres=10]
// Bounded: at most 60 s of load, 127.0.0.1 only; the server drops its scratch database when it stops.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { encodeWriteRequest, type RwSeries } from '../../server/src/modules/compute-network/metrics/remote-write.ts';
import { percentile } from './common.ts';

const backend = process.argv[2] ?? 'postgres';
const SECONDS = Math.min(60, Number(process.argv[3] ?? 20));
const Q = Number(process.argv[4] ?? 8);
const S = Number(process.argv[5] ?? 2000);
const K = Number(process.argv[6] ?? 1);
const C = Number(process.argv[7] ?? 10);
const ROUNDS = 12;
const ROOT = path.resolve(import.meta.dirname, '../..');

const child = spawn(
  process.execPath,
  ['--import', 'tsx', 'bench/compute-network/ingest-server.ts', backend, String(C)],
  { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
);
const first = await new Promise<string>((resolve, reject) => {
  const rl = readline.createInterface({ input: child.stdout! });
  rl.once('line', resolve);
  child.once('exit', (c) => reject(new Error(`server exited ${c}`)));
});
const { url, tokens, pid } = JSON.parse(first) as { url: string; tokens: { id: string; token: string }[]; pid: number };

// Pre-encoded bodies: each centre ROUNDS requests of S series (GPU util/power per GPU across nodes, plus node
// metrics), K samples each 15 s apart, timestamps moving on by K×15 s per round.
const bodies: { token: string; body: Buffer; samples: number }[] = [];
const t0 = Date.now() - ROUNDS * K * 15_000;
for (let round = 0; round < ROUNDS; round++) {
  for (const { token } of tokens) {
    const series: RwSeries[] = [];
    for (let i = 0; i < S; i++) {
      const node = Math.floor(i / 16);
      const gpu = (i % 16) >> 1;
      const name = i % 2 === 0 ? 'DCGM_FI_DEV_GPU_UTIL' : 'DCGM_FI_DEV_POWER_USAGE';
      series.push({
        labels: {
          __name__: name,
          gpu: String(gpu),
          Hostname: `node-${node}`,
          UUID: `GPU-${node}-${gpu}`,
          modelName: 'NVIDIA A800-SXM4-80GB',
          job: 'dcgm',
        },
        samples: Array.from({ length: K }, (_, k) => ({
          value: (i * 7 + round * 13 + k) % 100,
          timestamp: t0 + (round * K + k) * 15_000,
        })),
      });
    }
    bodies.push({ token, body: encodeWriteRequest(series), samples: S * K });
  }
}
const bodyBytes = bodies.reduce((s, b) => s + b.body.length, 0) / bodies.length;

const post = (b: (typeof bodies)[number]) =>
  fetch(`${url}/api/v1/compute/remote-write`, {
    method: 'POST',
    body: new Uint8Array(b.body),
    headers: {
      authorization: `Bearer ${b.token}`,
      'content-type': 'application/x-protobuf',
      'content-encoding': 'snappy',
      'x-prometheus-remote-write-version': '0.1.0',
    },
  });

// Warm-up: the first round creates every series.
for (const b of bodies.slice(0, tokens.length)) {
  const r = await post(b);
  if (r.status !== 200) throw new Error(`warm-up ${r.status} ${await r.text()}`);
}

const ticks = 100; // USER_HZ
const cpuOf = (p: number): number => {
  try {
    const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / ticks;
  } catch {
    return 0;
  }
};
const postgresPids = () =>
  fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => {
      try {
        // Only the backends serving the bench's own scratch database.
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('zc_bench_ingest_');
      } catch {
        return false;
      }
    });
const pgCpu = () => postgresPids().reduce((s, p) => s + cpuOf(p), 0);

const serverCpu0 = cpuOf(pid);
const pgCpu0 = pgCpu();
const genCpu0 = process.cpuUsage();
const start = performance.now();
const deadline = start + SECONDS * 1000;
let next = tokens.length;
let samples = 0;
let requests = 0;
let errors = 0;
const lat: number[] = [];
await Promise.all(
  Array.from({ length: Q }, async () => {
    while (performance.now() < deadline) {
      const b = bodies[next++ % bodies.length]!;
      const t = performance.now();
      const r = await post(b);
      await r.arrayBuffer();
      lat.push(performance.now() - t);
      if (r.status === 200) {
        samples += b.samples;
        requests++;
      } else errors++;
    }
  }),
);
const wall = (performance.now() - start) / 1000;
const serverCpu = (cpuOf(pid) - serverCpu0) / wall;
const pgCpuShare = (pgCpu() - pgCpu0) / wall;
const g = process.cpuUsage(genCpu0);
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));

const out = {
  backend,
  seconds: Math.round(wall * 10) / 10,
  concurrency: Q,
  seriesPerRequest: S,
  samplesPerSeries: K,
  centres: C,
  avgBodyBytes: Math.round(bodyBytes),
  requests,
  errors,
  samplesPerSecond: Math.round(samples / wall),
  latencyMs: {
    p50: Math.round(percentile(lat, 50)),
    p95: Math.round(percentile(lat, 95)),
    max: Math.round(Math.max(...lat)),
  },
  serverCpuCores: Math.round(serverCpu * 100) / 100,
  postgresCpuCores: Math.round(pgCpuShare * 100) / 100,
  loadGeneratorCpuCores: Math.round(((g.user + g.system) / 1e6 / wall) * 100) / 100,
  machineCores: os.cpus().length,
};
console.log(JSON.stringify(out, null, 2));
