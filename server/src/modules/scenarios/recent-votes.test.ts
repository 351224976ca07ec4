import { describe, expect, it } from 'vitest';
import type { WindowVote } from './board.repository.ts';
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
    r.add(vote(4, 'a', 400));
    r.add(vote(3, 'a', 300)); // committed after vote 4
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
    r.add(vote(3, 'c', 200, 'dev', 2));
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
    r.add(vote(3, 'b', 300, 'x'));
    expect(r.window('a', 0)[0]!.deviceOtherCases).toBe(0);
  });
});
