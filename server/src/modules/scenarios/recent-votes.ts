import type { WindowVote } from './board.repository.ts';
import { BurstDetector, type BrigadePolicy, type Hold } from './brigading.ts';

/**
 * Past this many votes (about 1.4 GB at 0.47 kB each) the cache is dropped and the refresh reads windows from the
 * database again, which under a steady stream is slower than the stream. Kept votes span the window and one to two
 * minutes more, so the cache holds a stream of up to ~4,500 votes/s indefinitely, and a faster one for
 * 3,000,000 / rate seconds (about 6.5 minutes at 7,500 votes/s, the vote bench's best).
 */
const MAX_VOTES = 3_000_000;

/**
 * The last minutes of votes per case, kept by the instance that runs the board's refresh, so that each half-second
 * refresh reads only its new (pending) votes instead of ten minutes of every voted case again — under a steady
 * stream that re-read grew with the stream and took the server's time from the votes themselves.
 *
 * A case's window is complete once loaded from the database; after that the refresh adds each vote it classifies.
 * The cache is valid only for the round generation it was built at: every refresh, and every moderator's release or
 * rejection, bumps the round's `refresh_generation`, so a cache that missed a change (another instance refreshed, a
 * moderator decided) is dropped and rebuilt from the database.
 */
export class RecentVotes {
  private readonly byCase = new Map<string, WindowVote[]>();
  /** A device's votes in the window: the vote itself while it is the only one (most devices vote once). */
  private readonly byDevice = new Map<string, WindowVote | WindowVote[]>();
  /**
   * One copy of each case id and network digest (the driver gives every row its own strings): with the single-vote
   * device above and exact-size lanes, a kept vote takes about 0.47 kB instead of 0.93.
   */
  private strings = new Map<string, string>();
  private readonly bursts: BurstDetector<WindowVote>;
  private count = 0;
  private prunedTo = -Infinity;

  constructor(
    readonly roundId: string,
    public generation: number,
    policy?: BrigadePolicy,
  ) {
    this.bursts = new BurstDetector<WindowVote>(policy);
  }

  get size(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count > MAX_VOTES;
  }

  /** Whether the case's window has been loaded (a case with no recent votes is loaded as empty). */
  has(caseId: string): boolean {
    return this.byCase.has(caseId);
  }

  /**
   * A case's window as the database has it (classified votes only, in time order; pending ones arrive through
   * `classify`). Returns what the burst rule holds among them.
   */
  load(caseId: string, votes: WindowVote[]): Hold<WindowVote>[] {
    this.byCase.set(caseId, []);
    // The database's counts of each device's other cases are current: nothing to adjust.
    for (const v of votes) this.insert(v, false);
    return this.replay(caseId);
  }

  /**
   * A new vote (its case loaded): kept, and put to the burst rule. Returns the votes it newly holds (itself, or
   * earlier ones of its burst). A vote earlier than its case's last one (a batch committed late) rebuilds the case's
   * lanes from its window in time order.
   */
  classify(v: WindowVote): Hold<WindowVote>[] {
    this.insert(v, true);
    if (v.at >= this.bursts.lastAt(v.caseId)) return this.bursts.push(v);
    return this.replay(v.caseId);
  }

  /** Puts a case's whole window to the burst rule again, in time order; returns what it holds. */
  private replay(caseId: string): Hold<WindowVote>[] {
    this.bursts.forget(caseId);
    return (this.byCase.get(caseId) ?? []).flatMap((v) => this.bursts.push(v));
  }

  /** The case's votes at or after `since`, in time order. */
  window(caseId: string, since: number): WindowVote[] {
    return (this.byCase.get(caseId) ?? []).filter((v) => v.at >= since);
  }

  /**
   * Keeps a vote in its case's window. A device's vote for another case makes its earlier votes no longer
   * single-case (the freshness rule reads that), as the database's count would.
   */
  private insert(v: WindowVote, adjust: boolean): void {
    v.caseId = this.shared(v.caseId);
    v.network = this.shared(v.network);
    const list = this.byCase.get(v.caseId) ?? [];
    if (!this.byCase.has(v.caseId)) this.byCase.set(v.caseId, list);
    // Votes arrive nearly in time order; a late commit is put in its place.
    let i = list.length;
    while (i > 0 && (list[i - 1]!.at > v.at || (list[i - 1]!.at === v.at && list[i - 1]!.id > v.id))) i--;
    list.splice(i, 0, v);
    const kept = this.byDevice.get(v.device);
    const mine = kept === undefined ? [] : Array.isArray(kept) ? kept : [kept];
    if (adjust)
      for (const o of mine) if (o.caseId !== v.caseId && o.deviceOtherCases++ === 0) this.bursts.lostFreshness(o);
    mine.push(v);
    this.byDevice.set(v.device, mine.length === 1 ? v : mine);
    this.count++;
  }

  private shared(s: string): string {
    const kept = this.strings.get(s);
    if (kept !== undefined) return kept;
    this.strings.set(s, s);
    return s;
  }

  /** Forgets votes older than `before` (ms). */
  prune(before: number): void {
    // Memory only (a vote out of the window no longer counts anyway): once a minute, not on every refresh, since it
    // walks every lane — unless the cache is full, when pruning now may save it from being dropped.
    if (before - this.prunedTo < 60_000 && !this.full) return;
    this.prunedTo = before;
    this.strings = new Map();
    this.bursts.prune(before);
    for (const [caseId, list] of this.byCase) {
      let k = 0;
      while (k < list.length && list[k]!.at < before) k++;
      if (k) {
        for (const v of list.slice(0, k)) this.forgetDevice(v);
        this.count -= k;
        this.byCase.set(caseId, list.slice(k));
      }
    }
  }

  private forgetDevice(v: WindowVote): void {
    const kept = this.byDevice.get(v.device);
    if (kept === v) this.byDevice.delete(v.device);
    else if (Array.isArray(kept)) {
      const rest = kept.filter((o) => o !== v);
      this.byDevice.set(v.device, rest.length === 1 ? rest[0]! : rest);
    }
  }
}
