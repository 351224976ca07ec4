import { describe, expect, it } from 'vitest';
import { generateDemoCases, type DemoRegion } from './demo-cases.ts';
import { uuidFrom } from './scenarios.demo.ts';

const regions: DemoRegion[] = [
  { code: '370100', name: '济南市', cityCode: '370100', level: 'city' },
  { code: '370102', name: '历下区', cityCode: '370100', level: 'county' },
  { code: '370103', name: '市中区', cityCode: '370100', level: 'county' },
  { code: '370200', name: '青岛市', cityCode: '370200', level: 'city' },
  { code: '370202', name: '市南区', cityCode: '370200', level: 'county' },
];
const today = new Date('2026-11-30T00:00:00Z');

describe('demo cases', () => {
  it('is the same for the same seed and day, and differs for another seed', () => {
    const a = generateDemoCases(regions, 300, today);
    expect(generateDemoCases(regions, 300, today)).toEqual(a);
    expect(generateDemoCases(regions, 300, today, 'other')).not.toEqual(a);
  });

  it('covers every region and all four domains, titles unique per region, labelled 示例', () => {
    const cases = generateDemoCases(regions, 400, today);
    expect(new Set(cases.map((c) => c.regionCode))).toEqual(new Set(regions.map((r) => r.code)));
    expect(new Set(cases.map((c) => c.domain))).toEqual(new Set(['gov', 'service', 'industry', 'foundation']));
    const keys = cases.map((c) => `${c.regionCode}:${c.title}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(cases.every((c) => c.summary.includes('示例') && c.responsibleUnit.includes('示例'))).toBe(true);
    expect(cases.filter((c) => c.status === 'accepted').length).toBeGreaterThan(cases.length / 2);
    expect(cases.some((c) => c.copiedFrom !== null)).toBe(true);
  });

  it('makes stable, well-formed ids', () => {
    expect(uuidFrom('x')).toBe(uuidFrom('x'));
    expect(uuidFrom('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('generates 7,000 cases in well under a second', () => {
    const started = performance.now();
    expect(generateDemoCases(regions, 7000, today)).toHaveLength(7000);
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
