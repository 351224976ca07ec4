import { describe, expect, it } from 'vitest';
import { regionPrefix } from './region-prefix.ts';

describe('regionPrefix', () => {
  it('cuts province and city codes to the digits their subtrees share', () => {
    expect(regionPrefix('370000')).toBe('37');
    expect(regionPrefix('370100')).toBe('3701');
    expect(regionPrefix('370102')).toBe('370102');
    expect(regionPrefix('370102001')).toBe('370102001');
    expect(regionPrefix('370102001002')).toBe('370102001002');
  });
});
