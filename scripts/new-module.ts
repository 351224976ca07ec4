// Scaffolds a module in the one shape every module has (docs/ADDING_A_MODULE.md): contract, migration, server
// module (definition, tables, repository, service, routes, errors, demo, api test) and web feature (api hooks,
// a lazily loaded page, its test), and registers it in the three lists that name modules.
//   npm run new:module -- <name> ["中文名" "English name"]      e.g. npm run new:module -- work-ledger 工作台账 "Work ledger"
//   npm run new:module -- <name> --dry-run                       prints the files instead of writing them
//   npm run new:module -- <name> --migration 0700                takes that migration number (parallel branches)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { moduleFiles, registrations, type ModuleNames } from './new-module.templates.ts';

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const migrationAt = args.indexOf('--migration');
const migrationArg = migrationAt >= 0 ? args[migrationAt + 1] : undefined;
const [name, zh, en] = args.filter(
  (a, i) => a !== '--dry-run' && (migrationAt < 0 || (i !== migrationAt && i !== migrationAt + 1)),
);

if (!name || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
  console.error('usage: npm run new:module -- <kebab-case-name> ["中文名" "English name"] [--dry-run]');
  process.exit(2);
}

const names = namesOf(name, zh ?? name, en ?? name);
if (migrationArg !== undefined && !/^\d{4}$/.test(migrationArg)) {
  console.error('--migration takes a four-digit number, e.g. 0700');
  process.exit(2);
}
const files = moduleFiles(names, migrationArg ?? nextMigrationNumber());
const clashes = Object.keys(files).filter((f) => fs.existsSync(path.join(root, f)));
if (clashes.length && !dryRun) {
  console.error(`refusing to overwrite:\n  ${clashes.join('\n  ')}`);
  process.exit(1);
}

for (const [file, text] of Object.entries(files)) {
  if (dryRun) {
    console.log(`\n── ${file}\n${text}`);
    continue;
  }
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
  console.log(`created ${file}`);
}
for (const r of registrations(names)) {
  const file = path.join(root, r.file);
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes(r.insert.trim())) continue;
  if (!text.includes(r.before)) {
    console.error(`cannot register in ${r.file}: marker not found (${r.before.trim()})`);
    process.exit(1);
  }
  const replacing = r.replace !== undefined && r.replace.test(text);
  const next = replacing ? text.replace(r.replace!, r.insert) : text.replace(r.before, r.insert + r.before);
  if (dryRun) console.log(`\n── ${r.file}: ${replacing ? 'replace' : 'insert'}\n${r.insert}`);
  else {
    fs.writeFileSync(file, next);
    console.log(`registered in ${r.file}`);
  }
}
if (!dryRun) {
  // The templates are plain text: let Prettier give the new and the edited files the project's formatting.
  const touched = [...Object.keys(files), ...new Set(registrations(names).map((r) => r.file))];
  spawnSync('npx', ['prettier', '--write', '--log-level', 'warn', ...touched], { cwd: root, stdio: 'inherit' });
  console.log(`\nNext: npm run typecheck && npx vitest run --project db server/src/modules/${name}`);
  console.log(
    'Then follow docs/ADDING_A_MODULE.md: rename the sample aggregate, write the rules, add the module to ARCHITECTURE.md.',
  );
}

function namesOf(kebab: string, zhName: string, enName: string): ModuleNames {
  const parts = kebab.split('-');
  const pascal = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
  return {
    kebab,
    pascal,
    camel: pascal[0]!.toLowerCase() + pascal.slice(1),
    snake: parts.join('_'),
    constant: parts.join('_').toUpperCase(),
    zh: zhName,
    en: enName,
  };
}

/** Modules take migration numbers in hundreds: 0100 assessment, 0200 participation, … the next free hundred. */
function nextMigrationNumber(): string {
  const used = fs
    .readdirSync(path.join(root, 'server/migrations'))
    .map((f) => Number(f.slice(0, 4)))
    .filter((n) => n >= 100);
  const next = Math.floor(Math.max(0, ...used) / 100) * 100 + 100;
  return String(next).padStart(4, '0');
}
