import type { ImportReport } from '@zhicheng/contracts';
import type { Task } from '@zhicheng/contracts/work-ledger';
import type { Column } from '../../platform/excel.ts';

/**
 * What regions' identify says of one region cell (its RegionMatch, written out here: the web's e2e reads this file
 * for the layout, and importing the regions module would pull the server's route types into the web's type check).
 */
type RegionCell = { code: string } | { code?: undefined; message: string };

/**
 * The Excel ledger as officials keep it (年度工作要点任务分解台账): one row per task. Import and export share the
 * layout, so an exported ledger can be edited and imported into another year. Headers are matched by their text.
 */
export const LEDGER_COLUMNS: Column[] = [
  { key: 'year', header: '年度', width: 8 },
  { key: 'code', header: '序号', width: 8 },
  { key: 'point', header: '工作要点', width: 30 },
  { key: 'title', header: '重点任务', width: 40 },
  { key: 'leadUnit', header: '牵头单位', width: 20 },
  { key: 'cooperatingUnits', header: '配合单位', width: 24 },
  // A code or a name (历下区, 济南市历下区): regions' identify. Ledgers filled in under the old header still import.
  { key: 'regionCode', header: '责任地区', aliases: ['责任地区代码'], width: 14 },
  { key: 'deadline', header: '完成时限', width: 12 },
  { key: 'target', header: '预期目标', width: 30 },
  { key: 'metric', header: '目标指标', width: 28 },
  { key: 'targetValue', header: '目标值', width: 10 },
  { key: 'milestones', header: '节点安排', width: 36 },
];

/** Columns the export adds after the layout: where each task stands. */
export const STATUS_COLUMNS: Column[] = [
  { key: 'status', header: '状态', width: 10 },
  { key: 'rag', header: '红黄绿', width: 8 },
  { key: 'percent', header: '进度%', width: 8 },
  { key: 'lastReportMonth', header: '最新进展月份', width: 12 },
  { key: 'escalations', header: '催办次数', width: 10 },
];

const splitList = (v: string | undefined) =>
  (v ?? '')
    .split(/[,,、;;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Excel writes dates its own ways: 2026-06-30, 2026/6/30, 2026年6月30日. */
export function normaliseDate(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const m = v.trim().match(/^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?/);
  if (!m) return v.trim();
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/**
 * A sheet row → the task input the contract checks, plus errors of cells that cannot even be read. `regions` holds
 * what each region cell of the sheet names (RegionsService.identifyAll): a code, or the row error's words.
 */
export function rowToInput(
  row: number,
  v: Record<string, string>,
  regions?: Map<string, RegionCell>,
): { input: unknown; errors: ImportReport['errors'] } {
  const errors: ImportReport['errors'] = [];
  const regionCell = v.regionCode?.trim() ?? '';
  const region = regions?.get(regionCell);
  if (region && region.code === undefined) errors.push({ row, field: 'regionCode', message: region.message });
  const num = (key: string) => {
    const s = v[key]?.trim();
    if (!s) return undefined;
    const n = Number(s.replace(/%$/, ''));
    if (!Number.isFinite(n)) errors.push({ row, field: key, message: 'not a number' });
    return n;
  };
  const milestones = splitList(v.milestones).map((m) => {
    const [title, due] = m.split('@');
    if (!due) errors.push({ row, field: 'milestones', message: 'write milestones as 名称@YYYY-MM-DD' });
    return { title: title?.trim() ?? '', dueOn: normaliseDate(due) ?? '' };
  });
  return {
    input: {
      year: num('year'),
      code: v.code?.trim(),
      point: v.point,
      title: v.title,
      leadUnit: v.leadUnit,
      cooperatingUnits: splitList(v.cooperatingUnits),
      regionCode: region?.code ?? regionCell,
      deadline: normaliseDate(v.deadline),
      target: v.target,
      metric: v.metric?.trim() || undefined,
      targetValue: num('targetValue'),
      milestones,
    },
    errors,
  };
}

const STATUS_WORDS: Record<string, string> = { planned: '已立项', assigned: '已交办', closed: '已办结' };
const RAG_WORDS: Record<string, string> = { green: '绿', yellow: '黄', red: '红' };

export function taskToRow(t: Task, milestones: { title: string; dueOn: string }[]): Record<string, unknown> {
  return {
    year: t.year,
    code: t.code,
    point: t.point,
    title: t.title,
    leadUnit: t.leadUnit,
    cooperatingUnits: t.cooperatingUnits.join('、'),
    regionCode: t.regionCode,
    deadline: t.deadline,
    target: t.target,
    metric: t.metric ?? '',
    targetValue: t.targetValue ?? '',
    milestones: milestones.map((m) => `${m.title}@${m.dueOn}`).join(';'),
    status: STATUS_WORDS[t.status] ?? t.status,
    rag: t.status === 'closed' ? '—' : RAG_WORDS[t.rag],
    percent: t.percent,
    lastReportMonth: t.lastReportMonth ?? '',
    escalations: t.escalations,
  };
}
