import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import { BriefingFontMissing, briefingDocx, briefingPdf, locateCjkFont, type BriefingInput } from './briefing.ts';
import { screenError } from './screen.errors.ts';
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
    return this.export(ctx, regionCode, 'docx', briefingDocx);
  }

  /** The same briefing as PDF; refused by name (503) when the server has no CJK font to print it with. */
  async pdf(ctx: RequestContext, regionCode?: string): Promise<{ file: Buffer; filename: string }> {
    let font: ReturnType<typeof locateCjkFont>;
    try {
      font = locateCjkFont();
    } catch (err) {
      if (err instanceof BriefingFontMissing) throw screenError('briefing_font_missing');
      throw err;
    }
    return this.export(ctx, regionCode, 'pdf', (input) => briefingPdf(input, font));
  }

  private async export(
    ctx: RequestContext,
    regionCode: string | undefined,
    format: 'docx' | 'pdf',
    render: (input: BriefingInput) => Promise<Buffer>,
  ): Promise<{ file: Buffer; filename: string }> {
    const code = await this.overview.authorize(ctx, regionCode);
    // Every module is read once; the screen, the forecasts and the what-if are made from the same readings.
    const readings = await this.overview.readings(code);
    const [o, t] = await Promise.all([this.overview.build(code, readings), this.themes.list(ctx, code)]);
    const f = this.forecasts.of(code, readings);
    const w = this.whatIf.of(readings, { region: code });
    // The leader's theme decides which figures and in which order, as on the screen.
    const byKey = new Map(o.figures.map((x) => [x.key, x]));
    const figures = t.active.widgets.flatMap((k) => byKey.get(k) ?? []);
    const file = await render({ overview: o, forecasts: f, whatIf: w, figures });
    // An export leaves the platform: who took which region's briefing, and when, is audited.
    await this.platform.db.transaction((tx) =>
      this.platform.audit.record(tx, ctx, {
        action: 'screen.briefing.export',
        objectType: 'screen.briefing',
        objectId: code,
        after: { region: code, version: o.version, format },
      }),
    );
    return { file, filename: `briefing-${code}-${o.generatedAt.slice(0, 10)}.${format}` };
  }
}
