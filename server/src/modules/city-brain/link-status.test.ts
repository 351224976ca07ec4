import { describe, expect, it } from 'vitest';
import { connectedSinceAfterHeartbeat, heartbeatRange, linkStatus, minuteOf } from './link-status.ts';

const now = new Date('2026-11-30T08:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('link status from heartbeats', () => {
  it('is online within a minute, stale within five, offline after, never without one', () => {
    expect(linkStatus(null, now)).toBe('never');
    expect(linkStatus(ago(60_000), now)).toBe('online');
    expect(linkStatus(ago(60_001), now)).toBe('stale');
    expect(linkStatus(ago(300_000), now)).toBe('stale');
    expect(linkStatus(ago(300_001), now)).toBe('offline');
  });

  it('keeps the connection time across a stale spell and restarts it after an outage', () => {
    const since = ago(3_600_000);
    expect(connectedSinceAfterHeartbeat({ lastHeartbeatAt: ago(15_000), connectedSince: since }, now)).toBe(since);
    expect(connectedSinceAfterHeartbeat({ lastHeartbeatAt: ago(200_000), connectedSince: since }, now)).toBe(since);
    expect(connectedSinceAfterHeartbeat({ lastHeartbeatAt: ago(600_000), connectedSince: since }, now)).toBe(now);
    expect(connectedSinceAfterHeartbeat({ lastHeartbeatAt: null, connectedSince: null }, now)).toBe(now);
  });

  it('filters by status with the same cut-offs the status uses', () => {
    for (const age of [0, 60_000, 60_001, 300_000, 300_001, 9_000_000]) {
      const hb = ago(age);
      const r = heartbeatRange(linkStatus(hb, now), now);
      if (r.after) expect(hb.getTime()).toBeGreaterThan(r.after.getTime());
      if (r.notAfter) expect(hb.getTime()).toBeLessThanOrEqual(r.notAfter.getTime());
    }
  });

  it('counts a message in its whole minute', () => {
    expect(minuteOf(new Date('2026-11-30T08:01:59.999Z')).toISOString()).toBe('2026-11-30T08:01:00.000Z');
  });
});
