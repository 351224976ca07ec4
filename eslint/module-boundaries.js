// The module boundary rule from DESIGN.md: from outside a module only its index.ts; platform/ never imports a
// module. It checks every way one file names another: import, `export … from`, `export * from` and `import()`.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Which module (or platform) a file belongs to: server modules, web features. */
function owner(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  let m = /^server\/src\/modules\/([^/]+)\//.exec(rel) ?? /^server\/src\/modules\/([^/]+)$/.exec(rel);
  if (m) return { kind: 'server-module', name: m[1], rel };
  m = /^web\/src\/features\/([^/]+)\//.exec(rel) ?? /^web\/src\/features\/([^/]+)$/.exec(rel);
  if (m) return { kind: 'web-feature', name: m[1], rel };
  if (rel.startsWith('server/src/platform/')) return { kind: 'platform', rel };
  return { kind: 'other', rel };
}

export const moduleBoundaries = {
  meta: {
    type: 'problem',
    messages: {
      deep: "'{{source}}' reaches inside module '{{module}}': import its index.ts instead",
      platform: "platform/ must not import a module ('{{source}}')",
    },
    schema: [],
  },
  create(context) {
    const from = owner(context.filename);
    const check = (node, source) => {
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
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      // A TypeScript `import x = require('…')` or `import('…')` in a type position.
      TSImportType: (node) => {
        const arg = node.argument?.literal ?? node.argument;
        if (arg?.type === 'Literal') check(node, arg.value);
      },
    };
  },
};
