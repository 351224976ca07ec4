import { z } from 'zod';
import { ImportReport, pageOf } from '@zhicheng/contracts';
import {
  COMPUTE_PERMISSIONS as P,
  Report,
  ReportDecision,
  ReportInput,
  ReportListQuery,
} from '@zhicheng/contracts/compute-network';
import { systemContext } from '../../../platform/authorization/index.ts';
import type { Clock } from '../../../platform/clock/index.ts';
import { readSheet, writeWorkbook } from '../../../platform/excel.ts';
import { readUpload } from '../../../platform/http/upload.ts';
import type { ZodApp } from '../../../platform/module.ts';
import type { IngestTokens } from '../metrics/ingest.service.ts';
import { periodOf } from '../overview/alert-rules.ts';
import type { RegistryService } from '../registry/registry.service.ts';
import { previousPeriod } from './report-rules.ts';
import type { ReportsService } from './reports.service.ts';

const tags = ['compute-network'];
const Id = z.object({ id: z.uuid() });

export const REPORT_COLUMNS = [
  { key: 'dataCentreId', header: '数据中心ID' },
  { key: 'period', header: '月份(YYYY-MM)' },
  { key: 'racksInUse', header: '在用标准机架' },
  { key: 'utilisationPct', header: '算力利用率(%)' },
  { key: 'energyMwh', header: '月耗电量(MWh)' },
  { key: 'measuredPue', header: '实测PUE' },
  { key: 'computeInUsePflops', header: '在用算力(PFLOPS)' },
  { key: 'storageUsedPb', header: '已用存储(PB)' },
  { key: 'explanation', header: '变化说明' },
];

/** HTTP only: filing (web, Excel, the centre's token), listing and deciding monthly reports. */
export function reportsRoutes(
  app: ZodApp,
  reports: ReportsService,
  registry: RegistryService,
  tokens: IngestTokens,
  clock: Clock,
): void {
  app.post(
    '/compute/data-centres/:id/reports',
    {
      config: { permission: P.report },
      schema: {
        tags,
        summary: 'File the monthly 纳统 report (web form)',
        params: Id,
        body: ReportInput,
        response: { 201: Report },
      },
    },
    async (req, reply) => reply.status(201).send(await reports.submit(req.ctx, req.params.id, req.body, 'web')),
  );

  app.get(
    '/compute/reports',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Monthly reports the caller may see',
        querystring: ReportListQuery,
        response: { 200: pageOf(Report) },
      },
    },
    async (req) => reports.list(req.ctx, req.query),
  );

  app.post(
    '/compute/reports/:id/decision',
    {
      config: { permission: P.approve },
      schema: {
        tags,
        summary: 'Approve or reject a report (province)',
        params: Id,
        body: ReportDecision,
        response: { 200: Report },
      },
    },
    async (req) => reports.decide(req.ctx, req.params.id, req.body.decision, req.body.note),
  );

  app.get(
    '/compute/reports/import/template',
    {
      config: { permission: P.report },
      schema: { tags, summary: 'Excel template: one row per centre the caller reports for, last month' },
    },
    async (req, reply) => {
      const { items } = await registry.listCentres(req.ctx, { page: 1, pageSize: 500 });
      const period = previousPeriod(periodOf(clock.now()));
      const buf = await writeWorkbook([
        {
          name: '纳统月报',
          columns: [...REPORT_COLUMNS, { key: 'name', header: '数据中心名称(参考)' }],
          rows: items.map((c) => ({ dataCentreId: c.id, name: c.name, period, racksInUse: c.racksInUse })),
          note: 'PUE ≥ 1.0;在用机架不超过设计机架;与上月变化过大须填写说明 / PUE ≥ 1.0; racks in use ≤ design racks; explain large changes',
        },
      ]);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="compute-reports.xlsx"')
        .send(buf);
    },
  );

  app.post(
    '/compute/reports/import',
    {
      config: { permission: P.report },
      schema: {
        tags,
        summary: 'Import monthly reports from Excel (all rows or none)',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 5 * 1024 * 1024, types: ['xlsx'] });
      const rows = await readSheet(file.data, REPORT_COLUMNS);
      // Only a row with nothing in it is skipped: one without a centre id is that row's error, never dropped.
      const report = await reports.importRows(
        req.ctx,
        rows.filter((r) => Object.values(r.values).some((v) => v.trim() !== '')),
      );
      // Errors name the column as the sheet shows it.
      const header = new Map(REPORT_COLUMNS.map((c) => [c.key, c.header]));
      return { ...report, errors: report.errors.map((e) => ({ ...e, field: header.get(e.field) ?? e.field })) };
    },
  );

  app.post(
    '/compute/reports/ingest',
    {
      config: { permission: 'public', rateLimit: { max: 120, windowSeconds: 60 } },
      schema: {
        tags,
        summary: 'File the monthly report by API with the centre’s own token (Authorization: Bearer)',
        body: ReportInput,
        response: { 201: Report },
      },
    },
    async (req, reply) => {
      const id = await tokens.centreOf(req.headers.authorization);
      return reply
        .status(201)
        .send(
          await reports.submit(
            systemContext('compute.ingest-token', req.ctx.requestId, req.ctx.ip),
            id,
            req.body,
            'api',
          ),
        );
    },
  );
}
