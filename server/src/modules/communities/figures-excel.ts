import type { ImportReport } from '@zhicheng/contracts';
import { COMMUNITY_METRICS, type CommunityMetric } from '@zhicheng/contracts/communities';
import type { Column } from '../../platform/excel.ts';

const METRICS = Object.keys(COMMUNITY_METRICS) as CommunityMetric[];

/**
 * The monthly report as a sheet (社区月报): one row per community and month, one column per figure. The template
 * hands out the same layout (pre-filled with the region's communities), so a filled-in template imports as it is.
 * Headers are matched by their text or by the key after it.
 */
export const FIGURE_COLUMNS: Column[] = [
  { key: 'communityCode', header: '社区代码', width: 16 },
  { key: 'communityName', header: '社区名称', width: 20 },
  { key: 'month', header: '月份', width: 10 },
  ...METRICS.map((k) => ({
    key: k,
    header: `${COMMUNITY_METRICS[k].zh}(${COMMUNITY_METRICS[k].unit})`,
    width: 16,
  })),
];

/** The template's closing line (a row of its own, in the first column): skipped on import. */
export const FIGURE_SHEET_NOTE =
  '月份写作 YYYY-MM;指标留空表示本月不报该项;累计类填当月数,在线设备、接入设备填月末状态。任何一行有误则整表不写入。';

/** Excel writes a month its own ways: 2026-06, 2026/6, 2026年6月, 2026.06, or a date in it. */
export function normaliseMonth(v: string | undefined): string {
  const s = (v ?? '').trim();
  const m =
    /^(\d{4})[-/年.](\d{1,2})(?:月|[-/.]\d{1,2}日?|T[\d:.]+Z?)?$/.exec(s) ??
    /^(\d{4})[-/.](\d{1,2})[-/.]\d{1,2}T/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}` : s;
}

/** A sheet row → the push API's row (FigureRow input), plus the cells that are not even numbers. */
export function sheetRowToFigure(
  row: number,
  v: Record<string, string>,
): { input: { communityCode: string; month: string; values: Record<string, number> }; errors: ImportReport['errors'] } {
  const errors: ImportReport['errors'] = [];
  const values: Record<string, number> = {};
  for (const k of METRICS) {
    const s = v[k]?.replace(/,/g, '').trim();
    if (!s) continue;
    const n = Number(s);
    if (!Number.isFinite(n)) errors.push({ row, field: k, message: 'not a number' });
    else values[k] = n;
  }
  return { input: { communityCode: (v.communityCode ?? '').trim(), month: normaliseMonth(v.month), values }, errors };
}
