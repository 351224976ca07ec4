import { describe, expect, it } from 'vitest';
import type { FigureSource } from '@zhicheng/contracts/screen';
import { comb, dampedHolt, holt, ses } from './comb.ts';
import { autoEts, backTest } from './forecast.ts';
import { forecastSeries, nextLabels } from './forecasts.service.ts';

const source: FigureSource = {
  module: 'compute-network',
  label: { zh: 's', en: 's' },
  href: '/compute/statistics',
  asOf: null,
  simulated: true,
};
const months = (values: number[]) =>
  values.map((value, i) => ({ label: `2025-${String(i + 1).padStart(2, '0')}`, value }));

describe('Comb benchmark (SES, Holt, damped trend)', () => {
  it('reproduces what each method must do on exact data', () => {
    expect(ses([5, 5, 5, 5], 3).forecast).toEqual([5, 5, 5]);
    const line = [1, 3, 5, 7, 9, 11];
    expect(holt(line, 2).forecast.map((x) => Math.round(x * 1e9) / 1e9)).toEqual([13, 15]);
    expect(holt(line, 2).sse).toBeCloseTo(0, 12);
    // Damping bends the trend: still rising, but less than the straight line.
    const d = dampedHolt(line, 3).forecast;
    expect(d[0]).toBeGreaterThan(11);
    expect(d[2]).toBeLessThan(17);
    const c = comb(line, 2);
    expect(c[0]).toBeCloseTo((ses(line, 2).forecast[0]! + 13 + dampedHolt(line, 2).forecast[0]!) / 3, 9);
    expect(() => comb([1], 1)).toThrow();
  });
});

describe('forecasts that prove themselves', () => {
  it('fits augurs AutoETS with an interval around the point', () => {
    const y = [10, 11, 12.2, 12.9, 14.1, 15, 16.2, 16.8, 18.1, 19, 20.1, 21];
    const f = autoEts(y, 3);
    expect(f.point).toHaveLength(3);
    expect(f.point[0]).toBeGreaterThan(20);
    expect(f.lower![0]).toBeLessThan(f.point[0]!);
    expect(f.upper![0]).toBeGreaterThan(f.point[0]!);
  });

  it('back-tests from rolling origins on the held-out end and scores both', () => {
    const y = [10, 11, 12.2, 12.9, 14.1, 15, 16.2, 16.8, 18.1, 19, 20.1, 21];
    const bt = backTest(y, 3)!;
    expect(bt.origins).toBe(3);
    expect(bt.modelMae).toBeGreaterThanOrEqual(0);
    expect(bt.combMae).toBeGreaterThan(0);
    expect(bt.modelWins).toBe(bt.modelMae < bt.combMae);
    expect(backTest(y.slice(0, 9), 3)).toBeNull();
  });

  it('shows a forecast only when the model beat Comb; otherwise says so and shows none', () => {
    const base = {
      key: 'compute.total-eflops' as const,
      unit: 'EFLOPS',
      frequency: 'month' as const,
      target: null,
      horizon: 3,
      source,
    };
    // A steady trend: the automatic search (Holt) is far closer than the average of three smoothers.
    const trend = forecastSeries({
      ...base,
      history: months([10, 11, 12.2, 12.9, 14.1, 15, 16.2, 16.8, 18.1, 19, 20.1, 21]),
    });
    expect(trend.backTest!.modelMae).toBeLessThan(trend.backTest!.combMae);
    expect(trend.status).toBe('shown');
    expect(trend.forecast.map((p) => p.label)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(trend.forecast[0]!.value).toBeGreaterThan(21);
    expect(trend.forecast[0]!.lower).toBeLessThan(trend.forecast[0]!.value);
    // A zig-zag with a slow climb: Comb's averaging wins the back-test (MAE 0.127 against 0.161), so the model's
    // forecast is not shown at all.
    const zigzag = forecastSeries({
      ...base,
      history: months([1, 1.2, 1.1, 1.3, 1.2, 1.4, 1.3, 1.5, 1.4, 1.6, 1.5, 1.7]),
    });
    expect(zigzag.backTest!.modelMae).toBeGreaterThan(zigzag.backTest!.combMae);
    expect(zigzag).toMatchObject({ status: 'baseline_wins', forecast: [] });
    const short = forecastSeries({ ...base, history: months([1, 2, 3]) });
    expect(short).toMatchObject({ status: 'too_short', forecast: [], backTest: null });
  });

  it('labels the periods after the last one', () => {
    expect(nextLabels('2025-11', 'month', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(nextLabels('2024', 'year', 2)).toEqual(['2025', '2026']);
  });
});
