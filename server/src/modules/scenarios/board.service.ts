import crypto from 'node:crypto';
import {
  SCENARIOS_PERMISSIONS as P,
  COMPONENT_NAMES,
  type Board,
  type BoardQuery,
  type Round,
  type RoundInput,
  type Standing,
  type Why,
} from '@zhicheng/contracts/scenarios';
import { isSystem, type RequestContext } from '../../platform/authorization/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { roundPrior, scoreCase, whyAbove, type RoundPrior, type Scored } from './board.ts';
import {
  BoardRepository,
  standingKey,
  type BoardRow,
  type StandingWrite,
  type TallyRow,
  type WindowVote,
} from './board.repository.ts';
import { DEFAULT_POLICY, type BrigadePolicy, type Hold, type HoldReason } from './brigading.ts';
import type { CasesService } from './cases.service.ts';
import { RecentVotes } from './recent-votes.ts';
import { scenariosError } from './scenarios.errors.ts';
import type { RoundRow } from './scenarios.tables.ts';

const ROUND_WHAT = { zh: '打榜轮次', en: 'Round' };

export const toRound = (r: RoundRow): Round => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  startsOn: r.startsOn,
  endsOn: r.endsOn,
  status: r.status,
  weights: r.weights,
  priorReviews: r.priorReviews,
  previousRoundId: r.previousRoundId,
  demo: r.isDemo,
  computedAt: r.computedAt?.toISOString() ?? null,
  closedAt: r.closedAt?.toISOString() ?? null,
});

/**
 * The board: rounds, the full recompute, the incremental refresh that keeps a case's rank current within a second
 * of a vote or review, and the public, explained boards.
 */
export class BoardService {
  readonly repo: BoardRepository;
  /** The last minutes of votes, for the refresh (recent-votes.ts). */
  private recent: RecentVotes | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly cases: CasesService,
    readonly policy: BrigadePolicy = DEFAULT_POLICY,
  ) {
    this.repo = new BoardRepository(platform.db);
  }

  // ------------------------------------------------------------------------------------------ rounds

  async rounds(ctx: RequestContext): Promise<{ items: Round[] }> {
    this.platform.authz.require(ctx.actor, P.read);
    return { items: (await this.repo.rounds()).map(toRound) };
  }

  async createRound(ctx: RequestContext, input: RoundInput, opts: { demo?: boolean } = {}): Promise<Round> {
    await this.assertConfigure(ctx);
    const row = await this.platform.db.transaction(async (tx) => {
      if (await this.repo.openRound()) throw scenariosError('scenarios_round_open');
      const previous = await this.repo.lastClosed();
      const r: RoundRow = {
        id: crypto.randomUUID(),
        name: input.name,
        kind: input.kind,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        status: 'open',
        weights: input.weights,
        priorReviews: input.priorReviews,
        priorMean: null,
        priorSd: null,
        previousRoundId: previous?.id ?? null,
        voteWatermarkTxid: '0',
        voteWatermark: 0,
        refreshGeneration: 0,
        isDemo: opts.demo ?? false,
        createdBy: ctx.actor?.userId ?? null,
        createdAt: this.platform.clock.now(),
        closedAt: null,
        computedAt: null,
      };
      await this.repo.insertRound(r);
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.round.create',
        objectType: 'scenarios.round',
        objectId: r.id,
        after: input,
      });
      return r;
    });
    await this.recompute(row.id);
    return toRound((await this.repo.round(row.id))!);
  }

  /** Closes a round: a last refresh and recompute, then its ranks are frozen for the next round's movement. */
  async closeRound(ctx: RequestContext, id: string): Promise<Round> {
    await this.assertConfigure(ctx);
    await this.refresh(id);
    await this.recompute(id);
    await this.platform.db.transaction(async (tx) => {
      const r = await this.repo.round(id, { forUpdate: true });
      if (!r) throw notFound(ROUND_WHAT);
      if (r.status !== 'open') throw scenariosError('scenarios_round_closed');
      await this.repo.freezeRanks(id);
      await this.repo.updateRound(id, { status: 'closed', closedAt: this.platform.clock.now() });
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.round.close',
        objectType: 'scenarios.round',
        objectId: id,
      });
    });
    return toRound((await this.repo.round(id))!);
  }

  async recomputeAs(ctx: RequestContext, id: string) {
    await this.assertConfigure(ctx);
    await this.refresh(id);
    const started = performance.now();
    const cases = await this.recompute(id);
    await this.platform.audit.record(this.platform.db, ctx, {
      action: 'scenarios.round.recompute',
      objectType: 'scenarios.round',
      objectId: id,
      after: { cases },
    });
    return { cases, ms: Math.round(performance.now() - started) };
  }

  /** The province configures the board; the platform itself (the demo loader) may too. */
  private async assertConfigure(ctx: RequestContext): Promise<void> {
    if (isSystem(ctx)) return;
    await this.platform.authz.assertCovers(ctx.actor, P.configure, this.platform.config.provinceCode);
  }

  /** A case just accepted joins the open round's board at the next refresh. */
  /** A case merged into another leaves the open round's board (closed rounds keep their final ranks). */
  async caseRetired(caseId: string): Promise<void> {
    const r = await this.repo.openRound();
    if (r) await this.repo.dropStanding(r.id, caseId);
  }

  async caseAccepted(caseId: string): Promise<void> {
    const r = await this.repo.openRound();
    if (r) await this.repo.markDirty(r.id, [caseId]);
  }

  async openRound(): Promise<RoundRow> {
    const r = await this.repo.openRound();
    if (!r) throw scenariosError('scenarios_no_open_round');
    return r;
  }

  // ------------------------------------------------------------------------------------------ scoring

  async recomputeOpen(): Promise<number> {
    const r = await this.repo.openRound();
    return r ? this.recompute(r.id) : 0;
  }

  /** Every accepted case's standing in the round, from scratch. Returns how many cases were scored. */
  async recompute(roundId: string): Promise<number> {
    const r = await this.repo.round(roundId);
    if (!r) throw notFound(ROUND_WHAT);
    const tallies = await this.repo.tallies(r);
    const prior = roundPrior(await this.repo.reviewTotals(r.id), r.priorReviews);
    const current = await this.repo.standingKeys(r.id);
    await this.repo.upsertStandings(
      r.id,
      tallies
        .map((t) => standingOf(t, scoreCase(t, r.weights, prior)))
        .filter((w) => current.get(w.caseId) !== standingKey(w)),
      this.platform.clock.now(),
    );
    await this.repo.updateRound(r.id, { computedAt: this.platform.clock.now() });
    return tallies.length;
  }

  /**
   * The incremental path, run by a job every half second (and by tests directly): new votes are checked for bursts
   * (a burst's votes are held, earlier ones too), then every case with newly counted (or newly held, once counted)
   * votes, a new review, a released hold or a confirmed replication gets its standing recomputed. One instance at
   * a time per round (SKIP LOCKED).
   */
  async refresh(roundId?: string): Promise<{ votes: number; cases: number }> {
    try {
      return await this.refreshOnce(roundId);
    } catch (err) {
      this.recent = null;
      throw err;
    }
  }

  /** The recent votes of the round, kept while this instance's copy is the round's current generation. */
  private recentVotes(r: RoundRow): RecentVotes {
    const g = r.refreshGeneration;
    if (!this.recent || this.recent.roundId !== r.id || this.recent.generation !== g || this.recent.full)
      this.recent = new RecentVotes(r.id, g, this.policy);
    return this.recent;
  }

  private async refreshOnce(roundId?: string): Promise<{ votes: number; cases: number }> {
    const id = roundId ?? (await this.repo.openRound())?.id;
    if (!id) return { votes: 0, cases: 0 };
    return this.platform.db.transaction(async () => {
      const r = await this.repo.round(id, { skipLocked: true });
      if (!r) return { votes: 0, cases: 0 };
      await this.repo.withoutJit();
      const { votes: pending, through } = await this.repo.arrivedVotes(r, 20_000);
      const dirty = new Set(await this.repo.takeDirty(r.id));
      if (pending.length) {
        const caseIds = [...new Set(pending.map((v) => v.caseId))];
        const win = this.policy.windowMinutes * 60_000;
        const since = Math.min(...pending.map((v) => v.at)) - win;
        const recent = this.recentVotes(r);
        // Each vote the burst rule newly holds, with the first reason that caught it.
        const reasons = new Map<WindowVote, HoldReason>();
        const note = (holds: Hold<WindowVote>[]) => {
          for (const h of holds) if (!reasons.has(h.vote)) reasons.set(h.vote, h.reason);
        };
        const missing = caseIds.filter((c) => !recent.has(c));
        if (missing.length) {
          // A minute more than the window: a vote committed late may be a little older than the ones before it.
          const loaded = await this.repo.windowVotes(r.id, missing, new Date(since - 60_000));
          const byCase = new Map<string, WindowVote[]>(missing.map((c) => [c, []]));
          for (const v of loaded) byCase.get(v.caseId)!.push(v);
          for (const [c, votes] of byCase) note(recent.load(c, votes));
        }
        for (const v of [...pending].sort((a, b) => a.at - b.at || a.id - b.id)) note(recent.classify(v));
        const held = new Map<string, WindowVote[]>();
        for (const [v, reason] of reasons)
          if (v.status !== 'held' && !v.released) {
            const votes = held.get(reason) ?? [];
            votes.push(v);
            held.set(reason, votes);
          }
        const counted = pending.filter((v) => !reasons.has(v));
        await this.repo.setVoteStatus(
          counted.map((v) => v.id),
          'counted',
          null,
        );
        for (const [reason, votes] of held)
          await this.repo.setVoteStatus(
            votes.map((v) => v.id),
            'held',
            reason,
          );
        // Each case's tally follows its votes' statuses: counted (from pending), held (from pending or counted).
        const deltas = new Map<string, { caseId: string; up: number; total: number; held: number }>();
        const delta = (v: WindowVote) => {
          let d = deltas.get(v.caseId);
          if (!d) deltas.set(v.caseId, (d = { caseId: v.caseId, up: 0, total: 0, held: 0 }));
          return d;
        };
        for (const v of counted) {
          delta(v).total++;
          if (v.approve) delta(v).up++;
        }
        for (const votes of held.values())
          for (const v of votes) {
            delta(v).held++;
            if (v.status === 'counted') {
              delta(v).total--;
              if (v.approve) delta(v).up--;
            }
          }
        await this.repo.addToTallies(r.id, [...deltas.values()]);
        // Every new vote read above is now counted or held: the round's mark moves past them.
        const generation = await this.repo.bumpGeneration(r.id, through);
        // The copy follows the database only once every write above has been made (a failure drops it, below;
        // a rollback after this leaves the round's generation behind the copy's, which drops it next time).
        for (const v of counted) v.status = 'counted';
        for (const votes of held.values()) for (const v of votes) v.status = 'held';
        recent.generation = generation;
        // The window and a minute: a vote committed late is at most that much older than the newest (as loaded above).
        recent.prune(this.platform.clock.now().getTime() - win - 60_000);
        // Only a change in counted votes moves a score; a held vote changes the tally's held count alone, which the
        // board reads from the tally, so a burst being held costs no standing writes.
        for (const d of deltas.values()) if (d.up || d.total) dirty.add(d.caseId);
      }
      if (dirty.size) {
        const tallies = await this.repo.tallies(r, [...dirty]);
        const prior = storedPrior(r);
        await this.repo.upsertStandings(
          r.id,
          tallies.map((t) => standingOf(t, scoreCase(t, r.weights, prior))),
          this.platform.clock.now(),
        );
      }
      return { votes: pending.length, cases: dirty.size };
    });
  }

  // ------------------------------------------------------------------------------------------ reading

  /** A board (overall, a domain's, a city's) with each case's components, interval, movement and why. */
  async board(q: BoardQuery): Promise<Board> {
    const r = q.round
      ? await this.repo.round(q.round)
      : ((await this.repo.openRound()) ?? (await this.repo.lastClosed()));
    if (!r) return { round: null, items: [], total: 0, page: q.page, pageSize: q.pageSize };
    // One more row than the page: the last case's neighbour below.
    const rows = await this.repo.board(
      r,
      { domain: q.domain, city: q.city },
      { limit: q.pageSize + 1, offset: (q.page - 1) * q.pageSize },
    );
    const shown = rows.slice(0, q.pageSize);
    const standings = await this.toStandings(shown);
    return {
      round: toRound(r),
      items: standings.map((s, i) => ({ ...s, why: explain(shown[i]!, rows[i + 1], standings[i + 1]?.title ?? null) })),
      total: rows[0]?.total ?? 0,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** One case's place on the overall board of a round (the open one by default), with its neighbour below. */
  async standingOf(caseId: string, roundId?: string): Promise<(Standing & { why: Why | null }) | null> {
    const r = roundId
      ? await this.repo.round(roundId)
      : ((await this.repo.openRound()) ?? (await this.repo.lastClosed()));
    if (!r) return null;
    const [mine] = await this.repo.board(r, { caseId }, { limit: 1, offset: 0 });
    if (!mine) return null;
    // The neighbour below is the next row in board order (its position, not its rank: ties share a rank).
    const around = await this.repo.board(r, {}, { limit: 1, offset: mine.pos });
    const below = around[0];
    const list = await this.toStandings(below ? [mine, below] : [mine]);
    return { ...list[0]!, why: explain(mine, below, list[1]?.title ?? null) };
  }

  private async toStandings(rows: BoardRow[]): Promise<Standing[]> {
    if (!rows.length) return [];
    const summaries = new Map(
      (await this.cases.summaries(await this.cases.repo.byIds(rows.map((r) => r.caseId)))).map((c) => [c.id, c]),
    );
    return rows.map((r) => {
      const c = summaries.get(r.caseId);
      return {
        rank: r.rank,
        caseId: r.caseId,
        title: c?.title ?? '',
        regionName: c?.regionName ?? '',
        cityName: c?.cityName ?? '',
        domain: r.domain,
        domainName: c?.domainName ?? r.domain,
        score: r.score,
        low: r.low,
        high: r.high,
        components: r.components,
        votesUp: r.votesUp,
        votesTotal: r.votesTotal,
        votesHeld: r.votesHeld,
        reviewCount: r.reviewCount,
        replications: r.replications,
        movement: r.previousRank === null || r.previousRank === undefined ? null : r.previousRank - r.rank,
        demo: c?.demo ?? false,
      };
    });
  }
}

/** The prior of the last full recompute (before the first: no reviews yet, the default). */
function storedPrior(r: RoundRow): RoundPrior {
  if (r.priorMean === null || r.priorSd === null) return roundPrior({ sum: 0, sumSq: 0, n: 0 }, r.priorReviews);
  return { meanReview: r.priorMean, sdReview: r.priorSd, priorReviews: r.priorReviews };
}

function standingOf(t: TallyRow, s: Scored): StandingWrite {
  return {
    caseId: t.caseId,
    domain: t.domain,
    cityCode: t.cityCode,
    score: s.score,
    low: s.low,
    high: s.high,
    components: s.components,
    evidence: s.evidence,
    votesUp: t.votesUp,
    votesTotal: t.votesTotal,
    reviewCount: t.reviewCount,
    reviewSum: t.reviewSum,
    replications: t.replications,
    monthlyUsage: t.monthlyUsage,
  };
}

const asScored = (r: BoardRow): Scored => ({
  caseId: r.caseId,
  score: r.score,
  low: r.low,
  high: r.high,
  components: r.components,
  evidence: r.evidence,
});

/** Why a case stands above the next one, in numbers and in words. */
export function explain(a: BoardRow, below: BoardRow | undefined, belowTitle: string | null): Why | null {
  if (!below) return null;
  const w = whyAbove(asScored(a), asScored(below));
  const fmt = (x: number) => (x > 0 ? `+${x.toFixed(2)}` : x.toFixed(2));
  const parts = w.differences.slice(0, 3);
  const overlap = a.low <= below.high;
  const zh = w.tie
    ? `与下一名「${belowTitle}」得分相同,并列第 ${a.rank} 名`
    : `比下一名「${belowTitle}」高 ${w.margin.toFixed(2)} 分,主要来自${parts.map((d) => `${COMPONENT_NAMES[d.component].zh} ${fmt(d.points)}`).join('、')}` +
      (overlap ? ';两者的不确定区间重叠,名次差别不显著' : '');
  const en = w.tie
    ? `Tied with the next case, “${belowTitle}”, at rank ${a.rank}`
    : `${w.margin.toFixed(2)} points above “${belowTitle}”, mostly from ${parts.map((d) => `${COMPONENT_NAMES[d.component].en} ${fmt(d.points)}`).join(', ')}` +
      (overlap ? '; their uncertainty intervals overlap, so the order is not decisive' : '');
  return {
    neighbour: { caseId: below.caseId, title: belowTitle ?? '', rank: below.rank },
    margin: w.margin,
    tie: w.tie,
    differences: w.differences,
    text: { zh, en },
  };
}
