import { z } from 'zod';
import { ImportReport, RegionCode } from '@zhicheng/contracts';
import {
  CampaignStats,
  PARTICIPATION_PERMISSIONS as P,
  PaperResponseRequest,
  ResponseListQuery,
  ResponsePage,
  ResponseReceipt,
  StatsQuery,
  TopicAnalysis,
  TopicComparison,
  type Question,
} from '@zhicheng/contracts/participation';
import { readSheet, writeWorkbook, type Column } from '../../platform/excel.ts';
import { readUpload } from '../../platform/http/upload.ts';
import { allQuestions } from './answers.ts';
import type { SurveyRow } from './participation.tables.ts';
import type { ZodApp } from '../../platform/module.ts';
import type { ParticipationServices } from './participation.routes.ts';

const id = z.object({ id: z.uuid() });
const tags = ['participation'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Answer value as a cell: option labels instead of ids. */
function cell(q: Question | undefined, v: unknown): string | number {
  if (v === undefined || v === null) return '';
  const label = (o: string) => q?.options?.find((x) => x.id === o)?.label ?? o;
  if (Array.isArray(v)) return v.map((x) => label(String(x))).join('、');
  if (typeof v === 'number') return v;
  return q && q.type === 'single' ? label(String(v)) : String(v);
}

/** The paper template's columns: the form's number, an optional phone, then one per question. */
const paperColumns = (s: SurveyRow): Column[] => [
  { key: 'paperRef', header: '纸质编号' },
  { key: 'phone', header: '联系电话(选填)' },
  ...allQuestions(s.definition).map((q) => ({ key: q.id, header: `${q.id} ${q.title}`.slice(0, 60), width: 24 })),
];

/** Paper responses (one by one and from Excel), the response list, statistics, demand topics, the Excel export. */
export function responsesRoutes(app: ZodApp, services: ParticipationServices) {
  // ------------------------------------------------------------ responses: paper entry, listing, export
  app.post(
    '/participation/surveys/:id/paper-responses',
    {
      config: { permission: P.responsesEnter },
      schema: {
        tags,
        summary: 'Enter one paper response (offline channel)',
        params: id,
        body: PaperResponseRequest,
        response: { 201: ResponseReceipt },
      },
    },
    async (req, reply) => reply.status(201).send(await services.responses.enterPaper(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/participation/surveys/:id/paper-template',
    {
      config: { permission: P.responsesEnter },
      schema: { tags, summary: 'Excel template for paper responses of a survey', params: id },
    },
    async (req, reply) => {
      const s = await services.responses.surveyForPaper(req.ctx.actor, req.params.id);
      const columns = paperColumns(s);
      const buf = await writeWorkbook([
        {
          name: '纸质问卷',
          columns,
          rows: [],
          note: '每行一份纸质问卷;选择题填选项文字(多选用“、”分隔),评分与数字题填数字 / one paper form per row',
        },
        {
          name: '题目说明',
          columns: [
            { key: 'id', header: '题号' },
            { key: 'title', header: '题目', width: 40 },
            { key: 'type', header: '题型' },
            { key: 'options', header: '选项', width: 60 },
          ],
          rows: allQuestions(s.definition).map((q) => ({
            id: q.id,
            title: q.title,
            type: q.type,
            options: (q.options ?? []).map((o) => o.label).join('、'),
          })),
        },
      ]);
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="paper-template.xlsx"').send(buf);
    },
  );

  app.post(
    '/participation/surveys/:id/paper-responses/import',
    {
      config: { permission: P.responsesEnter },
      schema: {
        tags,
        summary: 'Import paper responses from Excel (all rows or none)',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const s = await services.responses.surveyForPaper(req.ctx.actor, req.params.id);
      const file = await readUpload(req, { maxBytes: 10 * 1024 * 1024, types: ['xlsx'] });
      const cols = paperColumns(s);
      const rows = await readSheet(
        file.data,
        cols.filter((c) => c.key === 'paperRef' || c.key === 'phone' || cols.indexOf(c) > 1),
      );
      const report = await services.responses.importPaper(
        req.ctx,
        req.params.id,
        rows.filter(
          (r) => !(r.values.paperRef ?? '').startsWith('每行') && Object.values(r.values).some((v) => v.trim() !== ''),
        ),
      );
      // Errors name the column as the sheet shows it.
      const header = new Map(cols.map((c) => [c.key, c.header]));
      return { ...report, errors: report.errors.map((e) => ({ ...e, field: header.get(e.field) ?? e.field })) };
    },
  );

  app.get(
    '/participation/campaigns/:id/responses',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'Responses in the user’s regions (contact shown masked)',
        params: id,
        querystring: ResponseListQuery,
        response: { 200: ResponsePage },
      },
    },
    async (req) => services.responses.list(req.ctx.actor, req.params.id, req.query),
  );

  app.get(
    '/participation/campaigns/:id/stats',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'Live counts by region, channel and day; a summary per question; a cross-tab by region',
        params: id,
        querystring: StatsQuery,
        response: { 200: CampaignStats },
      },
    },
    async (req) => services.analysis.stats(req.ctx.actor, req.params.id, req.query),
  );

  app.get(
    '/participation/campaigns/:id/topics',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'Demand topics from free-text answers, with quotes, per-region counts and keywords',
        params: id,
        querystring: z.object({ region: RegionCode.optional() }),
        response: { 200: TopicAnalysis },
      },
    },
    async (req) => services.analysis.topics(req.ctx.actor, req.params.id, req.query),
  );

  app.get(
    '/participation/topics/compare',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'Compare demand topics across campaigns (years)',
        querystring: z.object({
          campaigns: z
            .string()
            .regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36}){1,4}$/, { message: '2–5 campaign ids, comma-separated' }),
          region: RegionCode.optional(),
        }),
        response: { 200: TopicComparison },
      },
    },
    async (req) => services.analysis.compareTopics(req.ctx.actor, req.query.campaigns.split(','), req.query.region),
  );

  app.get(
    '/participation/campaigns/:id/export',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'Excel: raw answers, per-question summary, counts by region',
        params: id,
        querystring: z.object({ region: RegionCode.optional() }),
      },
    },
    async (req, reply) => {
      const x = await services.analysis.exportRows(req.ctx.actor, req.params.id, req.query.region);
      const qById = new Map(x.questions.map((q) => [q.id, q]));
      const buf = await writeWorkbook([
        {
          name: '原始答卷',
          columns: [
            { key: 'id', header: '答卷编号', width: 38 },
            { key: 'region', header: '区划' },
            { key: 'channel', header: '渠道' },
            { key: 'at', header: '提交时间', width: 22 },
            { key: 'phone', header: '联系电话(脱敏)' },
            ...x.questions.map((q) => ({ key: q.id, header: `${q.id} ${q.title}`.slice(0, 60), width: 24 })),
          ],
          rows: x.rows.map((r) => ({
            id: r.id,
            region: x.names.get(r.regionCode) ?? r.regionCode,
            channel: r.channel === 'online' ? '线上' : '线下(纸质)',
            at: r.submittedAt.toISOString(),
            phone: r.phoneMasked ?? '',
            ...Object.fromEntries(r.answers.map((a) => [a.questionId, cell(qById.get(a.questionId), a.value)])),
          })),
          note: x.campaign.isDemo ? '示例数据 / simulated' : undefined,
        },
        {
          name: '题目汇总',
          columns: [
            { key: 'q', header: '题目', width: 40 },
            { key: 'option', header: '选项', width: 30 },
            { key: 'count', header: '人数' },
          ],
          rows: x.stats.questions.flatMap((q) =>
            q.options.map((o) => ({ q: q.title, option: o.label, count: o.count })),
          ),
        },
        {
          name: '地区分布',
          columns: [
            { key: 'name', header: '区划' },
            { key: 'count', header: '答卷数' },
          ],
          rows: x.stats.byRegion.map((r) => ({ name: r.name, count: r.count })),
        },
      ]);
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="responses.xlsx"').send(buf);
    },
  );
}
