import crypto from 'node:crypto';
import type { Indicator, IndicatorValue, RatingPolicy } from '@zhicheng/contracts/assessment';
import { systemContext, type RequestContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import type { CatalogueRow } from './assessment.tables.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import { coEvaluationDefault } from './catalogues.service.ts';
import { isBonus, rate } from './rating.ts';
import type { RegionsService } from '../regions/index.ts';
import type { AssessmentServices } from './services.ts';
import { chinaDay } from './workflow.ts';
import { SubmissionsRepository, type SubmissionInsert } from './submissions.repository.ts';
import { orderedValues } from './validation.ts';

/**
 * Simulated (示例) campaigns 2022–2024 for all 16 cities and 136 counties. The 2024 published distribution reproduces
 * the 2024-09-18 reply's shares in whole counts: 98% of counties ≥3★ (133/136), 87.5% of cities ≥4★ (14/16), 38.5%
 * of counties ≥4★ (52/136). Earlier years climb towards them. A 2025 campaign is left open for the demo journey.
 */
export const DEMO_DISTRIBUTION: Record<number, { city: number[]; county: number[] }> = {
  // Counts at exactly 5★, 4★, 3★, 2★, 1★ (best first); cities 16, counties 136.
  2022: { city: [0, 8, 8, 0, 0], county: [0, 24, 88, 20, 4] },
  2023: { city: [0, 11, 5, 0, 0], county: [2, 36, 89, 8, 1] },
  2024: { city: [0, 14, 2, 0, 0], county: [5, 47, 81, 3, 0] },
};

/** A value earning exactly `stars` on an indicator (midway into its band). */
export function valueForStars(
  ind: Pick<Indicator, 'thresholds' | 'direction'>,
  stars: number,
  rng: SeededRandom,
): number {
  const t = ind.thresholds;
  const lower = ind.direction === 'lower';
  let v: number;
  if (stars <= 0) v = lower ? t[0]! * 1.25 + 1 : t[0]! * 0.7;
  else if (stars >= 5)
    v = lower ? t[4]! * (0.7 + 0.2 * rng.next()) : t[4]! + Math.abs(t[4]! - t[3]!) * 0.3 * rng.next();
  else {
    const a = t[stars - 1]!;
    const b = t[stars]!;
    v = a + (b - a) * (0.2 + 0.6 * rng.next());
  }
  return Math.round(v * 100) / 100;
}

/** Values whose rating is exactly `level` (and, at 4★, the requested sub-grade), spread realistically around it. */
export function valuesForLevel(
  indicators: Indicator[],
  policy: RatingPolicy,
  level: number,
  rng: SeededRandom,
  growth = false,
): Record<string, IndicatorValue> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const stars = new Map<string, number>();
    const base = indicators.filter((i) => !isBonus(i));
    // Most indicators sit at the level; some a step above; a share (below 30% of weight) a step or two below.
    for (const i of base) {
      const r = rng.next();
      let s = level;
      if (r < 0.12 && level < 5) s = level + 1;
      else if (r > (growth ? 0.9 : 0.76) && !i.veto) s = Math.max(0, level - 1 - (r > 0.96 ? 1 : 0));
      stars.set(i.code, s);
    }
    for (const i of indicators.filter(isBonus)) stars.set(i.code, rng.next() < 0.35 ? 1 + rng.int(0, 2) : 0);
    const values: Record<string, IndicatorValue> = {};
    const numeric: Record<string, number> = {};
    for (const i of indicators) {
      const v = valueForStars(i, stars.get(i.code)!, rng);
      values[i.code] = { value: v };
      numeric[i.code] = v;
    }
    const r = rate(indicators, numeric, policy);
    if (r.level === level && (level !== policy.subGradeLevel || (r.subGrade === 'growth') === growth)) return values;
  }
  // Fall back to every indicator exactly at the level.
  return Object.fromEntries(indicators.map((i) => [i.code, { value: valueForStars(i, isBonus(i) ? 0 : level, rng) }]));
}

export async function seedAssessmentDemo(
  ctx: DemoContext,
  s: AssessmentServices,
  regions: RegionsService,
): Promise<void> {
  const org = (name: string) => ({ name, kind: 'expert_unit' as const });
  await ctx.demoUser({
    username: 'expert.qingdao',
    displayName: '青岛专家(示例)',
    role: 'expert',
    regionCode: '370200',
    organisation: org('青岛市智慧城市专家组(示例)'),
  });
  await ctx.demoUser({
    username: 'expert.yantai',
    displayName: '烟台专家(示例)',
    role: 'expert',
    regionCode: '370600',
    organisation: org('烟台市智慧城市专家组(示例)'),
  });
  await ctx.demoUser({
    username: 'expert.jinan',
    displayName: '济南专家(示例,回避济南)',
    role: 'expert',
    regionCode: '370100',
    organisation: org('济南市智慧城市专家组(示例)'),
  });
  await ctx.demoUser({
    username: 'supervisor.lixia',
    displayName: '历下区市民监督员(示例)',
    role: 'citizen_supervisor',
    regionCode: '370102',
    organisation: { name: '历下区市民监督员队伍(示例)', kind: 'public' },
  });
  await ctx.demoUser({
    username: 'media.jinan',
    displayName: '济南媒体监督员(示例)',
    role: 'citizen_supervisor',
    regionCode: '370100',
    organisation: { name: '济南广播电视台(示例)', kind: 'media' },
  });

  await ctx.once('assessment.v1', async () => {
    // The demo loader acts as the platform, not as any user: audited as system:demo.assessment.
    const sys = systemContext('demo.assessment');
    await s.catalogues.ensureDefaults();
    const cats = await s.catalogues.list();
    const cityCat = await s.catalogues.row(cats.find((c) => c.key === 'DB37-3890.1-city')!.id);
    const countyCat = await s.catalogues.row(cats.find((c) => c.key === 'DB37-3890.2-county')!.id);
    const rng = SeededRandom.fromString('demo-assessment');
    const history = new DemoHistory(ctx, sys, s, regions, rng);
    await history.publishedYears(cityCat, countyCat);
    // The open 2025 campaign: counties of Jinan partly submitted, the rest in draft. Notice period 0 days so the demo
    // journey can publish at once (示例).
    const camp = await s.campaigns.open(
      sys,
      {
        year: 2025,
        name: '2025年度新型智慧城市评估(示例,公示期0天便于演示)',
        cityCatalogueId: cityCat.id,
        countyCatalogueId: countyCat.id,
        // Relative to today, so the open campaign's deadlines are ahead whenever the demo starts (stage deadlines
        // are enforced: a past one would close every draft).
        deadlines: {
          selfAssessment: daysFromToday(ctx.platform.clock.now(), 14),
          cityApproval: daysFromToday(ctx.platform.clock.now(), 28),
          provinceApproval: daysFromToday(ctx.platform.clock.now(), 42),
        },
        expertsPerSubmission: 1,
        noticeDays: 0,
      },
      { sample: true },
    );
    await history.submitted(camp.id, countyCat, ['370104', '370105', '370112', '370113']);
    ctx.print('assessment: demo campaigns 2022–2024 published (示例), 2025 open for self-assessment');
  });
}

/**
 * Past years written directly as published (there is no workflow to replay for them), and a few submissions of
 * the open year moved to submitted. Audited as the demo loader.
 */
class DemoHistory {
  private readonly campaigns: CampaignsRepository;
  private readonly submissions: SubmissionsRepository;

  constructor(
    private readonly ctx: DemoContext,
    private readonly sys: RequestContext,
    private readonly s: AssessmentServices,
    private readonly regions: RegionsService,
    private readonly rng: SeededRandom,
  ) {
    this.campaigns = new CampaignsRepository(ctx.platform.db);
    this.submissions = new SubmissionsRepository(ctx.platform.db);
  }

  async publishedYears(cityCat: CatalogueRow, countyCat: CatalogueRow): Promise<void> {
    const { platform } = this.ctx;
    const rng = this.rng;
    const province = platform.config.provinceCode;
    const cities = await this.regions.list({ parent: province, level: 'city', descendants: true });
    const counties = await this.regions.list({ parent: province, level: 'county', descendants: true });
    // A latent strength per region keeps each region's level steady from year to year.
    const strength = new Map(
      [...cities, ...counties].map((r) => [r.code, rng.next() + (r.code === '370100' || r.code === '370200' ? 1 : 0)]),
    );
    const rank = (list: typeof cities) => [...list].sort((a, b) => strength.get(b.code)! - strength.get(a.code)!);
    for (const year of [2022, 2023, 2024]) {
      const dist = DEMO_DISTRIBUTION[year]!;
      const id = crypto.randomUUID();
      const publishedAt = new Date(`${year + 1}-03-31T09:00:00+08:00`);
      const subs: SubmissionInsert[] = [];
      for (const [level, list, cat] of [
        ['city', rank(cities), cityCat],
        ['county', rank(counties), countyCat],
      ] as const) {
        let k = 0;
        dist[level].forEach((n, idx) => {
          const stars = 5 - idx;
          for (let j = 0; j < n; j++, k++) {
            const r = list[k]!;
            const values = valuesForLevel(cat.indicators, cat.policy, stars, rng, stars === 4 && j < n * 0.4);
            subs.push({
              id: crypto.randomUUID(),
              campaignId: id,
              catalogueId: cat.id,
              year,
              regionCode: r.code,
              regionName: r.name,
              regionLevel: level,
              parentCode: r.parentCode,
              status: 'published',
              values,
              valueArray: orderedValues(cat.indicators, values),
              filled: Object.keys(values).length,
              alias: `S-${year}-${rng.int(100000, 999999)}`,
              version: 1,
              updatedAt: publishedAt,
            });
          }
        });
      }
      await platform.db.transaction(async (tx) => {
        await this.campaigns.insert({
          id,
          year,
          name: `${year}年度新型智慧城市评估(示例)`,
          stage: 'published',
          cityCatalogueId: cityCat.id,
          countyCatalogueId: countyCat.id,
          deadlines: {},
          expertsPerSubmission: 3,
          noticeDays: 7,
          sample: true,
          createdAt: new Date(`${year}-09-01T09:00:00+08:00`),
          coevalIndicators: coEvaluationDefault([cityCat, countyCat]),
          publishedAt,
          noticeEndsAt: publishedAt,
          expertSeed: rng.int(1, 2 ** 31),
        });
        await this.s.catalogues.lock([cityCat.id, countyCat.id]);
        await this.submissions.insert(subs);
        await this.s.results.recompute(
          subs.map((x) => ({
            ...x,
            parentCode: x.parentCode ?? null,
            valueArray: x.valueArray ?? null,
            values: x.values ?? {},
          })),
          publishedAt,
          true,
        );
        await platform.audit.record(tx, this.sys, {
          action: 'assessment.campaign.seed_demo',
          objectType: 'campaign',
          objectId: id,
          after: { year, regions: subs.length },
        });
      });
    }
  }

  async submitted(campaignId: string, countyCat: CatalogueRow, codes: string[]): Promise<void> {
    const { platform } = this.ctx;
    const now = platform.clock.now();
    for (const code of codes) {
      const sub = await this.submissions.byRegion(campaignId, code);
      if (!sub) continue;
      const values = valuesForLevel(countyCat.indicators, countyCat.policy, 3 + (code === '370112' ? 1 : 0), this.rng);
      const valueArray = orderedValues(countyCat.indicators, values);
      await platform.db.transaction(async (tx) => {
        await this.submissions.update(
          sub.id,
          { values, valueArray, filled: Object.keys(values).length, status: 'submitted' },
          now,
        );
        await this.submissions.addSteps([
          {
            submissionId: sub.id,
            from: 'draft',
            to: 'submitted',
            action: 'submit',
            reason: null,
            actor: 'demo',
            at: now,
          },
        ]);
        await this.s.results.recompute([{ ...sub, values, valueArray }], null, true);
        await platform.audit.record(tx, this.sys, {
          action: 'assessment.submission.seed_demo',
          objectType: 'submission',
          objectId: sub.id,
          after: { status: 'submitted' },
        });
      });
    }
  }
}

/** The day in China `days` after `now`'s day (YYYY-MM-DD). */
function daysFromToday(now: Date, days: number): string {
  return chinaDay(new Date(now.getTime() + days * 86_400_000));
}
