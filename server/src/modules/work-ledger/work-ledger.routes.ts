import { z } from 'zod';
import { ImportReport, MAX_YEAR, MIN_YEAR } from '@zhicheng/contracts';
import {
  EscalationInput,
  EvaluationInput,
  LedgerBoard,
  ProgressInput,
  TaskDetail,
  TaskInput,
  TaskPage,
  TaskQuery,
  WORK_LEDGER_PERMISSIONS as P,
} from '@zhicheng/contracts/work-ledger';
import { readSheet, writeWorkbook } from '../../platform/excel.ts';
import { readUpload } from '../../platform/http/upload.ts';
import type { ZodApp } from '../../platform/module.ts';
import { LEDGER_COLUMNS, rowToInput, STATUS_COLUMNS, taskToRow } from './ledger-excel.ts';
import type { RegionsService } from '../regions/index.ts';
import type { TasksService } from './tasks.service.ts';

const tags = ['work-ledger'];
const id = z.object({ id: z.uuid() });
const yearQuery = z.object({ year: z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** HTTP only: the schema, the permission, one service call. */
export function workLedgerRoutes(app: ZodApp, tasks: TasksService, regions: RegionsService) {
  app.get(
    '/work-ledger/tasks',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Tasks in the caller’s regions (year, status, colour, search)',
        querystring: TaskQuery,
        response: { 200: TaskPage },
      },
    },
    async (req) => tasks.list(req.ctx, req.query),
  );

  app.post(
    '/work-ledger/tasks',
    {
      config: { permission: P.manage },
      schema: { tags, summary: '立项: a task of a yearly work point', body: TaskInput, response: { 201: TaskDetail } },
    },
    async (req, reply) => reply.status(201).send(await tasks.create(req.ctx, req.body)),
  );

  app.get(
    '/work-ledger/tasks/:id',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'One task with milestones, progress, supervision and the figure it moves',
        params: id,
        response: { 200: TaskDetail },
      },
    },
    async (req) => tasks.get(req.ctx, req.params.id),
  );

  app.post(
    '/work-ledger/tasks/:id/assign',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: '交办: hand the task to its lead unit',
        params: id,
        body: z.object({ note: z.string().trim().max(500).default('') }),
        response: { 200: TaskDetail },
      },
    },
    async (req) => tasks.assign(req.ctx, req.params.id, req.body.note),
  );

  app.post(
    '/work-ledger/tasks/:id/progress',
    {
      config: { permission: P.report },
      schema: {
        tags,
        summary: 'Monthly progress with evidence, by the responsible region',
        params: id,
        body: ProgressInput,
        response: { 200: TaskDetail },
      },
    },
    async (req) => tasks.report(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/work-ledger/tasks/:id/escalate',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: '催办: escalate an overdue task',
        params: id,
        body: EscalationInput,
        response: { 200: TaskDetail },
      },
    },
    async (req) => tasks.escalate(req.ctx, req.params.id, req.body.note),
  );

  app.post(
    '/work-ledger/tasks/:id/evaluate',
    {
      config: { permission: P.evaluate },
      schema: {
        tags,
        summary: '考评: evaluate and close (not by whoever set the task up or assigned it)',
        params: id,
        body: EvaluationInput,
        response: { 200: TaskDetail },
      },
    },
    async (req) => tasks.evaluate(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/work-ledger/board',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'The year’s ledger board: colours by work point, and the measured figures',
        querystring: yearQuery,
        response: { 200: LedgerBoard },
      },
    },
    async (req) => tasks.board(req.ctx, req.query.year),
  );

  app.post(
    '/work-ledger/import',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Import the Excel ledger (all rows or none; every bad cell reported with its row)',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 5 * 1024 * 1024, types: ['xlsx'] });
      const rows = (await readSheet(file.data, LEDGER_COLUMNS)).filter((r) =>
        Object.values(r.values).some((v) => v?.trim()),
      );
      // Each distinct region cell (a code or a name) looked up once; unknown or ambiguous ones become row errors.
      const named = await regions.identifyAll(rows.map((r) => r.values.regionCode?.trim() ?? ''));
      return tasks.importRows(
        req.ctx,
        rows.map((r) => ({ row: r.row, ...rowToInput(r.row, r.values, named) })),
      );
    },
  );

  app.get(
    '/work-ledger/template',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'The empty Excel ledger to fill in' },
    },
    async (_req, reply) => {
      const buf = await writeWorkbook([
        {
          name: '工作台账',
          columns: LEDGER_COLUMNS,
          rows: [],
          note: '节点安排写作 名称@YYYY-MM-DD,多个用分号分隔;目标指标可填 assessment.county_share_4star、compute.ai_share、communities.smart_count',
        },
      ]);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', 'attachment; filename="ledger-template.xlsx"')
        .send(buf);
    },
  );

  app.get(
    '/work-ledger/export',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'The year’s ledger in the import layout, with status columns', querystring: yearQuery },
    },
    async (req, reply) => {
      const rows = await tasks.exportRows(req.ctx, req.query.year);
      const buf = await writeWorkbook([
        {
          name: '工作台账',
          columns: [...LEDGER_COLUMNS, ...STATUS_COLUMNS],
          rows: rows.map((r) => taskToRow(r.task, r.milestones)),
        },
      ]);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="ledger-${req.query.year}.xlsx"`)
        .send(buf);
    },
  );
}
