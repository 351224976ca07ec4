import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import type { ThemesService } from './themes.service.ts';

/** Demo themes (示例): a leader's short theme for the province and one for 青岛. Made once, deterministically. */
export async function seedScreenDemo(ctx: DemoContext, themes: ThemesService): Promise<void> {
  await ctx.once('screen.v1', async () => {
    const sys = systemContext('demo.screen');
    const province = ctx.platform.config.provinceCode;
    await themes.createDemo(sys, {
      name: '领导驾驶舱(示例)',
      regionCode: province,
      widgets: [
        'assessment.county-4star-share',
        'assessment.city-5star',
        'assessment.targets',
        'assessment.trend',
        'participation.responses',
        'participation.top-demands',
        'compute.total-eflops',
        'compute.ai-share',
        'compute.by-city',
      ],
      layers: ['assessment.stars', 'compute.total-eflops', 'participation.responses'],
      isDefault: false,
    });
  });
}
