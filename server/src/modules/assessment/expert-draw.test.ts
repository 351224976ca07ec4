import { describe, expect, it } from 'vitest';
import { conflictOfInterest } from './expert-draw.ts';

const lixia = {
  submissionId: 's1',
  regionCode: '370102',
  regionName: '历下区',
  lineage: ['370102', '370100', '370000'],
};
const expert = (userId: string, lineage: string[]) => ({ userId, regionCode: lineage[0]!, lineage });
const jinan = expert('e-jn', ['370100', '370000']);
const qingdao = expert('e-qd', ['370200', '370000']);
const provincial = expert('e-prov', ['370000']);

describe('expert conflict of interest', () => {
  it('counts a shared city or county as a conflict, never the province', () => {
    expect(conflictOfInterest(jinan.lineage, lixia.lineage)).toBe(true);
    expect(conflictOfInterest(['370102', '370100', '370000'], lixia.lineage)).toBe(true);
    expect(conflictOfInterest(qingdao.lineage, lixia.lineage)).toBe(false);
    expect(conflictOfInterest(provincial.lineage, lixia.lineage)).toBe(false);
  });
});
