// Expert draw at provincial scale: a library of N experts (default 5,000, each with a declared relation), then D
// draws of 5 experts each (default 50) through DirectoryApi.drawExperts, and the public verification of one draw.
// Each draw reads the pool, judges every candidate's conflicts, commits the seed hash to the audit chain, computes
// the tickets and writes candidates, picks and two audit rows.
//   node --import tsx bench/directory/draw.ts [pglite|postgres] [experts=5000] [draws=50]
import { systemContext } from '../../server/src/platform/authorization/index.ts';
import { moduleApi } from '../../server/src/app.ts';
import { expert, expertRelation } from '../../server/src/modules/directory/directory.tables.ts';
import { directoryServices } from '../../server/src/modules/directory/services.ts';
import { buildScratchApp, openScratch } from '../scratch-db.ts';

const backend = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const N = Number(process.argv[3] ?? 5000);
const D = Number(process.argv[4] ?? 50);
const FIELDS = ['smart-city-planning', 'data-governance', 'network-security', 'ai', 'compute'] as const;
const CITIES = ['370100', '370200', '370300', '370600', '370700', '370800', '371000', '371300'];

const { db: database, cleanup } = await openScratch(backend, 'directory', 5);
try {
  const built = await buildScratchApp(database);
  const sys = systemContext('bench.directory');
  const s = directoryServices(built.platform, moduleApi(built, 'regions'));
  const api = moduleApi(built, 'directory');
  let t0 = performance.now();
  // The library in multi-row inserts (the draw is what is timed; enrolment one by one would time the audit chain).
  const now = new Date();
  for (let from = 0; from < N; from += 500) {
    const rows = [];
    const rels = [];
    for (let i = from; i < Math.min(N, from + 500); i++) {
      const id = crypto.randomUUID();
      rows.push({
        id,
        code: `ZJ-${String(i + 1).padStart(5, '0')}`,
        name: `专家${i}`,
        title: 'senior',
        fields: [FIELDS[i % FIELDS.length]!, FIELDS[(i + 2) % FIELDS.length]!],
        unitName: `单位${i % 400}`,
        regionCode: CITIES[i % CITIES.length]!,
        phoneSealed: built.platform.protector.encrypt(`138${String(i).padStart(8, '0')}`),
        phoneMasked: '138****0000',
        createdAt: now,
        updatedAt: now,
      });
      rels.push({
        id: crypto.randomUUID(),
        expertId: id,
        kind: 'consulting',
        partyName: `企业${i % 300}`,
        startedOn: '2022-01-01',
      });
    }
    await built.platform.db.insert(expert).values(rows);
    await built.platform.db.insert(expertRelation).values(rels);
  }
  console.log(`library: ${N} experts inserted in ${Math.round(performance.now() - t0)} ms`);
  const times: number[] = [];
  let last = '';
  for (let d = 0; d < D; d++) {
    t0 = performance.now();
    const out = await api.drawExperts(sys, {
      object: {
        module: 'bench',
        objectType: 'review',
        objectId: `r-${d}`,
        title: `评审 ${d}`,
        regionCode: CITIES[d % CITIES.length]!.replace(/00$/, '02'),
        units: [{ name: `单位${d}` }],
        companies: [{ name: `企业${d}` }, { name: `企业${d + 1}` }],
      },
      quotas: [
        { field: FIELDS[d % FIELDS.length]!, count: 3 },
        { field: null, count: 2 },
      ],
      mode: 'assign',
    });
    times.push(performance.now() - t0);
    last = out.drawId;
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]!);
  console.log(`draws: ${D} of 5 experts; median ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`);
  t0 = performance.now();
  const v = await s.draws.verification(last);
  console.log(
    `verification of one draw (${v.candidates.length} candidates, server re-run): ${Math.round(performance.now() - t0)} ms, ` +
      `checks ${JSON.stringify(v.checks)}`,
  );
  await built.app.close();
} finally {
  await cleanup();
}
