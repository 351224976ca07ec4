// Runs one benchmark by name, or lists them. Each benchmark prints its figures; docs/benchmarks.md records them
// with the machine and the date.
//   npm run bench                              lists the benchmarks with their first comment line
//   npm run bench -- assessment/recompute pglite
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const [name, ...args] = process.argv.slice(2);

/** Benchmarks are the .ts files under bench/<module>/ that are not shared helpers. */
function benchmarks(): string[] {
  return fs
    .readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(here, d.name)).map((f) => `${d.name}/${f}`))
    .filter((f) => f.endsWith('.ts') && !/(common|-server)\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

function summary(file: string): string {
  const text = fs.readFileSync(path.join(here, `${file}.ts`), 'utf8');
  const m = /\/\*\*?\s*\n?\s*\*?\s*([^\n]+)/.exec(text) ?? /\/\/\s*([^\n]+)/.exec(text);
  return m?.[1]?.trim() ?? '';
}

if (!name) {
  console.log('npm run bench -- <name> [args]\n');
  for (const b of benchmarks()) console.log(`  ${b.padEnd(34)} ${summary(b)}`);
  process.exit(0);
}
if (!benchmarks().includes(name)) {
  console.error(`no benchmark ${name}; npm run bench lists them`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, `${name}.ts`), ...args], {
  stdio: 'inherit',
  cwd: path.join(here, '..'),
});
process.exit(r.status ?? 1);
