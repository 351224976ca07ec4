import type { WhatIfInput, WhatIfResult } from '@zhicheng/contracts/screen';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { OverviewService } from './overview.service.ts';
import { whatIf } from './whatif.ts';

/** 辅助决策: what-if on the county star target over the published results (nothing is written). */
export class WhatIfService {
  constructor(private readonly overview: OverviewService) {}

  async whatIf(ctx: RequestContext, input: WhatIfInput): Promise<WhatIfResult> {
    const code = await this.overview.authorize(ctx, input.region);
    const r = await this.overview.readings(code);
    const a = r.assessment;
    const result = whatIf(a?.counties ?? [], {
      stars: input.stars ?? 4,
      targetShare: input.targetShare ?? 0.4,
      changes: input.changes ?? [],
    });
    return {
      ...result,
      year: a?.year ?? null,
      source: {
        module: 'assessment',
        label: {
          zh: `${a?.campaign ?? '评估'}(已发布结果)· 假设值不写入`,
          en: `${a?.campaign ?? 'assessment'} (published) · suppositions are not stored`,
        },
        href: '/assessment',
        asOf: a?.publishedAt ?? null,
        simulated: a?.sample ?? false,
      },
    };
  }
}
