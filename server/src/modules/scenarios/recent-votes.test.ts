import { describe, expect, it } from 'vitest';
import type { WindowVote } from './board.repository.ts';
import { classifyStream } from './brigading.ts';
import { RecentVotes } from './recent-votes.ts';

const vote = (id: number, caseId: string, at: number, device = `d${id}`, others = 0): WindowVote => ({
  id,
  caseId,
  network: 'n',
  device,
  approve: true,
  at,
  deviceFirstSeen: at - 1000,
  deviceOtherCases: others,
  status: 'counted',
  released: false,
});

describe('recent votes (the refresh’s copy of the last minutes)', () => {
  it('keeps each case’s window in time order, a late commit in its place', () => {
    const r = new RecentVotes('round', 1);
    r.load('a', [vote(1, 'a', 100), vote(2, 'a', 200)]);
    r.classify(vote(4, 'a', 400));
    r.classify(vote(3, 'a', 300)); // committed after vote 4
    expect(r.window('a', 0).map((v) => v.id)).toEqual([1, 2, 3, 4]);
    expect(r.window('a', 250).map((v) => v.id)).toEqual([3, 4]);
    expect(r.has('a')).toBe(true);
    expect(r.has('b')).toBe(false);
    r.load('b', []);
    expect(r.has('b')).toBe(true);
    expect(r.size).toBe(4);
  });

  it('counts a device’s vote for another case against its earlier votes, but not when loading what the database counted', () => {
    const r = new RecentVotes('round', 1);
    const first = vote(1, 'a', 100, 'dev');
    r.load('a', [first]);
    r.load('b', [vote(2, 'b', 150, 'dev', 1)]);
    expect(first.deviceOtherCases).toBe(0);
    r.classify(vote(3, 'c', 200, 'dev', 2));
    expect(first.deviceOtherCases).toBe(1);
    expect(r.window('b', 0)[0]!.deviceOtherCases).toBe(2);
  });

  it('forgets votes older than the cut-off', () => {
    const r = new RecentVotes('round', 1);
    r.load('a', [vote(1, 'a', 100, 'x'), vote(2, 'a', 200, 'y')]);
    r.prune(150);
    expect(r.window('a', 0).map((v) => v.id)).toEqual([2]);
    expect(r.size).toBe(1);
    // The forgotten vote's device no longer links to anything.
    r.classify(vote(3, 'b', 300, 'x'));
    expect(r.window('a', 0)[0]!.deviceOtherCases).toBe(0);
  });

  it('follows a device from one vote to several and back to one as votes are pruned', () => {
    const m = 60_000; // pruning runs at most once a minute
    const r = new RecentVotes('round', 1);
    const first = vote(1, 'a', 1 * m, 'dev');
    r.load('a', [first]);
    r.load('b', [vote(2, 'b', 2 * m, 'dev', 1)]);
    r.prune(1.5 * m); // the device keeps its vote for b alone
    r.classify(vote(3, 'c', 3 * m, 'dev', 1));
    expect(first.deviceOtherCases).toBe(0);
    expect(r.window('b', 0)[0]!.deviceOtherCases).toBe(2);
    r.prune(2.5 * m);
    r.classify(vote(4, 'd', 4 * m, 'dev', 2));
    expect(r.window('c', 0)[0]!.deviceOtherCases).toBe(2);
    expect(r.size).toBe(2);
  });

  it('holds, refresh after refresh, what the rule holds over the whole stream — late commits included (random streams)', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const policy = { windowMinutes: 2, perNetwork: 4, freshMinutes: 1, freshPerCase: 5 };
    let late = 0;
    for (let round = 0; round < 40; round++) {
      let at = Date.UTC(2026, 10, 1);
      const stream: WindowVote[] = Array.from({ length: 200 }, (_, i) => {
        at += 1 + Math.floor(rnd() * 15_000);
        return {
          ...vote(i + 1, `c${Math.floor(rnd() * 3)}`, at),
          network: `n${Math.floor(rnd() * 4)}`,
          deviceFirstSeen: at - Math.floor(rnd() * 120_000),
          deviceOtherCases: rnd() < 0.5 ? 0 : 1,
          status: 'pending',
        };
      });
      const expected = new Set(
        classifyStream(stream, policy)
          .reasons.map((r, i) => (r ? stream[i]!.id : null))
          .filter((id) => id !== null),
      );
      // Arrival: in refreshes of a few votes, some committed a refresh late.
      const arrival = [...stream];
      for (let i = 1; i < arrival.length; i++)
        if (rnd() < 0.1) [arrival[i - 1], arrival[i]] = [arrival[i]!, arrival[i - 1]!];
      const r = new RecentVotes('round', 1, policy);
      for (const c of ['c0', 'c1', 'c2']) r.load(c, []);
      const held = new Set<number>();
      for (const v of arrival) {
        if (v.at < (r.window(v.caseId, 0).at(-1)?.at ?? -Infinity)) late++;
        for (const h of r.classify({ ...v })) held.add(h.vote.id);
      }
      expect([...held].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    }
    expect(late).toBeGreaterThan(50);
  });

  it('stops counting a fresh device once it votes for another case', () => {
    const policy = { windowMinutes: 10, perNetwork: 1000, freshMinutes: 10, freshPerCase: 3 };
    const fresh = (id: number, caseId: string, at: number, device = `d${id}`): WindowVote => ({
      ...vote(id, caseId, at, device),
      network: `n${id}`,
      deviceFirstSeen: at,
      status: 'pending',
    });
    const r = new RecentVotes('round', 1, policy);
    r.load('a', []);
    r.load('b', []);
    for (let i = 1; i <= 3; i++) expect(r.classify(fresh(i, 'a', i * 1000))).toEqual([]);
    // The first device votes for case b as well: on case a, two fresh single-case devices remain, so a fourth is not
    // a burst (four would be).
    r.classify(fresh(10, 'b', 10_000, 'd1'));
    expect(r.classify(fresh(4, 'a', 11_000))).toEqual([]);
    const burst = r.classify(fresh(5, 'a', 12_000));
    expect(burst.map((h) => [h.vote.id, h.reason])).toEqual([
      [2, 'fresh_devices'],
      [3, 'fresh_devices'],
      [4, 'fresh_devices'],
      [5, 'fresh_devices'],
    ]);
  });
});
