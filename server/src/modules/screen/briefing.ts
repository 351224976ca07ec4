import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import PDFDocument from 'pdfkit';
import type { Figure, ScreenForecasts, ScreenOverview, WhatIfResult } from '@zhicheng/contracts/screen';

/** A figure's value as the briefing prints it (the screen's rules: shares as percentages). */
export function printValue(value: number | null, unit: string): string {
  if (value === null) return '—';
  if (unit === '%') return `${(value * 100).toFixed(1)}%`;
  const v = Number.isInteger(value) ? value.toLocaleString('zh-CN') : value.toFixed(value < 10 ? 2 : 1);
  return unit.startsWith('/') ? `${v}${unit}` : `${v} ${unit}`;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');
const LEVEL = { red: '红色', orange: '橙色', yellow: '黄色' } as const;
const STATUS = { shown: '展示预测', baseline_wins: '未胜过基准,不展示', too_short: '历史不足,无法回测' } as const;

/** The briefing's content, once: both documents print the same blocks, so Word and PDF say the same thing. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; tone?: 'notice' | 'muted' }
  | { kind: 'table'; header: string[]; rows: string[][] }
  /** A category chart (a figure the screen draws as bars). */
  | { kind: 'bars'; title: string; unit: string; items: { label: string; value: number }[] };

export interface BriefingInput {
  overview: ScreenOverview;
  forecasts: ScreenForecasts;
  whatIf: WhatIfResult;
  figures: Figure[];
}

/**
 * 简报: the region's screen as a document — the same figures with the same sources, the warnings, the forecasts
 * with their back-test, and the what-if on the county target. The text is the screen's own, so what the leader reads
 * is what the screen showed.
 */
export function briefingContent(input: BriefingInput): { title: string; blocks: Block[] } {
  const { overview: o, forecasts, whatIf } = input;
  const title = `一屏看山东 · ${o.region.name}简报`;
  const blocks: Block[] = [
    { kind: 'text', text: `生成时间:${o.generatedAt.replace('T', ' ').slice(0, 16)}(UTC) · 数据版本 ${o.version}` },
    ...(o.simulated
      ? [{ kind: 'text', text: '本简报含示例(模拟)数据,非官方统计,不得作为正式数据引用。', tone: 'notice' } as const]
      : []),
    { kind: 'heading', text: '一、关键指标' },
    {
      kind: 'table',
      header: ['指标', '数值', '目标', '来源', '数据时间', '性质'],
      rows: input.figures
        .filter((f) => f.value !== null)
        .map((f) => [
          f.title.zh,
          printValue(f.value, f.unit),
          f.target === null ? '—' : printValue(f.target, f.unit),
          f.source.label.zh,
          day(f.source.asOf),
          f.source.simulated ? '示例' : '正式',
        ]),
    },
    ...input.figures
      .filter((f) => f.kind === 'bars' && f.items?.length)
      .map((f): Block => ({
        kind: 'bars',
        title: f.title.zh,
        unit: f.unit,
        items: f.items!.map((i) => ({ label: i.label, value: i.value })),
      })),
    { kind: 'heading', text: '二、预警' },
    o.warnings.length
      ? {
          kind: 'table',
          header: ['级别', '预警', '责任部门'],
          rows: o.warnings.map((w) => [LEVEL[w.level], w.message.zh, w.owner]),
        }
      : { kind: 'text', text: '当前无预警。' },
    { kind: 'heading', text: '三、趋势预测(回测对比 M4 Comb 基准)' },
    {
      kind: 'table',
      header: ['指标', '结论', '模型 MAE', 'Comb MAE', '区间覆盖', '预测(下一期)'],
      rows: forecasts.items.map((s) => [
        s.title.zh,
        STATUS[s.status],
        s.backTest ? printValue(s.backTest.modelMae, s.unit) : '—',
        s.backTest ? printValue(s.backTest.combMae, s.unit) : '—',
        s.backTest?.coverage != null ? `${Math.round(s.backTest.coverage * 100)}%` : '—',
        s.forecast[0]
          ? `${s.forecast[0].label}:${printValue(s.forecast[0].value, s.unit)}(${Math.round(s.level * 100)}% 区间 ${printValue(s.forecast[0].lower, s.unit)}–${printValue(s.forecast[0].upper, s.unit)})`
          : '—',
      ]),
    },
    { kind: 'heading', text: '四、达标推演' },
    {
      kind: 'text',
      text:
        `${whatIf.year ?? '—'} 年已发布结果:${whatIf.total} 个县(市、区)中 ${whatIf.atLeastBefore} 个达到 ${whatIf.stars} 星级及以上(${printValue(whatIf.shareBefore, '%')});` +
        `目标 ${printValue(whatIf.targetShare, '%')},还需 ${whatIf.needed} 个县(市、区)升至 ${whatIf.stars} 星级。`,
    },
    ...(whatIf.needed
      ? [
          {
            kind: 'text',
            text: `最接近的:${whatIf.candidates
              .filter((c) => c.enough)
              .map((c) => `${c.regionName}(${c.stars}★,${c.score.toFixed(1)} 分)`)
              .join('、')}。`,
          } as const,
        ]
      : []),
    { kind: 'text', text: `来源:${whatIf.source.label.zh} · ${day(whatIf.source.asOf)}`, tone: 'muted' },
  ];
  return { title, blocks };
}

const docxCell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });

/** The briefing as Word, with `docx` (a maintained OOXML writer). A chart is printed as its table of values. */
export async function briefingDocx(input: BriefingInput): Promise<Buffer> {
  const { title, blocks } = briefingContent(input);
  const p = (text: string, opts: { bold?: boolean; color?: string } = {}) =>
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, size: 22, ...opts })] });
  const table = (header: string[], rows: string[][]) =>
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: header.map((h) => docxCell(h, true)) }),
        ...rows.map((r) => new TableRow({ children: r.map((x) => docxCell(x)) })),
      ],
    });
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(title)] }),
    ...blocks.flatMap((b): (Paragraph | Table)[] => {
      switch (b.kind) {
        case 'heading':
          return [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(b.text)] })];
        case 'text':
          return b.tone === 'notice'
            ? [
                new Paragraph({
                  border: { top: { style: BorderStyle.SINGLE, size: 6, color: 'D46B08' } },
                  children: [new TextRun({ text: b.text, bold: true, color: 'D46B08', size: 22 })],
                }),
              ]
            : [p(b.text, b.tone === 'muted' ? { color: '666666' } : {})];
        case 'table':
          return [table(b.header, b.rows)];
        case 'bars':
          return [
            p(b.title, { bold: true }),
            table(
              ['类别', '数值'],
              b.items.map((i) => [i.label, printValue(i.value, b.unit === '%' ? '%' : '').trim()]),
            ),
          ];
      }
    }),
  ];
  const doc = new Document({
    creator: '智城 Zhicheng',
    title,
    styles: { default: { document: { run: { font: 'Noto Sans CJK SC' } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

/** Where a CJK font is looked for: the setting's path first, then Debian's fonts-noto-cjk, then fontconfig. */
const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
];

/** The PDF's font could not be found: the operator installs one (the error names how). */
export class BriefingFontMissing extends Error {
  constructor() {
    super(
      'no CJK font for the PDF briefing: install Debian’s fonts-noto-cjk (apt-get install fonts-noto-cjk) or set ZC_CJK_FONT to a .ttc/.otf/.ttf file',
    );
  }
}

let fontCache: { path: string; data: Buffer } | null = null;

/**
 * The CJK font's file, read once and kept (20 MB for Noto CJK; reading it per briefing would cost more than the
 * rest). `ZC_CJK_FONT` overrides; otherwise the usual Debian paths, then `fc-match :lang=zh`.
 */
export function locateCjkFont(env: NodeJS.ProcessEnv = process.env): { path: string; data: Buffer } {
  const given = env.ZC_CJK_FONT;
  if (fontCache && (!given || fontCache.path === given)) return fontCache;
  let path = given ?? FONT_CANDIDATES.find((f) => fs.existsSync(f));
  if (!path && !given) {
    try {
      const hit = execFileSync('fc-match', ['-f', '%{file}', ':lang=zh'], { encoding: 'utf8', timeout: 2000 }).trim();
      // A collection is opened by its face's name, known here for Noto CJK only; single-face files need none.
      if ((/\.(otf|ttf)$/i.test(hit) || /Noto.*CJK.*\.ttc$/i.test(hit)) && fs.existsSync(hit)) path = hit;
    } catch {
      // fontconfig missing: fall through to the error that names the package.
    }
  }
  if (!path || !fs.existsSync(path)) throw new BriefingFontMissing();
  fontCache = { path, data: fs.readFileSync(path) };
  return fontCache;
}

/**
 * The briefing as PDF, with pdfkit (maintained, embeds a subset of the font so the file is small and its text
 * extractable): the same blocks as the Word document, and the category figures drawn as bar charts.
 */
export async function briefingPdf(input: BriefingInput, font = locateCjkFont()): Promise<Buffer> {
  const { title, blocks } = briefingContent(input);
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: title, Creator: '智城 Zhicheng' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // A .ttc holds several faces: pdfkit picks one by its PostScript name (Noto CJK's simplified-Chinese face).
  const face = /\.ttc$/i.test(font.path)
    ? /Serif/.test(font.path)
      ? 'NotoSerifCJKsc-Regular'
      : 'NotoSansCJKsc-Regular'
    : undefined;
  doc.registerFont('cjk', font.data, face as string);
  doc.font('cjk');
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const room = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };

  doc.fontSize(18).fillColor('#000').text(title, { align: 'center' }).moveDown(0.6);
  for (const b of blocks) {
    if (b.kind === 'heading') {
      room(40);
      doc.moveDown(0.4).fontSize(13).fillColor('#0b3d91').text(b.text, left).moveDown(0.3);
    } else if (b.kind === 'text') {
      const color = b.tone === 'notice' ? '#d46b08' : b.tone === 'muted' ? '#666' : '#000';
      doc.fontSize(10).fillColor(color).text(b.text, left, doc.y, { width }).moveDown(0.3);
    } else if (b.kind === 'table') {
      pdfTable(doc, b.header, b.rows, left, width, room);
    } else {
      pdfBars(doc, b, left, width, room);
    }
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Column widths by the longest text in each column (CJK-wide), at least a share of the page. */
function pdfTable(
  doc: PDFKit.PDFDocument,
  header: string[],
  rows: string[][],
  left: number,
  width: number,
  room: (h: number) => void,
) {
  const size = 8;
  const weight = header.map((h, i) =>
    Math.max(4, ...[h, ...rows.map((r) => r[i] ?? '')].map((x) => Math.min(x.length, 40))),
  );
  const total = weight.reduce((a, w) => a + w, 0);
  const cols = weight.map((w) => (w / total) * width);
  const line = (cells: string[], bold: boolean) => {
    doc.fontSize(size);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]! - 6 }))) + 6;
    room(h);
    const y = doc.y;
    if (bold) doc.rect(left, y, width, h).fill('#eef3fb');
    let x = left;
    cells.forEach((c, i) => {
      doc.fillColor('#000').text(c, x + 3, y + 3, { width: cols[i]! - 6 });
      x += cols[i]!;
    });
    doc
      .moveTo(left, y + h)
      .lineTo(left + width, y + h)
      .lineWidth(0.3)
      .strokeColor('#ccc')
      .stroke();
    doc.x = left;
    doc.y = y + h;
  };
  line(header, true);
  for (const r of rows) line(r, false);
  doc.moveDown(0.5);
}

/** A horizontal bar chart: one bar per category, the value printed at its end. */
function pdfBars(
  doc: PDFKit.PDFDocument,
  b: Extract<Block, { kind: 'bars' }>,
  left: number,
  width: number,
  room: (h: number) => void,
) {
  const rowH = 12;
  room(20 + rowH * b.items.length);
  doc.fontSize(9).fillColor('#000').text(b.title, left).moveDown(0.2);
  const labelW = 90;
  const max = Math.max(...b.items.map((i) => i.value), 0) || 1;
  const barW = width - labelW - 60;
  for (const i of b.items) {
    const y = doc.y;
    doc
      .fontSize(8)
      .fillColor('#333')
      .text(i.label, left, y + 1, { width: labelW - 4, lineBreak: false, ellipsis: true });
    doc.rect(left + labelW, y + 2, Math.max(1, (i.value / max) * barW), rowH - 4).fill('#3a7bd5');
    doc
      .fillColor('#000')
      .text(printValue(i.value, b.unit === '%' ? '%' : '').trim(), left + labelW + (i.value / max) * barW + 4, y + 1, {
        lineBreak: false,
      });
    doc.x = left;
    doc.y = y + rowH;
  }
  doc.moveDown(0.6);
}
