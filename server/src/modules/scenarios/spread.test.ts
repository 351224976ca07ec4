import { describe, expect, it } from 'vitest';
import { eventsBefore } from './spread.ts';

describe('adoptions after events', () => {
  const e = { heldOn: '2026-03-01', caseIds: ['c1'], attendingRegions: ['370200', '370102'] };
  const a = { sourceCaseId: 'c1', adopterRegion: '370202', adopterCity: '370200', adoptedOn: '2026-06-01' };
  it('traces an adoption to an event that showed the case to the adopter or its city before', () => {
    expect(eventsBefore([e], a)).toEqual([e]);
    expect(eventsBefore([e], { ...a, adoptedOn: '2026-02-01' })).toEqual([]);
    expect(eventsBefore([e], { ...a, sourceCaseId: 'c2' })).toEqual([]);
    expect(eventsBefore([e], { ...a, adopterRegion: '370302', adopterCity: '370300' })).toEqual([]);
    expect(eventsBefore([e], { ...a, adoptedOn: '2027-06-01' })).toEqual([]);
  });
});
