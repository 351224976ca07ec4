import type { ImportReport } from '@zhicheng/contracts';
import type { CaseInputRaw, CaseSummary } from '@zhicheng/contracts/scenarios';
import type { Column } from '../../platform/excel.ts';
import type { CaseListRow } from './cases.repository.ts';

/**
 * The case sheet as officials keep it (场景案例汇总表): one row per case. Import and export share the layout, so an
 * exported sheet can be corrected and imported again. Headers are matched by their text; amounts are in 元 (the
 * library stores fen); domain, sub-category and operating model may be written as their Chinese names or codes.
 */
export const CASE_COLUMNS: Column[] = [
  { key: 'regionCode', header: '区划代码', width: 12 },
  { key: 'title', header: '案例名称', width: 30 },
  { key: 'domain', header: '领域', width: 8 },
  { key: 'category', header: '子类', width: 14 },
  { key: 'summary', header: '简介', width: 40 },
  { key: 'problem', header: '解决的问题', width: 40 },
  { key: 'approach', header: '主要做法', width: 40 },
  { key: 'results', header: '应用成效', width: 40 },
  { key: 'usersServed', header: '服务人数', width: 12 },
  { key: 'monthlyUsage', header: '月使用量', width: 12 },
  { key: 'savingsYuan', header: '年节约资金(元)', width: 14 },
  { key: 'operatingModel', header: '运营模式', width: 12 },
  { key: 'operatingNote', header: '长效运营说明', width: 30 },
  { key: 'investmentYuan', header: '投资金额(元)', width: 14 },
  { key: 'investmentSource', header: '资金来源', width: 14 },
  { key: 'goLive', header: '上线日期', width: 12 },
  { key: 'responsibleUnit', header: '责任单位', width: 20 },
  { key: 'builder', header: '建设单位', width: 20 },
  { key: 'tags', header: '标签', width: 20 },
];

/** Columns the export adds after the layout: where each case stands. */
export const CASE_STATUS_COLUMNS: Column[] = [
  { key: 'regionName', header: '所属区划', width: 14 },
  { key: 'statusName', header: '状态', width: 10 },
  { key: 'id', header: '案例编号', width: 38 },
];

/** Term names → codes, for cells written in Chinese (政府引导) as well as by code (gov_led). */
export type TermLookup = (kind: 'domain' | 'category' | 'operating_model', cell: string) => string | undefined;

/** 2026-06-30, 2026/6/30, 2026年6月30日, 2026.6.30 → 2026-06-30; anything else is left for the contract to refuse. */
export function normaliseDate(v: string | undefined): string | undefined {
  const s = v?.trim();
  if (!s) return undefined;
  const m = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?/.exec(s);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : s;
}

/** A sheet row → the case input the contract checks, plus errors of cells that cannot even be read. */
export function rowToInput(
  row: number,
  v: Record<string, string>,
  terms: TermLookup,
  defaultRegion: string | undefined,
): { input: CaseInputRaw; errors: ImportReport['errors'] } {
  const errors: ImportReport['errors'] = [];
  const text = (key: string) => v[key]?.trim() ?? '';
  const count = (key: string, field: string) => {
    const s = text(key).replace(/[,,\s]/g, '');
    if (!s) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0 || !Number.isInteger(n)) {
      errors.push({ row, field, message: '须为非负整数 / a whole number ≥ 0' });
      return undefined;
    }
    return n;
  };
  const fen = (key: string, field: string) => {
    const s = text(key).replace(/[,,\s元¥]/g, '');
    if (!s) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n) || n < 0) {
      errors.push({ row, field, message: '须为金额(元)/ an amount in yuan' });
      return undefined;
    }
    return Math.round(n * 100);
  };
  const term = (kind: 'domain' | 'category' | 'operating_model', key: string) => {
    const s = text(key);
    if (!s) return '';
    const code = terms(kind, s);
    if (!code) errors.push({ row, field: key, message: `未知的${s} / unknown` });
    return code ?? s;
  };
  const input: CaseInputRaw = {
    regionCode: text('regionCode') || defaultRegion || '',
    title: text('title'),
    domain: term('domain', 'domain'),
    category: term('category', 'category'),
    summary: text('summary'),
    problem: text('problem'),
    approach: text('approach'),
    results: text('results'),
    usersServed: count('usersServed', 'usersServed'),
    monthlyUsage: count('monthlyUsage', 'monthlyUsage'),
    savingsFen: fen('savingsYuan', 'savingsFen'),
    operatingModel: term('operating_model', 'operatingModel'),
    operatingNote: text('operatingNote'),
    investmentFen: fen('investmentYuan', 'investmentFen'),
    investmentSource: text('investmentSource'),
    goLive: normaliseDate(v.goLive) ?? null,
    responsibleUnit: text('responsibleUnit'),
    builder: text('builder'),
    tags: text('tags')
      .split(/[,,、;;\s]+/)
      .map((t) => t.trim())
      .filter(Boolean),
  };
  return { input, errors };
}

/** A case → a row of the sheet (the import layout, then the status columns). */
export function caseToRow(c: CaseListRow, s: CaseSummary, statusName: string): Record<string, unknown> {
  return {
    regionCode: c.regionCode,
    title: c.title,
    domain: s.domainName,
    category: s.categoryName,
    summary: c.summary,
    problem: c.problem ?? '',
    approach: c.approach ?? '',
    results: c.results ?? '',
    usersServed: c.usersServed,
    monthlyUsage: c.monthlyUsage,
    savingsYuan: c.savingsFen / 100,
    operatingModel: s.operatingModelName,
    operatingNote: c.operatingNote,
    investmentYuan: c.investmentFen / 100,
    investmentSource: c.investmentSource,
    goLive: c.goLive ?? '',
    responsibleUnit: c.responsibleUnit,
    builder: c.builder,
    tags: c.tags.join('、'),
    regionName: s.regionName,
    statusName,
    id: c.id,
  };
}
