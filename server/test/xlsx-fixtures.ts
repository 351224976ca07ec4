import zlib from 'node:zlib';

/**
 * Hand-made zip and xlsx files for tests: exceljs cannot write a broken or a hostile workbook, and these must be
 * exactly as broken as the test says.
 */
export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Uncompressed size written into the headers; a lie when it differs from data.length. */
  declaredSize?: number;
}

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = zlib.deflateRawSync(e.data);
    const crc = zlib.crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const XML = '<?xml version="1.0" encoding="UTF-8"?>';
const NS = 'http://schemas.openxmlformats.org';
const SHEET_OPEN = `${XML}<worksheet xmlns="${NS}/spreadsheetml/2006/main"><sheetData>`;
const SHEET_CLOSE = '</sheetData></worksheet>';
const col = (i: number) => String.fromCharCode(65 + (i % 26));
const cell = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
const relationship = (type: string, target: string) =>
  `${XML}<Relationships xmlns="${NS}/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${NS}/officeDocument/2006/relationships/${type}" Target="${target}"/></Relationships>`;
const CONTENT_TYPES =
  `${XML}<Types xmlns="${NS}/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const WORKBOOK =
  `${XML}<workbook xmlns="${NS}/spreadsheetml/2006/main" xmlns:r="${NS}/officeDocument/2006/relationships">` +
  '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';

/** The smallest workbook exceljs reads: one sheet of inline strings (or the sheet XML given). */
export function xlsxOf(rows: string[][], opts: { sheetXml?: Buffer; declaredSheetSize?: number } = {}): Buffer {
  const body = rows.map((r, n) => `<row r="${n + 1}">${r.map((v, i) => cell(`${col(i)}${n + 1}`, v)).join('')}</row>`);
  const sheet = opts.sheetXml ?? Buffer.from(SHEET_OPEN + body.join('') + SHEET_CLOSE);
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(relationship('officeDocument', 'xl/workbook.xml')) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(relationship('worksheet', 'worksheets/sheet1.xml')) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet, declaredSize: opts.declaredSheetSize },
  ]);
}

/**
 * A sheet of `header` (row 1) and then `rows` rows of `cols` short cells starting at column `from` (0 = A): small
 * compressed, large expanded. Cells right of the header's columns give an import nothing to do but parse.
 */
export function bigSheetXml(rows: number, cols: number, opts: { header?: string[]; from?: number } = {}): Buffer {
  const from = opts.from ?? 0;
  const parts: string[] = [SHEET_OPEN];
  if (opts.header) parts.push(`<row r="1">${opts.header.map((h, i) => cell(`${col(i)}1`, h)).join('')}</row>`);
  const first = opts.header ? 2 : 1;
  for (let n = first; n < first + rows; n++) {
    let r = `<row r="${n}">`;
    for (let i = from; i < from + cols; i++) r += cell(`${col(i)}${n}`, `v${i}`);
    parts.push(r + '</row>');
  }
  parts.push(SHEET_CLOSE);
  return Buffer.from(parts.join(''));
}

/** A zip bomb's sheet: one identical row, repeated to `bytes` of XML, compressing about a thousandfold. */
export function bombSheetXml(bytes: number): Buffer {
  const row = Buffer.from('<row><c t="inlineStr"><is><t>x</t></is></c></row>');
  const n = Math.floor((bytes - SHEET_OPEN.length - SHEET_CLOSE.length) / row.length);
  const out = Buffer.alloc(SHEET_OPEN.length + n * row.length + SHEET_CLOSE.length);
  out.write(SHEET_OPEN, 0);
  for (let i = 0; i < n; i++) row.copy(out, SHEET_OPEN.length + i * row.length);
  out.write(SHEET_CLOSE, SHEET_OPEN.length + n * row.length);
  return out;
}

/** A multipart/form-data body with one file part (and optional fields). */
export function multipart(
  file: { name?: string; filename?: string; data: Buffer; type?: string } | null,
  fields: Record<string, string> = {},
  boundary = 'zc-test-boundary',
) {
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    const disposition = `form-data; name="${file.name ?? 'file'}"; filename="${file.filename ?? 'upload.xlsx'}"`;
    const type = file.type ?? 'application/octet-stream';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${type}\r\n\r\n`));
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
