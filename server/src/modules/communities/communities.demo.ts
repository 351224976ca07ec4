import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import { DEMO_COMMUNITY, planDemoCommunities } from './demo-plan.ts';
import type { RegistryService } from './registry.service.ts';
import type { TiersService } from './tiers.service.ts';
import { demoFigures, type FiguresService } from './figures.service.ts';
import { provinceUniverse } from './universe.ts';
import type { DirectoryApi } from '../directory/index.ts';
import type { ExchangeRepository } from './exchange.repository.ts';
import { seedExchangeDemo } from './exchange-demo.ts';

/** Demo data (示例), made once and deterministically; never shown as official figures. */
export async function seedCommunitiesDemo(
  ctx: DemoContext,
  registry: RegistryService,
  tiers: TiersService,
  figures: FiguresService,
  exchange: { repo: ExchangeRepository; directory: DirectoryApi },
): Promise<void> {
  await ctx.once('communities.v1', async () => {
    const sys = systemContext('demo.communities');
    const universe = await provinceUniverse(ctx.platform.config.provinceCode);
    const year = ctx.platform.clock.now().getFullYear();
    const plan = planDemoCommunities(universe.units.values(), year);
    const n = await registry.seedDemo(sys, plan);
    // Tiers come from made-up indicator values through the shared rating rule, not written directly.
    const byTier = await tiers.seedDemo(sys, plan, year);
    const count = (t: 'basic' | 'growth' | 'benchmark') => byTier.get(t)?.length ?? 0;
    const smart = new Set([...byTier.values()].flat());
    const rows = demoFigures(
      plan
        .filter((p) => smart.has(p.code))
        .map((p) => ({
          code: p.code,
          households: p.figures.households,
          connected: (p.figures.systems ?? []).length > 0,
        })),
      ctx.platform.clock.now(),
    );
    await figures.seedDemo(sys, rows);
    ctx.print(
      `demo communities (示例): ${n} registered, ${rows.length} monthly figures; 基础型 ${count('basic')}, 成长型 ${count('growth')}, 标杆型 ${count('benchmark')}`,
    );
  });
  await ctx.once('communities.history.v1', async () => {
    // Four earlier campaign years (示例), so the one screen has a trend to set against the 3,500 / 50 targets.
    await tiers.seedDemoHistory(systemContext('demo.communities'), ctx.platform.clock.now().getFullYear());
  });
  await ctx.once('communities.benchmark-candidate.v1', async () => {
    // One 成长型 community of the first city asks for 标杆型 this year: the province's on-site check can be tried.
    const year = ctx.platform.clock.now().getFullYear();
    const city = DEMO_COMMUNITY.slice(0, 4);
    const { rows } = await registry.repo.page([city], { tier: 'growth', limit: 20, offset: 0 });
    for (const { code } of rows)
      if (await tiers.seedDemoCandidate(systemContext('demo.communities'), code, year)) {
        ctx.print(`demo 标杆型 candidate (示例): ${code}, awaiting the province's on-site check`);
        break;
      }
  });
  await ctx.demoUser({
    username: 'community.jiefangqiao',
    displayName: '解放桥社区工作者(示例)',
    role: 'community_worker',
    regionCode: DEMO_COMMUNITY,
    organisation: { name: '历下区解放桥社区居委会(示例)', kind: 'bureau' },
  });
  await ctx.once('communities.token.v1', async () => {
    // A token for the demo community's system, so the push API can be tried at once (shown once, like any token).
    const token = await figures.createSystemToken(
      systemContext('demo.communities'),
      DEMO_COMMUNITY,
      '解放桥社区智慧平台(示例)',
    );
    ctx.print(`demo community push token (示例): ${DEMO_COMMUNITY} ${token}`);
  });
  await ctx.once('communities.exchange.v1', async () => {
    const universe = await provinceUniverse(ctx.platform.config.provinceCode);
    const plan = planDemoCommunities(universe.units.values(), ctx.platform.clock.now().getFullYear());
    const started = performance.now();
    await seedExchangeDemo(
      ctx,
      exchange.repo,
      exchange.directory,
      plan.map((p) => ({ code: p.code, name: universe.units.get(p.code)?.name ?? p.code })),
    );
    await ctx.platform.audit.record(ctx.platform.db, systemContext('demo.communities'), {
      action: 'communities.exchange.seed_demo',
      objectType: 'communities.match-round',
      after: { ms: Math.round(performance.now() - started) },
    });
  });
}
