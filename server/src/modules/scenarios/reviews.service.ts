import {
  SCENARIOS_PERMISSIONS as P,
  REVIEW_CRITERIA,
  type DrawInput,
  type DrawResult,
  type ReviewInput,
  type ReviewTask,
} from '@zhicheng/contracts/scenarios';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { SeededRandom } from '../../platform/random.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import type { BoardService } from './board.service.ts';
import type { CasesService } from './cases.service.ts';
import { drawPanels } from './expert-draw.ts';
import { expertPool } from './experts.ts';
import { scenariosError } from './scenarios.errors.ts';

/** The review total (0–100): the mean of the five criteria (0–10 each), times ten. */
export const reviewTotal = (s: ReviewInput['scores']) =>
  Math.round((REVIEW_CRITERIA.reduce((sum, c) => sum + s[c], 0) / REVIEW_CRITERIA.length) * 10 * 100) / 100;

/**
 * Expert review on the board: the province draws experts per case (seeded and repeatable, never from the case's
 * own city), a drawn expert scores the five criteria, and the case's standing follows within a second.
 */
export class ReviewsService {
  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly cases: CasesService,
    private readonly board: BoardService,
  ) {}

  async draw(ctx: RequestContext, roundId: string, input: DrawInput): Promise<DrawResult> {
    await this.platform.authz.assertCovers(ctx.actor, P.configure, this.platform.config.provinceCode);
    const seed = input.seed ?? SeededRandom.newSeed();
    return this.platform.db.transaction(async (tx) => {
      const r = await this.board.repo.round(roundId, { forUpdate: true });
      if (!r) throw scenariosError('scenarios_no_open_round');
      if (r.status !== 'open') throw scenariosError('scenarios_round_closed');
      const rows = await this.cases.repo.byIds([...new Set(input.caseIds)]);
      const off = rows.find((c) => c.status !== 'accepted');
      if (off || rows.length !== new Set(input.caseIds).size)
        throw scenariosError('scenarios_not_on_board', undefined, [
          { path: 'caseIds', message: 'accepted cases only' },
        ]);
      const pool = await expertPool(this.platform, this.regions);
      const panels = drawPanels(
        rows.map((c) => ({ caseId: c.id, cityCode: c.cityCode })),
        pool,
        input.perCase,
        seed,
      );
      const now = this.platform.clock.now();
      await this.board.repo.insertAssignments(
        [...panels].flatMap(([caseId, experts]) =>
          experts.map((expertUserId) => ({ roundId, caseId, expertUserId, seed, drawnAt: now })),
        ),
      );
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.review.draw',
        objectType: 'scenarios.round',
        objectId: roundId,
        after: { seed, perCase: input.perCase, cases: input.caseIds, panels: Object.fromEntries(panels) },
      });
      return {
        seed,
        assigned: [...panels].map(([caseId, experts]) => ({ caseId, experts: experts.length })),
        short: [...panels].filter(([, e]) => e.length < input.perCase).map(([c]) => c),
      };
    });
  }

  async mine(ctx: RequestContext): Promise<{ items: ReviewTask[] }> {
    this.platform.authz.require(ctx.actor, P.review);
    const rows = await this.board.repo.assignmentsOf(ctx.actor.userId);
    const cases = new Map((await this.cases.repo.byIds([...new Set(rows.map((r) => r.caseId))])).map((c) => [c.id, c]));
    const summaries = new Map((await this.cases.summaries([...cases.values()])).map((s) => [s.id, s]));
    const rounds = new Map((await this.board.repo.rounds()).map((r) => [r.id, r]));
    return {
      items: rows.map((a) => {
        const c = cases.get(a.caseId)!;
        return {
          roundId: a.roundId,
          roundName: rounds.get(a.roundId)?.name ?? '',
          caseId: a.caseId,
          title: c.title,
          domainName: summaries.get(a.caseId)?.domainName ?? c.domain,
          summary: c.summary,
          approach: c.approach,
          results: c.results,
          scores: (a.scores as ReviewTask['scores']) ?? null,
          comment: a.comment ?? '',
          total: a.total ?? null,
        };
      }),
    };
  }

  async score(ctx: RequestContext, roundId: string, caseId: string, input: ReviewInput): Promise<ReviewTask> {
    this.platform.authz.require(ctx.actor, P.review);
    const actor = ctx.actor;
    await this.platform.db.transaction(async (tx) => {
      const r = await this.board.repo.round(roundId);
      if (!r) throw scenariosError('scenarios_not_assigned');
      const c = await this.cases.load(caseId);
      // Defence in depth: even an assignment made against the rule does not let an expert score their own city.
      for (const b of actor.roles.filter((x) => x.role === 'expert')) {
        const lineage = (await this.regions.lineage(b.regionCode)) ?? [];
        if (lineage.includes(c.cityCode) && c.cityCode !== this.platform.config.provinceCode)
          throw scenariosError('scenarios_conflict_of_interest');
      }
      if (!(await this.board.repo.isAssigned(roundId, caseId, actor.userId)))
        throw scenariosError('scenarios_not_assigned');
      if (r.status !== 'open') throw scenariosError('scenarios_round_closed');
      const total = reviewTotal(input.scores);
      await this.board.repo.upsertReview({
        roundId,
        caseId,
        expertUserId: actor.userId,
        scores: input.scores,
        total,
        comment: input.comment,
        at: this.platform.clock.now(),
      });
      await this.board.repo.markDirty(roundId, [caseId]);
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.review.score',
        objectType: 'scenarios.case',
        objectId: caseId,
        after: { roundId, total },
      });
    });
    const mine = await this.mine(ctx);
    return mine.items.find((i) => i.roundId === roundId && i.caseId === caseId)!;
  }
}
