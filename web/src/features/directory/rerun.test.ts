import { describe, expect, it } from 'vitest';
import { rerun } from './rerun';

// A vector computed with the server's rule (draw-rule.ts): key = seed:salt, lowest tickets win.
const seed = 'ab'.repeat(32);
const candidates = [
  { code: 'ZJ-0001', fields: ['ai'], excluded: null },
  { code: 'ZJ-0002', fields: ['ai', 'compute'], excluded: null },
  { code: 'ZJ-0003', fields: ['ai'], excluded: null },
  { code: 'ZJ-0004', fields: ['compute'], excluded: null },
  { code: 'ZJ-0005', fields: ['ai'], excluded: 'same_region' },
];
const quotas = [{ field: 'ai', count: 2 }];

describe('the browser re-run of a draw', () => {
  it('gives the server’s picks, the replacement after a decline included', async () => {
    const recorded = [
      { position: 0, field: 'ai', code: 'ZJ-0003', replaces: null },
      { position: 1, field: 'ai', code: 'ZJ-0002', replaces: null },
      { position: 2, field: 'ai', code: 'ZJ-0001', replaces: 0 },
    ];
    const r = await rerun(seed, '42', quotas, candidates, recorded);
    expect(r.codes).toEqual(['ZJ-0003', 'ZJ-0002', 'ZJ-0001']);
    expect(r.matches).toBe(true);
    expect(r.seedHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not match a record with another expert or without the salt', async () => {
    const forged = [
      { position: 0, field: 'ai', code: 'ZJ-0005', replaces: null },
      { position: 1, field: 'ai', code: 'ZJ-0002', replaces: null },
    ];
    expect((await rerun(seed, '42', quotas, candidates, forged)).matches).toBe(false);
    const honest = [
      { position: 0, field: 'ai', code: 'ZJ-0003', replaces: null },
      { position: 1, field: 'ai', code: 'ZJ-0002', replaces: null },
    ];
    expect((await rerun(seed, null, quotas, candidates, honest)).codes).not.toEqual(['ZJ-0003', 'ZJ-0002']);
  });
});
