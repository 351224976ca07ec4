import { describe, expect, it } from 'vitest';
import { isUnstorable, unstorablePaths } from './input.ts';

describe('text PostgreSQL cannot store', () => {
  it('is NUL or a surrogate without its partner; paired surrogates (emoji) are fine', () => {
    expect(['a\u0000', '\ud800', 'x\udc00y', '\udc00\ud800'].map(isUnstorable)).toEqual([true, true, true, true]);
    expect(['😀', '测试', '', '\u202e', '\uffff'].map(isUnstorable)).toEqual([false, false, false, false, false]);
  });

  it('is found anywhere in a parsed body, keys included, however deep', () => {
    expect(unstorablePaths({ a: ['ok', { b: 'x\u0000' }], ['k\u0000ey']: 1 }, 'body').sort()).toEqual([
      'body.a.1.b',
      'body.key',
    ]);
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorablePaths(deep, 'body')).toHaveLength(1);
  });
});
