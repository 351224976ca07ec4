import ExcelJS from 'exceljs';
import { platformError } from './http/errors.ts';

export interface Column {
  key: string;
  /** Header as officials read it, e.g. '区划代码 code'. */
  header: string;
  width?: number;
}

/** One sheet with a bold, frozen header row. */
export async function writeWorkbook(sheets: { name: string; columns: Column[]; rows: Record<string, unknown>[]; note?: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhicheng 智城';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ key: c.key, header: c.header, width: c.width ?? Math.max(12, c.header.length * 2) }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of s.rows) ws.addRow(r);
    if (s.note) {
      const n = ws.addRow([]);
      n.getCell(1).value = s.note;
      n.getCell(1).font = { italic: true, color: { argb: 'FF888888' } };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Reads the first sheet into objects keyed by the column `key`s, matching headers by their text or by key. Row
 * numbers are the spreadsheet's own (header is row 1) so error reports point at what the official sees.
 */
export async function readSheet(data: Buffer, columns: Column[], sheetName?: string): Promise<{ row: number; values: Record<string, string> }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw platformError('validation_failed', { zh: '无法读取 Excel 文件(需 .xlsx 格式)', en: 'Cannot read the Excel file (.xlsx expected)' }, [{ path: 'file', message: 'not an xlsx file' }]);
  }
  const ws = sheetName ? wb.getWorksheet(sheetName) : wb.worksheets[0];
  if (!ws) throw platformError('validation_failed', { zh: '文件中没有工作表', en: 'The file has no worksheet' }, [{ path: 'file', message: 'no worksheet' }]);
  const header = ws.getRow(1);
  const colIndex = new Map<string, number>();
  header.eachCell((cell, i) => {
    const text = cellText(cell.value).trim();
    const c = columns.find((c) => c.header === text || c.key === text);
    if (c) colIndex.set(c.key, i);
  });
  const missing = columns.filter((c) => !colIndex.has(c.key));
  if (missing.length) {
    throw platformError('validation_failed', { zh: `缺少列: ${missing.map((m) => m.header).join('、')}`, en: `Missing columns: ${missing.map((m) => m.header).join(', ')}` }, missing.map((m) => ({ path: m.key, message: 'missing column' })));
  }
  const out: { row: number; values: Record<string, string> }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    for (const [key, i] of colIndex) {
      const v = cellText(row.getCell(i).value).trim();
      if (v) any = true;
      values[key] = v;
    }
    if (any) out.push({ row: n, values });
  });
  return out;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if (v instanceof Date) return v.toISOString();
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return String(v.result ?? '');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}
