import { describe, expect, it } from 'vitest';
import { scenariosKeys } from './api';
import { wan } from './labels';

describe('scenarios web', () => {
  it('keys every query under the feature, so one invalidation reaches all of them', () => {
    expect(scenariosKeys.cases({ page: 2, q: 'x' }).slice(0, 1)).toEqual(scenariosKeys.all);
    expect(scenariosKeys.case('a').slice(0, 1)).toEqual(scenariosKeys.all);
  });
  it('shows fen as 万元', () => {
    expect(wan(12_000_000_00)).toBe('1,200');
  });
});
