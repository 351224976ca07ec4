import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (measured: the bad-input sweeps 100–220 s, the rest 25–45 s) start first, so the two
 * workers do not end with one of them alone on a sweep. Vitest orders by the durations it cached from the last run;
 * a clean clone (CI) has none and would start the largest files first, which the sweeps are not.
 */
const LONGEST_FIRST = [
  /bad-input\.postgres/,
  /bad-input\.pglite/,
  /audit-tamper/,
  /exchange\.nats/,
  /screen\.api/,
  /platform\/excel\.api/,
  /checkpoints\.db/,
  /identity\.api/,
];
class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((re) => re.test(f.moduleId));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return (await super.sort(files))
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map((x) => x.f);
  }
}

/**
 * One runner, four kinds of test (see DESIGN.md): unit beside the code; db and api on PGlite and, with
 * TEST_DATABASE_URL, PostgreSQL; web components in happy-dom; e2e in Debian's Chromium against the built app.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core runner, so every file waited for
    // the one before. Most files spend their time in PGlite or in PostgreSQL's backend, each on one core.
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'server/src/**/*.test.ts',
            'contracts/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'eslint/**/*.test.js',
          ],
          exclude: ['**/*.db.test.ts', '**/*.api.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'db',
          include: ['server/src/**/*.db.test.ts', 'server/src/**/*.api.test.ts'],
          environment: 'node',
          globalSetup: ['server/test/global-setup.ts'],
          // Files share a worker's loaded modules instead of loading the whole server again for each (that loading
          // was a quarter of the project's time). Each file still opens its own database and app.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'web',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.spec.ts'],
          globalSetup: ['web/e2e/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 420_000,
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
