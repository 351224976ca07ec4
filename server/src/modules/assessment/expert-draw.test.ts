import { describe, expect, it } from 'vitest';
import { conflictOfInterest, drawExperts, type DrawExpert } from './expert-draw.ts';

const lixia = {
  submissionId: 's1',
  regionCode: '370102',
  regionName: '历下区',
  lineage: ['370102', '370100', '370000'],
};
const laoshan = {
  submissionId: 's2',
  regionCode: '370212',
  regionName: '崂山区',
  lineage: ['370212', '370200', '370000'],
};
const expert = (userId: string, lineage: string[]): DrawExpert => ({ userId, regionCode: lineage[0]!, lineage });
const jinan = expert('e-jn', ['370100', '370000']);
const qingdao = expert('e-qd', ['370200', '370000']);
const yantai = expert('e-yt', ['370600', '370000']);
const provincial = expert('e-prov', ['370000']);

describe('expert draw', () => {
  it('counts a shared city or county as a conflict, never the province', () => {
    expect(conflictOfInterest(jinan.lineage, lixia.lineage)).toBe(true);
    expect(conflictOfInterest(['370102', '370100', '370000'], lixia.lineage)).toBe(true);
    expect(conflictOfInterest(qingdao.lineage, lixia.lineage)).toBe(false);
    expect(conflictOfInterest(provincial.lineage, lixia.lineage)).toBe(false);
  });

  it('never draws an expert of the region’s own city, and names the experts by letter', () => {
    const r = drawExperts([lixia, laoshan], [jinan, qingdao, yantai, provincial], 2, 42);
    expect(r.short).toBeNull();
    const of = (id: string) => r.drawn.filter((d) => d.submissionId === id);
    expect(of('s1').map((d) => d.expertUserId)).not.toContain('e-jn');
    expect(of('s2').map((d) => d.expertUserId)).not.toContain('e-qd');
    expect(of('s1').map((d) => d.alias)).toEqual(['专家A', '专家B']);
    expect(r.drawn.every((d) => d.seed === 42)).toBe(true);
  });

  it('draws the same experts from the same seed whatever order they come in, and others from another seed', () => {
    const pool = [jinan, qingdao, yantai, provincial, expert('e-wf', ['370700', '370000'])];
    const a = drawExperts([lixia], pool, 2, 7);
    expect(drawExperts([lixia], [...pool].reverse(), 2, 7)).toEqual(a);
    const seeds = [1, 2, 3, 4, 5, 6].map((seed) =>
      drawExperts([lixia], pool, 2, seed).drawn.map((d) => d.expertUserId),
    );
    expect(new Set(seeds.map((s) => s.join())).size).toBeGreaterThan(1);
  });

  it('counts an expert once even when bound twice, and reports the first region left without one', () => {
    const twice = [qingdao, { ...qingdao, regionCode: '370000', lineage: ['370000'] }];
    expect(drawExperts([lixia], twice, 3, 1).drawn).toHaveLength(1);
    expect(drawExperts([laoshan, lixia], [jinan], 1, 1).short).toEqual(lixia);
    expect(drawExperts([lixia, laoshan], [qingdao], 1, 1)).toEqual({ drawn: [], short: laoshan });
  });
});
