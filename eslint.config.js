// Lint: TypeScript's recommended rules plus the module boundary rule from DESIGN.md.
import path from 'node:path';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/** Which module (or platform) a file belongs to: server modules, web features. */
function owner(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  let m = /^server\/src\/modules\/([^/]+)\//.exec(rel);
  if (m) return { kind: 'server-module', name: m[1], rel };
  m = /^web\/src\/features\/([^/]+)\//.exec(rel);
  if (m) return { kind: 'web-feature', name: m[1], rel };
  if (rel.startsWith('server/src/platform/')) return { kind: 'platform', rel };
  return { kind: 'other', rel };
}

const boundaries = {
  meta: { type: 'problem', messages: {
    deep: "'{{source}}' reaches inside module '{{module}}': import its index.ts instead",
    platform: "platform/ must not import a module ('{{source}}')",
  } },
  create(context) {
    const from = owner(context.filename);
    return {
      ImportDeclaration(node) {
        const source = node.source.value;
        if (typeof source !== 'string' || !source.startsWith('.')) return;
        const target = owner(path.resolve(path.dirname(context.filename), source));
        if (target.kind !== 'server-module' && target.kind !== 'web-feature') return;
        if (from.kind === 'platform' && target.kind === 'server-module') {
          context.report({ node, messageId: 'platform', data: { source } });
          return;
        }
        if (from.kind === target.kind && from.name === target.name) return;
        // From outside, only the module's index (by file, or by folder) is a legal target.
        const base = target.rel.replace(/\.(tsx?)$/, '');
        const isIndex = base.endsWith('/index') || /^(server\/src\/modules|web\/src\/features)\/[^/]+$/.test(base);
        if (!isIndex) context.report({ node, messageId: 'deep', data: { source, module: target.name } });
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'web/public/**', 'test-results/**', 'data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    // Benchmarks and browser journeys measure and drive a module from outside the running app, like tests do; the
    // boundary rule is for code between modules.
    ignores: ['bench/**', 'web/e2e/**'],
    plugins: { zhicheng: { rules: { 'module-boundaries': boundaries } } },
    rules: {
      'zhicheng/module-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
