import type { FastifyReply } from 'fastify';
import type { AssessmentResultRow, IndicatorCatalogue } from '@zhicheng/contracts/assessment';
import { readSheetCells } from '../../platform/excel.ts';

/** The module's spreadsheets: columns of the value template, the catalogue export and the results export. */

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const sendXlsx = (reply: FastifyReply, name: string, buf: Buffer) =>
  reply.type(XLSX).header('content-disposition', `attachment; filename="${name}"`).send(buf);

export const VALUE_COLUMNS = [
  { key: 'code', header: '指标代码', width: 14 },
  { key: 'name', header: '指标名称', width: 36 },
  { key: 'unit', header: '单位', width: 8 },
  { key: 'value', header: '数值', width: 12 },
  { key: 'numerator', header: '分子', width: 12 },
  { key: 'denominator', header: '分母', width: 12 },
  { key: 'explanation', header: '说明', width: 30 },
];
/** What an import needs at least; the optional columns are read loosely beside them. */
export const VALUE_IMPORT_COLUMNS = VALUE_COLUMNS.filter(
  (c) => !['name', 'unit', 'numerator', 'denominator', 'explanation'].includes(c.key),
);

export const CATALOGUE_COLUMNS = [
  'code',
  'domain',
  'parentCode',
  'name',
  'definition',
  'unit',
  'direction',
  't1',
  't2',
  't3',
  't4',
  't5',
  'weight',
  'evidenceRequired',
  'veto',
  'bonusPoints',
  'min',
  'max',
  'factor',
  'numerator',
  'denominator',
  'sample',
].map((key) => ({ key, header: key }));
export const CATALOGUE_REQUIRED_COLUMNS = CATALOGUE_COLUMNS.filter((c) =>
  ['code', 'domain', 'name', 't1', 't2', 't3', 't4', 't5', 'weight'].includes(c.key),
);

/** A catalogue's indicators as export rows (the same sheet is the import template). */
export const catalogueSheetRows = (c: IndicatorCatalogue) =>
  c.indicators.map((i) => ({
    ...i,
    t1: i.thresholds[0],
    t2: i.thresholds[1],
    t3: i.thresholds[2],
    t4: i.thresholds[3],
    t5: i.thresholds[4],
    factor: i.formula.kind === 'ratio' ? i.formula.factor : '',
    numerator: i.formula.kind === 'ratio' ? i.formula.numerator : '',
    denominator: i.formula.kind === 'ratio' ? i.formula.denominator : '',
    evidenceRequired: i.evidenceRequired ? '是' : '',
    veto: i.veto ? '是' : '',
    sample: i.sample ? '是' : '否',
    parentCode: i.parentCode ?? '',
    bonusPoints: i.bonusPoints ?? '',
    min: i.min ?? '',
    max: i.max ?? '',
  }));

export const RESULT_COLUMNS = [
  { key: 'rank', header: '排名' },
  { key: 'regionCode', header: '区划代码' },
  { key: 'regionName', header: '名称' },
  { key: 'level', header: '层级' },
  { key: 'stars', header: '星级' },
  { key: 'subGrade', header: '类型' },
  { key: 'score', header: '得分' },
  { key: 'bonus', header: '加分' },
  { key: 'previousStars', header: '上年星级' },
  { key: 'sample', header: '示例数据' },
];

export const resultSheetRows = (items: AssessmentResultRow[]) =>
  items.map((r) => ({
    ...r,
    level: r.regionLevel === 'city' ? '市' : '县',
    subGrade: r.subGrade === 'growth' ? '成长型' : r.subGrade === 'basic' ? '基础型' : '',
    sample: r.sample ? '是' : '',
  }));

/** Every column of the first sheet by header text, keyed by row number (optional columns of an import). */
export async function readSheetLoose(data: Buffer): Promise<Map<number, Record<string, string>>> {
  const cells = await readSheetCells(data);
  const out = new Map<number, Record<string, string>>();
  const headers = new Map<number, string>();
  const keyOf = (h: string) => VALUE_COLUMNS.find((c) => c.header === h)?.key ?? h;
  for (const [i, text] of cells.get(1) ?? []) headers.set(i, keyOf(text));
  for (const [n, row] of cells) {
    if (n === 1) continue;
    const v: Record<string, string> = {};
    for (const [i, text] of row) {
      const h = headers.get(i);
      if (h) v[h] = text;
    }
    out.set(n, v);
  }
  return out;
}
