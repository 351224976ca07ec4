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
import type { DirectoryApi, DrawOutcome } from '../directory/index.ts';
import type { RegionsService } from '../regions/index.ts';
import type { BoardService } from './board.service.ts';
import type { CasesService } from './cases.service.ts';
import { scenariosError } from './scenarios.errors.ts';

/** The review total (0–100): the mean of the five criteria (0–10 each), times ten. */
export const reviewTotal = (s: ReviewInput['scores']) =>
  Math.round((REVIEW_CRITERIA.reduce((sum, c) => sum + s[c], 0) / REVIEW_CRITERIA.length) * 10 * 100) / 100;

/**
 * Expert review on the board: the province draws experts per case through the directory (verifiable, never from
 * the case's own city), a drawn expert scores the five criteria, and the case's standing follows within a second.
 */
export class ReviewsService {
  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly cases: CasesService,
    private readonly board: BoardService,
    private readonly directory: DirectoryApi,
  ) {}

  /**
   * Draws experts for cases of the open round through the directory's verifiable draw (专家库): one draw per case,
   * never an expert of the case's own city (same_city), only experts with an account (they score online), assigned
   * at once. The province's number goes in as public salt beside the directory's committed seed. A case with too
   * few eligible experts gets those there are (`short`); a case drawn for again in the round keeps its earlier
   * experts and the directory keeps both draws on record.
   */
  async draw(ctx: RequestContext, roundId: string, input: DrawInput): Promise<DrawResult> {
    await this.platform.authz.assertCovers(ctx.actor, P.configure, this.platform.config.provinceCode);
    return this.drawAuthorized(ctx, roundId, input);
  }

  /** The draw once the caller is authorized (the province's operator, or the demo loader's system context). */
  async drawAuthorized(ctx: RequestContext, roundId: string, input: DrawInput): Promise<DrawResult> {
    const seed = input.seed ?? SeededRandom.newSeed();
    const ids = [...new Set(input.caseIds)];
    return this.platform.db.transaction(async (tx) => {
      const r = await this.board.repo.round(roundId, { forUpdate: true });
      if (!r) throw scenariosError('scenarios_no_open_round');
      if (r.status !== 'open') throw scenariosError('scenarios_round_closed');
      const rows = await this.cases.repo.byIds(ids);
      const off = rows.find((c) => c.status !== 'accepted');
      if (off || rows.length !== ids.length)
        throw scenariosError('scenarios_not_on_board', undefined, [
          { path: 'caseIds', message: 'accepted cases only' },
        ]);
      const now = this.platform.clock.now();
      const assigned: DrawResult['assigned'] = [];
      const short: string[] = [];
      for (const c of [...rows].sort((a, b) => a.id.localeCompare(b.id))) {
        const out = await this.drawOne(ctx, r.id, r.name, c, input.perCase, seed);
        if (!out) {
          short.push(c.id);
          continue;
        }
        await this.board.repo.insertAssignments(
          out.picks.map((p) => ({
            roundId,
            caseId: c.id,
            expertUserId: p.userId!,
            seed,
            drawnAt: now,
            drawId: out.drawId,
            alias: p.alias,
          })),
        );
        assigned.push({ caseId: c.id, experts: out.picks.length, drawId: out.drawId });
        if (out.picks.length < input.perCase) short.push(c.id);
      }
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.review.draw',
        objectType: 'scenarios.round',
        objectId: roundId,
        after: { seed, perCase: input.perCase, assigned, short },
      });
      return { seed, assigned, short };
    });
  }

  /** One case's draw; null when no expert outside the case's city has an account. */
  private async drawOne(
    ctx: RequestContext,
    roundId: string,
    roundName: string,
    c: { id: string; title: string; regionCode: string; responsibleUnit: string },
    perCase: number,
    seed: number,
  ): Promise<DrawOutcome | null> {
    try {
      return await this.directory.drawExperts(ctx, {
        object: {
          module: 'scenarios',
          objectType: 'case',
          // A case is drawn for once per round; the round is part of the object so each round starts afresh.
          objectId: `${roundId}:${c.id}`,
          title: `${roundName}:${c.title}`.slice(0, 200),
          regionCode: c.regionCode,
          // An expert working at the unit responsible for the case is excluded too.
          units: c.responsibleUnit.trim().length >= 2 ? [{ name: c.responsibleUnit.trim().slice(0, 100) }] : [],
        },
        quotas: [{ field: null, count: perCase, atLeast: 1 }],
        regionRule: 'same_city',
        requireAccount: true,
        mode: 'assign',
        salt: String(seed),
        // Only read on a repeat within the round.
        redrawReason: '同一轮次补充抽取',
      });
    } catch (e) {
      if ((e as { code?: string }).code === 'directory_not_enough_experts') return null;
      throw e;
    }
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
