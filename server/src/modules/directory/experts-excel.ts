import type { ImportReport } from '@zhicheng/contracts';
import { EXPERT_FIELDS, EXPERT_TITLES, RELATION_KINDS, type Expert } from '@zhicheng/contracts/directory';
import type { Column } from '../../platform/excel.ts';
import type { RegionMatch } from '../regions/index.ts';

/**
 * The expert library as keepers keep it in Excel: one row per expert, fields and relations in words. Import and
 * export share the layout (export masks the contact: a re-import needs the numbers typed in again).
 */
export const EXPERT_COLUMNS: Column[] = [
  { key: 'name', header: '姓名', width: 10 },
  { key: 'title', header: '职称', width: 10 },
  { key: 'fields', header: '专业领域', width: 30 },
  { key: 'unitName', header: '工作单位', width: 28 },
  { key: 'unitCreditCode', header: '单位统一社会信用代码', width: 22 },
  // A code or a name (历下区, 济南市历下区): regions' identify. Sheets filled in under the old header still import.
  { key: 'regionCode', header: '所在地区', aliases: ['所在地区代码'], width: 14 },
  { key: 'phone', header: '手机号', width: 14 },
  { key: 'email', header: '邮箱', width: 22 },
  { key: 'relations', header: '申报关系', width: 48 },
];
export const EXPERT_EXPORT_COLUMNS: Column[] = [
  { key: 'code', header: '专家编号', width: 10 },
  ...EXPERT_COLUMNS,
  { key: 'available', header: '可抽取', width: 8 },
];
export const EXPERT_TEMPLATE_NOTE =
  '专业领域用顿号分隔(如 数据治理、人工智能);申报关系写作 类型:名称@开始日期~结束日期,多个用分号分隔,' +
  '类型为 任职/顾问/持股/近亲属/地区/其他,地区关系的名称写区划代码或名称;日期可省略;' +
  '所在地区写区划代码或名称(重名的区县写上级名称,如 济南市市中区)';

/** Words in a cell → stable keys: 正高级 → senior, 数据治理 → data-governance; the key itself is accepted too. */
const byWord = <K extends string>(table: Record<K, { zh: string; en: string }>) => {
  const m = new Map<string, K>();
  for (const [k, v] of Object.entries(table) as [K, { zh: string; en: string }][]) {
    m.set(k, k);
    m.set(v.zh, k);
    m.set(v.en.toLowerCase(), k);
  }
  return (w: string) => m.get(w.trim()) ?? m.get(w.trim().toLowerCase());
};
const fieldOf = byWord(EXPERT_FIELDS);
const titleOf = byWord(EXPERT_TITLES);
const RELATION_WORDS: Record<string, keyof typeof RELATION_KINDS> = {
  任职: 'employment',
  顾问: 'consulting',
  咨询: 'consulting',
  持股: 'shareholding',
  近亲属: 'kin',
  地区: 'region',
  其他: 'other',
};
const split = (v: string | undefined, by: RegExp) =>
  (v ?? '')
    .split(by)
    .map((s) => s.trim())
    .filter(Boolean);
const date = (v: string | undefined) => {
  const m = v?.trim().match(/^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : v?.trim() || undefined;
};

/**
 * A sheet row → the expert input the contract checks, plus errors of cells that cannot be read. `identifyRegion`
 * (RegionsService.identify) turns the expert's region and a 地区 relation's region, each a code or a name, into a
 * code, or into the row error's words (unknown, or a bare name several regions share, with the candidates).
 */
export async function rowToExpert(
  row: number,
  v: Record<string, string>,
  identifyRegion: (nameOrCode: string) => Promise<RegionMatch>,
): Promise<{ input: unknown; errors: ImportReport['errors'] }> {
  const errors: ImportReport['errors'] = [];
  const regionCell = v.regionCode?.trim() ?? '';
  const region = await identifyRegion(regionCell);
  if (region.code === undefined) errors.push({ row, field: 'regionCode', message: region.message });
  const fields = split(v.fields, /[、,,;;\s]+/).map((w) => {
    const f = fieldOf(w);
    if (!f) errors.push({ row, field: 'fields', message: `unknown field ${w}` });
    return f;
  });
  const title = v.title?.trim() ? titleOf(v.title) : 'none';
  if (!title) errors.push({ row, field: 'title', message: `unknown title ${v.title}` });
  const relations = [];
  for (const r of split(v.relations, /[;;\n]+/)) {
    const m = r.match(/^([^::]+)[::]([^@]+)(?:@([^~~]*)(?:[~~](.*))?)?$/);
    const kind = m ? RELATION_WORDS[m[1]!.trim()] : undefined;
    if (!m || !kind) {
      errors.push({ row, field: 'relations', message: `write 类型:名称@开始~结束, got ${r}` });
      continue;
    }
    const name = m[2]!.trim();
    const match = kind === 'region' ? await identifyRegion(name) : undefined;
    const regionCode = match?.code;
    if (match && match.code === undefined) errors.push({ row, field: 'relations', message: match.message });
    relations.push({
      kind,
      partyName: name,
      ...(regionCode ? { partyRegionCode: regionCode } : {}),
      ...(date(m[3]) ? { startedOn: date(m[3]) } : {}),
      ...(date(m[4]) ? { endedOn: date(m[4]) } : {}),
    });
  }
  const opt = (s: string | undefined) => s?.trim() || undefined;
  return {
    input: {
      name: v.name?.trim(),
      title,
      fields,
      unitName: v.unitName?.trim(),
      unitCreditCode: opt(v.unitCreditCode),
      regionCode: region.code ?? regionCell,
      phone: v.phone?.trim(),
      email: opt(v.email),
      relations,
    },
    errors,
  };
}

const REL_WORD = Object.fromEntries(
  Object.entries(RELATION_WORDS)
    .filter(([w]) => w !== '咨询')
    .map(([w, k]) => [k, w]),
);

/** An expert → the sheet row (contact masked). */
export const expertToRow = (e: Expert) => ({
  code: e.code,
  name: e.name,
  title: EXPERT_TITLES[e.title].zh,
  fields: e.fields.map((f) => EXPERT_FIELDS[f].zh).join('、'),
  unitName: e.unitName,
  unitCreditCode: e.unitCreditCode ?? '',
  regionCode: e.regionCode,
  phone: e.phoneMasked,
  email: e.emailMasked ?? '',
  relations: e.relations
    .map(
      (r) =>
        `${REL_WORD[r.kind]}:${r.kind === 'region' ? (r.partyRegionCode ?? r.partyName) : r.partyName}` +
        (r.startedOn || r.endedOn ? `@${r.startedOn ?? ''}~${r.endedOn ?? ''}` : ''),
    )
    .join(';'),
  available: e.available ? '是' : '否',
});
