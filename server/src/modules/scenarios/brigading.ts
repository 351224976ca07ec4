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
}

export type HoldReason = 'network_burst' | 'fresh_devices';

/** Recent counts the service reads for one incoming vote (including the vote itself). */
export interface WindowCounts {
  sameNetwork: number;
  freshSingleCase: number;
}

export function isFresh(v: VoteSignal, p: BrigadePolicy = DEFAULT_POLICY): boolean {
  return v.at - v.deviceFirstSeen < p.freshMinutes * 60_000 && v.deviceOtherCases === 0;
}

/** The decision for one vote given its window: a reason to hold it (and its burst), or null to count it. */
export function holdReason(w: WindowCounts, p: BrigadePolicy = DEFAULT_POLICY): HoldReason | null {
  if (w.sameNetwork > p.perNetwork) return 'network_burst';
  if (w.freshSingleCase > p.freshPerCase) return 'fresh_devices';
  return null;
}

/**
 * The same rule over a whole stream, as the service applies it vote by vote (with retroactive holds): returns the
 * votes that count. Used by tests and by the benchmark to check the service against the rule.
 */
export function classifyStream(
  votes: VoteSignal[],
  p: BrigadePolicy = DEFAULT_POLICY,
): { counted: boolean[]; reasons: (HoldReason | null)[] } {
  const win = p.windowMinutes * 60_000;
  const reasons: (HoldReason | null)[] = votes.map(() => null);
  for (let i = 0; i < votes.length; i++) {
    const v = votes[i]!;
    const inWindow = (j: number) => votes[j]!.caseId === v.caseId && v.at - votes[j]!.at < win && votes[j]!.at <= v.at;
    const idx = [...Array(i + 1).keys()].filter(inWindow);
    const net = idx.filter((j) => votes[j]!.network === v.network);
    const fresh = idx.filter((j) => isFresh(votes[j]!, p));
    const r = holdReason({ sameNetwork: net.length, freshSingleCase: fresh.length }, p);
    if (r === 'network_burst') for (const j of net) reasons[j] ??= r;
    if (r === 'fresh_devices') for (const j of fresh) reasons[j] ??= r;
  }
  return { counted: reasons.map((r) => r === null), reasons };
}
