import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { minuteOf } from './link-status.ts';
import type { RegistryService } from './registry.service.ts';

/** Made-up surnames for the made-up contacts; numbers are in the 0531-8600xxxx block the demo uses everywhere. */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];

/** The provincial domain platforms the demo connects (names are generic, not any real system's). */
const DOMAINS = [
  { code: 'law', name: '政法协同子平台(示例)', domain: '政法', owner: '省委政法委(示例)' },
  { code: 'police', name: '公安数据子平台(示例)', domain: '公安', owner: '省公安厅(示例)' },
  { code: 'health', name: '公共卫生子平台(示例)', domain: '公共卫生', owner: '省卫生健康委(示例)' },
  { code: 'emergency', name: '应急管理子平台(示例)', domain: '应急管理', owner: '省应急管理厅(示例)' },
] as const;

/**
 * Demo data (示例), made once and deterministically: the province's city brains (one per city) and four domain
 * platforms, all labelled 示例. Their links come alive when the demo's simulated cities connect.
 */
export async function seedCityBrainDemo(
  ctx: DemoContext,
  s: { registry: RegistryService },
  regions: RegionsService,
): Promise<void> {
  await ctx.once('city-brain.v1', async () => {
    const sys = systemContext('demo.city-brain');
    const province = ctx.platform.config.provinceCode;
    const cities = await regions.list({ parent: province, level: 'city' });
    const now = ctx.platform.clock.now();
    for (const [i, city] of cities.entries()) {
      const sp = await s.registry.createDemo(sys, {
        code: `c${city.code}`,
        kind: 'city_brain',
        name: `${city.name}城市大脑(示例)`,
        regionCode: city.code,
        ownerUnit: `${city.name}大数据局(示例)`,
        contactName: `${SURNAMES[i % SURNAMES.length]}工`,
        contactPhone: `0531-8600${String(1000 + i).padStart(4, '0')}`,
        publishes: ['vital-sign', 'event', 'dataset-update', 'heartbeat'],
        receives: ['task', 'notice', 'alert'],
      });
      // A starting picture until the simulated cities connect: most online, one stale, one offline.
      const hbAge = i === 3 ? 180_000 : i === 7 ? 3_600_000 : 5_000 + i * 1_000;
      const heartbeat = new Date(now.getTime() - hbAge);
      await s.registry.repo.update(sp.id, {
        lastHeartbeatAt: heartbeat,
        connectedSince: new Date(heartbeat.getTime() - 86_400_000 * (1 + (i % 5))),
        lastLagMs: 200 + ((i * 137) % 900),
        receivedTotal: 40_000 + i * 1_234,
        sentTotal: 120 + i * 7,
      });
      for (let m = 0; m < 5; m++) {
        const minute = new Date(minuteOf(now).getTime() - m * 60_000);
        await s.registry.repo.countTraffic(sp.id, minute, 'up', 60 + ((i * 31 + m * 17) % 90));
        await s.registry.repo.countTraffic(sp.id, minute, 'down', (i + m) % 3);
      }
    }
    for (const [i, d] of DOMAINS.entries()) {
      await s.registry.createDemo(sys, {
        code: d.code,
        kind: 'domain',
        name: d.name,
        regionCode: province,
        domain: d.domain,
        ownerUnit: d.owner,
        contactName: `${SURNAMES[(i + 5) % SURNAMES.length]}处长`,
        contactPhone: `0531-8601${String(1000 + i).padStart(4, '0')}`,
        publishes: ['event', 'dataset-update', 'heartbeat'],
        receives: ['task', 'notice'],
      });
    }
  });
}
