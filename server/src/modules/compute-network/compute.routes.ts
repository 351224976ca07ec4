import { z } from 'zod';
import {
  COMPUTE_PERMISSIONS as P,
  DataCentre,
  DataCentreInput,
  DataCentreListQuery,
  DataCentreSummary,
  DeviceModel,
  ImportResult,
  IngestToken,
  MapData,
  MapQuery,
  MetricsQuery,
  MetricsResponse,
  RemoteWriteResult,
  Report,
  ReportDecision,
  ReportInput,
  ReportListQuery,
  Statistics,
  StatisticsQuery,
  Zone,
  ZoneInput,
  ComputeAlert,
  pageOf,
} from '@zhicheng/contracts';
import { systemContext } from '../../platform/authorization/index.ts';
import { readSheet, writeWorkbook } from '../../platform/excel.ts';
import { platformError } from '../../platform/http/errors.ts';
import { readUpload } from '../../platform/http/upload.ts';
import type { ZodApp } from '../../platform/module.ts';
import { previousPeriod } from './report-rules.ts';
import { periodOf, type ComputeService } from './compute.service.ts';

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

export async function computeRoutes(app: ZodApp, service: ComputeService): Promise<void> {
  app.get(
    '/compute/models',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Device model catalogue with vendor peak FLOPS per precision',
        response: { 200: z.object({ items: z.array(DeviceModel) }) },
      },
    },
    async () => ({ items: await service.listModels() }),
  );

  app.put(
    '/compute/models/:id',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Add or correct a device model',
        params: z.object({ id: z.string().regex(/^[a-z0-9-]{2,64}$/) }),
        body: DeviceModel.omit({ id: true }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.saveModel(req.ctx, { ...req.body, id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/compute/zones',
    {
      config: { permission: P.read },
      schema: { tags, summary: 'The "2+5+N" zone layout', response: { 200: z.object({ items: z.array(Zone) }) } },
    },
    async () => ({ items: await service.listZones() }),
  );

  app.post(
    '/compute/zones',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Create a zone', body: ZoneInput, response: { 201: Zone } },
    },
    async (req, reply) => reply.status(201).send(await service.saveZone(req.ctx, null, req.body)),
  );

  app.put(
    '/compute/zones/:id',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Edit a zone (type, counties covered)',
        params: Id,
        body: ZoneInput,
        response: { 200: Zone },
      },
    },
    async (req) => service.saveZone(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/compute/operators',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Organisations that operate data centres (for the registry form)',
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) },
      },
    },
    async () => ({ items: (await service.operatorOrganisations()).map((o) => ({ id: o.id, name: o.name })) }),
  );

  app.get(
    '/compute/data-centres',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Data centres the caller may see (an operator: its own)',
        querystring: DataCentreListQuery,
        response: { 200: pageOf(DataCentreSummary) },
      },
    },
    async (req) => service.listCentres(req.ctx, req.query),
  );

  app.post(
    '/compute/data-centres',
    {
      config: { permission: P.manage },
      schema: {
        tags,
        summary: 'Register a data centre',
        body: DataCentreInput,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await service.createCentre(req.ctx, req.body) }),
  );

  app.get(
    '/compute/data-centres/:id',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'One data centre with its inventory and computed capacity',
        params: Id,
        response: { 200: DataCentre },
      },
    },
    async (req) => service.getCentre(req.ctx, req.params.id),
  );

  app.put(
    '/compute/data-centres/:id',
    {
      config: { permission: P.manage },
      schema: { tags, summary: 'Edit a data centre', params: Id, body: DataCentreInput, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await service.updateCentre(req.ctx, req.params.id, req.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/compute/data-centres/:id/token',
    {
      config: { permission: P.report },
      schema: {
        tags,
        summary: 'Issue a new ingest token (shown once; the old one stops working)',
        params: Id,
        response: { 201: IngestToken },
      },
    },
    async (req, reply) => reply.status(201).send(await service.issueToken(req.ctx, req.params.id)),
  );

  app.get(
    '/compute/data-centres/:id/metrics',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Live figures and downsampled series received by remote-write',
        params: Id,
        querystring: MetricsQuery,
        response: { 200: MetricsResponse },
      },
    },
    async (req) => service.metrics(req.ctx, req.params.id, req.query),
  );

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
    async (req, reply) => reply.status(201).send(await service.submitReport(req.ctx, req.params.id, req.body, 'web')),
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
    async (req) => service.listReports(req.ctx, req.query),
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
    async (req) => service.decideReport(req.ctx, req.params.id, req.body.decision, req.body.note),
  );

  app.get(
    '/compute/reports/import/template',
    {
      config: { permission: P.report },
      schema: { tags, summary: 'Excel template: one row per centre the caller reports for, last month' },
    },
    async (req, reply) => {
      const { items } = await service.listCentres(req.ctx, { page: 1, pageSize: 500 });
      const period = previousPeriod(periodOf(new Date()));
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
        response: { 200: ImportResult },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 5 * 1024 * 1024, types: ['xlsx'] });
      const rows = await readSheet(file.data, REPORT_COLUMNS);
      return service.importReports(
        req.ctx,
        rows.filter((r) => r.values.dataCentreId),
      );
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
      const id = await service.centreOfToken(req.headers.authorization);
      return reply
        .status(201)
        .send(
          await service.submitReport(
            systemContext('compute.centre-token', req.ctx.requestId, req.ctx.ip),
            id,
            req.body,
            'api',
          ),
        );
    },
  );

  app.get(
    '/compute/statistics',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Province statistics computed from approved reports',
        querystring: StatisticsQuery,
        response: { 200: Statistics },
      },
    },
    async (req) => service.statistics(req.ctx, req.query),
  );

  app.get(
    '/compute/map',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Compute map data: centres with capacity and utilisation, and zones',
        querystring: MapQuery,
        response: { 200: MapData },
      },
    },
    async (req) => service.mapData(req.ctx, req.query),
  );

  app.get(
    '/compute/alerts',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Stale reports or metric streams, PUE above the limit, utilisation anomalies',
        response: { 200: z.object({ items: z.array(ComputeAlert) }) },
      },
    },
    async (req) => ({ items: await service.alerts(req.ctx) }),
  );

  // Remote-write takes a raw protobuf body: its parser lives in a child context so no other route sees it.
  await app.register(async (child) => {
    child.addContentTypeParser(
      'application/x-protobuf',
      { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    child.post(
      '/compute/remote-write',
      {
        config: { permission: 'public' },
        schema: {
          tags,
          summary:
            'Prometheus remote-write 1.0 (snappy protobuf WriteRequest), authenticated by the centre’s Bearer token',
          description: `Metrics that feed live figures: DCGM_FI_DEV_GPU_UTIL (%), DCGM_FI_DEV_POWER_USAGE (W), ipmi_dcmi_power_consumption_watts (W), zc_racks_in_use, zc_racks_total. Every other series is stored too, as 1-minute aggregates.`,
          response: { 200: RemoteWriteResult },
        },
      },
      async (req) => {
        const id = await service.centreOfToken(req.headers.authorization);
        const type = String(req.headers['content-type'] ?? '');
        if (!/^application\/x-protobuf\b/i.test(type))
          throw platformError(
            'unsupported_media_type',
            { zh: '须为 application/x-protobuf', en: 'Content-Type must be application/x-protobuf' },
            [{ path: 'content-type', message: 'application/x-protobuf expected' }],
          );
        if (String(req.headers['content-encoding'] ?? '').toLowerCase() !== 'snappy')
          throw platformError(
            'unsupported_media_type',
            { zh: '须为 snappy 压缩', en: 'Content-Encoding must be snappy' },
            [{ path: 'content-encoding', message: 'snappy expected' }],
          );
        const version = String(req.headers['x-prometheus-remote-write-version'] ?? '');
        if (!/^0\.1(\.\d+)?$/.test(version))
          throw platformError(
            'validation_failed',
            { zh: '须为远程写入协议 0.1.0', en: 'X-Prometheus-Remote-Write-Version 0.1.0 expected' },
            [{ path: 'x-prometheus-remote-write-version', message: '0.1.0 expected' }],
          );
        if (!Buffer.isBuffer(req.body)) throw platformError('unsupported_media_type');
        return service.remoteWrite(id, req.body);
      },
    );
  });
}
