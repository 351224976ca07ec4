import crypto from 'node:crypto';
import { SCENARIOS_PERMISSIONS as P, type HeldDecision, type VoteReceipt } from '@zhicheng/contracts/scenarios';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { BoardService } from './board.service.ts';
import type { CasesService } from './cases.service.ts';
import type { RoundRow } from './scenarios.tables.ts';
import { scenariosError } from './scenarios.errors.ts';

/** The network a client votes from: IPv4 /24, IPv6 /48 (a household's or an office's, not a person's). */
export function networkOf(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const parts = ip.split(':');
  return `${parts.slice(0, 3).join(':')}::/48`;
}

/** A new device's cookie: the second it was issued (ten digits), then 122 random bits from the CSPRNG. */
export const newDeviceToken = (now: Date) => `${Math.floor(now.getTime() / 1000)}-${crypto.randomUUID()}`;

/**
 * The device as stored (votes and a verified phone are both keyed by it): an HMAC of its cookie, led by the cookie's
 * issue second when it has one. New devices' keys then arrive in order, so the device key and the one-vote-per-device
 * index grow at their right edges, a few pages kept in memory. A purely random key is written all over both indexes:
 * under a steady stream of votes they outgrow PostgreSQL's buffers, and every vote then reads pages back and writes
 * full-page images to the WAL. The second is no secret the database did not hold: the device row keeps its first
 * vote's time. Cookies issued before the prefix (random UUIDs) keep their plain HMAC.
 */
export function deviceDigest(platform: Platform, token: string): string {
  const issued = /^(\d{10})-/.exec(token)?.[1];
  const digest = platform.protector.digest({ device: token });
  return issued ? issued + digest : digest;
}

type Outcome = 'inserted' | 'duplicate' | 'refused';
interface QueuedVote {
  roundId: string;
  caseId: string;
  device: string;
  network: string;
  approve: boolean;
  at: Date;
  resolve(o: { outcome: Outcome; verified: boolean }): void;
  reject(err: unknown): void;
}

/** How long the open round's id is reused without asking the database (the insert checks it is still open). */
const ROUND_TTL_MS = 1_000;

/**
 * Public votes: one per device per case per round (the device is the random cookie the server gave it, kept only
 * as an HMAC; the network likewise), rate-limited per address by the route, recorded as pending and counted only
 * after the burst check in the board's refresh. Moderators release or reject what the check held.
 *
 * Votes are group-committed, as the rate limiter's hits are: a vote arriving while a batch is being written waits
 * for the next one, which records every waiting vote in one statement. A lone vote goes straight out, so a quiet
 * server adds no latency, and a busy board pays one commit per batch instead of one per vote.
 */
export class VotesService {
  private queue: QueuedVote[] = [];
  /** Batches in flight: two, so one fills while the other commits. */
  private inFlight = 0;
  private round: { id: string; until: number } | null = null;
  private asking: Promise<RoundRow | undefined> | null = null;
  private readonly networks = new Map<string, string>();

  constructor(
    private readonly platform: Platform,
    private readonly cases: CasesService,
    private readonly board: BoardService,
  ) {}

  async vote(ctx: RequestContext, caseId: string, approve: boolean, deviceToken: string): Promise<VoteReceipt> {
    const vote = {
      caseId: caseId.toLowerCase(),
      device: deviceDigest(this.platform, deviceToken),
      network: this.networkDigest(networkOf(ctx.ip)),
      approve,
      at: this.platform.clock.now(),
    };
    let outcome: Outcome = 'refused';
    let verified = false;
    // A cached round may have closed since: a refusal asks the database once more before it is believed.
    for (const cached of [true, false]) {
      const roundId = await this.openRoundId(cached);
      if (!roundId) throw scenariosError('scenarios_no_open_round');
      ({ outcome, verified } = await this.enqueue(roundId, vote));
      if (outcome !== 'refused' || !cached) break;
    }
    if (outcome === 'refused') {
      await this.cases.load(caseId); // 404 for an unknown case
      throw scenariosError('scenarios_not_on_board');
    }
    // A vote is not audited one by one (it is anonymous and the vote row is its record); holds and releases are.
    return { recorded: outcome === 'inserted', status: outcome === 'inserted' ? 'pending' : 'duplicate', verified };
  }

  /** The network's HMAC, remembered for recent networks (many voters share a carrier's or an office's). */
  private networkDigest(network: string): string {
    let d = this.networks.get(network);
    if (d === undefined) {
      if (this.networks.size >= 10_000) this.networks.clear();
      d = this.platform.protector.digest({ network });
      this.networks.set(network, d);
    }
    return d;
  }

  private async openRoundId(cached: boolean): Promise<string | null> {
    const now = performance.now();
    if (cached && this.round && now < this.round.until) return this.round.id;
    // One question at a time: when the cached id expires under load, hundreds of votes arrive before the answer.
    this.asking ??= this.board.repo.openRound().finally(() => (this.asking = null));
    const r = await this.asking;
    this.round = r ? { id: r.id, until: performance.now() + ROUND_TTL_MS } : null;
    return r?.id ?? null;
  }

  private enqueue(
    roundId: string,
    v: Omit<QueuedVote, 'roundId' | 'resolve' | 'reject'>,
  ): Promise<{ outcome: Outcome; verified: boolean }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...v, roundId, resolve, reject });
      if (this.inFlight < 2) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.inFlight++;
    while (this.queue.length) {
      const batch = this.queue.splice(0, 1000);
      // One statement per round (there is one open round; a batch spans two only while a round changes), and a
      // second vote of the same device for the same case in one batch is that vote's duplicate.
      const byRound = new Map<string, QueuedVote[]>();
      for (const v of batch) {
        const votes = byRound.get(v.roundId);
        if (votes) votes.push(v);
        else byRound.set(v.roundId, [v]);
      }
      for (const [roundId, votes] of byRound) {
        const first = new Map<string, QueuedVote>();
        const repeats: QueuedVote[] = [];
        for (const v of votes) {
          const key = `${v.caseId}|${v.device}`;
          if (first.has(key)) repeats.push(v);
          else first.set(key, v);
        }
        const unique = [...first.values()];
        try {
          const outcomes = await this.board.repo.insertVotes(roundId, unique);
          unique.forEach((v, i) => v.resolve(outcomes[i]!));
          for (const v of repeats) {
            const o = outcomes[unique.indexOf(first.get(`${v.caseId}|${v.device}`)!)]!;
            v.resolve({ outcome: o.outcome === 'refused' ? 'refused' : 'duplicate', verified: false });
          }
        } catch (err) {
          votes.forEach((v) => v.reject(err));
        }
      }
    }
    this.inFlight--;
  }

  async held(ctx: RequestContext, roundId: string) {
    await this.platform.authz.assertCovers(ctx.actor, P.configure, this.platform.config.provinceCode);
    const groups = await this.board.repo.heldGroups(roundId);
    const titles = new Map((await this.cases.repo.byIds(groups.map((g) => g.case_id))).map((c) => [c.id, c.title]));
    return {
      items: groups.map((g) => ({
        caseId: g.case_id,
        title: titles.get(g.case_id) ?? '',
        reason: g.reason,
        votes: g.votes,
        first: new Date(g.first).toISOString(),
        last: new Date(g.last).toISOString(),
      })),
    };
  }

  async decideHeld(ctx: RequestContext, roundId: string, d: HeldDecision): Promise<{ changed: number }> {
    await this.platform.authz.assertCovers(ctx.actor, P.configure, this.platform.config.provinceCode);
    return this.platform.db.transaction(async (tx) => {
      const changed = await this.board.repo.decideHeld(
        roundId,
        d.caseId,
        d.reason,
        d.decision === 'release' ? 'counted' : 'rejected',
      );
      await this.board.repo.markDirty(roundId, [d.caseId]);
      await this.platform.audit.record(tx, ctx, {
        action: `scenarios.votes.${d.decision}`,
        objectType: 'scenarios.case',
        objectId: d.caseId,
        after: { roundId, reason: d.reason, changed },
      });
      return { changed };
    });
  }
}
