// Builds the web app only when it is missing or older than its sources, so `npm start` does not spend half a
// minute rebuilding an unchanged app on every start. Sources: web/src, web/index.html, web/public (except the
// boundary files copy-geo.mjs writes), the web and contracts packages and the lock file.
//   node web/scripts/build-if-stale.mjs          (npm start runs it)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const built = path.join(root, 'web', 'dist', 'index.html');
const SOURCES = [
  'web/src',
  'web/index.html',
  'web/public',
  'web/vite.config.ts',
  'web/package.json',
  'web/scripts',
  'contracts/src',
  'contracts/package.json',
  'package-lock.json',
];
const GENERATED = path.join(root, 'web', 'public', 'geo');

/** The newest modification time under `p` (a file or a folder), generated files left out. */
function newest(p) {
  if (p === GENERATED || !fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of fs.readdirSync(p)) t = Math.max(t, newest(path.join(p, e)));
  return t;
}

const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map((s) => newest(path.join(root, s))));
if (builtAt > changedAt) {
  console.log('web app up to date (web/dist); `npm run build -w web` rebuilds it');
} else {
  const r = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
