// The scenarios demo at full size (7,000 cases, the board's rounds, reviews and votes) on a scratch database: how
// long `npm start` spends on it. Usage: npm run bench -- scenarios/demo [pglite|postgres]
import { seedDemo } from '../../server/src/demo.ts';
import { buildScratchApp, openScratch } from '../scratch-db.ts';

const backend = (process.argv[2] ?? 'pglite') as 'pglite' | 'postgres';
const { db, cleanup } = await openScratch(backend, 'scenarios-demo');
const built = await buildScratchApp(db);
(built.platform.config as { demo: boolean }).demo = true;
const scenarios = built.modules.get('scenarios')!.parts;
const directory = built.modules.get('directory')!.parts;
// demo: the start-up size; 7000: the library size.
const lines: string[] = [];
const ctx: Parameters<NonNullable<typeof scenarios.seedDemo>>[0] = {
  platform: built.platform,
  once: async (_k, fn) => fn(),
  print: (l) => lines.push(l),
  demoUser: async (u) =>
    built.platform.identity.createUser(
      (await import('../../server/src/platform/authorization/index.ts')).systemContext('bench'),
      {
        username: u.username,
        displayName: u.displayName,
        organisationId: await built.platform.identity.createOrganisation(
          (await import('../../server/src/platform/authorization/index.ts')).systemContext('bench'),
          { name: `${u.username} org`, kind: u.organisation.kind, regionCode: u.regionCode },
        ),
        password: 'Bench#Passw0rd-2024',
        roles: [{ role: u.role, regionCode: u.regionCode }],
      },
    ),
};
// The directory's demo first, as at start-up: its expert library is where the board's draws find reviewers.
const tDirectory = performance.now();
await directory.seedDemo!(ctx);
console.log(`directory demo (experts the draws use): ${Math.round(performance.now() - tDirectory)} ms`);
const started = performance.now();
await scenarios.seedDemo!(ctx);
console.log(lines.join('\n'));
console.log(`scenarios demo on ${backend}: ${Math.round(performance.now() - started)} ms`);
void seedDemo;
await built.app.close();
await cleanup();
