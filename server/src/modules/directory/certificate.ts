import fs from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * Where Debian's fonts-noto-cjk (and common other layouts) put a Simplified-Chinese-capable font. The collection
 * (.ttc) holds several faces; pdfkit picks one by its PostScript name and embeds only the glyphs used.
 */
const CANDIDATES: { path: string; face?: string }[] = [
  { path: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSerifCJK-Regular.ttc', face: 'NotoSerifCJKsc-Regular' },
  { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { path: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
];

export class CjkFontMissing extends Error {
  constructor() {
    super(
      'No CJK font for certificates: install Debian/Ubuntu package fonts-noto-cjk (apt-get install fonts-noto-cjk) ' +
        'or set ZC_CJK_FONT to a .ttf/.otf (or .ttc with ZC_CJK_FONT_FACE) that covers Simplified Chinese',
    );
  }
}

/** Found at run time, not at start: a server without the font still serves everything but certificates. */
export function findCjkFont(env: NodeJS.ProcessEnv = process.env): { path: string; face?: string } {
  if (env.ZC_CJK_FONT) {
    if (!fs.existsSync(env.ZC_CJK_FONT)) throw new CjkFontMissing();
    return { path: env.ZC_CJK_FONT, ...(env.ZC_CJK_FONT_FACE ? { face: env.ZC_CJK_FONT_FACE } : {}) };
  }
  const hit = CANDIDATES.find((c) => fs.existsSync(c.path));
  if (!hit) throw new CjkFontMissing();
  return hit;
}

export interface CertificateText {
  kindZh: string;
  kindEn: string;
  centreName: string;
  regionName: string;
  operatorUnit: string;
  certificateNo: string;
  /** YYYY-MM-DD */
  certifiedOn: string;
  year: number;
  demo: boolean;
}

/** The 授牌 certificate: one A4 landscape page, Chinese first with English beneath. */
export async function certificatePdf(c: CertificateText, font = findCjkFont()): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 56,
    info: { Title: `${c.kindZh}证书 ${c.certificateNo}`, Author: 'Zhicheng 智城', Subject: c.centreName },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', font.path, font.face);
  const { width, height } = doc.page;
  doc
    .lineWidth(3)
    .strokeColor('#b8860b')
    .rect(28, 28, width - 56, height - 56)
    .stroke();
  doc
    .lineWidth(1)
    .rect(38, 38, width - 76, height - 76)
    .stroke();
  const [y, m, d] = c.certifiedOn.split('-');
  doc.font('cjk').fillColor('#8b0000').fontSize(40).text(c.kindZh, 56, 90, { align: 'center' });
  doc.fillColor('#444').fontSize(14).text(`${c.kindEn} — Certificate`, { align: 'center' });
  doc.moveDown(1.5).fillColor('#111').fontSize(24).text(c.centreName, { align: 'center' });
  doc.moveDown(0.6).fontSize(14).fillColor('#333');
  doc.text(`${c.regionName} · 运营单位:${c.operatorUnit}`, { align: 'center' });
  doc.moveDown(1.2).fontSize(16).fillColor('#111');
  doc.text(`经 ${c.year} 年度遴选、专家评审和省级认定,授予“山东省${c.kindZh}”称号。`, { align: 'center' });
  doc.fontSize(11).fillColor('#555');
  doc.text(`Selected in the ${c.year} round, scored by drawn experts and certified by the province.`, {
    align: 'center',
  });
  doc.moveDown(2).fontSize(13).fillColor('#111');
  doc.text(`证书编号 No.: ${c.certificateNo}`, { align: 'center' });
  doc.text(`授牌日期 Date: ${y} 年 ${Number(m)} 月 ${Number(d)} 日`, { align: 'center' });
  if (c.demo) {
    // Demo data must never pass for an official document.
    doc.save().rotate(-20, { origin: [width / 2, height / 2] });
    doc
      .fontSize(90)
      .fillColor('#cc0000')
      .opacity(0.18)
      .text('示例 DEMO', 0, height / 2 - 60, { align: 'center' });
    doc.restore();
    doc.opacity(1).fontSize(10).fillColor('#cc0000');
    doc.text('示例数据,非正式证书 · Demo data, not an official certificate', 56, height - 80, { align: 'center' });
  }
  doc.end();
  return done;
}
