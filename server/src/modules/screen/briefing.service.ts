import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import { briefingDocx } from './briefing.ts';
import type { ForecastsService } from './forecasts.service.ts';
import type { OverviewService } from './overview.service.ts';
import type { ThemesService } from './themes.service.ts';
import type { WhatIfService } from './whatif.service.ts';

/** The briefing (简报) of a region: its screen in the active theme's order, as a Word document. */
export class BriefingService {
  constructor(
    private readonly platform: Platform,
    private readonly overview: OverviewService,
    private readonly forecasts: ForecastsService,
    private readonly whatIf: WhatIfService,
    private readonly themes: ThemesService,
  ) {}

  async docx(ctx: RequestContext, regionCode?: string): Promise<{ file: Buffer; filename: string }> {
    const code = await this.overview.authorize(ctx, regionCode);
    const [o, f, w, t] = await Promise.all([
      this.overview.build(code),
      this.forecasts.forecasts(ctx, code),
      this.whatIf.whatIf(ctx, { region: code }),
      this.themes.list(ctx, code),
    ]);
    // The leader's theme decides which figures and in which order, as on the screen.
    const byKey = new Map(o.figures.map((x) => [x.key, x]));
    const figures = t.active.widgets.flatMap((k) => byKey.get(k) ?? []);
    const file = await briefingDocx({ overview: o, forecasts: f, whatIf: w, figures });
    // An export leaves the platform: who took which region's briefing, and when, is audited.
    await this.platform.db.transaction((tx) =>
      this.platform.audit.record(tx, ctx, {
        action: 'screen.briefing.export',
        objectType: 'screen.briefing',
        objectId: code,
        after: { region: code, version: o.version },
      }),
    );
    return { file, filename: `briefing-${code}-${o.generatedAt.slice(0, 10)}.docx` };
  }
}
