import crypto from 'node:crypto';
import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import type { CaseInsert } from './cases.repository.ts';
import { seedBoardDemo } from './demo-board.ts';
import { generateDemoCases, type DemoRegion } from './demo-cases.ts';
import type { ScenariosServices } from './services.ts';
import { caseSearchText, indexTokens } from './text.ts';

/**
 * The library in demo mode (`npm start`, the e2e server): the 7,000 cases across every city, county and
 * domain; tests that seed the demo (the bad-input sweep) take 200. `generateDemoCases` makes 7,000 in well under a
 * second; the time is the database's (bench/scenarios/demo.ts). The e2e run seeds it once (global-setup.ts).
 */
export const DEMO_CASES = { full: 7000, test: 200 };
const CHUNK = 500;
const DAY = 86_400_000;

/**
 * Demo data (示例): the case library across every city and county, made once and deterministically relative to
 * today. Written in chunks straight through the repository (the same columns the service writes), one audit row
 * per chunk, so 7,000 cases load in seconds.
 */
export async function seedScenariosDemo(ctx: DemoContext, s: ScenariosServices, n?: number): Promise<void> {
  const { platform } = ctx;
  await ctx.once('scenarios.v1', async () => {
    const sys = systemContext('demo.scenarios');
    const regions = await demoRegions(ctx, s);
    const today = platform.clock.now();
    const cases = generateDemoCases(regions, n ?? (platform.config.demo ? DEMO_CASES.full : DEMO_CASES.test), today);
    for (let i = 0; i < cases.length; i += CHUNK) {
      const chunk = cases.slice(i, i + CHUNK);
      const rows: CaseInsert[] = [];
      const steps: Parameters<typeof s.cases.repo.addSteps>[0] = [];
      for (const c of chunk) {
        const id = uuidFrom(`${c.regionCode}:${c.title}`);
        const submitted = c.status !== 'draft';
        const at = (days: number) => new Date(c.createdAt.getTime() + days * DAY);
        rows.push({
          id,
          regionCode: c.regionCode,
          cityCode: c.cityCode,
          title: c.title,
          domain: c.domain,
          category: c.category,
          summary: c.summary,
          problem: c.problem,
          approach: c.approach,
          results: c.results,
          usersServed: c.usersServed,
          monthlyUsage: c.monthlyUsage,
          savingsFen: c.savingsFen,
          operatingModel: c.operatingModel,
          operatingNote: c.operatingNote,
          investmentFen: c.investmentFen,
          investmentSource: c.investmentSource,
          goLive: c.goLive,
          responsibleUnit: c.responsibleUnit,
          builder: c.builder,
          tags: c.tags,
          status: c.status,
          returnReason: c.returnReason,
          tokens: indexTokens(caseSearchText(c)),
          isDemo: true,
          createdBy: null,
          createdAt: c.createdAt,
          updatedAt: at(c.status === 'accepted' ? 12 : 5),
          submittedAt: submitted ? at(2) : null,
          acceptedAt: c.status === 'accepted' ? at(12) : null,
        });
        const step = (action: string, from: string | null, to: string, days: number, byName: string, reason?: string) =>
          steps.push({
            caseId: id,
            action,
            fromStatus: from as never,
            toStatus: to as never,
            byUserId: null,
            byName,
            reason: reason ?? null,
            at: at(days),
          });
        step('create', null, 'draft', 0, '示例填报人');
        if (!submitted) continue;
        const county = c.cityCode !== c.regionCode;
        step('submit', 'draft', county ? 'submitted' : 'recommended', 2, '示例填报人');
        if (c.status === 'returned')
          step('return', county ? 'submitted' : 'recommended', 'returned', 5, '示例审核人', c.returnReason!);
        if (county && (c.status === 'recommended' || c.status === 'accepted'))
          step('recommend', 'submitted', 'recommended', 5, '示例市级审核人');
        if (c.status === 'accepted') step('accept', 'recommended', 'accepted', 12, '示例省级审核人');
      }
      await platform.db.transaction(async (tx) => {
        await s.cases.repo.insertMany(rows);
        await s.cases.repo.addSteps(steps);
        await s.duplicates.index(rows.map((r) => ({ ...r, problem: r.problem ?? '', approach: r.approach ?? '' })));
        await platform.audit.record(tx, sys, {
          action: 'scenarios.demo.seed',
          objectType: 'scenarios.case',
          objectId: `demo-${i / CHUNK}`,
          after: { cases: rows.length },
        });
      });
    }
    ctx.print(`scenarios demo: ${cases.length} cases (示例)`);
  });
  await seedBoardDemo(ctx, s);
}

/** Every city and county of the province, each with its city. */
async function demoRegions(ctx: DemoContext, s: ScenariosServices): Promise<DemoRegion[]> {
  const province = ctx.platform.config.provinceCode;
  const cities = await s.regions.list({ parent: province, level: 'city' });
  const out: DemoRegion[] = [];
  for (const city of cities) {
    out.push({ code: city.code, name: city.name, cityCode: city.code, level: 'city' });
    for (const county of await s.regions.list({ parent: city.code, level: 'county' }))
      out.push({ code: county.code, name: county.name, cityCode: city.code, level: 'county' });
  }
  return out;
}

/** A stable id from a stable key, so the demo's ids are the same on every machine (RFC 4122 layout, v5-like). */
export function uuidFrom(key: string): string {
  const h = crypto.createHash('sha1').update(`zhicheng.scenarios:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
