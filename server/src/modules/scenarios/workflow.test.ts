import { describe, expect, it } from 'vitest';
import { allowedSteps, decide } from './workflow.ts';

const author = { author: true, city: false, province: false };
const city = { author: false, city: true, province: false };
const province = { author: false, city: false, province: true };

describe('case workflow', () => {
  it('sends a county case to its city and a city case straight to the province', () => {
    expect(decide('draft', 'submit', 'county', author)).toEqual({ to: 'submitted' });
    expect(decide('draft', 'submit', 'city', author)).toEqual({ to: 'recommended' });
    expect(decide('returned', 'submit', 'province', author)).toEqual({ to: 'recommended' });
  });

  it('lets only the city recommend and only the province accept', () => {
    expect(decide('submitted', 'recommend', 'county', city)).toEqual({ to: 'recommended' });
    expect(decide('submitted', 'recommend', 'county', province)).toEqual({ refused: 'step' });
    expect(decide('recommended', 'accept', 'county', city)).toEqual({ refused: 'step' });
    expect(decide('recommended', 'accept', 'county', province)).toEqual({ to: 'accepted' });
    expect(decide('submitted', 'accept', 'county', province)).toEqual({ refused: 'state' });
  });

  it('returns: the city what waits for it, the province anything before the board, nobody an accepted case', () => {
    expect(decide('submitted', 'return', 'county', city)).toEqual({ to: 'returned' });
    expect(decide('recommended', 'return', 'county', city)).toEqual({ refused: 'step' });
    expect(decide('recommended', 'return', 'county', province)).toEqual({ to: 'returned' });
    expect(decide('accepted', 'return', 'county', province)).toEqual({ refused: 'state' });
  });

  it('freezes a case for its author once submitted', () => {
    expect(allowedSteps('draft', 'county', author)).toEqual(['edit', 'submit']);
    expect(allowedSteps('submitted', 'county', author)).toEqual([]);
    expect(allowedSteps('submitted', 'county', city)).toEqual(['recommend', 'return']);
  });
});
