import type { LinkStatus } from '@zhicheng/contracts/city-brain';

/** Sub-platforms send a heartbeat every 15 s; four missed ones make a link stale, twenty offline. */
export const ONLINE_WITHIN_MS = 60_000;
export const STALE_WITHIN_MS = 5 * 60_000;
/** Rates are averaged over this many whole minutes. */
export const RATE_WINDOW_MINUTES = 5;

export function linkStatus(lastHeartbeatAt: Date | null, now: Date): LinkStatus {
  if (!lastHeartbeatAt) return 'never';
  const age = now.getTime() - lastHeartbeatAt.getTime();
  if (age <= ONLINE_WITHIN_MS) return 'online';
  if (age <= STALE_WITHIN_MS) return 'stale';
  return 'offline';
}

/**
 * When a heartbeat arrives: a link that was offline (or never up) starts a new connection now; one that was online
 * or merely stale keeps the time it connected.
 */
export function connectedSinceAfterHeartbeat(
  previous: { lastHeartbeatAt: Date | null; connectedSince: Date | null },
  at: Date,
): Date {
  const status = linkStatus(previous.lastHeartbeatAt, at);
  if ((status === 'online' || status === 'stale') && previous.connectedSince) return previous.connectedSince;
  return at;
}

/** The minute a message is counted in (traffic rows are per minute). */
export const minuteOf = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);

/** Heartbeat cut-offs for a status filter: [newer than, not newer than]. */
export function heartbeatRange(status: LinkStatus, now: Date): { after?: Date; notAfter?: Date; never?: true } {
  const t = now.getTime();
  switch (status) {
    case 'never':
      return { never: true };
    case 'online':
      return { after: new Date(t - ONLINE_WITHIN_MS - 1) };
    case 'stale':
      return { after: new Date(t - STALE_WITHIN_MS - 1), notAfter: new Date(t - ONLINE_WITHIN_MS - 1) };
    case 'offline':
      return { notAfter: new Date(t - STALE_WITHIN_MS - 1) };
  }
}
