import { defineConfig } from 'vitest/config';

/**
 * One runner, four kinds of test (see DESIGN.md): unit beside the code; db and api on PGlite and, with
 * TEST_DATABASE_URL, PostgreSQL; web components in happy-dom; e2e in Debian's Chromium against the built app.
 */
export default defineConfig({
  test: {
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
