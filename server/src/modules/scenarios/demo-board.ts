import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { systemContext, type RequestContext } from '../../platform/authorization/index.ts';
import type { DemoContext, Platform } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import { DEFAULT_WEIGHTS } from './board.ts';
import { reviewTotal } from './reviews.service.ts';
import { expertAssignment, replication, review } from './scenarios.tables.ts';
import type { ScenariosServices } from './services.ts';

const DAY = 86_400_000;
/** Reviewed cases per demo round drawn through the directory's verifiable draw (the rest are bulk history). */
const DRAWN_PER_ROUND = 6;
/**
 * The board's demo (示例): last quarter closed (its ranks frozen), this quarter open with expert reviews, public
 * votes (one burst held for a moderator), and confirmed adoptions. Experts are the directory demo's (专家库: the
 * accounts expert.qingdao, expert.yantai, expert.jinan), drawn through its verifiable draw. Written in bulk through the
 * board's repository; standings computed by the same code the server runs.
 */
export async function seedBoardDemo(ctx: DemoContext, s: ScenariosServices): Promise<void> {
  const { platform } = ctx;
  await ctx.once('scenarios.board.v1', async () => {
    const sys = systemContext('demo.scenarios');
    const rnd = SeededRandom.fromString('scenarios-board-demo');
    const now = platform.clock.now();
    const accepted = (await s.cases.repo.page({ statuses: ['accepted'] }, { limit: 100_000, offset: 0 })).rows.sort(
      (a, b) => a.id.localeCompare(b.id),
    );
    if (!accepted.length) return;
    const quarter = (offsetDays: number) => new Date(now.getTime() + offsetDays * DAY).toISOString().slice(0, 10);

    // Confirmed adoptions (由点及面): one case in twelve was taken up by one to four other counties.
    const counties = [...new Set(accepted.map((c) => c.regionCode))].filter((c) => !c.endsWith('00'));
    const reps: (typeof replication.$inferInsert)[] = [];
    for (const c of accepted) {
      if (rnd.next() > 1 / 12) continue;
      const n = rnd.int(1, 4);
      const adopters = new Set<string>();
      for (let i = 0; i < n; i++) {
        const a = rnd.pick(counties);
        if (a !== c.regionCode) adopters.add(a);
      }
      for (const a of adopters)
        reps.push({
          id: crypto.randomUUID(),
          sourceCaseId: c.id,
          adopterRegion: a,
          adopterCity: `${a.slice(0, 4)}00`,
          adopterCaseId: null,
          evidence: '已上线运行,附验收报告(示例)',
          adoptedOn: quarter(-rnd.int(10, 200)),
          status: 'confirmed',
          reason: null,
          isDemo: true,
          createdBy: null,
          createdAt: now,
          decidedBy: null,
          decidedAt: now,
        });
    }
    for (let i = 0; i < reps.length; i += 1000) await platform.db.insert(replication).values(reps.slice(i, i + 1000));

    // Last quarter: scored, closed, ranks frozen. Usage then was lower for most cases (growth this quarter).
    const last = await s.board.createRound(
      sys,
      {
        name: '上一季度打榜(示例)',
        kind: 'quarter',
        startsOn: quarter(-180),
        endsOn: quarter(-91),
        weights: DEFAULT_WEIGHTS,
        priorReviews: 3,
      },
      { demo: true },
    );
    let drawMs = await seedReviews(platform, s, sys, last.id, accepted, rnd, now);
    await s.board.recompute(last.id);
    await platform.db.execute(sql`
      UPDATE scenarios.standing SET monthly_usage = (monthly_usage * (0.6 + (('x' || substr(md5(case_id::text), 1, 6))::bit(24)::int % 50) / 100.0))::bigint
      WHERE round_id = ${last.id}`);
    await s.board.closeRound(sys, last.id);

    // This quarter: open, with reviews for the top of the library and public votes.
    const current = await s.board.createRound(
      sys,
      {
        name: '本季度打榜(示例)',
        kind: 'quarter',
        startsOn: quarter(-60),
        endsOn: quarter(30),
        weights: DEFAULT_WEIGHTS,
        priorReviews: 3,
      },
      { demo: true },
    );
    drawMs += await seedReviews(platform, s, sys, current.id, accepted, rnd, now);
    const votes: unknown[] = [];
    for (const c of accepted) {
      const popularity = rnd.next() ** 3;
      const n = Math.round(popularity * (platform.config.demo ? 60 : 12));
      const approval = 0.55 + rnd.next() * 0.4;
      for (let i = 0; i < n; i++)
        votes.push({
          case_id: c.id,
          device: `demo-${c.id.slice(0, 8)}-${i}`,
          network: `demo-net-${rnd.int(1, 5000)}`,
          approve: rnd.next() < approval,
          status: 'counted',
          at: new Date(now.getTime() - rnd.int(60, 50 * 24 * 60) * 60_000).toISOString(),
        });
    }
    // One burst, held for a moderator: 40 fresh devices from one network in four minutes.
    const burstCase = accepted[accepted.length >> 1]!;
    for (let i = 0; i < 40; i++)
      votes.push({
        case_id: burstCase.id,
        device: `demo-burst-${i}`,
        network: 'demo-net-burst',
        approve: true,
        status: 'held',
        reason: 'network_burst',
        at: new Date(now.getTime() - 3 * 3600_000 + i * 6000).toISOString(),
      });
    for (let i = 0; i < votes.length; i += 5000)
      await platform.db.execute(sql`
        INSERT INTO scenarios.vote (round_id, case_id, device, network, approve, status, hold_reason, device_first_seen, created_at)
        SELECT ${current.id}::uuid, x.case_id, x.device, x.network, x.approve, x.status, x.reason, x.at, x.at
        FROM jsonb_to_recordset(${JSON.stringify(votes.slice(i, i + 5000))}::jsonb)
          AS x(case_id uuid, device text, network text, approve boolean, status text, reason text, at timestamptz)`);
    // Written in bulk, the votes did not pass through the refresh that keeps the tallies.
    await s.board.repo.rebuildTallies(current.id);
    await s.board.repo.bumpGeneration(current.id);
    await s.board.recompute(current.id);
    await platform.audit.record(platform.db, sys, {
      action: 'scenarios.demo.board',
      objectType: 'scenarios.round',
      objectId: current.id,
      after: { votes: votes.length, replications: reps.length },
    });
    ctx.print(
      `scenarios demo: board with ${votes.length} votes, ${reps.length} adoptions (示例); public board at /board` +
        (platform.config.demo ? ` (expert draws ${Math.round(drawMs)} ms)` : ''),
    );
  });
}

/**
 * About one case in five is reviewed by three experts, never of the case's city. The first DRAWN_PER_ROUND are drawn
 * through the directory (verifiable: each draw is a transaction with its commitment in the audit chain, about a
 * quarter of a second on PGlite under load, so not 300 of them at start-up); the rest, the round's history, are
 * assigned in bulk to the same library experts those draws found. The marks are deterministic per case and expert.
 */
async function seedReviews(
  platform: Platform,
  s: ScenariosServices,
  sys: RequestContext,
  roundId: string,
  cases: { id: string; cityCode: string }[],
  rnd: SeededRandom,
  now: Date,
): Promise<number> {
  const reviewedCases = cases.filter(() => rnd.next() < 0.2);
  const reviewed = reviewedCases.map((c) => c.id);
  const started = performance.now();
  const drawn = await s.reviews.drawAuthorized(sys, roundId, {
    caseIds: reviewed.slice(0, DRAWN_PER_ROUND),
    perCase: 3,
    seed: 20261130,
  });
  const drawMs = performance.now() - started;
  // The library's experts the draws found, with the city each sits in.
  const found = new Set(
    (
      await s.board.repo.assignmentsOfCases(
        roundId,
        drawn.assigned.map((a) => a.caseId),
      )
    ).map((a) => a.expertUserId),
  );
  const pool = (await platform.identity.findUserIdsByRole('expert'))
    .filter((b) => found.has(b.userId))
    .map((b) => ({ id: b.userId, city: `${b.regionCode.slice(0, 4)}00` }))
    .sort((x, y) => x.id.localeCompare(y.id));
  const history: (typeof expertAssignment.$inferInsert)[] = [];
  for (const c of reviewedCases.slice(DRAWN_PER_ROUND))
    for (const e of rnd.shuffle(pool.filter((e) => e.city !== c.cityCode)).slice(0, 3))
      history.push({ roundId, caseId: c.id, expertUserId: e.id, seed: 20261130, drawnAt: now });
  for (let i = 0; i < history.length; i += 1000) await s.board.repo.insertAssignments(history.slice(i, i + 1000));
  const assignments = await s.board.repo.assignmentsOfCases(roundId, reviewed);
  const byCase = new Map<string, typeof assignments>();
  for (const a of assignments) byCase.set(a.caseId, [...(byCase.get(a.caseId) ?? []), a]);
  const reviews: (typeof review.$inferInsert)[] = [];
  for (const caseId of reviewed) {
    const quality = 5 + rnd.next() * 4;
    const panel = (byCase.get(caseId) ?? []).sort(
      (a, b) => (a.alias ?? '').localeCompare(b.alias ?? '') || a.expertUserId.localeCompare(b.expertUserId),
    );
    for (const a of panel) {
      const mark = () => Math.max(0, Math.min(10, Math.round((quality + rnd.normal(0, 1)) * 2) / 2));
      const scores = {
        innovation: mark(),
        effectiveness: mark(),
        replicability: mark(),
        sustainability: mark(),
        benefit: mark(),
      };
      reviews.push({
        roundId,
        caseId,
        expertUserId: a.expertUserId,
        scores,
        total: reviewTotal(scores),
        comment: '',
        at: now,
      });
    }
  }
  for (let i = 0; i < reviews.length; i += 1000) await s.board.repo.insertReviews(reviews.slice(i, i + 1000));
  return drawMs;
}
