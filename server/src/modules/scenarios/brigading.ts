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

/** A held vote and why: a vote newly caught in a burst (itself, or an earlier vote of its burst). */
export interface Hold<V> {
  vote: V;
  reason: HoldReason;
}

/** One lane of a case (its votes from one network, or from fresh devices), in time order. */
interface Lane<V> {
  votes: V[];
  /** The first vote still in the window. */
  start: number;
  /** How many from the beginning are already held. */
  held: number;
}

interface CaseLanes<V> {
  networks: Map<string, Lane<V>>;
  fresh: Lane<V>;
  /** Votes of the fresh lane in the window that still count (their device has voted for nothing else since). */
  freshCount: number;
  lastAt: number;
}

/**
 * A lane holding exactly `votes`, in an array of their size: most networks vote once for a case, and an empty array
 * grown by push reserves room for 16 (a tenth of a kilobyte per vote kept, at the recent-votes copy's scale).
 */
const lane = <V>(...votes: V[]): Lane<V> => ({ votes, start: 0, held: 0 });

/**
 * The rule kept current vote by vote: each case keeps its lanes (per network, and of fresh single-case devices)
 * with the window's start and how far each is already held, so a burst that goes on holds each vote once and a new
 * vote costs only the votes it slides out of the window. The board's refresh keeps one per round for the last
 * minutes of votes (recent-votes.ts): re-sorting and re-reading ten minutes of every voted case each half second
 * grew with the stream (a quarter of a second per refresh after a minute at 3,000 votes/s) until the refresh took
 * the server's time from the votes themselves.
 *
 * Votes must come in time order per case (`lastAt` says where a case is; a late vote means `forget` and adding the
 * case's votes again). A device that votes for another case is no longer a fresh single-case device:
 * `lostFreshness` takes its earlier votes out of their fresh lanes, as reading the rule from the database again would.
 */
export class BurstDetector<V extends VoteSignal> {
  private readonly cases = new Map<string, CaseLanes<V>>();
  /** Votes that count in their case's fresh lane now. */
  private readonly freshNow = new Set<V>();
  private readonly win: number;

  constructor(private readonly p: BrigadePolicy = DEFAULT_POLICY) {
    this.win = p.windowMinutes * 60_000;
  }

  /** The time of the case's last vote added (-Infinity for a case without any). */
  lastAt(caseId: string): number {
    return this.cases.get(caseId)?.lastAt ?? -Infinity;
  }

  /** Adds a vote (not earlier than the case's last one); returns the votes it newly holds, itself included. */
  push(v: V): Hold<V>[] {
    let c = this.cases.get(v.caseId);
    if (!c) this.cases.set(v.caseId, (c = { networks: new Map(), fresh: lane(), freshCount: 0, lastAt: -Infinity }));
    c.lastAt = v.at;
    let net = c.networks.get(v.network);
    if (!net) c.networks.set(v.network, (net = lane(v)));
    else net.votes.push(v);
    this.slide(net, v.at);
    if (isFresh(v, this.p)) {
      c.fresh.votes.push(v);
      this.freshNow.add(v);
      c.freshCount++;
    }
    this.slide(c.fresh, v.at, c);
    const holds: Hold<V>[] = [];
    const r = holdReason({ sameNetwork: net.votes.length - net.start, freshSingleCase: c.freshCount }, this.p);
    if (r === 'network_burst') this.hold(net, r, holds, false);
    if (r === 'fresh_devices') this.hold(c.fresh, r, holds, true);
    return holds;
  }

  /** The device of `v` has voted for another case: `v` no longer counts as a fresh single-case device's vote. */
  lostFreshness(v: V): void {
    const c = this.cases.get(v.caseId);
    if (c) this.uncount(v, c);
  }

  /** Forgets a case, to add its votes again in time order (after a late vote). */
  forget(caseId: string): void {
    const c = this.cases.get(caseId);
    if (!c) return;
    for (const v of c.fresh.votes) this.freshNow.delete(v);
    this.cases.delete(caseId);
  }

  /** Drops votes older than `before` (ms): they can no longer be in any window (the refresh keeps one and a minute). */
  prune(before: number): void {
    for (const [caseId, c] of this.cases) {
      for (const [n, l] of c.networks) {
        this.trim(l, before);
        if (!l.votes.length) c.networks.delete(n);
      }
      this.trim(c.fresh, before, c);
      if (!c.networks.size) this.cases.delete(caseId);
    }
  }

  private trim(l: Lane<V>, before: number, freshOf?: CaseLanes<V>): void {
    let k = 0;
    while (k < l.votes.length && l.votes[k]!.at < before) {
      if (freshOf) this.uncount(l.votes[k]!, freshOf);
      k++;
    }
    if (!k) return;
    l.votes.splice(0, k);
    l.start = Math.max(0, l.start - k);
    l.held = Math.max(0, l.held - k);
  }

  private slide(l: Lane<V>, at: number, freshOf?: CaseLanes<V>): void {
    while (l.start < l.votes.length && at - l.votes[l.start]!.at >= this.win) {
      const gone = l.votes[l.start++]!;
      if (freshOf) this.uncount(gone, freshOf);
    }
  }

  /** `v` stops counting in its case's fresh lane (it left the window or its device voted elsewhere). */
  private uncount(v: V, c: CaseLanes<V>): void {
    if (this.freshNow.delete(v)) c.freshCount--;
  }

  private hold(l: Lane<V>, reason: HoldReason, into: Hold<V>[], freshOnly: boolean): void {
    for (let k = Math.max(l.start, l.held); k < l.votes.length; k++) {
      const v = l.votes[k]!;
      if (!freshOnly || this.freshNow.has(v)) into.push({ vote: v, reason });
    }
    l.held = l.votes.length;
  }
}

/**
 * The same rule over a whole stream (sorted by time), as the service applies it vote by vote, with retroactive
 * holds: returns the votes that count and each held vote's reason (the first that caught it).
 */
export function classifyStream(
  votes: VoteSignal[],
  p: BrigadePolicy = DEFAULT_POLICY,
): { counted: boolean[]; reasons: (HoldReason | null)[] } {
  const detector = new BurstDetector<VoteSignal>(p);
  const index = new Map(votes.map((v, i) => [v, i]));
  const reasons: (HoldReason | null)[] = votes.map(() => null);
  for (const v of votes) for (const h of detector.push(v)) reasons[index.get(h.vote)!] ??= h.reason;
  return { counted: reasons.map((r) => r === null), reasons };
}
