import { z } from 'zod';
import {
  ASSESSMENT_PERMISSIONS as P,
  BulkApproveRequest,
  BulkApproveResponse,
  AssessmentCampaign,
  IndicatorCatalogue,
  CatalogueImportReport,
  IndicatorCatalogueSummary,
  CoevalScoreRequest,
  CreateCatalogueVersion,
  AssessmentEvidence,
  AssessmentHeatmap,
  ImportReport,
  ObjectionRequest,
  OpenCampaignRequest,
  SubmissionRadar,
  AssessmentReasonRequest,
  RegionCode,
  RegionReport,
  ResolveObjectionRequest,
  AssessmentResultRow,
  AssessmentResultsQuery,
  ReviewScoreRequest,
  ReviewTask,
  SaveValuesRequest,
  SimulateRequest,
  SimulateResponse,
  AssessmentStatistics,
  StarLevelStatistics,
  AssessmentStatisticsQuery,
  AssessmentSubmission,
  AssessmentSubmissionListQuery,
  AssessmentSubmissionStatus,
  AssessmentSubmissionSummary,
  AssessmentTrend,
  STATUS_NAMES,
  AssessedLevel,
} from '@zhicheng/contracts';
import { readSheet, readSheetCells, writeWorkbook } from '../../platform/excel.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { invalidField } from '../../platform/http/errors.ts';
import type { ZodApp } from '../../platform/module.ts';
import type { AssessmentService } from './assessment.service.ts';

const TAG = ['assessment'];
const id = z.object({ id: z.uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const EVIDENCE_MAX = 10 * 1024 * 1024;

export const VALUE_COLUMNS = [
  { key: 'code', header: '指标代码', width: 14 },
  { key: 'name', header: '指标名称', width: 36 },
  { key: 'unit', header: '单位', width: 8 },
  { key: 'value', header: '数值', width: 12 },
  { key: 'numerator', header: '分子', width: 12 },
  { key: 'denominator', header: '分母', width: 12 },
  { key: 'explanation', header: '说明', width: 30 },
];
const VALUE_IMPORT_COLUMNS = VALUE_COLUMNS.filter(
  (c) => !['name', 'unit', 'numerator', 'denominator', 'explanation'].includes(c.key),
);

export const CATALOGUE_COLUMNS = [
  'code',
  'domain',
  'parentCode',
  'name',
  'definition',
  'unit',
  'direction',
  't1',
  't2',
  't3',
  't4',
  't5',
  'weight',
  'evidenceRequired',
  'veto',
  'bonusPoints',
  'min',
  'max',
  'factor',
  'numerator',
  'denominator',
  'sample',
].map((key) => ({ key, header: key }));

const xlsx = (reply: import('fastify').FastifyReply, name: string, buf: Buffer) =>
  reply.type(XLSX).header('content-disposition', `attachment; filename="${name}"`).send(buf);

export function assessmentRoutes(app: ZodApp, s: AssessmentService) {
  // ------------------------------------------------------------ catalogues
  app.get(
    '/assessment/catalogues',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: TAG,
        summary: 'Indicator catalogue versions',
        response: { 200: z.object({ items: z.array(IndicatorCatalogueSummary) }) },
      },
    },
    async () => ({ items: await s.listCatalogues() }),
  );

  app.get(
    '/assessment/catalogues/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: TAG,
        summary: 'One catalogue version with policy and indicators',
        params: id,
        response: { 200: IndicatorCatalogue },
      },
    },
    async (req) => s.getCatalogue(req.params.id),
  );

  app.post(
    '/assessment/catalogues',
    {
      config: { permission: P.catalogueManage },
      schema: {
        tags: TAG,
        summary: 'A new catalogue version (copy with changes)',
        body: CreateCatalogueVersion,
        response: { 201: IndicatorCatalogueSummary },
      },
    },
    async (req, reply) => reply.status(201).send(await s.createVersion(req.ctx, req.body)),
  );

  app.get(
    '/assessment/catalogues/:id/export',
    {
      config: { permission: 'authenticated' },
      schema: { tags: TAG, summary: 'A catalogue as Excel (also the import template)', params: id },
    },
    async (req, reply) => {
      const c = await s.getCatalogue(req.params.id);
      const rows = c.indicators.map((i) => ({
        ...i,
        t1: i.thresholds[0],
        t2: i.thresholds[1],
        t3: i.thresholds[2],
        t4: i.thresholds[3],
        t5: i.thresholds[4],
        factor: i.formula.kind === 'ratio' ? i.formula.factor : '',
        numerator: i.formula.kind === 'ratio' ? i.formula.numerator : '',
        denominator: i.formula.kind === 'ratio' ? i.formula.denominator : '',
        evidenceRequired: i.evidenceRequired ? '是' : '',
        veto: i.veto ? '是' : '',
        sample: i.sample ? '是' : '否',
        parentCode: i.parentCode ?? '',
        bonusPoints: i.bonusPoints ?? '',
        min: i.min ?? '',
        max: i.max ?? '',
      }));
      return xlsx(
        reply,
        `catalogue-${c.key}-v${c.version}.xlsx`,
        await writeWorkbook([
          {
            name: '指标',
            columns: CATALOGUE_COLUMNS,
            rows,
            note: 'sample=是 表示阈值/权重为示例 / sample thresholds and weights',
          },
        ]),
      );
    },
  );

  app.post(
    '/assessment/catalogues/:id/import',
    {
      config: { permission: P.catalogueManage },
      schema: {
        tags: TAG,
        summary: 'Import an edited catalogue as a new version (row-level error report)',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 200: CatalogueImportReport },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 5 * 1024 * 1024, types: ['xlsx'] });
      const rows = await readSheet(
        file.data,
        CATALOGUE_COLUMNS.filter((c) =>
          ['code', 'domain', 'name', 't1', 't2', 't3', 't4', 't5', 'weight'].includes(c.key),
        ),
      );
      const full = await readSheetLoose(file.data);
      const merged = rows
        .filter((r) => r.values.code && !r.values.code.startsWith('sample='))
        .map((r) => ({ row: r.row, values: { ...(full.get(r.row) ?? {}), ...r.values } }));
      return s.importCatalogue(req.ctx, req.params.id, merged);
    },
  );

  app.post(
    '/assessment/simulate',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: TAG,
        summary: '达星模拟: level, shares, bonus and the cheapest path to the next level (HiGHS)',
        body: SimulateRequest,
        response: { 200: SimulateResponse },
      },
    },
    async (req) => s.simulate(req.body),
  );

  // ------------------------------------------------------------ campaigns
  app.get(
    '/assessment/campaigns',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: TAG,
        summary: 'Annual campaigns',
        response: { 200: z.object({ items: z.array(AssessmentCampaign) }) },
      },
    },
    async () => ({ items: await s.listCampaigns() }),
  );

  app.post(
    '/assessment/campaigns',
    {
      config: { permission: P.campaignManage },
      schema: {
        tags: TAG,
        summary: 'Open a campaign',
        body: OpenCampaignRequest,
        response: { 201: AssessmentCampaign },
      },
    },
    async (req, reply) => reply.status(201).send(await s.openCampaign(req.ctx, req.body)),
  );

  app.get(
    '/assessment/campaigns/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: TAG,
        summary: 'One campaign with counts by status',
        params: id,
        response: { 200: AssessmentCampaign },
      },
    },
    async (req) => s.getCampaign(req.params.id),
  );

  app.post(
    '/assessment/campaigns/:id/actions/:action',
    {
      config: { permission: P.campaignManage },
      schema: {
        tags: TAG,
        summary: 'Move the campaign on: draw experts, start co-evaluation, open the notice, publish',
        params: z.object({
          id: z.uuid(),
          action: z.enum(['draw_experts', 'start_co_evaluation', 'open_notice', 'publish']),
        }),
        body: z
          .object({
            seed: z
              .number()
              .int()
              .min(0)
              .max(2 ** 32 - 1)
              .optional(),
          })
          .default({}),
        response: { 200: AssessmentCampaign },
      },
    },
    async (req) => s.advance(req.ctx, req.params.id, req.params.action, req.body ?? {}),
  );

  app.get(
    '/assessment/campaigns/:id/submissions',
    {
      config: { permission: P.submissionRead },
      schema: {
        tags: TAG,
        summary: 'Submissions in the caller’s scope',
        params: id,
        querystring: AssessmentSubmissionListQuery.omit({ campaignId: true }),
        response: {
          200: z.object({
            items: z.array(AssessmentSubmissionSummary),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (req) => s.listSubmissions(req.ctx, { ...req.query, campaignId: req.params.id }),
  );

  app.get(
    '/assessment/campaigns/:id/radar',
    {
      config: { permission: P.submissionRead },
      schema: {
        tags: TAG,
        summary: 'Who has not submitted (in the caller’s scope)',
        params: id,
        response: { 200: SubmissionRadar },
      },
    },
    async (req) => s.radar(req.ctx, req.params.id),
  );

  app.post(
    '/assessment/campaigns/:id/approve-bulk',
    {
      config: { permission: P.submissionApprove },
      schema: {
        tags: TAG,
        summary: 'Approve several regions; each is checked on its own',
        params: id,
        body: BulkApproveRequest,
        response: { 200: BulkApproveResponse },
      },
    },
    async (req) => s.bulkApprove(req.ctx, req.params.id, req.body.regionCodes),
  );

  app.get(
    '/assessment/campaigns/:id/regions/:code',
    {
      config: { permission: P.submissionRead },
      schema: {
        tags: TAG,
        summary: 'A region’s submission in a campaign',
        params: z.object({ id: z.uuid(), code: RegionCode }),
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => s.submissionFor(req.ctx, req.params.id, req.params.code),
  );

  // ------------------------------------------------------------ submissions
  app.get(
    '/assessment/submissions/:id',
    {
      config: { permission: P.submissionRead },
      schema: {
        tags: TAG,
        summary: 'A submission with its rating, evidence and history',
        params: id,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => s.getSubmission(req.ctx, req.params.id),
  );

  app.put(
    '/assessment/submissions/:id/values',
    {
      config: { permission: P.submissionFill },
      schema: {
        tags: TAG,
        summary: 'Save values as a draft',
        params: id,
        body: SaveValuesRequest,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => s.saveValues(req.ctx, req.params.id, req.body.values, req.body.version),
  );

  app.post(
    '/assessment/submissions/:id/submit',
    {
      config: { permission: P.submissionFill },
      schema: {
        tags: TAG,
        summary: 'Submit for approval (validated)',
        params: id,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => s.submit(req.ctx, req.params.id),
  );

  app.post(
    '/assessment/submissions/:id/approve',
    {
      config: { permission: P.submissionApprove },
      schema: {
        tags: TAG,
        summary: 'Approve one step (city, then province)',
        params: id,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => s.approve(req.ctx, req.params.id),
  );

  app.post(
    '/assessment/submissions/:id/send-back',
    {
      config: { permission: P.submissionReturn },
      schema: {
        tags: TAG,
        summary: 'Send back with a reason',
        params: id,
        body: AssessmentReasonRequest,
        response: { 200: AssessmentSubmission },
      },
    },
    async (req) => s.sendBack(req.ctx, req.params.id, req.body.reason),
  );

  app.post(
    '/assessment/submissions/:id/evidence',
    {
      config: { permission: P.submissionFill },
      schema: {
        tags: TAG,
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
      return reply.status(201).send(await s.uploadEvidence(req.ctx, req.params.id, indicatorCode, file));
    },
  );

  app.get(
    '/assessment/submissions/:id/evidence/:evidenceId',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags: TAG,
        summary: 'Download an evidence file',
        params: z.object({ id: z.uuid(), evidenceId: z.uuid() }),
      },
    },
    async (req, reply) => {
      const f = await s.evidenceFile(req.ctx, req.params.id, req.params.evidenceId);
      const types: Record<string, string> = {
        pdf: 'application/pdf',
        png: 'image/png',
        jpg: 'image/jpeg',
        xlsx: XLSX,
        docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      };
      return reply
        .type(types[f.type] ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${encodeURIComponent(f.filename)}"`)
        .send(f.data);
    },
  );

  app.get(
    '/assessment/submissions/:id/template',
    {
      config: { permission: P.submissionRead },
      schema: { tags: TAG, summary: 'Excel template of the submission’s indicators with current values', params: id },
    },
    async (req, reply) => {
      const sub = await s.getSubmission(req.ctx, req.params.id);
      const cat = await s.getCatalogue(sub.catalogueId);
      const rows = cat.indicators.map((i) => ({
        code: i.code,
        name: i.name,
        unit: i.unit,
        ...(sub.values[i.code] ?? {}),
      }));
      return xlsx(
        reply,
        `assessment-${sub.year}-${sub.regionCode}.xlsx`,
        await writeWorkbook([{ name: '填报', columns: VALUE_COLUMNS, rows }]),
      );
    },
  );

  app.post(
    '/assessment/submissions/:id/import',
    {
      config: { permission: P.submissionFill },
      schema: {
        tags: TAG,
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
      return s.importValues(
        req.ctx,
        req.params.id,
        merged.filter((r) => r.values.value || r.values.numerator),
      );
    },
  );

  app.post(
    '/assessment/submissions/:id/co-evaluation',
    {
      config: { permission: P.coevalScore },
      schema: {
        tags: TAG,
        summary: 'A citizen supervisor’s or media member’s co-evaluation score',
        params: id,
        body: CoevalScoreRequest,
        response: {
          201: z.object({
            scoreId: z.uuid(),
            count: z.number(),
            average: z.number().nullable(),
            unconfirmed: z.number(),
          }),
        },
      },
    },
    async (req, reply) => reply.status(201).send(await s.coevalScore(req.ctx, req.params.id, req.body)),
  );

  app.post(
    '/assessment/submissions/:id/objections',
    {
      config: { permission: 'authenticated', rateLimit: { max: 10, windowSeconds: 3600 } },
      schema: {
        tags: TAG,
        summary: 'Raise an objection during the public notice',
        params: id,
        body: ObjectionRequest,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await s.fileObjection(req.ctx, req.params.id, req.body.text)),
  );

  app.post(
    '/assessment/objections/:id/resolve',
    {
      config: { permission: P.campaignManage },
      schema: {
        tags: TAG,
        summary: 'Resolve an objection',
        params: id,
        body: ResolveObjectionRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await s.resolveObjection(req.ctx, req.params.id, req.body.resolution);
      return reply.status(204).send(null);
    },
  );

  // ------------------------------------------------------------ expert review
  app.get(
    '/assessment/reviews',
    {
      config: { permission: P.reviewScore },
      schema: {
        tags: TAG,
        summary: 'My review tasks (blind)',
        response: { 200: z.object({ items: z.array(ReviewTask) }) },
      },
    },
    async (req) => s.myReviews(req.ctx),
  );

  app.get(
    '/assessment/reviews/:id',
    {
      config: { permission: P.reviewScore },
      schema: { tags: TAG, summary: 'One review task', params: id, response: { 200: ReviewTask } },
    },
    async (req) => s.reviewTask(req.ctx, req.params.id),
  );

  app.post(
    '/assessment/reviews/:id/score',
    {
      config: { permission: P.reviewScore },
      schema: {
        tags: TAG,
        summary: 'Score a submission (0–100)',
        params: id,
        body: ReviewScoreRequest,
        response: { 200: ReviewTask },
      },
    },
    async (req) => s.scoreReview(req.ctx, req.params.id, req.body.score, req.body.comment),
  );

  // ------------------------------------------------------------ results (published only: public)
  app.get(
    '/assessment/statistics',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAG,
        summary: 'Per region level (city, county): published results and how many reach ≥ N★',
        querystring: AssessmentStatisticsQuery,
        response: { 200: z.array(StarLevelStatistics) },
      },
    },
    async (req) => (await s.statistics(req.query.year)).levels,
  );

  app.get(
    '/assessment/statistics/overview',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAG,
        summary: 'The statistics with the provincial targets and whether each is met (the overview page)',
        querystring: AssessmentStatisticsQuery,
        response: { 200: AssessmentStatistics },
      },
    },
    async (req) => s.statistics(req.query.year),
  );

  app.get(
    '/assessment/trend',
    {
      config: { permission: 'public' },
      schema: { tags: TAG, summary: 'Published distribution by year', response: { 200: AssessmentTrend } },
    },
    async () => s.trend(),
  );

  app.get(
    '/assessment/results',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAG,
        summary: 'Published results with rank and last year’s level',
        querystring: AssessmentResultsQuery,
        response: { 200: z.object({ items: z.array(AssessmentResultRow) }) },
      },
    },
    async (req) => ({ items: await s.results(req.query) }),
  );

  app.get(
    '/assessment/results/export',
    {
      config: { permission: 'public' },
      schema: { tags: TAG, summary: 'Published results as Excel', querystring: AssessmentResultsQuery },
    },
    async (req, reply) => {
      const items = await s.results(req.query);
      const columns = [
        { key: 'rank', header: '排名' },
        { key: 'regionCode', header: '区划代码' },
        { key: 'regionName', header: '名称' },
        { key: 'level', header: '层级' },
        { key: 'stars', header: '星级' },
        { key: 'subGrade', header: '类型' },
        { key: 'score', header: '得分' },
        { key: 'bonus', header: '加分' },
        { key: 'previousStars', header: '上年星级' },
        { key: 'sample', header: '示例数据' },
      ];
      const rows = items.map((r) => ({
        ...r,
        level: r.regionLevel === 'city' ? '市' : '县',
        subGrade: r.subGrade === 'growth' ? '成长型' : r.subGrade === 'basic' ? '基础型' : '',
        sample: r.sample ? '是' : '',
      }));
      return xlsx(
        reply,
        `assessment-results-${req.query.year}.xlsx`,
        await writeWorkbook([
          {
            name: `${req.query.year}年评估结果`,
            columns,
            rows,
            note: items.some((r) => r.sample) ? '示例数据,非官方结果 / simulated data, not official' : undefined,
          },
        ]),
      );
    },
  );

  app.get(
    '/assessment/regions/:code/report',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAG,
        summary: 'A region’s published results, explanation, history and peers (printable report)',
        params: z.object({ code: RegionCode }),
        response: { 200: RegionReport },
      },
    },
    async (req) => s.regionReport(req.params.code),
  );

  app.get(
    '/assessment/heatmap',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAG,
        summary: 'Regions × indicators stars (published)',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100),
          level: AssessedLevel.default('city'),
          parent: RegionCode.optional(),
        }),
        response: { 200: AssessmentHeatmap },
      },
    },
    async (req) => s.heatmap(req.query),
  );

  app.get(
    '/assessment/statuses',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAG,
        summary: 'Submission status names',
        response: { 200: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })) },
      },
    },
    async () => STATUS_NAMES as Record<z.infer<typeof AssessmentSubmissionStatus>, { zh: string; en: string }>,
  );
}

/** Every column of the first sheet by header text, keyed by row number (optional columns of an import). */
async function readSheetLoose(data: Buffer): Promise<Map<number, Record<string, string>>> {
  const cells = await readSheetCells(data);
  const out = new Map<number, Record<string, string>>();
  const headers = new Map<number, string>();
  const keyOf = (h: string) => VALUE_COLUMNS.find((c) => c.header === h)?.key ?? h;
  for (const [i, text] of cells.get(1) ?? []) headers.set(i, keyOf(text));
  for (const [n, row] of cells) {
    if (n === 1) continue;
    const v: Record<string, string> = {};
    for (const [i, text] of row) {
      const h = headers.get(i);
      if (h) v[h] = text;
    }
    out.set(n, v);
  }
  return out;
}
