import { describe, expect, it } from 'vitest';
import { bandKeys, jaccard, matchingPassages, minhash, shingles } from './duplicates.ts';
import { contentTokens } from './text.ts';

const a =
  '历下区此前停车难、出行信息不透明。整合全区公共停车场和路内泊位,市民一个程序找车位、付费。接入实时数据,统一支付与诱导屏。';
const copied =
  '市中区此前停车难、出行信息不透明。整合全区公共停车场和路内泊位,市民一个程序找车位、付费。接入实时数据,统一支付与诱导屏。';
const other = '建设智慧养老服务平台,为独居老人提供一键呼叫和上门助餐,社区网格员定期回访。';

describe('duplicates', () => {
  it('finds a copied text by MinHash bands and exact Jaccard, and not an unrelated one', () => {
    const [sa, sc, so] = [a, copied, other].map((t) => shingles(contentTokens(t)));
    expect(jaccard(sa!, sc!)).toBeGreaterThan(0.8);
    expect(jaccard(sa!, so!)).toBeLessThan(0.05);
    const [ka, kc, ko] = [sa!, sc!, so!].map((s) => new Set(bandKeys(minhash(s))));
    expect([...ka!].some((k) => kc!.has(k))).toBe(true);
    expect([...ka!].some((k) => ko!.has(k))).toBe(false);
  });

  it('is deterministic: the same text gives the same signature on every run', () => {
    const s = shingles(contentTokens(a));
    expect(minhash(s)).toEqual(minhash(new Set([...s])));
    expect(minhash(s)).toHaveLength(64);
  });

  it('shows the copied passages side by side', () => {
    const p = matchingPassages(copied, a, contentTokens);
    expect(p.length).toBeGreaterThanOrEqual(2);
    expect(p[0]!.similarity).toBe(1);
    expect(p.some((x) => x.mine.includes('诱导屏') && x.theirs.includes('诱导屏'))).toBe(true);
    expect(matchingPassages(other, a, contentTokens)).toEqual([]);
  });
});
