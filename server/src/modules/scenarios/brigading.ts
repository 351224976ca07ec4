/**
 * Vote-brigading detection: a vote is held for review, not counted, when it is part of a burst — many votes for
 * one case from one network in a short window, or many votes for one case from devices first seen minutes ago
 * that vote for nothing else. When a burst is found, every vote of the burst is held, the earlier ones too, so the
 * burst moves nothing; a moderator releases what was genuine (a school class voting from one network).
 */

export interface BrigadePolicy {
  windowMinutes: number;
  /** More votes than this for one case from one network within the window is a burst. */
  perNetwork: number;
  /** A device first seen less than this long before its vote is fresh. */
  freshMinutes: number;
  /** More votes than this for one case from fresh single-case devices within the window is a burst. */
  freshPerCase: number;
}

export const DEFAULT_POLICY: BrigadePolicy = { windowMinutes: 10, perNetwork: 20, freshMinutes: 10, freshPerCase: 30 };

export interface VoteSignal {
  caseId: string;
  network: string;
  device: string;
  at: number;
  /** When the device was first seen (ms). */
  deviceFirstSeen: number;
  /** Other cases this device has voted for. */
  deviceOtherCases: number;
  /** Cast from a device with a verified phone: a person, so never a fresh device's vote. */
  verified?: boolean;
}

export type HoldReason = 'network_burst' | 'fresh_devices';

/** Recent counts the service reads for one incoming vote (including the vote itself). */
export interface WindowCounts {
  sameNetwork: number;
  freshSingleCase: number;
}

export function isFresh(v: VoteSignal, p: BrigadePolicy = DEFAULT_POLICY): boolean {
  return !v.verified && v.at - v.deviceFirstSeen < p.freshMinutes * 60_000 && v.deviceOtherCases === 0;
}

/** The decision for one vote given its window: a reason to hold it (and its burst), or null to count it. */
export function holdReason(w: WindowCounts, p: BrigadePolicy = DEFAULT_POLICY): HoldReason | null {
  if (w.sameNetwork > p.perNetwork) return 'network_burst';
  if (w.freshSingleCase > p.freshPerCase) return 'fresh_devices';
  return null;
}

/**
 * The same rule over a whole stream (sorted by time), as the service applies it vote by vote, with retroactive
 * holds: returns the votes that count and each held vote's reason.
 *
 * One pass with a sliding window per case: each case keeps the indices of its votes in the window, per network and
 * of fresh devices, and how far each list is already held, so a burst that goes on holds each vote once. The refresh
 * runs this every half second over ten minutes of votes; a quadratic scan would stall the server under load.
 */
export function classifyStream(
  votes: VoteSignal[],
  p: BrigadePolicy = DEFAULT_POLICY,
): { counted: boolean[]; reasons: (HoldReason | null)[] } {
  const win = p.windowMinutes * 60_000;
  const reasons: (HoldReason | null)[] = votes.map(() => null);
  /** Indices in time order, the first still in the window, and how many from the start are already held. */
  interface Lane {
    idx: number[];
    start: number;
    held: number;
  }
  const lane = (): Lane => ({ idx: [], start: 0, held: 0 });
  const slide = (l: Lane, at: number) => {
    while (l.start < l.idx.length && at - votes[l.idx[l.start]!]!.at >= win) l.start++;
  };
  const hold = (l: Lane, r: HoldReason) => {
    for (let k = Math.max(l.start, l.held); k < l.idx.length; k++) reasons[l.idx[k]!] ??= r;
    l.held = l.idx.length;
  };
  const cases = new Map<string, { networks: Map<string, Lane>; fresh: Lane }>();
  for (let i = 0; i < votes.length; i++) {
    const v = votes[i]!;
    let c = cases.get(v.caseId);
    if (!c) cases.set(v.caseId, (c = { networks: new Map(), fresh: lane() }));
    let net = c.networks.get(v.network);
    if (!net) c.networks.set(v.network, (net = lane()));
    net.idx.push(i);
    slide(net, v.at);
    if (isFresh(v, p)) c.fresh.idx.push(i);
    slide(c.fresh, v.at);
    const r = holdReason(
      { sameNetwork: net.idx.length - net.start, freshSingleCase: c.fresh.idx.length - c.fresh.start },
      p,
    );
    if (r === 'network_burst') hold(net, r);
    if (r === 'fresh_devices') hold(c.fresh, r);
  }
  return { counted: reasons.map((r) => r === null), reasons };
}
