#!/usr/bin/env node
// The whole test suite: system packages the browser tests need, typecheck, lint, unit + db + api tests (PGlite,
// and PostgreSQL too when TEST_DATABASE_URL is set), the web build, then the browser journeys.
//   node scripts/test.mjs            everything
//   node scripts/test.mjs --e2e-only only the browser journeys (builds the web app first)
import { execSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const e2eOnly = process.argv.includes('--e2e-only');
const started = Date.now();

function run(title, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✗ ${title} failed after ${secs}s`);
    process.exit(r.status ?? 1);
  }
  console.log(`✓ ${title} (${secs}s)`);
}

/**
 * Steps that use one core each (tsc, eslint) run side by side on the other; each one's output is printed whole
 * when it ends, so the two never interleave.
 */
async function runTogether(steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${steps.map((s) => s.title).join(' + ')}`);
  const results = await Promise.all(
    steps.map(
      ({ title, cmd, args }) =>
        new Promise((resolve) => {
          const child = spawn(cmd, args, { env: process.env });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('close', (status) => {
            const secs = ((Date.now() - t0) / 1000).toFixed(1);
            if (out) process.stdout.write(out);
            console.log(status === 0 ? `✓ ${title} (${secs}s)` : `✗ ${title} failed after ${secs}s`);
            resolve(status);
          });
        }),
    ),
  );
  if (results.some((r) => r !== 0)) process.exit(1);
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Debian's chromium and a CJK font (without the font every Chinese glyph in a screenshot is a box), and Debian's
 * nats-server, which the city-brain tests start on free ports of their own (whatever runs on 4222 or not).
 */
function ensureBrowser() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const cjk = has('fc-list') && execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
  const nats = has('nats-server') || fs.existsSync('/usr/sbin/nats-server');
  if (fs.existsSync(chromium) && cjk && nats) return;
  const missing = [!fs.existsSync(chromium) && 'chromium', !cjk && 'fonts-noto-cjk', !nats && 'nats-server'].filter(
    Boolean,
  );
  const isRoot = process.getuid?.() === 0;
  if (!has('apt-get') || (!isRoot && !has('sudo'))) {
    console.error(
      `✗ missing ${missing.join(', ')}: install with \`sudo apt-get install -y ${missing.join(' ')}\` (or set CHROMIUM_PATH) and run again`,
    );
    process.exit(1);
  }
  const sudo = isRoot ? [] : ['sudo'];
  console.log(`▶ installing ${missing.join(', ')} from Debian's packages`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const upd = spawnSync(
    sudo[0] ?? 'apt-get',
    [...sudo.slice(1), ...(isRoot ? ['update', '-qq'] : ['apt-get', 'update', '-qq'])],
    { stdio: 'inherit', env },
  );
  const inst = spawnSync(sudo[0] ?? 'apt-get', [...(isRoot ? [] : ['apt-get']), 'install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (upd.status !== 0 || inst.status !== 0 || !fs.existsSync(chromium)) {
    console.error(`✗ could not install ${missing.join(', ')} with apt-get; install them by hand and run again`);
    process.exit(1);
  }
}

ensureBrowser();
if (!e2eOnly) {
  await runTogether([
    { title: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'] },
    { title: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'] },
  ]);
  const pg = process.env.TEST_DATABASE_URL ? ' and PostgreSQL' : '';
  run(`unit, web, db and api tests (PGlite${pg})`, 'npx', [
    'vitest',
    'run',
    '--project',
    'unit',
    '--project',
    'web',
    '--project',
    'db',
  ]);
}
run('build the web app', 'npm', ['run', '--silent', 'build', '-w', 'web']);
run('browser journeys (e2e, Debian chromium)', 'npx', ['vitest', 'run', '--project', 'e2e']);
console.log(`\nall tests passed in ${((Date.now() - started) / 1000).toFixed(0)}s`);
