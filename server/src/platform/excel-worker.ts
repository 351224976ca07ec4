import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { inflateEntry, zipEntries, ZipError } from './zip.ts';

/**
 * Worker thread that reads uploaded workbooks (see excel.ts, which starts it through WorkerPool): expanding and
 * parsing a workbook takes seconds of CPU for a large file, which must never be the request thread's.
 */
export interface SheetLimits {
  uncompressedBytes: number;
  rows: number;
  cells: number;
}

export type SheetJob = { data: Uint8Array; limits: SheetLimits } & (
  | { kind: 'columns'; columns: { key: string; header: string; aliases?: string[] }[]; sheetName?: string }
  | { kind: 'cells' }
);

/** A refusal the request thread turns into a problem: 400 for a file that is not a workbook, 413 for one too big. */
export interface SheetRefusal {
  status: 400 | 413;
  zh: string;
  en: string;
  fieldErrors?: { path: string; message: string }[];
}

export type SheetAnswer =
  { ok: true; rows: { row: number; values: Record<string, string> }[] } | { ok: false; refusal: SheetRefusal };

class Refused extends Error {
  constructor(readonly refusal: SheetRefusal) {
    super(refusal.en);
  }
}

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unreadable = (en: string): SheetRefusal => ({
  status: 400,
  zh: '无法读取 Excel 文件(需 .xlsx 格式)',
  en: `Cannot read the Excel file (.xlsx expected): ${en}`,
  fieldErrors: [{ path: 'file', message: 'not an xlsx file' }],
});
const tooLarge = (zh: string, en: string): SheetRefusal => ({
  status: 413,
  zh,
  en,
  fieldErrors: [{ path: 'file', message: en }],
});

/** Occurrences of an XML start tag `<name` (followed by a space, `>` or `/`) in a buffer. */
function countTags(xml: Buffer, name: string): number {
  const needle = Buffer.from(`<${name}`);
  let n = 0;
  for (let at = xml.indexOf(needle); at >= 0; at = xml.indexOf(needle, at + needle.length)) {
    const next = xml[at + needle.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x0d || next === 0x09) n++;
  }
  return n;
}

/**
 * Every entry expanded once, each no further than the size it declares, and the worksheets' rows and cells
 * counted, before exceljs builds its (much larger) object model of the file.
 */
function checkExpansion(buf: Buffer, limits: SheetLimits): void {
  let rows = 0;
  let cells = 0;
  let total = 0;
  for (const e of zipEntries(buf)) {
    total += e.uncompressedSize;
    if (total > limits.uncompressedBytes) throw new ZipError('too_large', 'expands beyond the limit');
    const data = inflateEntry(buf, e);
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(e.name)) {
      rows += countTags(data, 'row');
      cells += countTags(data, 'c');
    }
  }
  if (rows > limits.rows || cells > limits.cells) {
    throw new Refused(
      tooLarge(
        `表格过大:最多 ${limits.rows} 行、${limits.cells} 个单元格`,
        `The sheet is too large: at most ${limits.rows} rows and ${limits.cells} cells`,
      ),
    );
  }
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

function refuseUnstorable(value: string, row: number, field: string): void {
  if (UNSTORABLE.test(value)) {
    throw new Refused({
      status: 400,
      zh: `第 ${row} 行 ${field}: 含有无法保存的字符(NUL 或不成对的代理字符)`,
      en: `Row ${row}, ${field}: contains characters that cannot be stored (NUL or an unpaired surrogate)`,
      fieldErrors: [{ path: field, message: `row ${row}: contains NUL or an unpaired UTF-16 surrogate` }],
    });
  }
}

async function read(job: SheetJob): Promise<{ row: number; values: Record<string, string> }[]> {
  const buf = Buffer.from(job.data.buffer, job.data.byteOffset, job.data.byteLength);
  checkExpansion(buf, job.limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw new Refused(unreadable(String((e as Error).message ?? e).slice(0, 200)));
  }
  const ws = job.kind === 'columns' && job.sheetName ? wb.getWorksheet(job.sheetName) : wb.worksheets[0];
  if (!ws)
    throw new Refused({
      status: 400,
      zh: '文件中没有工作表',
      en: 'The file has no worksheet',
      fieldErrors: [{ path: 'file', message: 'no worksheet' }],
    });
  const out: { row: number; values: Record<string, string> }[] = [];
  if (job.kind === 'cells') {
    // Every non-empty cell by column number, as exceljs shows its text (what the official saw).
    ws.eachRow((row, n) => {
      const values: Record<string, string> = {};
      row.eachCell((c, i) => {
        const text = String(c.text ?? '').trim();
        refuseUnstorable(text, n, `column ${i}`);
        values[String(i)] = text;
      });
      out.push({ row: n, values });
    });
    return out;
  }
  const colIndex = new Map<string, number>();
  ws.getRow(1).eachCell((cell, i) => {
    const text = cellText(cell.value).trim();
    const c = job.columns.find((c) => c.header === text || c.key === text || c.aliases?.includes(text));
    if (c) colIndex.set(c.key, i);
  });
  const missing = job.columns.filter((c) => !colIndex.has(c.key));
  if (missing.length) {
    throw new Refused({
      status: 400,
      zh: `缺少列: ${missing.map((m) => m.header).join('、')}`,
      en: `Missing columns: ${missing.map((m) => m.header).join(', ')}`,
      fieldErrors: missing.map((m) => ({ path: m.key, message: 'missing column' })),
    });
  }
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values: Record<string, string> = {};
    let any = false;
    for (const [key, i] of colIndex) {
      const v = cellText(row.getCell(i).value).trim();
      refuseUnstorable(v, n, key);
      if (v) any = true;
      values[key] = v;
    }
    if (any) out.push({ row: n, values });
  });
  return out;
}

parentPort?.on('message', (job: SheetJob) => {
  read(job).then(
    (rows) => parentPort!.postMessage({ ok: true, rows } satisfies SheetAnswer),
    (e: unknown) => {
      const refusal =
        e instanceof Refused
          ? e.refusal
          : e instanceof ZipError
            ? e.kind === 'too_large'
              ? tooLarge('文件解压后过大', `The file expands too much: ${e.message}`)
              : unreadable(e.message)
            : unreadable('unexpected content');
      parentPort!.postMessage({ ok: false, refusal } satisfies SheetAnswer);
    },
  );
});
