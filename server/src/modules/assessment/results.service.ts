import type {
  AssessedLevel,
  AssessmentHeatmap,
  AssessmentHeatmapQuery,
  AssessmentResultRow,
  AssessmentResultsQuery,
  AssessmentShare,
  AssessmentStatistics,
  AssessmentTrend,
  RegionReport,
} from '@zhicheng/contracts/assessment';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import type { CatalogueRow } from './assessment.tables.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import type { CataloguesService } from './catalogues.service.ts';
import { explainText, rate, valueOf } from './rating.ts';
import { ResultsRepository, type ResultInsert } from './results.repository.ts';
import { levelStatistics, starAt, targetProgress } from './statistics.ts';
import { SubmissionsRepository, type RatingInput } from './submissions.repository.ts';
import { numericValues } from './validation.ts';

const LEVELS = ['city', 'county'] as const;

/**
 * Ratings and what is published from them: the result rows every change re-rates, the province's statistics and
 * targets, rankings, a region's report and the heat map. Published results are public; nothing here writes except
 * the re-rating, which runs inside its caller's transaction.
 */
export class ResultsService {
  private readonly repo: ResultsRepository;
  private readonly submissions: SubmissionsRepository;
  private readonly campaigns: CampaignsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly catalogues: CataloguesService,
  ) {
    this.repo = new ResultsRepository(platform.db);
    this.submissions = new SubmissionsRepository(platform.db);
    this.campaigns = new CampaignsRepository(platform.db);
  }

  /** Re-rates submissions and writes their result rows (publishedAt null keeps an existing publication). */
  async recompute(subs: readonly RatingInput[], publishedAt: Date | null, sample = false): Promise<void> {
    const rows: ResultInsert[] = [];
    const cats = new Map<string, CatalogueRow>();
    const now = this.platform.clock.now();
    for (const s of subs) {
      let cat = cats.get(s.catalogueId);
      if (!cat) cats.set(s.catalogueId, (cat = await this.catalogues.row(s.catalogueId)));
      const inds = cat.indicators;
      const arr = s.valueArray;
      // Words are rebuilt on read (explainText); the stored explanation is the numbers.
      const r =
        arr && arr.length === inds.length
          ? rate(inds, {}, cat.policy, { text: false, valueAt: (k) => arr[k] })
          : rate(inds, {}, cat.policy, {
              text: false,
              valueAt: (k) => valueOf(inds[k]!.formula, s.values?.[inds[k]!.code]),
            });
      rows.push({
        campaignId: s.campaignId,
        regionCode: s.regionCode,
        year: s.year,
        regionName: s.regionName,
        regionLevel: s.regionLevel as AssessedLevel,
        parentCode: s.parentCode,
        stars: r.level,
        subGrade: r.subGrade,
        score: r.score,
        bonus: r.bonus,
        shares: r.explanation.shares,
        // The stored explanation keeps the ten heaviest hold-backs; the full list is recomputed on demand.
        explanation: { ...r.explanation, heldBack: r.explanation.heldBack.slice(0, 10) },
        indicatorStars: r.indicators.map((i) => i.stars).join(''),
        sample,
        computedAt: now,
        publishedAt,
      });
    }
    await this.repo.upsert(rows);
  }

  /** Publishes the results of the given submissions (inside the campaign's publishing transaction). */
  publish(campaignId: string, submissionIds: string[], at: Date): Promise<void> {
    return this.repo.publish(campaignId, submissionIds, at);
  }

  /** Full recompute of every rating of every campaign (the benchmark's figure). */
  async recomputeAll(): Promise<number> {
    const campaigns = await this.campaigns.list();
    // Two campaigns at a time: while one is rated in this process, the database writes the other's results.
    // (PGlite has one connection and simply serialises them.)
    let next = 0;
    let n = 0;
    const worker = async () => {
      while (next < campaigns.length) {
        const c = campaigns[next++]!;
        for (let after = ''; ;) {
          const subs = await this.submissions.ratingPage(c.id, after, 2000);
          if (!subs.length) break;
          await this.platform.db.transaction(() => this.recompute(subs, null, c.sample));
          n += subs.length;
          after = subs[subs.length - 1]!.regionCode;
        }
      }
    };
    await Promise.all([worker(), worker()]);
    return n;
  }

  async statistics(year: number): Promise<AssessmentStatistics> {
    const rows = await this.repo.starCounts(year);
    const levels = LEVELS.map((level) => levelStatistics(rows, level));
    return { year, levels, targets: targetProgress(levels), sample: rows.some((r) => r.sample) };
  }

  /** The share of a level's regions at ≥ `stars` in a year's published results, cited with campaign and time. */
  async shareAtLeast(year: number, stars: number, level: AssessedLevel = 'county'): Promise<AssessmentShare> {
    const rows = (await this.repo.starCounts(year)).filter((r) => r.level === level);
    const total = rows.reduce((s, r) => s + r.n, 0);
    const atLeast = rows.filter((r) => r.stars >= stars).reduce((s, r) => s + r.n, 0);
    const last = await this.repo.lastPublished(year);
    const campaign = last ? await this.campaigns.byId(last.campaignId) : undefined;
    return {
      year,
      regionLevel: level,
      stars,
      atLeast,
      total,
      share: total ? Math.round((atLeast / total) * 10000) / 10000 : null,
      source: campaign ? { campaignId: campaign.id, name: campaign.name } : null,
      publishedAt: last ? last.at.toISOString() : null,
      sample: rows.some((r) => r.sample),
    };
  }

  async trend(): Promise<AssessmentTrend> {
    const rows = await this.repo.trendCounts();
    const years = [...new Set(rows.map((r) => r.year))].sort();
    return {
      points: years.flatMap((year) =>
        LEVELS.map((level) => ({
          year,
          ...levelStatistics(
            rows.filter((r) => r.year === year),
            level,
          ),
        })),
      ),
    };
  }

  /** Published results ranked within each level, with last year's stars. */
  async results(q: AssessmentResultsQuery): Promise<AssessmentResultRow[]> {
    const rows = await this.repo.ranked(q);
    const rankIn = new Map<string, number>();
    return rows.map((r) => {
      const rank = (rankIn.get(r.regionLevel) ?? 0) + 1;
      rankIn.set(r.regionLevel, rank);
      return { ...r, rank };
    });
  }

  async regionReport(code: string): Promise<RegionReport> {
    const region = await this.regions.get(code);
    const rows = await this.repo.ofRegion(region.code);
    const history: RegionReport['history'] = [];
    for (const r of rows) {
      const me = (await this.results({ year: r.year, level: r.regionLevel })).find(
        (x) => x.regionCode === r.regionCode,
      )!;
      const cat = await this.catalogueOf(r.campaignId, r.regionLevel);
      const sub = await this.submissions.byRegion(r.campaignId, r.regionCode);
      const values = cat && sub ? numericValues(cat.indicators, sub.values) : {};
      const explanation = { text: { zh: '', en: '' }, ...r.explanation };
      if (cat && !explanation.text.zh)
        explanation.text = explainText(
          { level: me.stars, subGrade: me.subGrade, bonus: me.bonus, explanation },
          cat.policy,
        );
      history.push({
        ...me,
        explanation,
        indicators: (cat?.indicators ?? []).map((i, k) => ({
          code: i.code,
          name: i.name,
          domain: i.domain,
          weight: i.weight,
          stars: starAt(r.indicatorStars, i.code, k),
          value: values[i.code] ?? null,
          missing: (values[i.code] ?? null) === null,
        })),
      });
    }
    const last = rows[rows.length - 1];
    const peers = last
      ? (await this.results({ year: last.year, level: last.regionLevel, parent: last.parentCode ?? undefined })).map(
          (p) => ({ regionCode: p.regionCode, regionName: p.regionName, stars: p.stars, score: p.score }),
        )
      : [];
    return { regionCode: region.code, regionName: region.name, regionLevel: region.level, history, peers };
  }

  async heatmap(q: AssessmentHeatmapQuery): Promise<AssessmentHeatmap> {
    const rows = await this.repo.indicatorStars(q);
    const first = rows[0];
    const all = first ? ((await this.catalogueOf(first.campaignId, q.level))?.indicators ?? []) : [];
    const indicators = all.filter((i) => !i.bonusPoints).map((i) => ({ code: i.code, name: i.name }));
    const pos = new Map(all.map((i, k) => [i.code, k]));
    const cells: [number, number, number][] = [];
    rows.forEach((r, ri) =>
      indicators.forEach((ind, ii) =>
        cells.push([ri, ii, starAt(r.indicatorStars, ind.code, pos.get(ind.code) ?? -1)]),
      ),
    );
    return { year: q.year, regions: rows.map((r) => ({ code: r.regionCode, name: r.regionName })), indicators, cells };
  }

  /** The catalogue a campaign rated a level with. */
  private async catalogueOf(campaignId: string, level: AssessedLevel): Promise<CatalogueRow | null> {
    const campaign = await this.campaigns.byId(campaignId);
    const id = level === 'city' ? campaign?.cityCatalogueId : campaign?.countyCatalogueId;
    return id ? this.catalogues.row(id) : null;
  }
}
