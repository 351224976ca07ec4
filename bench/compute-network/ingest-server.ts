// The server side of the remote-write benchmark: the real app on a scratch database, listening on 127.0.0.1, with
// C data centres and their tokens. Prints one JSON line {url, tokens} when ready; stops (and drops the database) on
// SIGTERM or after 10 minutes at most.
//   node --import tsx bench/compute-network/ingest-server.ts [postgres|pglite] [centres=10]
import { buildBenchApp, openScratch, seedCentres, setIngestToken } from './common.ts';

const backend = (process.argv[2] ?? 'postgres') as 'pglite' | 'postgres';
const C = Number(process.argv[3] ?? 10);
const { db, cleanup } = await openScratch(backend, 'ingest');
const built = await buildBenchApp(db, false);
const ids = await seedCentres(built, C, 1);
const tokens: { id: string; token: string }[] = [];
for (const id of ids) {
  const token = `zc_bench_${id}`;
  await setIngestToken(built, id, token);
  tokens.push({ id, token });
}
const address = await built.app.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ url: address, tokens, pid: process.pid }));
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await built.app.close();
  await cleanup();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
setTimeout(() => void stop(), 10 * 60_000).unref();
