import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, queryRowsPrepared, type Db } from '../../platform/database/index.ts';
import type { CaseTally } from './board.ts';
import {
  dirtyCase,
  expertAssignment,
  review,
  round,
  standing,
  type RoundRow,
  type StandingComponents,
  type VoteStatus,
} from './scenarios.tables.ts';

export interface TallyRow extends CaseTally {
  domain: string;
  cityCode: string;
}

export interface StandingWrite {
  caseId: string;
  domain: string;
  cityCode: string;
  score: number;
  low: number;
  high: number;
  components: StandingComponents;
  evidence: number;
  votesUp: number;
  votesTotal: number;
  reviewCount: number;
  reviewSum: number;
  replications: number;
  monthlyUsage: number;
}

/** What a standing write sets, as one string (object keys sorted, so the database's jsonb order does not matter). */
export function standingKey(w: StandingWrite): string {
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, x]) => [k, sorted(x)]),
        )
      : v;
  return JSON.stringify(sorted(w));
}

export interface BoardRow extends StandingWrite {
  /** Votes held for a moderator: from the case's tally (a held vote changes no score, so no standing is written). */
  votesHeld: number;
  rank: number;
  /** 1-based position in board order (ties broken by evidence, then id). */
  pos: number;
  previousRank: number | null;
  total: number;
}

export interface WindowVote {
  id: number;
  caseId: string;
  network: string;
  device: string;
  approve: boolean;
  at: number;
  deviceFirstSeen: number;
  /** Whether the device has voted for another case: 0 if not, else at least 1 (the burst rule asks only that). */
  deviceOtherCases: number;
  status: VoteStatus;
  /** Held once and released by a moderator: never held again for the same burst. */
  released: boolean;
}

/** All SQL of the board: rounds, votes, reviews, standings. Set-based where the volume is (10 M votes). */
export class BoardRepository {
  constructor(private readonly db: Db) {}

  // ------------------------------------------------------------------------------------------ rounds

  async insertRound(row: typeof round.$inferInsert): Promise<void> {
    await this.db.insert(round).values(row);
  }

  async round(id: string, opts: { forUpdate?: boolean; skipLocked?: boolean } = {}): Promise<RoundRow | undefined> {
    const q = this.db.select().from(round).where(eq(round.id, id));
    // The refresh's lock is NO KEY UPDATE: it keeps a second refresh out but not the votes, whose foreign key on the
    // round takes KEY SHARE (a plain FOR UPDATE made every vote wait for the refresh to commit).
    const [r] = opts.skipLocked
      ? await q.for('no key update', { skipLocked: true })
      : opts.forUpdate
        ? await q.for('update')
        : await q;
    return r;
  }

  async openRound(): Promise<RoundRow | undefined> {
    const [r] = await this.db.select().from(round).where(eq(round.status, 'open'));
    return r;
  }

  async lastClosed(): Promise<RoundRow | undefined> {
    const [r] = await this.db
      .select()
      .from(round)
      .where(eq(round.status, 'closed'))
      .orderBy(desc(round.closedAt))
      .limit(1);
    return r;
  }

  rounds(): Promise<RoundRow[]> {
    return this.db.select().from(round).orderBy(desc(round.startsOn), desc(round.createdAt));
  }

  async updateRound(id: string, patch: Partial<typeof round.$inferInsert>): Promise<void> {
    await this.db.update(round).set(patch).where(eq(round.id, id));
  }

  // ------------------------------------------------------------------------------------------ tallies

  /**
   * What the score needs per accepted case, in one pass: counted votes, reviews, confirmed
   * replications, and the case's monthly use now and when the previous round closed. `caseIds` limits it to some.
   */
  async tallies(r: RoundRow, caseIds?: string[]): Promise<TallyRow[]> {
    const only = caseIds ? sql`AND c.id = ANY(${toUuidArray(caseIds)})` : sql``;
    const onlyV = caseIds ? sql`AND case_id = ANY(${toUuidArray(caseIds)})` : sql``;
    const rows = await queryRows<{
      case_id: string;
      domain: string;
      city_code: string;
      monthly_usage: string | number;
      up: number;
      n: number;
      rn: number;
      rsum: number;
      reps: number;
      prev_usage: string | number | null;
    }>(
      this.db,
      sql`
      SELECT c.id AS case_id, c.domain, c.city_code, c.monthly_usage,
             coalesce(v.up, 0)::int AS up, coalesce(v.n, 0)::int AS n,
             coalesce(rv.n, 0)::int AS rn, coalesce(rv.s, 0)::float8 AS rsum, coalesce(rp.n, 0)::int AS reps,
             prev.monthly_usage AS prev_usage
      FROM scenarios.scenario_case c
      LEFT JOIN (
        SELECT case_id, up, total AS n FROM scenarios.vote_tally WHERE round_id = ${r.id} ${onlyV}
      ) v ON v.case_id = c.id
      LEFT JOIN (
        SELECT case_id, count(*) AS n, sum(total) AS s FROM scenarios.review WHERE round_id = ${r.id} ${onlyV} GROUP BY case_id
      ) rv ON rv.case_id = c.id
      LEFT JOIN (
        SELECT source_case_id, count(*) AS n FROM scenarios.replication
        WHERE status = 'confirmed' AND adopted_on <= ${r.endsOn} GROUP BY source_case_id
      ) rp ON rp.source_case_id = c.id
      LEFT JOIN scenarios.standing prev ON prev.round_id = ${r.previousRoundId} AND prev.case_id = c.id
      WHERE c.status = 'accepted' ${only}`,
    );
    return rows.map((x) => ({
      caseId: x.case_id,
      domain: x.domain,
      cityCode: x.city_code,
      monthlyUsage: Number(x.monthly_usage),
      votesUp: x.up,
      votesTotal: x.n,
      reviewCount: x.rn,
      reviewSum: x.rsum,
      replications: x.reps,
      previousUsage: x.prev_usage === null ? null : Number(x.prev_usage),
    }));
  }

  async reviewTotals(roundId: string): Promise<{ sum: number; sumSq: number; n: number }> {
    const [r] = await queryRows<{ s: number | null; s2: number | null; n: number }>(
      this.db,
      sql`SELECT sum(total)::float8 AS s, sum(total * total)::float8 AS s2, count(*)::int AS n FROM scenarios.review WHERE round_id = ${roundId}`,
    );
    return { sum: r?.s ?? 0, sumSq: r?.s2 ?? 0, n: r?.n ?? 0 };
  }

  /** Writes standings in batches, one JSON parameter each (Drizzle would spread thousands of parameters). */
  /**
   * Each standing of the round as a comparable key of what a write would set (`standingKey`), for the full
   * recompute to send only what changed: the refresh keeps most standings current, and sending 100,000 unchanged
   * rows was most of the recompute's time.
   */
  async standingKeys(roundId: string): Promise<Map<string, string>> {
    const rows = await queryRows<{
      case_id: string;
      domain: string;
      city_code: string;
      score: number;
      low: number;
      high: number;
      components: StandingComponents;
      evidence: number;
      votes_up: number;
      votes_total: number;
      review_count: number;
      review_sum: number;
      replications: number;
      monthly_usage: string | number;
    }>(
      this.db,
      sql`SELECT case_id, domain, city_code, score, low, high, components, evidence, votes_up, votes_total,
                 review_count, review_sum, replications, monthly_usage
          FROM scenarios.standing WHERE round_id = ${roundId}`,
    );
    return new Map(
      rows.map((r) => [
        r.case_id,
        standingKey({
          caseId: r.case_id,
          domain: r.domain,
          cityCode: r.city_code,
          score: Number(r.score),
          low: Number(r.low),
          high: Number(r.high),
          components: r.components,
          evidence: Number(r.evidence),
          votesUp: Number(r.votes_up),
          votesTotal: Number(r.votes_total),
          reviewCount: Number(r.review_count),
          reviewSum: Number(r.review_sum),
          replications: Number(r.replications),
          monthlyUsage: Number(r.monthly_usage),
        }),
      ]),
    );
  }

  async upsertStandings(roundId: string, rows: StandingWrite[], at: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += 5000) {
      const batch = rows.slice(i, i + 5000);
      await this.db.execute(sql`
        INSERT INTO scenarios.standing AS s (round_id, case_id, domain, city_code, score, low, high, components, evidence,
          votes_up, votes_total, review_count, review_sum, replications, monthly_usage, updated_at)
        SELECT ${roundId}::uuid, x."caseId", x.domain, x."cityCode", x.score, x.low, x.high, x.components, x.evidence,
          x."votesUp", x."votesTotal", x."reviewCount", x."reviewSum", x.replications, x."monthlyUsage",
          ${at.toISOString()}::timestamptz
        FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS x("caseId" uuid, domain text, "cityCode" text,
          score float8, low float8, high float8, components jsonb, evidence int, "votesUp" int, "votesTotal" int,
          "reviewCount" int, "reviewSum" float8, replications int, "monthlyUsage" bigint)
        ON CONFLICT (round_id, case_id) DO UPDATE SET domain = EXCLUDED.domain, city_code = EXCLUDED.city_code,
          score = EXCLUDED.score, low = EXCLUDED.low, high = EXCLUDED.high, components = EXCLUDED.components,
          evidence = EXCLUDED.evidence, votes_up = EXCLUDED.votes_up, votes_total = EXCLUDED.votes_total,
          review_count = EXCLUDED.review_count, review_sum = EXCLUDED.review_sum,
          replications = EXCLUDED.replications, monthly_usage = EXCLUDED.monthly_usage, updated_at = EXCLUDED.updated_at
        -- A standing the refresh already keeps current is not rewritten: a full recompute then costs the tally and
        -- the scoring, not 100,000 row versions and their index entries.
        WHERE (s.score, s.low, s.high, s.components, s.evidence, s.votes_up, s.votes_total,
               s.review_count, s.review_sum, s.replications, s.monthly_usage, s.domain, s.city_code)
          IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.low, EXCLUDED.high, EXCLUDED.components, EXCLUDED.evidence,
               EXCLUDED.votes_up, EXCLUDED.votes_total, EXCLUDED.review_count,
               EXCLUDED.review_sum, EXCLUDED.replications, EXCLUDED.monthly_usage, EXCLUDED.domain, EXCLUDED.city_code)`);
    }
  }

  /** Freezes the ranks of a closing round (overall, per domain, per city): the next round's movement reads them. */
  async freezeRanks(roundId: string): Promise<void> {
    await this.db.execute(sql`
      UPDATE scenarios.standing s SET final_rank = r.o, final_domain_rank = r.d, final_city_rank = r.c
      FROM (SELECT case_id,
                   rank() OVER (ORDER BY score DESC) AS o,
                   rank() OVER (PARTITION BY domain ORDER BY score DESC) AS d,
                   rank() OVER (PARTITION BY city_code ORDER BY score DESC) AS c
            FROM scenarios.standing WHERE round_id = ${roundId}) r
      WHERE s.round_id = ${roundId} AND s.case_id = r.case_id`);
  }

  /**
   * One page of a board (overall, a domain's or a city's) with ranks computed now from the scores (so a refreshed
   * score shows its rank at once) and the previous round's frozen rank in the same scope for the movement.
   */
  async board(
    r: RoundRow,
    f: { domain?: string; city?: string; caseId?: string },
    p: { limit: number; offset: number },
  ): Promise<BoardRow[]> {
    const scope = sql.join(
      [
        sql`s.round_id = ${r.id}`,
        ...(f.domain ? [sql`s.domain = ${f.domain}`] : []),
        ...(f.city ? [sql`s.city_code = ${f.city}`] : []),
      ],
      sql` AND `,
    );
    const prevCol = f.city ? sql`p.final_city_rank` : f.domain ? sql`p.final_domain_rank` : sql`p.final_rank`;
    const pick = f.caseId ? sql`WHERE ranked."caseId" = ${f.caseId}` : sql``;
    const rows = await queryRows<BoardRow & { score: number }>(
      this.db,
      sql`
      SELECT * FROM (
        SELECT s.case_id AS "caseId", s.domain, s.city_code AS "cityCode", s.score, s.low, s.high, s.components,
               s.evidence, s.votes_up AS "votesUp", s.votes_total AS "votesTotal", coalesce(t.held, 0)::int AS "votesHeld",
               s.review_count AS "reviewCount", s.review_sum AS "reviewSum", s.replications,
               s.monthly_usage AS "monthlyUsage",
               (rank() OVER (ORDER BY s.score DESC))::int AS rank,
               (row_number() OVER (ORDER BY s.score DESC, s.evidence DESC, s.case_id))::int AS pos,
               ${prevCol} AS "previousRank",
               (count(*) OVER ())::int AS total
        FROM scenarios.standing s
        LEFT JOIN scenarios.standing p ON p.round_id = ${r.previousRoundId} AND p.case_id = s.case_id
        LEFT JOIN scenarios.vote_tally t ON t.round_id = s.round_id AND t.case_id = s.case_id
        WHERE ${scope}
      ) ranked ${pick}
      ORDER BY pos
      ${f.caseId ? sql`` : sql`LIMIT ${p.limit} OFFSET ${p.offset}`}`,
    );
    return rows.map((x) => ({ ...x, monthlyUsage: Number(x.monthlyUsage) }));
  }

  // ------------------------------------------------------------------------------------------ votes

  /**
   * Records a batch of votes for the open round `roundId` in one statement: each device is upserted (first seen
   * kept), a vote is inserted only for an accepted case while the round is open, once per device per case. Returns
   * each vote's outcome in input order. The caller passes at most one vote per (case, device).
   */
  async insertVotes(
    roundId: string,
    votes: { caseId: string; device: string; network: string; approve: boolean; at: Date }[],
  ): Promise<{ outcome: 'inserted' | 'duplicate' | 'refused'; verified: boolean }[]> {
    const rows = votes.map((v, i) => ({
      i,
      case_id: v.caseId,
      device: v.device,
      network: v.network,
      approve: v.approve,
      at: v.at.toISOString(),
    }));
    // One JSON parameter carries the batch (Drizzle would spread a JS array into separate parameters).
    const [r] = await queryRowsPrepared<{ inserted: [string, string, boolean][]; ok: string[] }>(
      this.db,
      'scenarios.insert_votes',
      sql`
      WITH x AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
          AS x(i int, case_id uuid, device text, network text, approve boolean, at timestamptz)
      ), ok AS (
        SELECT c.id FROM scenarios.scenario_case c, scenarios.round r
        WHERE c.id IN (SELECT case_id FROM x) AND c.status = 'accepted' AND r.id = ${roundId} AND r.status = 'open'
      ), d AS (
        -- The device row answers the burst rule's "has this device voted for another case?" (see signals below).
        INSERT INTO scenarios.device AS o (digest, first_seen, last_seen, first_case, several_cases)
        SELECT device, min(at), max(at), min(case_id::text)::uuid, count(DISTINCT case_id) > 1
        FROM x WHERE case_id IN (SELECT id FROM ok) GROUP BY device
        ON CONFLICT (digest) DO UPDATE SET
          last_seen = GREATEST(o.last_seen, EXCLUDED.last_seen),
          first_case = coalesce(o.first_case, EXCLUDED.first_case),
          several_cases = o.several_cases OR EXCLUDED.several_cases OR coalesce(o.first_case <> EXCLUDED.first_case, false)
        RETURNING digest, first_seen, phone
      ), ins AS (
        -- txid: this statement is its transaction's first write, so the transaction held its lock on the vote table
        -- before it had an id (arrivedVotes relies on it).
        INSERT INTO scenarios.vote (round_id, case_id, device, network, approve, status, device_first_seen, created_at,
                                    phone, phone_verified, txid)
        SELECT ${roundId}, x.case_id, x.device, x.network, x.approve, 'pending', d.first_seen, x.at,
               d.phone, d.phone IS NOT NULL, pg_current_xact_id()
        FROM x JOIN d ON d.digest = x.device WHERE x.case_id IN (SELECT id FROM ok)
        ORDER BY x.i
        -- Once per device, and once per verified phone (vote_one_per_phone), per case per round.
        ON CONFLICT DO NOTHING
        RETURNING case_id, device, phone_verified
      )
      SELECT (SELECT coalesce(jsonb_agg(jsonb_build_array(case_id, device, phone_verified)), '[]'::jsonb) FROM ins)
               AS inserted,
             (SELECT coalesce(jsonb_agg(id), '[]'::jsonb) FROM ok) AS ok`,
    );
    const inserted = new Map(r!.inserted.map(([c, d, verified]) => [`${c}|${d}`, verified]));
    const ok = new Set(r!.ok);
    return votes.map((v) => {
      const verified = inserted.get(`${v.caseId}|${v.device}`);
      if (verified !== undefined) return { outcome: 'inserted', verified };
      return { outcome: ok.has(v.caseId) ? 'duplicate' : 'refused', verified: false };
    });
  }

  /**
   * The round's votes that arrived since its refresh last classified (at most `limit`, in arrival order), with what
   * the burst rule reads about each device, and the mark to store once they are classified (null: none arrived).
   *
   * A vote carries its transaction's id, and ids are handed out in order, but transactions end in any order: a
   * vote written by a transaction still running may come out below one already read. So only votes below the
   * horizon are read, the id of the oldest transaction writing votes right now (or, with none, the next id to be
   * handed out): every vote below it has been committed (or rolled back) and no more can arrive there. Which
   * transactions write votes, pg_locks tells (each holds the vote table's lock before it has an id, see
   * insertVotes); others, however long they run (an Excel import, a bulk load), do not hold the horizon back. The
   * horizon is taken in one statement and the votes read in the next, whose snapshot then sees every vote below it.
   */
  async arrivedVotes(
    r: Pick<RoundRow, 'id' | 'voteWatermarkTxid' | 'voteWatermark'>,
    limit: number,
  ): Promise<{ votes: WindowVote[]; through: { txid: string; id: number } | null }> {
    const [h] = await queryRows<{ horizon: string }>(
      this.db,
      sql`WITH s AS (SELECT pg_current_snapshot() AS s),
        writers AS (
          SELECT x.transactionid::text::bigint AS xid
          FROM pg_locks t JOIN pg_locks x ON x.virtualtransaction = t.virtualtransaction AND x.locktype = 'transactionid'
          WHERE t.locktype = 'relation' AND t.relation = 'scenarios.vote'::regclass AND t.mode = 'RowExclusiveLock'
            AND t.pid <> pg_backend_pid()
        )
        SELECT least(pg_snapshot_xmax(s),
                     (SELECT min(x) FROM pg_snapshot_xip(s) x
                      WHERE (x::text::bigint % 4294967296) IN (SELECT xid FROM writers)))::text AS horizon
        FROM s`,
    );
    // One range of the arrival index (round, txid, id; migration 0517), read as the join's outer side: the cost must
    // follow the votes that arrived, not the round's size. Written as `v.id IN (…)`, the planner took the subquery at
    // its LIMIT (20,000 rows) and hashed it against a scan of the whole vote table.
    const rows = await this.signals(
      sql`(SELECT * FROM scenarios.vote
           WHERE round_id = ${r.id} AND txid IS NOT NULL
             AND (txid, id) > (${r.voteWatermarkTxid}::xid8, ${r.voteWatermark}::bigint) AND txid < ${h!.horizon}::xid8
           ORDER BY txid, id LIMIT ${limit}) v`,
      sql`ORDER BY v.txid, v.id`,
    );
    const last = rows.at(-1);
    if (!last) return { votes: rows, through: null };
    // The mark's transaction: asked once per refresh rather than carried by every vote (the refresh keeps votes).
    const [m] = await queryRows<{ txid: string }>(
      this.db,
      sql`SELECT txid::text AS txid FROM scenarios.vote WHERE id = ${last.id}`,
    );
    return { votes: rows, through: { txid: m!.txid, id: last.id } };
  }

  /**
   * The classified votes (counted or held) of some cases since `since`, with what the burst rule reads about each
   * device; new ones come through `arrivedVotes`.
   */
  async windowVotes(roundId: string, caseIds: string[], since: Date): Promise<WindowVote[]> {
    return this.signals(
      sql`scenarios.vote v`,
      sql`WHERE v.round_id = ${roundId} AND v.case_id = ANY(${toUuidArray(caseIds)})
            AND v.created_at >= ${since.toISOString()} AND v.status IN ('counted', 'held')
          ORDER BY v.created_at, v.id`,
    );
  }

  /**
   * Bumps the round's refresh generation (see recent-votes.ts) and returns it; `classified` moves its vote mark past
   * the votes a refresh has just classified (see arrivedVotes).
   */
  async bumpGeneration(roundId: string, classified?: { txid: string; id: number } | null): Promise<number> {
    const mark = classified
      ? sql`, vote_watermark_txid = ${classified.txid}::xid8, vote_watermark = ${classified.id}`
      : sql``;
    const [r] = await queryRows<{ g: string | number }>(
      this.db,
      sql`UPDATE scenarios.round SET refresh_generation = refresh_generation + 1 ${mark} WHERE id = ${roundId}
          RETURNING refresh_generation AS g`,
    );
    return Number(r!.g);
  }

  /** `votes`: the votes to read, aliased `v` (a table or a subquery); `tail`: a WHERE on them and the order. */
  private async signals(votes: SQL, tail: SQL): Promise<WindowVote[]> {
    const rows = await queryRows<{
      id: string | number;
      case_id: string;
      network: string;
      device: string;
      approve: boolean;
      at: Date | string;
      first_seen: Date | string;
      others: number;
      status: VoteStatus;
      released: boolean;
      phone_verified: boolean;
    }>(
      this.db,
      sql`
      SELECT v.id, v.case_id, v.network, v.device, v.approve, v.created_at AS at, v.device_first_seen AS first_seen, v.status,
             v.phone_verified,
             (v.status = 'counted' AND v.hold_reason IS NOT NULL) AS released,
             -- 1 when the device has voted for another case (any round), else 0: the burst rule asks only that.
             -- A vote loaded in bulk without its device row (demo data) has none.
             (CASE WHEN d.several_cases OR d.first_case <> v.case_id THEN 1 ELSE 0 END) AS others
      -- Each vote's device by its key (OFFSET 0 keeps the subquery apart, so it stays a lookup per vote): as a plain
      -- join the planner, expecting as many votes as the arrivals' LIMIT, hashed the whole device table instead.
      FROM ${votes}
      LEFT JOIN LATERAL (SELECT several_cases, first_case FROM scenarios.device WHERE digest = v.device OFFSET 0) d ON true
      ${tail}`,
    );
    return rows.map((x) => ({
      id: Number(x.id),
      caseId: x.case_id,
      network: x.network,
      device: x.device,
      approve: x.approve,
      at: new Date(x.at).getTime(),
      deviceFirstSeen: new Date(x.first_seen).getTime(),
      deviceOtherCases: x.others,
      status: x.status,
      released: x.released,
      verified: x.phone_verified,
    }));
  }

  /** Sets votes' status (a HOT update: no index mentions it or the reason). */
  async setVoteStatus(ids: number[], status: VoteStatus, reason: string | null): Promise<void> {
    for (let i = 0; i < ids.length; i += 10_000)
      await this.db.execute(
        sql`UPDATE scenarios.vote SET status = ${status}, hold_reason = ${reason}
            WHERE id = ANY(string_to_array(${ids.slice(i, i + 10_000).join(',')}, ',')::bigint[])`,
      );
  }

  /**
   * The round's held votes by case and reason. The tally says which cases have any (its held count), and the
   * one-per-device index finds each such case's votes: a held vote is written once more, not listed anywhere else.
   */
  async heldGroups(roundId: string) {
    return queryRows<{ case_id: string; reason: string; votes: number; first: Date | string; last: Date | string }>(
      this.db,
      sql`SELECT v.case_id, v.hold_reason AS reason, count(*)::int AS votes, min(v.created_at) AS first,
                 max(v.created_at) AS last
          FROM scenarios.vote_tally t
          JOIN scenarios.vote v ON v.round_id = t.round_id AND v.case_id = t.case_id
          WHERE t.round_id = ${roundId} AND t.held > 0 AND v.status = 'held'
          GROUP BY v.case_id, v.hold_reason ORDER BY count(*) DESC LIMIT 200`,
    );
  }

  async decideHeld(roundId: string, caseId: string, reason: string, to: VoteStatus): Promise<number> {
    const rows = await queryRows<{ approve: boolean }>(
      this.db,
      sql`UPDATE scenarios.vote SET status = ${to}
          WHERE round_id = ${roundId} AND case_id = ${caseId} AND status = 'held' AND hold_reason = ${reason}
          RETURNING approve`,
    );
    if (!rows.length) return 0;
    const counted = to === 'counted' ? rows.length : 0;
    const up = to === 'counted' ? rows.filter((r) => r.approve).length : 0;
    await this.addToTallies(roundId, [{ caseId, up, total: counted, held: -rows.length }]);
    await this.bumpGeneration(roundId);
    return rows.length;
  }

  /** Adds each case's change in counted (approving) and held votes to its tally, in the caller's transaction. */
  async addToTallies(roundId: string, deltas: { caseId: string; up: number; total: number; held: number }[]) {
    const rows = deltas.filter((d) => d.up || d.total || d.held);
    for (let i = 0; i < rows.length; i += 10_000)
      await this.db.execute(sql`
        INSERT INTO scenarios.vote_tally AS t (round_id, case_id, up, total, held)
        SELECT ${roundId}::uuid, x."caseId", x.up, x.total, x.held
        FROM jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 10_000))}::jsonb)
          AS x("caseId" uuid, up int, total int, held int)
        ON CONFLICT (round_id, case_id) DO UPDATE
          SET up = t.up + EXCLUDED.up, total = t.total + EXCLUDED.total, held = t.held + EXCLUDED.held`);
  }

  /**
   * Counts a round's tallies again from its votes: for votes written in bulk (the demo, benchmarks), which do not
   * pass through the refresh.
   */
  async rebuildTallies(roundId: string): Promise<void> {
    await this.db.execute(sql`DELETE FROM scenarios.vote_tally WHERE round_id = ${roundId}`);
    await this.db.execute(sql`
      INSERT INTO scenarios.vote_tally (round_id, case_id, up, total, held)
      SELECT round_id, case_id, count(*) FILTER (WHERE status = 'counted' AND approve),
             count(*) FILTER (WHERE status = 'counted'), count(*) FILTER (WHERE status = 'held')
      FROM scenarios.vote WHERE round_id = ${roundId} GROUP BY round_id, case_id`);
  }

  // ------------------------------------------------------------------------------------------ dirty set

  async dropStanding(roundId: string, caseId: string): Promise<void> {
    await this.db.delete(standing).where(and(eq(standing.roundId, roundId), eq(standing.caseId, caseId)));
    await this.db.delete(dirtyCase).where(and(eq(dirtyCase.roundId, roundId), eq(dirtyCase.caseId, caseId)));
  }

  async markDirty(roundId: string, caseIds: string[]): Promise<void> {
    if (!caseIds.length) return;
    await this.db
      .insert(dirtyCase)
      .values(caseIds.map((caseId) => ({ roundId, caseId })))
      .onConflictDoNothing();
  }

  /**
   * No JIT compilation for the rest of the transaction. The refresh's reads are planned at their LIMIT (20,000
   * votes, a device lookup each), which passes jit_above_cost; compiling then took ~30 ms of a read of a few.
   */
  async withoutJit(): Promise<void> {
    await this.db.execute(sql`SET LOCAL jit = off`);
  }

  async takeDirty(roundId: string): Promise<string[]> {
    const rows = await queryRows<{ case_id: string }>(
      this.db,
      sql`DELETE FROM scenarios.dirty_case WHERE round_id = ${roundId} RETURNING case_id`,
    );
    return rows.map((r) => r.case_id);
  }

  // ------------------------------------------------------------------------------------------ experts

  async insertAssignments(rows: (typeof expertAssignment.$inferInsert)[]): Promise<void> {
    if (rows.length) await this.db.insert(expertAssignment).values(rows).onConflictDoNothing();
  }

  async assignmentsOfCases(roundId: string, caseIds: string[]) {
    if (!caseIds.length) return [];
    return this.db
      .select()
      .from(expertAssignment)
      .where(and(eq(expertAssignment.roundId, roundId), inArray(expertAssignment.caseId, caseIds)));
  }

  async assignmentsOf(expertUserId: string) {
    return this.db
      .select({
        roundId: expertAssignment.roundId,
        caseId: expertAssignment.caseId,
        scores: review.scores,
        total: review.total,
        comment: review.comment,
      })
      .from(expertAssignment)
      .leftJoin(
        review,
        and(
          eq(review.roundId, expertAssignment.roundId),
          eq(review.caseId, expertAssignment.caseId),
          eq(review.expertUserId, expertAssignment.expertUserId),
        ),
      )
      .where(eq(expertAssignment.expertUserId, expertUserId))
      .orderBy(desc(expertAssignment.drawnAt))
      .limit(500);
  }

  async isAssigned(roundId: string, caseId: string, expertUserId: string): Promise<boolean> {
    const rows = await this.db
      .select({ r: expertAssignment.roundId })
      .from(expertAssignment)
      .where(
        and(
          eq(expertAssignment.roundId, roundId),
          eq(expertAssignment.caseId, caseId),
          eq(expertAssignment.expertUserId, expertUserId),
        ),
      );
    return rows.length > 0;
  }

  async insertReviews(rows: (typeof review.$inferInsert)[]): Promise<void> {
    if (rows.length) await this.db.insert(review).values(rows);
  }

  async upsertReview(row: typeof review.$inferInsert): Promise<void> {
    await this.db
      .insert(review)
      .values(row)
      .onConflictDoUpdate({
        target: [review.roundId, review.caseId, review.expertUserId],
        set: { scores: row.scores, total: row.total, comment: row.comment, at: row.at },
      });
  }

  async standingsOf(roundId: string) {
    return this.db.select().from(standing).where(eq(standing.roundId, roundId));
  }
}

/** A uuid[] parameter as one value (Drizzle would spread a JS array into separate parameters). */
export const toUuidArray = (ids: string[]) => sql`string_to_array(${ids.join(',')}, ',')::uuid[]`;
