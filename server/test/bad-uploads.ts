import type { Case, Operation } from './bad-input.ts';

/** Files the upload cases send: not a zip at all, a zip bomb, a workbook with NUL in its cells. */
export interface UploadFiles {
  brokenXlsx: Buffer;
  bombXlsx: Buffer;
  nulXlsx: Buffer;
}

const FILE_PART = (filename: string) =>
  `--B\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
  'Content-Type: application/octet-stream\r\n\r\n';
const MULTIPART = 'multipart/form-data; boundary=B';

/** One file part (after `before`, e.g. a form field) in a body whose boundary is `B`. */
const part = (data: Buffer, before = '') =>
  Buffer.concat([Buffer.from(before + FILE_PART('a.xlsx')), data, Buffer.from('\r\n--B--\r\n')]);

/** Broken multipart bodies and hostile files for an upload route: all bad input (phase A). */
export function uploadCases(
  base: (label: string, phase: 'A', over: Partial<Case>) => Case,
  headers: Record<string, string>,
  files: UploadFiles,
): Case[] {
  const mp = (label: string, payload: Buffer | string, contentType: string, mustName?: string) =>
    base(label, 'A', { headers: { ...headers, 'content-type': contentType }, payload, mustName });
  const nulField = '--B\r\nContent-Disposition: form-data; name="note"\r\n\r\na\u0000b\r\n';
  const nulName = Buffer.from(part(files.brokenXlsx).toString('latin1').replace('a.xlsx', 'a\u0000.xlsx'), 'latin1');
  return [
    mp('multipart: no boundary', part(files.brokenXlsx), 'multipart/form-data'),
    mp('multipart: wrong boundary', part(files.brokenXlsx), 'multipart/form-data; boundary=NOPE'),
    mp('multipart: truncated', part(files.brokenXlsx).subarray(0, 60), MULTIPART),
    mp('multipart: no parts', '--B--\r\n', MULTIPART),
    mp('multipart: field only', '--B\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--B--\r\n', MULTIPART),
    mp('multipart: JSON instead', '{}', 'application/json'),
    mp('multipart: not a known file type', part(Buffer.from('just some text')), MULTIPART),
    mp('multipart: broken xlsx', part(files.brokenXlsx), MULTIPART),
    mp('multipart: xlsx bomb', part(files.bombXlsx), MULTIPART),
    mp('multipart: NUL in cells', part(files.nulXlsx), MULTIPART),
    mp('multipart: NUL in a form field', part(files.nulXlsx, nulField), MULTIPART, 'note'),
    mp('multipart: NUL in the file name', nulName, MULTIPART, 'file'),
  ];
}

/**
 * Cell values that break an import, each written into every column in turn (one row per column, so a row-by-row
 * import meets each). A workbook spells NUL and a lone surrogate as `_x0000_` and `_xD800_`; exceljs reads them
 * back as the characters. Those two must be refused; the others are odd text an import must answer without a 5xx.
 */
const BAD_CELLS: [string, string, 'A' | 'B'][] = [
  ['NUL', 'a_x0000_b', 'A'],
  ['lone surrogate', 'a_xD800_b', 'A'],
  ['not a uuid', 'not-a-uuid', 'B'],
  ['shaped like a uuid', '0123456789abcdef0123456789abcdef0123', 'B'],
  ['year 0', '0000-01', 'B'],
  ['impossible date', '2024-02-30', 'B'],
  ['huge number', '1e308', 'B'],
  ['negative', '-1', 'B'],
  ['long digits', '99999999999999999999', 'B'],
  ['huge text', 'x'.repeat(32_767), 'B'],
  ['unicode', '测试😀\u202eZ\u0301', 'B'],
];

/** Upload cases from an import's own template: its header row and first data row, with each bad cell value. */
export async function xlsxCases(op: Operation, url: string, template: Buffer): Promise<Case[]> {
  const ExcelJS = (await import('exceljs')).default;
  const src = new ExcelJS.Workbook();
  await src.xlsx.load(template as unknown as ArrayBuffer);
  const ws = src.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));
  const first = (ws.getRow(2).values as unknown[])
    .slice(1)
    .map((v) => (v === null || v === undefined || typeof v === 'object' ? '' : String(v)));
  const out: Case[] = [];
  for (const [label, value, phase] of BAD_CELLS) {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet(ws.name);
    sheet.addRow(header);
    header.forEach((_h, col) => sheet.addRow(header.map((_x, i) => (i === col ? value : (first[i] ?? '')))));
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const payload = Buffer.concat([Buffer.from(FILE_PART('import.xlsx')), file, Buffer.from('\r\n--B--\r\n')]);
    const label_ = `xlsx from the template: ${label} in each column`;
    out.push({ phase, label: label_, method: op.method, url, headers: { 'content-type': MULTIPART }, payload });
  }
  return out;
}
