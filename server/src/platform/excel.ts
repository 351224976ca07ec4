import ExcelJS from 'exceljs';
import type { SheetAnswer, SheetJob, SheetLimits } from './excel-worker.ts';
import { platformError } from './http/errors.ts';
import { WorkerFailure, WorkerPool } from './worker-pool.ts';
import { zipEntries, ZipError } from './zip.ts';

export interface Column {
  key: string;
  /** Header as officials read it, e.g. '区划代码 code'. */
  header: string;
  /**
   * Earlier headers an import still reads (a renamed column: templates filled in before keep importing), e.g.
   * '所在地区代码' once the column became '所在地区' and took names too.
   */
  aliases?: string[];
  width?: number;
}

/** One sheet with a bold, frozen header row. */
export async function writeWorkbook(
  sheets: { name: string; columns: Column[]; rows: Record<string, unknown>[]; note?: string }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhicheng 智城';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({
      key: c.key,
      header: c.header,
      width: c.width ?? Math.max(12, c.header.length * 2),
    }));
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

/** What an uploaded workbook may expand to, and hold, before anyone reads it. */
export const XLSX_LIMITS: SheetLimits = { uncompressedBytes: 50 * 1024 * 1024, rows: 200_000, cells: 2_000_000 };

// Two workbooks parsed at once at most, each in a worker whose heap is capped: an upload costs a worker, never the
// request thread, and a file that needs more memory than the cap ends its own worker with a 413.
const pool = new WorkerPool<SheetJob, SheetAnswer>(new URL('./excel-worker.ts', import.meta.url), {
  size: 2,
  timeoutMs: 60_000,
  idleMs: 30_000,
  resourceLimits: { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 64 },
});

/**
 * Reads the first sheet (or the named one) into objects keyed by the column `key`s, matching headers by their text
 * or by key. Row numbers are the spreadsheet's own (header is row 1) so error reports point at what the official
 * sees. Parsed in a worker thread, after a look at the zip's central directory refuses a file that would expand
 * beyond XLSX_LIMITS. Cells holding characters PostgreSQL cannot store are refused, naming row and column.
 */
export async function readSheet(
  data: Buffer,
  columns: Column[],
  sheetName?: string,
): Promise<{ row: number; values: Record<string, string> }[]> {
  return parse(data, {
    kind: 'columns',
    columns: columns.map((c) => ({ key: c.key, header: c.header, aliases: c.aliases })),
    sheetName,
  });
}

/** Every non-empty cell of the first sheet, as its displayed text, by row number and then column number (1-based). */
export async function readSheetCells(data: Buffer): Promise<Map<number, Map<number, string>>> {
  const rows = await parse(data, { kind: 'cells' });
  return new Map(rows.map((r) => [r.row, new Map(Object.entries(r.values).map(([i, v]) => [Number(i), v]))]));
}

async function parse(
  data: Buffer,
  read: { kind: 'columns'; columns: Column[]; sheetName?: string } | { kind: 'cells' },
) {
  checkDeclaredSize(data);
  // A copy the worker owns: the upload's buffer may be a slice of a shared pool.
  const copy = new Uint8Array(data);
  let answer: SheetAnswer;
  try {
    answer = await pool.run({ ...read, data: copy, limits: XLSX_LIMITS }, [copy.buffer]);
  } catch (e) {
    if (e instanceof WorkerFailure) {
      throw platformError(
        'payload_too_large',
        { zh: '文件过大或过于复杂,无法读取', en: 'The file is too large or complex to read' },
        [{ path: 'file', message: e.message }],
      );
    }
    throw e;
  }
  if (!answer.ok) {
    const r = answer.refusal;
    throw platformError(
      r.status === 413 ? 'payload_too_large' : 'validation_failed',
      { zh: r.zh, en: r.en },
      r.fieldErrors,
    );
  }
  return answer.rows;
}

/** The zip's own account of what it expands to, read on this thread in microseconds: a bomb stops here. */
function checkDeclaredSize(data: Buffer): void {
  let total = 0;
  try {
    for (const e of zipEntries(data)) total += e.uncompressedSize;
  } catch (e) {
    if (e instanceof ZipError && e.kind === 'too_large') total = Infinity;
    else
      throw platformError(
        'validation_failed',
        { zh: '无法读取 Excel 文件(需 .xlsx 格式)', en: 'Cannot read the Excel file (.xlsx expected)' },
        [{ path: 'file', message: 'not an xlsx file' }],
      );
  }
  if (total > XLSX_LIMITS.uncompressedBytes) {
    const mb = Math.round(XLSX_LIMITS.uncompressedBytes / 1048576);
    throw platformError(
      'payload_too_large',
      { zh: `文件解压后超过 ${mb} MB`, en: `The file expands to more than ${mb} MB` },
      [{ path: 'file', message: `expands to more than ${mb} MB` }],
    );
  }
}
