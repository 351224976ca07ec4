import QRCode from 'qrcode';
import { z } from 'zod';
import {
  ActionItem,
  Campaign,
  CampaignDetail,
  CampaignStats,
  CreateActionRequest,
  CreateCampaignRequest,
  CreateSurveyRequest,
  CreateTaskRequest,
  DrawCheck,
  DrawRequest,
  Followup,
  FollowupAnswer,
  PaperImportResult,
  MyTask,
  PaperResponseRequest,
  PARTICIPATION_PERMISSIONS as P,
  PublicFollowup,
  PublicProgress,
  PublicSurvey,
  ResponseListQuery,
  ResponsePage,
  ResponseReceipt,
  StatsQuery,
  SubmitResponseRequest,
  SubmitScoreRequest,
  Survey,
  SupervisorApplication,
  SupervisorListQuery,
  SupervisorPage,
  SurveyInput,
  Task,
  TaskSummary,
  TopicAnalysis,
  TopicComparison,
  UpdateActionRequest,
  UpdateCampaignRequest,
  VetRequest,
  VetResult,
  RegionCode,
} from '@zhicheng/contracts';
import { readSheet, writeWorkbook, type Column } from '../../platform/excel.ts';
import { readUpload } from '../../platform/http/upload.ts';
import type { ZodApp } from '../../platform/module.ts';
import { allQuestions } from './answers.ts';
import type { ParticipationService } from './participation.service.ts';
import type { SupervisorsService } from './supervisors.service.ts';

const id = z.object({ id: z.uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['participation'];

/** Answer value as a cell: option labels instead of ids. */
function cell(q: ReturnType<typeof allQuestions>[number] | undefined, v: unknown): string | number {
  if (v === undefined || v === null) return '';
  const label = (o: string) => q?.options?.find((x) => x.id === o)?.label ?? o;
  if (Array.isArray(v)) return v.map((x) => label(String(x))).join('、');
  if (typeof v === 'number') return v;
  return q && q.type === 'single' ? label(String(v)) : String(v);
}

export function participationRoutes(app: ZodApp, svc: ParticipationService, sup: SupervisorsService) {
  // ------------------------------------------------------------ public: answering, progress, follow-ups, applications
  app.get(
    '/participation/public/surveys/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'A published survey for the public answer page (an old version’s link gives the current one)',
        params: id,
        response: { 200: PublicSurvey },
      },
    },
    async (req) => svc.publicSurvey(req.params.id),
  );

  app.post(
    '/participation/surveys/:id/responses',
    {
      config: { permission: 'public', rateLimit: { max: 30, windowSeconds: 60 } },
      schema: {
        tags,
        summary:
          'Answer a survey (no login; signed-in residents are recorded as verified). A retry with the same Idempotency-Key returns the first response.',
        params: id,
        headers: z.looseObject({ 'idempotency-key': z.string().min(8).max(128) }),
        body: SubmitResponseRequest,
        response: { 201: ResponseReceipt },
      },
    },
    async (req, reply) => {
      const { receipt, replayed } = await svc.submit(req.ctx, req.params.id, {
        ...req.body,
        idempotencyKey: req.headers['idempotency-key'] as string,
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(receipt);
    },
  );

  app.get(
    '/participation/public/campaigns/:id/progress',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'What was done about the demands of a campaign (你提我办 public page)',
        params: id,
        response: { 200: PublicProgress },
      },
    },
    async (req) => svc.publicProgress(req.params.id),
  );

  app.get(
    '/participation/public/followups/:token',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'A satisfaction follow-up, by its private link',
        params: z.object({ token: z.string().min(10).max(64) }),
        response: { 200: PublicFollowup },
      },
    },
    async (req) => svc.publicFollowup(req.params.token),
  );

  app.post(
    '/participation/public/followups/:token',
    {
      config: { permission: 'public', rateLimit: { max: 20, windowSeconds: 60 } },
      schema: {
        tags,
        summary: 'Answer a satisfaction follow-up',
        params: z.object({ token: z.string().min(10).max(64) }),
        body: FollowupAnswer,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.answerFollowup(req.params.token, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/participation/public/supervisor-applications',
    {
      config: { permission: 'public', rateLimit: { max: 10, windowSeconds: 600 } },
      schema: {
        tags,
        summary: 'Apply to be a citizen supervisor (市民监督员)',
        body: SupervisorApplication,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await sup.apply(req.ctx, req.body)),
  );

  // ------------------------------------------------------------ campaigns and surveys
  app.get(
    '/participation/campaigns',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'Campaigns of the user’s regions and the regions above them',
        response: { 200: z.object({ items: z.array(Campaign) }) },
      },
    },
    async (req) => ({ items: await svc.listCampaigns(req.ctx.actor) }),
  );

  app.post(
    '/participation/campaigns',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Open a campaign (问需于民) for a region',
        body: CreateCampaignRequest,
        response: { 201: Campaign },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCampaign(req.ctx, req.body)),
  );

  app.get(
    '/participation/campaigns/:id',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'A campaign with its surveys visible to the user',
        params: id,
        response: { 200: CampaignDetail },
      },
    },
    async (req) => svc.getCampaign(req.ctx.actor, req.params.id),
  );

  app.patch(
    '/participation/campaigns/:id',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Close or reopen a campaign, set its end',
        params: id,
        body: UpdateCampaignRequest,
        response: { 200: Campaign },
      },
    },
    async (req) => svc.updateCampaign(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/participation/campaigns/:id/surveys',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Create a survey (draft) in a region; with baseSurveyId it localises a template',
        params: id,
        body: CreateSurveyRequest,
        response: { 201: Survey },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createSurvey(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/participation/surveys/:id',
    {
      config: { permission: P.responsesRead },
      schema: { tags, summary: 'A survey (any status)', params: id, response: { 200: Survey } },
    },
    async (req) => svc.getSurvey(req.ctx.actor, req.params.id),
  );

  app.put(
    '/participation/surveys/:id',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Edit a draft survey (published ones are immutable)',
        params: id,
        body: SurveyInput,
        response: { 200: Survey },
      },
    },
    async (req) => svc.updateSurvey(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/participation/surveys/:id/publish',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Publish a draft; the lineage’s previous version is archived',
        params: id,
        response: { 200: Survey },
      },
    },
    async (req) => svc.publishSurvey(req.ctx, req.params.id),
  );

  app.post(
    '/participation/surveys/:id/versions',
    {
      config: { permission: P.surveysManage },
      schema: {
        tags,
        summary: 'Start a new draft version of a published survey',
        params: id,
        response: { 201: Survey },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.newVersion(req.ctx, req.params.id)),
  );

  app.get(
    '/participation/surveys/:id/qrcode',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'QR code (PNG) of the survey’s public link',
        params: id,
        querystring: z.object({ base: z.url().optional() }),
      },
    },
    async (req, reply) => {
      const s = await svc.getSurvey(req.ctx.actor, req.params.id);
      const base = req.query.base ?? `${req.protocol}://${req.host}`;
      const png = await QRCode.toBuffer(`${base.replace(/\/$/, '')}/s/${s.id}`, {
        type: 'png',
        width: 480,
        margin: 2,
        errorCorrectionLevel: 'M',
      });
      return reply.type('image/png').header('content-disposition', `inline; filename="survey-${s.id}.png"`).send(png);
    },
  );

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
    async (req, reply) => reply.status(201).send(await svc.enterPaper(req.ctx, req.params.id, req.body)),
  );

  const paperColumns = (s: Awaited<ReturnType<ParticipationService['surveyForPaper']>>): Column[] => [
    { key: 'paperRef', header: '纸质编号' },
    { key: 'phone', header: '联系电话(选填)' },
    ...allQuestions(s.definition).map((q) => ({ key: q.id, header: `${q.id} ${q.title}`.slice(0, 60), width: 24 })),
  ];

  app.get(
    '/participation/surveys/:id/paper-template',
    {
      config: { permission: P.responsesEnter },
      schema: { tags, summary: 'Excel template for paper responses of a survey', params: id },
    },
    async (req, reply) => {
      const s = await svc.surveyForPaper(req.ctx.actor, req.params.id);
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
        response: { 200: PaperImportResult },
      },
    },
    async (req) => {
      const s = await svc.surveyForPaper(req.ctx.actor, req.params.id);
      const file = await readUpload(req, { maxBytes: 10 * 1024 * 1024, types: ['xlsx'] });
      const cols = paperColumns(s);
      const rows = await readSheet(
        file.data,
        cols.filter((c) => c.key === 'paperRef' || c.key === 'phone' || cols.indexOf(c) > 1),
      );
      return svc.importPaper(
        req.ctx,
        req.params.id,
        rows.filter((r) => !(r.values.paperRef ?? '').startsWith('每行')),
      );
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
    async (req) => svc.listResponses(req.ctx.actor, req.params.id, req.query),
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
    async (req) => svc.stats(req.ctx.actor, req.params.id, req.query),
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
    async (req) => svc.topics(req.ctx.actor, req.params.id, req.query),
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
    async (req) => svc.compareTopics(req.ctx.actor, req.query.campaigns.split(','), req.query.region),
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
      const x = await svc.exportRows(req.ctx.actor, req.params.id, req.query.region);
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
            region: x.names.get(r.region_code) ?? r.region_code,
            channel: r.channel === 'online' ? '线上' : '线下(纸质)',
            at: new Date(r.submitted_at).toISOString(),
            phone: r.phone_masked ?? '',
            ...Object.fromEntries(r.answers.map((a) => [a.questionId, cell(qById.get(a.questionId), a.value)])),
          })),
          note: x.campaign.is_demo ? '示例数据 / simulated' : undefined,
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

  // ------------------------------------------------------------ 你提我办
  app.get(
    '/participation/campaigns/:id/actions',
    {
      config: { permission: P.responsesRead },
      schema: {
        tags,
        summary: 'Action items of a campaign in the user’s regions',
        params: id,
        response: { 200: z.object({ items: z.array(ActionItem) }) },
      },
    },
    async (req) => ({ items: await svc.listActions(req.ctx.actor, req.params.id) }),
  );

  app.post(
    '/participation/campaigns/:id/actions',
    {
      config: { permission: P.actionsManage },
      schema: {
        tags,
        summary: 'Turn a demand topic or a single demand into an action item for a department',
        params: id,
        body: CreateActionRequest,
        response: { 201: ActionItem },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createAction(req.ctx, req.params.id, req.body)),
  );

  app.patch(
    '/participation/actions/:id',
    {
      config: { permission: P.actionsManage },
      schema: {
        tags,
        summary: 'Update an action item’s status, public progress note or deadline',
        params: id,
        body: UpdateActionRequest,
        response: { 200: ActionItem },
      },
    },
    async (req) => svc.updateAction(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/participation/actions/:id/followups',
    {
      config: { permission: P.actionsManage },
      schema: {
        tags,
        summary: 'Ask respondents who left contact whether they are satisfied',
        params: id,
        response: { 200: z.object({ created: z.number().int() }) },
      },
    },
    async (req) => svc.createFollowups(req.ctx, req.params.id),
  );

  app.get(
    '/participation/actions/:id/followups',
    {
      config: { permission: P.actionsManage },
      schema: {
        tags,
        summary: 'Follow-ups of an action item (contact masked)',
        params: id,
        response: { 200: z.object({ items: z.array(Followup) }) },
      },
    },
    async (req) => ({ items: await svc.listFollowups(req.ctx.actor, req.params.id) }),
  );

  // ------------------------------------------------------------ supervisors
  app.get(
    '/participation/supervisors',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'The supervisor pool of the user’s regions (name and phone masked)',
        querystring: SupervisorListQuery,
        response: { 200: SupervisorPage },
      },
    },
    async (req) => sup.list(req.ctx.actor, req.query),
  );

  app.post(
    '/participation/supervisors/:id/vet',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'Approve (creates the account; password shown once) or reject an application',
        params: id,
        body: VetRequest,
        response: { 200: VetResult },
      },
    },
    async (req) => sup.vet(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/participation/tasks',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'Supervision tasks in the user’s regions',
        response: { 200: z.object({ items: z.array(TaskSummary) }) },
      },
    },
    async (req) => ({ items: await sup.listTasks(req.ctx.actor) }),
  );

  app.post(
    '/participation/tasks',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'Create a task: score a service or verify an indicator on site',
        body: CreateTaskRequest,
        response: { 201: Task },
      },
    },
    async (req, reply) => reply.status(201).send(await sup.createTask(req.ctx, req.body)),
  );

  app.get(
    '/participation/tasks/:id',
    {
      config: { permission: P.supervisorsManage },
      schema: { tags, summary: 'A task with its panel, scores and agreement', params: id, response: { 200: Task } },
    },
    async (req) => sup.getTask(req.ctx.actor, req.params.id),
  );

  app.post(
    '/participation/tasks/:id/draw',
    {
      config: { permission: P.supervisorsManage },
      schema: {
        tags,
        summary: 'Draw the panel (stratified random, quotas; the seed is recorded)',
        params: id,
        body: DrawRequest,
        response: { 200: Task },
      },
    },
    async (req) => sup.draw(req.ctx, req.params.id, req.body.seed),
  );

  app.get(
    '/participation/tasks/:id/draw-check',
    {
      config: { permission: P.supervisorsManage },
      schema: { tags, summary: 'Re-run the recorded draw and compare', params: id, response: { 200: DrawCheck } },
    },
    async (req) => sup.verifyDraw(req.ctx.actor, req.params.id),
  );

  app.get(
    '/participation/my/tasks',
    {
      config: { permission: P.tasksScore },
      schema: {
        tags,
        summary: 'The signed-in supervisor’s tasks',
        response: { 200: z.object({ items: z.array(MyTask) }) },
      },
    },
    async (req) => ({ items: await sup.myTasks(req.ctx.actor) }),
  );

  app.post(
    '/participation/tasks/:id/photos',
    {
      config: { permission: P.tasksScore },
      schema: {
        tags,
        summary: 'Upload an on-site photo (jpg/png)',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 201: z.object({ id: z.uuid(), count: z.number().int() }) },
      },
    },
    async (req, reply) => {
      const f = await readUpload(req, { maxBytes: 8 * 1024 * 1024, types: ['jpg', 'png'] });
      return reply.status(201).send(
        await sup.addPhoto(req.ctx, req.params.id, {
          mime: f.type === 'png' ? 'image/png' : 'image/jpeg',
          data: f.data,
        }),
      );
    },
  );

  app.post(
    '/participation/tasks/:id/scores',
    {
      config: { permission: P.tasksScore },
      schema: {
        tags,
        summary: 'Submit the supervisor’s score (sent to assessment as participation.supervisor-score-submitted)',
        params: id,
        body: SubmitScoreRequest,
        response: { 201: z.object({ scoreId: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await sup.submitScore(req.ctx, req.params.id, req.body)),
  );
}
