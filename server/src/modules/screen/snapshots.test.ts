import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SNAPSHOT_MS, Snapshots, STALE_MS } from './snapshots.ts';

describe('screen snapshots', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());
  const settle = () => vi.advanceTimersByTimeAsync(0);

  it('serves a fresh value, then the stale one at once while one rebuild runs behind it', async () => {
    const s = new Snapshots<number>();
    let builds = 0;
    const make = () => Promise.resolve(++builds);
    expect(await s.get('370000', make)).toBe(1);
    vi.setSystemTime(SNAPSHOT_MS - 1);
    expect(await s.get('370000', make)).toBe(1);
    expect(builds).toBe(1);
    // Past SNAPSHOT_MS: the old value answers, and only one rebuild starts however many ask.
    vi.setSystemTime(SNAPSHOT_MS + 1);
    expect(await Promise.all([s.get('370000', make), s.get('370000', make)])).toEqual([1, 1]);
    await settle();
    expect(builds).toBe(2);
    expect(await s.get('370000', make)).toBe(2);
  });

  it('waits for a new value when the last one is older than STALE_MS, and shares one build (single flight)', async () => {
    const s = new Snapshots<string>();
    let builds = 0;
    const make = () => Promise.resolve(`v${++builds}`);
    await s.get('370100', make);
    vi.setSystemTime(STALE_MS + 1);
    expect(await Promise.all([s.get('370100', make), s.get('370100', make)])).toEqual(['v2', 'v2']);
    expect(builds).toBe(2);
  });

  it('forgets a failed build, keeps the stale value when a rebuild fails, and drops a rebuild across clear()', async () => {
    const s = new Snapshots<number>();
    await expect(s.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await s.get('a', () => Promise.resolve(1))).toBe(1);
    vi.setSystemTime(SNAPSHOT_MS + 1);
    expect(await s.get('a', () => Promise.reject(new Error('down')))).toBe(1);
    await settle();
    expect(await s.get('a', () => Promise.resolve(2))).toBe(1);
    await settle();
    expect(await s.get('a', () => Promise.resolve(3))).toBe(2);
    // A rebuild started before clear() (a rule changed) is not stored after it.
    vi.setSystemTime(3 * SNAPSHOT_MS);
    let release!: (v: number) => void;
    expect(await s.get('a', () => new Promise<number>((r) => (release = r)))).toBe(2);
    s.clear();
    release(9);
    await settle();
    expect(await s.get('a', () => Promise.resolve(4))).toBe(4);
  });
});
