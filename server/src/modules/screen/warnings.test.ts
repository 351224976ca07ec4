import { describe, expect, it } from 'vitest';
import type { Figure } from '@zhicheng/contracts/screen';
import { evaluateWarnings, type Rule } from './warnings.ts';

const src = (asOf: string | null) => ({
  module: 'assessment',
  label: { zh: 's', en: 's' },
  href: '/assessment',
  asOf,
  simulated: true,
});
const share = (value: number | null, asOf: string | null = '2026-11-01T00:00:00Z'): Figure => ({
  key: 'assessment.county-4star-share',
  title: { zh: 't', en: 't' },
  kind: 'stat',
  value,
  unit: '%',
  target: 0.4,
  source: src(asOf),
});
const rule = (over: Partial<Rule>): Rule => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'r',
  widget: 'assessment.county-4star-share',
  condition: 'below_target',
  threshold: 1,
  level: 'orange',
  owner: '处室',
  enabled: true,
  ...over,
});
const now = new Date('2026-11-30T00:00:00Z');

describe('key-indicator warnings', () => {
  it('fires under the target (or a share of it), not at or over it', () => {
    const [w] = evaluateWarnings([share(0.382)], [rule({})], now);
    expect(w).toMatchObject({ level: 'orange', value: 0.382, limit: 0.4, href: '/assessment', simulated: true });
    expect(w!.message.zh).toContain('38.2%');
    expect(w!.message.zh).toContain('40.0%');
    expect(evaluateWarnings([share(0.4)], [rule({})], now)).toEqual([]);
    // A threshold of 0.9 warns only below 90% of the target.
    expect(evaluateWarnings([share(0.37)], [rule({ threshold: 0.9 })], now)).toEqual([]);
    expect(evaluateWarnings([share(0.35)], [rule({ threshold: 0.9 })], now)).toHaveLength(1);
  });

  it('checks bounds both ways, skips disabled rules and absent figures', () => {
    expect(evaluateWarnings([share(0.5)], [rule({ condition: 'above', threshold: 0.45 })], now)).toHaveLength(1);
    expect(evaluateWarnings([share(0.5)], [rule({ condition: 'below', threshold: 0.45 })], now)).toHaveLength(0);
    expect(evaluateWarnings([share(0.1)], [rule({ enabled: false })], now)).toEqual([]);
    expect(evaluateWarnings([], [rule({})], now)).toEqual([]);
    expect(evaluateWarnings([share(null)], [rule({})], now)).toEqual([]);
  });

  it('warns on a stale feed and on one without a time; orders red before orange before yellow', () => {
    const stale = rule({ condition: 'stale', threshold: 20, level: 'yellow', name: 'b' });
    expect(evaluateWarnings([share(0.5)], [stale], now)[0]).toMatchObject({ value: 29, limit: 20 });
    expect(evaluateWarnings([share(0.5, '2026-11-25T00:00:00Z')], [stale], now)).toEqual([]);
    expect(evaluateWarnings([share(0.5, null)], [stale], now)[0]).toMatchObject({ value: null });
    const all = evaluateWarnings([share(0.1)], [stale, rule({ level: 'red', name: 'a' })], now);
    expect(all.map((w) => w.level)).toEqual(['red', 'yellow']);
  });

  it('anomaly: fires when a trend’s newest point jumps beyond k standard deviations of the points before it', () => {
    const byDay = (values: number[]): Figure => ({
      key: 'participation.by-day',
      title: { zh: '每日答卷', en: 'Answers by day' },
      kind: 'trend',
      value: values.at(-1) ?? null,
      unit: '份',
      target: null,
      items: values.map((value, i) => ({ label: `11-${10 + i}`, value })),
      source: { ...src('2026-11-29T00:00:00Z'), module: 'participation', href: '/participation' },
    });
    const anomaly = rule({ widget: 'participation.by-day', condition: 'anomaly', threshold: 3, level: 'yellow' });
    // Before: mean 100, sample sd ≈ 8.94; 160 is 6.7 sd above.
    const [w] = evaluateWarnings([byDay([90, 100, 110, 100, 90, 110, 160])], [anomaly], now);
    expect(w).toMatchObject({ level: 'yellow', limit: 3, href: '/participation' });
    expect(w!.value).toBeCloseTo(6.71, 2);
    expect(w!.message.zh).toContain('骤升');
    // A drop fires too; an ordinary day, a flat history and a short one do not.
    expect(evaluateWarnings([byDay([90, 100, 110, 100, 90, 110, 40])], [anomaly], now)[0]!.message.zh).toContain(
      '骤降',
    );
    expect(evaluateWarnings([byDay([90, 100, 110, 100, 90, 110, 112])], [anomaly], now)).toEqual([]);
    expect(evaluateWarnings([byDay([100, 100, 100, 100, 100, 500])], [anomaly], now)).toEqual([]);
    expect(evaluateWarnings([byDay([90, 110, 100, 500])], [anomaly], now)).toEqual([]);
    // Not a series: nothing to compare the value with.
    expect(evaluateWarnings([share(0.1)], [{ ...anomaly, widget: 'assessment.county-4star-share' }], now)).toEqual([]);
  });
});
