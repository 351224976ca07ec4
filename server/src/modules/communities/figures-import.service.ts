import type { ImportReport } from '@zhicheng/contracts';
import { COMMUNITIES_PERMISSIONS as P, FigureRow, INGEST_LIMITS } from '@zhicheng/contracts/communities';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import { FIGURE_COLUMNS, sheetRowToFigure } from './figures-excel.ts';
import { monthOf, type FiguresService } from './figures.service.ts';
import type { RegistryService } from './registry.service.ts';

/**
 * Monthly reports by Excel (for communities whose system cannot push yet): the template lists the region's
 * communities for last month; the filled-in sheet is checked row by row (the push API's rules, plus the caller's
 * region) and written all or nothing, counted as `excel` among the reports that arrived.
 */
export class FiguresImportService {
  constructor(
    private readonly platform: Platform,
    private readonly registry: RegistryService,
    private readonly figures: FiguresService,
  ) {}

  /** The sheet to fill in: one row per registered community of the region (the caller's, when none given). */
  async template(ctx: RequestContext, region?: string) {
    const prefixes = await this.registry.scopePrefixes(ctx, P.selfReport, region);
    const { rows } = await this.registry.repo.page(prefixes, { limit: INGEST_LIMITS.rowsPerBatch, offset: 0 });
    const [y, m] = monthOf(this.platform.clock.now()).split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
    return {
      columns: FIGURE_COLUMNS,
      rows: rows.map((c) => ({ communityCode: c.code, communityName: c.name, month: last })),
    };
  }

  /** Every row checked first; one bad row and nothing is written, every problem named by its sheet row. */
  async importRows(
    ctx: RequestContext,
    sheet: { row: number; values: Record<string, string> }[],
  ): Promise<ImportReport> {
    this.platform.authz.require(ctx.actor, P.selfReport);
    const errors: ImportReport['errors'] = [];
    if (!sheet.length) errors.push({ row: 2, field: 'communityCode', message: 'no report rows' });
    if (sheet.length > INGEST_LIMITS.rowsPerBatch)
      errors.push({ row: 1, field: 'file', message: `at most ${INGEST_LIMITS.rowsPerBatch} rows per import` });
    if (errors.length) return { imported: 0, errors };
    const good: { row: number; data: FigureRow & { communityCode: string } }[] = [];
    const seen = new Map<string, number>();
    const covered = new Map<string, boolean>();
    for (const r of sheet) {
      const { input, errors: cells } = sheetRowToFigure(r.row, r.values);
      errors.push(...cells);
      const parsed = FigureRow.safeParse(input);
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          errors.push({
            row: r.row,
            field: String(i.path[0] === 'values' ? (i.path[1] ?? 'values') : (i.path[0] ?? '')),
            message: i.message,
          });
        continue;
      }
      const code = parsed.data.communityCode!;
      const key = `${code}|${parsed.data.month}`;
      if (seen.has(key))
        errors.push({ row: r.row, field: 'month', message: `the same community and month as row ${seen.get(key)}` });
      seen.set(key, r.row);
      if (!covered.has(code)) covered.set(code, await this.platform.authz.covers(ctx.actor, P.selfReport, code));
      if (!covered.get(code)) errors.push({ row: r.row, field: 'communityCode', message: 'outside your region' });
      else good.push({ row: r.row, data: { ...parsed.data, communityCode: code } });
    }
    const known = await this.figures.repo.registered([...new Set(good.map((g) => g.data.communityCode))]);
    for (const g of good)
      if (!known.has(g.data.communityCode))
        errors.push({ row: g.row, field: 'communityCode', message: 'not a registered community' });
    if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
    const now = this.platform.clock.now();
    const written = await this.platform.db.transaction(async (tx) => {
      const n = await this.figures.repo.upsert(
        good.map((g) => ({
          communityCode: g.data.communityCode,
          month: `${g.data.month}-01`,
          values: g.data.values as Record<string, number>,
          source: 'excel' as const,
          receivedAt: now,
        })),
      );
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.figures.import',
        objectType: 'communities.figure',
        objectId: null,
        after: { rows: good.length, written: n, source: 'excel' },
      });
      return n;
    });
    // Rows equal to what was stored already count as imported too (a resent sheet changes nothing).
    void written;
    return { imported: good.length, errors: [] };
  }
}
