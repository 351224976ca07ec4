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
});
