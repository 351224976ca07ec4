import {
  SCENARIOS_PERMISSIONS as P,
  ATTACHMENT_LIMITS,
  CaseAttachment,
  CaseExportQuery,
  CaseIdParams,
  CaseImportReport,
  CaseInput,
  CasePage,
  CaseQuery,
  ReturnInput,
  ScenarioCase,
  Taxonomy,
  Term,
  TermInput,
  TermParams,
} from '@zhicheng/contracts/scenarios';
import { readSheet, writeWorkbook } from '../../platform/excel.ts';
import { readUpload } from '../../platform/http/upload.ts';
import type { FastifyReply } from 'fastify';
import type { ZodApp } from '../../platform/module.ts';
import { CASE_COLUMNS, CASE_STATUS_COLUMNS, rowToInput } from './cases-excel.ts';
import type { ScenariosServices } from './services.ts';
import { ATTACHMENT_MIME } from './attachments.service.ts';
import { z } from 'zod';

const AttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

const tags = ['scenarios'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** HTTP only: the schema, the permission, one service call. */
export function scenariosRoutes(app: ZodApp, s: ScenariosServices) {
  app.get(
    '/scenarios/taxonomy',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Domains, sub-categories and operating models (the public board filters by them)',
        response: { 200: Taxonomy },
      },
    },
    async () => s.taxonomy.list(),
  );

  app.put(
    '/scenarios/taxonomy/:kind/:code',
    {
      config: { permission: P.configure },
      schema: {
        tags,
        summary: 'Add or change a domain, sub-category or operating model (province)',
        params: TermParams,
        body: TermInput,
        response: { 200: Term },
      },
    },
    async (req) => s.taxonomy.upsert(req.ctx, req.params.kind, req.params.code, req.body),
  );

  app.post(
    '/scenarios/cases/import',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'Import cases from Excel as drafts (all rows or none; bad cells named by row; look-alikes flagged)',
        consumes: ['multipart/form-data'],
        response: { 200: CaseImportReport },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 10 * 1024 * 1024, types: ['xlsx'] });
      const sheet = await readSheet(file.data, CASE_COLUMNS);
      const terms = await s.transfer.termLookup();
      const region = s.transfer.defaultRegion(req.ctx);
      return s.transfer.importRows(
        req.ctx,
        sheet
          .filter((r) => Object.values(r.values).some((v) => v?.trim()))
          .map((r) => ({ row: r.row, ...rowToInput(r.row, r.values, terms, region) })),
      );
    },
  );

  app.get(
    '/scenarios/cases/template',
    {
      config: { permission: P.file },
      schema: { tags, summary: 'The empty case sheet to fill in (the import layout)' },
    },
    async (_req, reply) => {
      const buf = await writeWorkbook([
        {
          name: '场景案例',
          columns: CASE_COLUMNS,
          rows: [],
          note: '领域、子类、运营模式填中文名称或代码;金额单位为元;上线日期写作 2025-06-30;标签用顿号分隔;区划代码留空则为本人所在区划',
        },
      ]);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', 'attachment; filename="scenario-cases-template.xlsx"')
        .send(buf);
    },
  );

  app.get(
    '/scenarios/cases/export',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'The cases in the caller’s regions (the list’s filters) as Excel, in the import layout',
        querystring: CaseExportQuery,
      },
    },
    async (req, reply) => {
      const rows = await s.transfer.exportRows(req.ctx, req.query);
      const buf = await writeWorkbook([{ name: '场景案例', columns: [...CASE_COLUMNS, ...CASE_STATUS_COLUMNS], rows }]);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', 'attachment; filename="scenario-cases.xlsx"')
        .send(buf);
    },
  );

  app.get(
    '/scenarios/cases',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Cases in the caller’s regions: search (jieba words) and filters, paged',
        querystring: CaseQuery,
        response: { 200: CasePage },
      },
    },
    async (req) => s.cases.list(req.ctx, req.query),
  );

  app.post(
    '/scenarios/cases',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'File a case (a draft) for one’s own region',
        body: CaseInput,
        response: { 201: ScenarioCase },
      },
    },
    async (req, reply) => reply.status(201).send(await s.cases.create(req.ctx, req.body)),
  );

  app.post(
    '/scenarios/cases/:id/attachments',
    {
      config: { permission: P.file },
      // A photo or PDF of up to 10 MB, plus the multipart envelope.
      bodyLimit: ATTACHMENT_LIMITS.maxBytes + 64 * 1024,
      schema: {
        tags,
        summary: 'Add a photo (JPEG/PNG, re-encoded for the phone) or a PDF document to a draft or returned case',
        params: CaseIdParams,
        consumes: ['multipart/form-data'],
        response: { 201: CaseAttachment },
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, { maxBytes: ATTACHMENT_LIMITS.maxBytes, types: ['jpg', 'png', 'pdf'] });
      return reply.status(201).send(await s.attachments.add(req.ctx, req.params.id, file));
    },
  );

  app.delete(
    '/scenarios/cases/:id/attachments/:attachmentId',
    {
      config: { permission: P.file },
      schema: { tags, summary: 'Remove a photo or document of a draft or returned case', params: AttachmentParams },
    },
    async (req, reply) => {
      await s.attachments.remove(req.ctx, req.params.id, req.params.attachmentId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/scenarios/cases/:id/attachments/:attachmentId',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'A photo or document of a case the caller may read', params: AttachmentParams },
    },
    async (req, reply) =>
      sendAttachment(reply, await s.attachments.file(req.ctx, req.params.id, req.params.attachmentId)),
  );

  app.get(
    '/scenarios/public/cases/:id/attachments/:attachmentId',
    {
      config: { permission: 'public' },
      schema: { tags, summary: 'A photo or document of an accepted case', params: AttachmentParams },
    },
    async (req, reply) => sendAttachment(reply, await s.attachments.publicFile(req.params.id, req.params.attachmentId)),
  );

  app.get(
    '/scenarios/cases/:id',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'A case with its steps', params: CaseIdParams, response: { 200: ScenarioCase } },
    },
    async (req) => s.cases.get(req.ctx, req.params.id),
  );

  app.put(
    '/scenarios/cases/:id',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'Edit a draft or returned case',
        params: CaseIdParams,
        body: CaseInput,
        response: { 200: ScenarioCase },
      },
    },
    async (req) => s.cases.update(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/scenarios/cases/:id/submit',
    {
      config: { permission: P.file },
      schema: {
        tags,
        summary: 'Submit: a county’s case to its city, a city’s or the province’s to the province',
        params: CaseIdParams,
        response: { 200: ScenarioCase },
      },
    },
    async (req) => s.cases.step(req.ctx, req.params.id, 'submit'),
  );

  for (const step of ['recommend', 'accept'] as const) {
    app.post(
      `/scenarios/cases/:id/${step}`,
      {
        config: { permission: P.decide },
        schema: {
          tags,
          summary: step === 'recommend' ? 'The city recommends to the province' : 'The province accepts onto the board',
          params: CaseIdParams,
          response: { 200: ScenarioCase },
        },
      },
      async (req) => s.cases.step(req.ctx, req.params.id, step),
    );
  }

  app.post(
    '/scenarios/cases/:id/return',
    {
      config: { permission: P.decide },
      schema: {
        tags,
        summary: 'Return to the author with a reason',
        params: CaseIdParams,
        body: ReturnInput,
        response: { 200: ScenarioCase },
      },
    },
    async (req) => s.cases.step(req.ctx, req.params.id, 'return', req.body.reason),
  );
}

/** Photos show in the page; a PDF opens in the browser's viewer. The type was sniffed (and a photo re-encoded). */
function sendAttachment(reply: FastifyReply, f: { type: string; filename: string; data: Buffer }) {
  return reply
    .type(ATTACHMENT_MIME[f.type] ?? 'application/octet-stream')
    .header('content-disposition', `inline; filename="${encodeURIComponent(f.filename)}"`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=3600')
    .send(f.data);
}
