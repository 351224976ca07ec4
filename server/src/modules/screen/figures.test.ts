import { describe, expect, it } from 'vitest';
import type { ComputeRegionTotals } from '@zhicheng/contracts/compute-network';
import { buildFigures, buildLayers, rollUp, type Readings } from './figures.ts';

const headline = {
  racksInUse: 100,
  designRacks: 200,
  rackUtilisationPct: 50,
  totalEflops: 2,
  aiEflops: 0.6,
  aiSharePct: 30,
  dataCentres: 3,
  reported: 2,
};
const compute: ComputeRegionTotals = {
  regionCode: '370000',
  period: '2026-10',
  source: { kind: 'approved_monthly_reports', asOf: '2026-11-05T01:00:00.000Z', simulated: false },
  province: headline,
  byCity: [
    { ...headline, code: '370100', name: '济南市' },
    { ...headline, code: '370200', name: '青岛市', totalEflops: 1 },
  ],
  trend: [],
};
const readings = (over: Partial<Readings> = {}): Readings => ({
  provinceCode: '370000',
  region: { code: '370000', name: '山东省', level: 'province', parentCode: null },
  children: [
    { code: '370100', name: '济南市' },
    { code: '370200', name: '青岛市' },
  ],
  assessment: null,
  participation: null,
  compute,
  ...over,
});

describe('screen figures', () => {
  it('rolls answering regions up to the regions the map draws by their code prefix', () => {
    const byCode = [
      { code: '370102', n: 2 },
      { code: '370102001', n: 3 },
      { code: '370202', n: 1 },
      { code: '370300', n: 9 },
    ];
    expect(rollUp(byCode, ['370100', '370200'])).toEqual({ '370100': 5, '370200': 1 });
    expect(rollUp(byCode, ['370102', '370103'])).toEqual({ '370102': 5 });
  });

  it('cites every figure with the module’s source, time and simulated flag; shares as 0–1', () => {
    const f = buildFigures(readings());
    expect(f.map((x) => x.key)).toContain('compute.ai-share');
    const share = f.find((x) => x.key === 'compute.ai-share')!;
    expect(share).toMatchObject({ value: 0.3, unit: '%' });
    expect(share.source).toEqual({
      module: 'compute-network',
      label: { zh: '纳统月报(已审核) · 2026-10', en: 'Approved monthly reports · 2026-10' },
      href: '/compute/statistics',
      asOf: '2026-11-05T01:00:00.000Z',
      simulated: false,
    });
    // A module that could not be read leaves its widgets out.
    expect(f.some((x) => x.source.module === 'assessment')).toBe(false);
  });

  it('draws compute per city on the province’s map only (it is not reported per county)', () => {
    expect(buildLayers(readings()).find((l) => l.key === 'compute.total-eflops')!.values).toEqual({
      '370100': 2,
      '370200': 1,
    });
    const city = readings({
      region: { code: '370100', name: '济南市', level: 'city', parentCode: '370000' },
      children: [{ code: '370102', name: '历下区' }],
    });
    expect(buildLayers(city).find((l) => l.key === 'compute.total-eflops')!.values).toEqual({});
    expect(
      buildFigures(city)
        .find((x) => x.key === 'compute.by-city')!
        .items!.map((i) => i.label),
    ).toEqual(['济南市']);
  });
});
