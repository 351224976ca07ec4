import { describe, expect, it } from 'vitest';
import { demoCityCount, demoCityPace } from './demo-cities.ts';

describe('demo cities', () => {
  it('runs every demo city unless told a number', () => {
    expect(demoCityCount({})).toBe(Infinity);
    expect(demoCityCount({ CITY_BRAIN_DEMO_CITIES: '2' })).toBe(2);
    expect(demoCityCount({ CITY_BRAIN_DEMO_CITIES: 'x' })).toBe(Infinity);
  });

  it('paces events and answers as a city would, unless a journey shortens them', () => {
    expect(demoCityPace({})).toEqual({ eventEveryMs: 900_000, handleAfterMs: 45_000 });
    expect(demoCityPace({ CITY_BRAIN_DEMO_EVENT_MS: '3000', CITY_BRAIN_DEMO_HANDLE_MS: '500' })).toEqual({
      eventEveryMs: 3000,
      handleAfterMs: 500,
    });
    expect(demoCityPace({ CITY_BRAIN_DEMO_EVENT_MS: '-1', CITY_BRAIN_DEMO_HANDLE_MS: '' })).toEqual({
      eventEveryMs: 900_000,
      handleAfterMs: 45_000,
    });
  });
});
