import crypto from 'node:crypto';
import sharp from 'sharp';
import { ATTACHMENT_LIMITS, type CaseAttachment } from '@zhicheng/contracts/scenarios';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { UploadType } from '../../platform/http/upload.ts';
import type { Platform } from '../../platform/module.ts';
import type { CasesService } from './cases.service.ts';
import type { CaseAttachmentRow } from './scenarios.tables.ts';
import { scenariosError } from './scenarios.errors.ts';

const FILE = { zh: '附件', en: 'attachment' };
export const ATTACHMENT_MIME: Record<string, string> = { webp: 'image/webp', pdf: 'application/pdf' };
/** A decoded photo larger than this many pixels is refused (a small file can decode to gigabytes). */
const MAX_PIXELS = 50_000_000;

export const toAttachment = (r: Omit<CaseAttachmentRow, 'data'>): CaseAttachment => ({
  id: r.id,
  kind: r.kind,
  filename: r.filename,
  type: r.type,
  size: r.size,
  width: r.width,
  height: r.height,
  uploadedAt: r.uploadedAt.toISOString(),
});

/**
 * Photos and documents of a case. The author adds and removes them while the case may be edited (draft or returned);
 * a photo (JPEG or PNG, by content) is turned upright from its EXIF orientation, scaled to fit the phone
 * (ATTACHMENT_LIMITS.photoMaxSide) and re-encoded as WebP with sharp — which also drops its metadata, GPS included;
 * a document is a PDF kept as uploaded. Whoever may read the case reads them; an accepted case's, everyone.
 */
export class AttachmentsService {
  constructor(
    private readonly platform: Platform,
    private readonly cases: CasesService,
  ) {}

  async add(
    ctx: RequestContext,
    caseId: string,
    file: { filename: string; type: UploadType; data: Buffer },
  ): Promise<CaseAttachment> {
    const kind = file.type === 'pdf' ? 'document' : 'photo';
    // Decode before the transaction: sharp's work holds no lock.
    const stored = kind === 'photo' ? await forThePhone(file.data) : { data: file.data, width: null, height: null };
    const row: CaseAttachmentRow = {
      id: crypto.randomUUID(),
      caseId,
      kind,
      filename: file.filename.slice(0, 200),
      type: kind === 'photo' ? 'webp' : 'pdf',
      size: stored.data.length,
      width: stored.width,
      height: stored.height,
      data: stored.data,
      uploadedBy: ctx.actor?.userId ?? null,
      uploadedAt: this.platform.clock.now(),
    };
    await this.platform.db.transaction(async (tx) => {
      const c = await this.cases.load(caseId, { forUpdate: true });
      const actor = await this.cases.assertAuthorAt(ctx.actor, c.regionCode);
      this.cases.outcome(c, 'edit', await this.cases.holder(actor, c));
      const limit = kind === 'photo' ? ATTACHMENT_LIMITS.photos : ATTACHMENT_LIMITS.documents;
      if ((await this.cases.repo.attachmentCount(caseId, kind)) >= limit)
        throw scenariosError('scenarios_attachment_limit', undefined, [{ path: 'file', message: `at most ${limit}` }]);
      await this.cases.repo.insertAttachment(row);
      const { data: _data, ...meta } = row;
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.case.attach',
        objectType: 'scenarios.case',
        objectId: caseId,
        after: { ...meta, sha256: crypto.createHash('sha256').update(row.data).digest('hex') },
      });
    });
    return toAttachment(row);
  }

  async remove(ctx: RequestContext, caseId: string, id: string): Promise<void> {
    await this.platform.db.transaction(async (tx) => {
      const c = await this.cases.load(caseId, { forUpdate: true });
      const actor = await this.cases.assertAuthorAt(ctx.actor, c.regionCode);
      this.cases.outcome(c, 'edit', await this.cases.holder(actor, c));
      const before = await this.cases.repo.attachment(caseId, id);
      if (!before || !(await this.cases.repo.deleteAttachment(caseId, id))) throw notFound(FILE);
      const { data: _data, ...meta } = before;
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.case.detach',
        objectType: 'scenarios.case',
        objectId: caseId,
        before: meta,
      });
    });
  }

  /** The file for someone who may read the case. */
  async file(ctx: RequestContext, caseId: string, id: string): Promise<CaseAttachmentRow> {
    await this.cases.get(ctx, caseId);
    return this.fileOf(caseId, id);
  }

  /** The file of an accepted case, for everyone (the public case page); anything else is not found. */
  async publicFile(caseId: string, id: string): Promise<CaseAttachmentRow> {
    await this.cases.publicCase(caseId);
    return this.fileOf(caseId, id);
  }

  private async fileOf(caseId: string, id: string): Promise<CaseAttachmentRow> {
    const f = await this.cases.repo.attachment(caseId, id);
    if (!f) throw notFound(FILE);
    return f;
  }
}

/** Upright, at most photoMaxSide a side, WebP, without metadata; an unreadable or huge image is the client's 422. */
async function forThePhone(data: Buffer): Promise<{ data: Buffer; width: number; height: number }> {
  try {
    const side = ATTACHMENT_LIMITS.photoMaxSide;
    const r = await sharp(data, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { data: r.data, width: r.info.width, height: r.info.height };
  } catch {
    throw scenariosError('scenarios_bad_image', undefined, [{ path: 'file', message: 'not a readable image' }]);
  }
}
