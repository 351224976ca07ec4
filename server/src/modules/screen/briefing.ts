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

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 20 })] })] });

function table(header: string[], rows: string[][]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((x) => cell(x)) })),
    ],
  });
}

/**
 * 简报: the region's screen as a Word document, the same figures with the same sources, the warnings, the forecasts
 * with their back-test, and the what-if on the county target. Generated on the server with `docx` (a maintained
 * OOXML writer); the text is the screen's own, so what the leader reads is what the screen showed.
 */
export async function briefingDocx(input: {
  overview: ScreenOverview;
  forecasts: ScreenForecasts;
  whatIf: WhatIfResult;
  figures: Figure[];
}): Promise<Buffer> {
  const { overview: o, forecasts, whatIf } = input;
  const title = `一屏看山东 · ${o.region.name}简报`;
  const p = (text: string, opts: { bold?: boolean; color?: string } = {}) =>
    new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text, size: 22, ...opts })] });
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(title)] }),
    p(`生成时间:${o.generatedAt.replace('T', ' ').slice(0, 16)}(UTC) · 数据版本 ${o.version}`),
    ...(o.simulated
      ? [
          new Paragraph({
            border: { top: { style: BorderStyle.SINGLE, size: 6, color: 'D46B08' } },
            children: [
              new TextRun({
                text: '本简报含示例(模拟)数据,非官方统计,不得作为正式数据引用。',
                bold: true,
                color: 'D46B08',
                size: 22,
              }),
            ],
          }),
        ]
      : []),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('一、关键指标')] }),
    table(
      ['指标', '数值', '目标', '来源', '数据时间', '性质'],
      input.figures
        .filter((f) => f.value !== null)
        .map((f) => [
          f.title.zh,
          printValue(f.value, f.unit),
          f.target === null ? '—' : printValue(f.target, f.unit),
          f.source.label.zh,
          day(f.source.asOf),
          f.source.simulated ? '示例' : '正式',
        ]),
    ),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('二、预警')] }),
    ...(o.warnings.length
      ? [
          table(
            ['级别', '预警', '责任部门'],
            o.warnings.map((w) => [LEVEL[w.level], w.message.zh, w.owner]),
          ),
        ]
      : [p('当前无预警。')]),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('三、趋势预测(回测对比 M4 Comb 基准)')] }),
    table(
      ['指标', '结论', '模型 MAE', 'Comb MAE', '区间覆盖', '预测(下一期)'],
      forecasts.items.map((s) => [
        s.title.zh,
        STATUS[s.status],
        s.backTest ? printValue(s.backTest.modelMae, s.unit) : '—',
        s.backTest ? printValue(s.backTest.combMae, s.unit) : '—',
        s.backTest?.coverage != null ? `${Math.round(s.backTest.coverage * 100)}%` : '—',
        s.forecast[0]
          ? `${s.forecast[0].label}:${printValue(s.forecast[0].value, s.unit)}(${Math.round(s.level * 100)}% 区间 ${printValue(s.forecast[0].lower, s.unit)}–${printValue(s.forecast[0].upper, s.unit)})`
          : '—',
      ]),
    ),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('四、达标推演')] }),
    p(
      `${whatIf.year ?? '—'} 年已发布结果:${whatIf.total} 个县(市、区)中 ${whatIf.atLeastBefore} 个达到 ${whatIf.stars} 星级及以上(${printValue(whatIf.shareBefore, '%')});` +
        `目标 ${printValue(whatIf.targetShare, '%')},还需 ${whatIf.needed} 个县(市、区)升至 ${whatIf.stars} 星级。`,
    ),
    ...(whatIf.needed
      ? [
          p(
            `最接近的:${whatIf.candidates
              .filter((c) => c.enough)
              .map((c) => `${c.regionName}(${c.stars}★,${c.score.toFixed(1)} 分)`)
              .join('、')}。`,
          ),
        ]
      : []),
    p(`来源:${whatIf.source.label.zh} · ${day(whatIf.source.asOf)}`, { color: '666666' }),
  ];
  const doc = new Document({
    creator: '智城 Zhicheng',
    title,
    styles: { default: { document: { run: { font: 'Noto Sans CJK SC' } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
