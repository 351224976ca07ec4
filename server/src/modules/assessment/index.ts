import { EVENT_TOPICS, SupervisorScoreSubmitted } from '@zhicheng/contracts';
import type {
  AssessmentResultRow,
  AssessmentResultsQuery,
  AssessmentShare,
  AssessmentStatistics,
  AssessmentTrend,
  CoEvaluationInput,
  GapToNext,
  IndicatorCatalogue,
  IndicatorCatalogueSummary,
  InlineCatalogue,
  SaveCatalogueVersion,
  StarRating,
} from '@zhicheng/contracts/assessment';
import { ASSESSMENT_PERMISSIONS as P } from '@zhicheng/contracts/assessment';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { defineModule } from '../../platform/module.ts';
import { seedAssessmentDemo } from './assessment.demo.ts';
import { assessmentRoutes } from './assessment.routes.ts';
import { assessmentServices } from './services.ts';

/** A catalogue by id, or given inline (indicators with weights and thresholds, and an optional policy). */
export type CatalogueRef = string | InlineCatalogue;

/** What other modules may call (typed for them through ModuleApis). */
export interface AssessmentApi {
  /**
   * A co-evaluation score (监督共评) handed over directly, inside the caller's transaction and audited as `ctx`
   * (participation normally sends the `participation.supervisor-score-submitted` event instead). Idempotent on
   * scoreId; 'ignored' unless the region's submission that year is in co-evaluation and the indicator open to it.
   */
  recordCoEvaluation(ctx: RequestContext, input: CoEvaluationInput): Promise<'recorded' | 'duplicate' | 'ignored'>;
  /** Published star levels of a year by region level, with the provincial targets. */
  statistics(year: number): Promise<AssessmentStatistics>;
  /** The pure star rule with its explanation, for values by indicator code. */
  rate(catalogue: CatalogueRef, values: Record<string, number | null>): Promise<StarRating>;
  /** The cheapest improvements (HiGHS) from the values to `targetLevel` stars; null when there is no step to take. */
  cheapestPath(
    catalogue: CatalogueRef,
    values: Record<string, number | null>,
    targetLevel: number,
  ): Promise<GapToNext | null>;
  /** Every version of a catalogue key, newest first. */
  catalogueVersions(key: string): Promise<IndicatorCatalogueSummary[]>;
  catalogue(id: string): Promise<IndicatorCatalogue>;
  /**
   * A new version of the caller's own catalogue (version 1 for a new key). The calling module authorizes its
   * user; the change is audited as `ctx` (a user, or a systemContext).
   */
  saveCatalogueVersion(ctx: RequestContext, input: SaveCatalogueVersion): Promise<IndicatorCatalogueSummary>;
  /** The share of counties at ≥ `stars`★ in the year's published results, with the campaign and time published. */
  countyShareAtLeast(year: number, stars: number): Promise<AssessmentShare>;
  /** Published results of a year (optionally of one level, or the children of one region), best first. */
  results(q: AssessmentResultsQuery): Promise<AssessmentResultRow[]>;
  /** Published star levels of every year by level (the one-screen view's history and forecasts). */
  trend(): Promise<AssessmentTrend>;
}

declare module '../../platform/module.ts' {
  interface ModuleApis {
    assessment: AssessmentApi;
  }
}

const BUREAU = [
  'province_operator',
  'province_approver',
  'city_operator',
  'city_approver',
  'county_operator',
  'county_approver',
] as const;

/** 评估评价: indicator catalogues, annual campaigns and their review, published star levels. */
export const assessmentModule = defineModule({
  name: 'assessment',
  needs: ['regions', 'directory'],
  permissions: {
    [P.catalogueManage]: ['province_operator'],
    [P.campaignManage]: ['province_operator'],
    [P.submissionRead]: [...BUREAU, 'citizen_supervisor'],
    [P.submissionFill]: ['city_operator', 'county_operator'],
    [P.submissionApprove]: ['city_approver', 'province_approver'],
    [P.submissionReturn]: ['city_approver', 'province_approver', 'province_operator'],
    [P.reviewScore]: ['expert'],
    [P.coevalScore]: ['citizen_supervisor'],
  },
  init(platform, deps) {
    const s = assessmentServices(platform, deps.regions, deps.directory);
    const api: AssessmentApi = {
      recordCoEvaluation: (ctx, input) => s.coevaluation.record(ctx, input),
      statistics: (year) => s.results.statistics(year),
      rate: (catalogue, values) => s.catalogues.rate(catalogue, values),
      cheapestPath: (catalogue, values, targetLevel) => s.catalogues.cheapestPath(catalogue, values, targetLevel),
      catalogueVersions: (key) => s.catalogues.versions(key),
      catalogue: (id) => s.catalogues.get(id),
      saveCatalogueVersion: (ctx, input) => s.catalogues.saveVersion(ctx, input),
      countyShareAtLeast: (year, stars) => s.results.shareAtLeast(year, stars, 'county'),
      results: (q) => s.results.results(q),
      trend: () => s.results.trend(),
    };
    return {
      api,
      routes: (app) => assessmentRoutes(app, s),
      start: () => s.catalogues.ensureDefaults(),
      on: {
        // Runs in the delivery transaction with the event's system context (audited as system:event:<topic>).
        [EVENT_TOPICS.supervisorScoreSubmitted]: async (payload, ctx, meta) => {
          const parsed = SupervisorScoreSubmitted.safeParse(payload);
          if (!parsed.success) {
            // A malformed event would fail forever; log it and let it be marked delivered.
            platform.log.warn(
              { eventId: meta.id, issues: parsed.error.issues.slice(0, 3) },
              'assessment: ignoring malformed supervisor score',
            );
            return;
          }
          await s.coevaluation.record(ctx, parsed.data);
        },
      },
      // Reminders before the self-assessment deadline (recorded once per region and day; the to-do shows them).
      jobs: [{ name: 'remind-deadlines', everyMs: 6 * 3600_000, run: (ctx) => s.submissions.remind(ctx) }],
      seedDemo: (ctx) => seedAssessmentDemo(ctx, s, deps.regions),
    };
  },
});
