// Lint: TypeScript's recommended rules plus the module boundary rule from DESIGN.md.
import tseslint from 'typescript-eslint';
import { moduleBoundaries } from './eslint/module-boundaries.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'web/public/**', 'test-results/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    // Benchmarks and browser journeys measure and drive a module from outside the running app, like tests do; the
    // boundary rule is for code between modules.
    ignores: ['bench/**', 'web/e2e/**'],
    plugins: { zhicheng: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: {
      'zhicheng/module-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // A test file that imports another registers the other's tests again, or not, depending on what its worker had
    // already loaded (isolate: false in vitest.config.ts): shared fixtures go in a module of their own.
    files: ['**/*.test.{ts,tsx}', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '\\.(test|spec)(\\.[jt]sx?)?$', message: 'Import fixtures from a module, not from a test file.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // Not reachable by keyboard nor announced as a control (WCAG 2.1.1, 4.1.2).
          selector:
            "JSXOpeningElement[name.name='a']:has(JSXAttribute[name.name='onClick']):not(:has(JSXAttribute[name.name='href']))",
          message: 'An <a> without href is not a control: use <ActionLink> (components/ActionLink.tsx) or a <Link>.',
        },
      ],
    },
  },
);
