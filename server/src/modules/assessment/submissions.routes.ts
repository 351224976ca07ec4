import { z } from 'zod';
import { ImportReport } from '@zhicheng/contracts';
import {
  ASSESSMENT_PERMISSIONS as P,
  AssessmentEvidence,
  AssessmentSubmission,
  IndicatorChanges,
  IndicatorChangesQuery,
  ReopenSubmissionRequest,
  SaveValuesRequest,
} from '@zhicheng/contracts/assessment';
import { readSheet, writeWorkbook } from '../../platform/excel.ts';
import { invalidField } from '../../platform/http/errors.ts';
import { readUpload } from '../../platform/http/upload.ts';
import type { ZodApp } from '../../platform/module.ts';
import { readSheetLoose, sendXlsx, VALUE_COLUMNS, VALUE_IMPORT_COLUMNS, XLSX } from './assessment.excel.ts';
import type { CataloguesService } from './catalogues.service.ts';
import type { SubmissionsService } from './submissions.service.ts';

const tags = ['assessment'];
const id = z.object({ id: z.uuid() });
const EVIDENCE_MAX = 10 * 1024 * 1024;
const EVIDENCE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  xlsx: XLSX,
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Evidence types a browser shows by itself (and nothing that could run script). */
const INLINE_TYPES = new Set(['pdf', 'png', 'jpg']);

/** A region's submission: reading and filling it in. HTTP only. */
export function submissionRoutes(app: ZodApp, submissions: SubmissionsService, catalogues: CataloguesService) {
  app.get(
    '/assessment/submissions/:id',
    {
      config: { permission: P.submissionRead },
      schema: {
        tags,
        summary: 'A submission with its rating, evidence and history',
        params: id,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => submissions.get(req.ctx, req.params.id),
  );

  app.get(
    '/assessment/submissions/:id/changes',
    {
      // Readers of the region, or an expert drawn to review it (blind): the service checks which.
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Each indicator’s history: value and explanation changes and evidence uploads, with who and when',
        params: id,
        querystring: IndicatorChangesQuery,
        response: { 200: IndicatorChanges },
      },
    },
    async (req) => submissions.changes(req.ctx, req.params.id, req.query.indicator),
  );

  app.put(
    '/assessment/submissions/:id/values',
    {
      config: { permission: P.submissionFill },
      schema: {
        tags,
        summary: 'Save values as a draft',
        params: id,
        body: SaveValuesRequest,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => submissions.saveValues(req.ctx, req.params.id, req.body.values, req.body.version),
  );

  app.post(
    '/assessment/submissions/:id/submit',
    {
      config: { permission: P.submissionFill },
      schema: {
        tags,
        summary: 'Submit for approval (validated)',
        params: id,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => submissions.submit(req.ctx, req.params.id),
  );

  app.post(
    '/assessment/submissions/:id/reopen',
    {
      config: { permission: P.campaignManage },
      schema: {
        tags,
        summary: 'Reopen filling in after the deadline for one region, until a day, with a reason (province)',
        params: id,
        body: ReopenSubmissionRequest,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => submissions.reopen(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/assessment/submissions/:id/evidence',
    {
      config: { permission: P.submissionFill },
      schema: {
        tags,
        summary: 'Upload an evidence file (pdf, png, jpg, xlsx, docx; ≤ 10 MB) for an indicator',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 201: AssessmentEvidence },
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, { maxBytes: EVIDENCE_MAX, types: ['pdf', 'png', 'jpg', 'xlsx', 'docx'] });
      const indicatorCode = file.fields.indicatorCode;
      if (!indicatorCode) throw invalidField('indicatorCode', '必填', 'required');
      return reply.status(201).send(await submissions.uploadEvidence(req.ctx, req.params.id, indicatorCode, file));
    },
  );

  app.get(
    '/assessment/submissions/:id/evidence/:evidenceId',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Download an evidence file',
        params: z.object({ id: z.uuid(), evidenceId: z.uuid() }),
        querystring: z.object({ inline: z.enum(['1']).optional() }),
      },
    },
    async (req, reply) => {
      const f = await submissions.evidenceFile(req.ctx, req.params.id, req.params.evidenceId);
      // Reviewers preview images and PDFs in the page (issue 15); the type was sniffed at upload, and only this
      // answer may be framed, by this site only.
      const inline = req.query.inline === '1' && INLINE_TYPES.has(f.type);
      if (inline)
        reply.header('content-security-policy', "frame-ancestors 'self'").header('x-frame-options', 'SAMEORIGIN');
      return reply
        .type(EVIDENCE_TYPES[f.type] ?? 'application/octet-stream')
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename="${encodeURIComponent(f.filename)}"`,
        )
        .send(f.data);
    },
  );

  app.get(
    '/assessment/submissions/:id/template',
    {
      config: { permission: P.submissionRead },
      schema: { tags, summary: 'Excel template of the submission’s indicators with current values', params: id },
    },
    async (req, reply) => {
      const sub = await submissions.get(req.ctx, req.params.id);
      const cat = await catalogues.get(sub.catalogueId);
      const rows = cat.indicators.map((i) => ({ code: i.code, name: i.name, unit: i.unit, ...sub.values[i.code] }));
      const buf = await writeWorkbook([{ name: '填报', columns: VALUE_COLUMNS, rows }]);
      return sendXlsx(reply, `assessment-${sub.year}-${sub.regionCode}.xlsx`, buf);
    },
  );

  app.post(
    '/assessment/submissions/:id/import',
    {
      config: { permission: P.submissionFill },
      schema: {
        tags,
        summary: 'Import values from Excel into the draft (all rows or none)',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 5 * 1024 * 1024, types: ['xlsx'] });
      const rows = await readSheet(file.data, VALUE_IMPORT_COLUMNS);
      const full = await readSheetLoose(file.data);
      const merged = rows.map((r) => ({ row: r.row, values: { ...(full.get(r.row) ?? {}), ...r.values } }));
      return submissions.importValues(
        req.ctx,
        req.params.id,
        merged.filter((r) => r.values.value || r.values.numerator),
      );
    },
  );
}
