import { describe, expect, it } from 'vitest';
import { capacityOf } from './registry/capacity.ts';
import { DEVICE_CATALOGUE } from './registry/catalogue.ts';
import { DEMO_OPERATORS, DEMO_TARGET, generateDemo } from './demo-calibration.ts';
import { computeStatistics } from './overview/statistics.ts';

const models = new Map(DEVICE_CATALOGUE.map((m) => [m.id, m]));

describe('demo data set', () => {
  const demo = generateDemo(models, (city) => [`${city.slice(0, 4)}02`, `${city.slice(0, 4)}03`]);
  const zoneType = new Map(demo.zones.map((z) => [z.code, z.type]));
  const centres = demo.centres.map((c) => ({
    id: c.key,
    cityCode: c.cityCode,
    cityName: c.cityCode,
    zoneId: c.zoneCode,
    zoneName: c.zoneCode,
    zoneType: zoneType.get(c.zoneCode)!,
  }));
  const reports = demo.reports.map((r) => ({ ...r, dataCentreId: r.centreKey }));

  it('reproduces the July 2024 figures of the reply', () => {
    const s = computeStatistics(centres, reports, '2024-07');
    expect(s.headline.racksInUse).toBe(345_400);
    expect(s.headline.totalEflops.toFixed(2)).toBe('9.66');
    expect(s.headline.aiEflops.toFixed(2)).toBe('2.89');
    expect(Math.round(s.headline.aiSharePct!)).toBe(30);
    expect(s.headline.coreClusterRackSharePct).toBe(85.46);
    expect(s.headline.coreClusterComputeSharePct).toBe(88.31);
    expect(s.headline.clusters1k).toBe(DEMO_TARGET.clusters1k);
    expect(s.headline.clusters10k).toBe(DEMO_TARGET.clusters10k);
  });

  it('computes the same capacity from the registry inventory as the July reports snapshot', () => {
    const total = demo.centres.reduce((s, c) => s + capacityOf(c.inventory, models).totalPflops, 0);
    expect(total).toBeCloseTo(9_660, 0);
    const caps = demo.centres.map((c) => capacityOf(c.inventory, models));
    expect(caps.reduce((s, c) => s + c.clusters1k, 0)).toBe(5);
    expect(caps.reduce((s, c) => s + c.clusters10k, 0)).toBe(1);
    for (const c of demo.centres) expect(c.racksInUse).toBeLessThanOrEqual(c.designRacks);
  });

  it('is deterministic and grows over the year', () => {
    const again = generateDemo(models, (city) => [`${city.slice(0, 4)}02`, `${city.slice(0, 4)}03`]);
    expect(again.centres.map((c) => c.inventory)).toEqual(demo.centres.map((c) => c.inventory));
    const s = computeStatistics(centres, reports, '2024-07');
    expect(s.trend).toHaveLength(12);
    expect(s.trend[0]!.racksInUse).toBeLessThan(s.trend[11]!.racksInUse);
  });

  it('extends to a later month without changing the calibrated year, every operator owning centres', () => {
    const later = generateDemo(models, (city) => [`${city.slice(0, 4)}02`, `${city.slice(0, 4)}03`], '2026-10');
    expect(later.reports.filter((r) => r.period <= DEMO_TARGET.period)).toEqual(demo.reports);
    expect(later.reports.filter((r) => r.period === '2026-10')).toHaveLength(demo.centres.length);
    const now = computeStatistics(
      centres,
      later.reports.map((r) => ({ ...r, dataCentreId: r.centreKey })),
      '2026-10',
    );
    expect(now.headline.racksInUse).toBe(345_400);
    expect(now.headline.totalEflops.toFixed(2)).toBe('9.66');
    for (const i of DEMO_OPERATORS.keys())
      expect(demo.centres.filter((c) => c.operatorIndex === i).length).toBeGreaterThanOrEqual(10);
  });
});
