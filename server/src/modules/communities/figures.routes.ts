import {
  COMMUNITIES_PERMISSIONS as P,
  COMMUNITY_METRICS,
  CreatedIngestToken,
  CreateIngestToken,
  FigurePage,
  FigureQuery,
  IngestBatch,
  IngestResult,
  IngestToken,
  INGEST_LIMITS,
  Rollup,
  RollupQuery,
  TokenQuery,
} from '@zhicheng/contracts/communities';
import { ImportReport, RegionCode } from '@zhicheng/contracts';
import { z } from 'zod';
import { systemContext } from '../../platform/authorization/index.ts';
import { readSheet, writeWorkbook } from '../../platform/excel.ts';
import { readUpload } from '../../platform/http/upload.ts';
import type { ZodApp } from '../../platform/module.ts';
import { FIGURE_COLUMNS, FIGURE_SHEET_NOTE } from './figures-excel.ts';
import type { FiguresImportService } from './figures-import.service.ts';
import type { FiguresService } from './figures.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const tags = ['communities'];
const METRIC_DOC = Object.entries(COMMUNITY_METRICS)
  .map(([k, m]) => `${k} (${m.zh}, ${m.unit}, ${m.agg === 'sum' ? 'monthly total' : 'state at month end'})`)
  .join('; ');

/** HTTP only: the schema, the permission, one service call. */
export function figuresRoutes(app: ZodApp, figures: FiguresService, excel: FiguresImportService) {
  app.post(
    '/communities/ingest',
    {
      // The credential is the community's (or platform's) Bearer token, checked in the handler: no session.
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Push monthly figures from a connected community system (Bearer token; batched, idempotent)',
        description: `Body: {"rows": [{"metric", "month": "YYYY-MM", "value", "communityCode"?}]}, at most ${INGEST_LIMITS.rowsPerBatch} rows. Rows are keyed by (community, metric, month): sending one again changes nothing. If any row is wrong nothing is written and every problem is named (rows.<i>.<field>). Metrics: ${METRIC_DOC}.`,
        body: IngestBatch,
        response: { 200: IngestResult },
      },
    },
    async (req) => {
      const scope = await figures.tokenScope(req.headers.authorization);
      return figures.ingest(
        systemContext('communities.ingest-token', req.ctx.requestId, req.ctx.ip),
        scope,
        req.body.rows,
      );
    },
  );

  app.get(
    '/communities/ingest',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Pull the figures of the token’s region (a county or city platform), oldest arrival first',
        querystring: FigureQuery,
        response: { 200: FigurePage },
      },
    },
    async (req) => figures.figuresForToken(await figures.tokenScope(req.headers.authorization), req.query),
  );

  app.get(
    '/communities/figures',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Figures of the caller’s communities',
        querystring: FigureQuery,
        response: { 200: FigurePage },
      },
    },
    async (req) => figures.figuresForUser(req.ctx, req.query),
  );

  app.get(
    '/communities/figures/rollup',
    {
      config: { permission: P.read },
      schema: {
        tags,
        summary: 'Figures rolled up one level below the region, with freshness and forms saved',
        querystring: RollupQuery,
        response: { 200: Rollup },
      },
    },
    async (req) => figures.rollup(req.ctx, req.query),
  );

  app.post(
    '/communities/tokens',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'Issue an access token for a system of a community (or a county/city platform); shown once',
        body: CreateIngestToken,
        response: { 201: CreatedIngestToken },
      },
    },
    async (req, reply) => reply.status(201).send(await figures.createToken(req.ctx, req.body)),
  );

  app.get(
    '/communities/tokens',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'Access tokens of a region (no secrets)',
        querystring: TokenQuery,
        response: { 200: z.array(IngestToken) },
      },
    },
    async (req) => figures.tokens(req.ctx, req.query.region),
  );

  app.post(
    '/communities/tokens/:id/revoke',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'Revoke an access token',
        params: z.object({ id: z.uuid() }),
        response: { 200: IngestToken },
      },
    },
    async (req) => figures.revokeToken(req.ctx, req.params.id),
  );

  app.get(
    '/communities/figures/template',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'The monthly report sheet to fill in: the region’s communities for last month (Excel)',
        querystring: z.object({ region: RegionCode.optional() }),
      },
    },
    async (req, reply) => {
      const t = await excel.template(req.ctx, req.query.region);
      const buf = await writeWorkbook([
        {
          name: '社区月报',
          columns: t.columns,
          rows: t.rows,
          note: FIGURE_SHEET_NOTE,
        },
      ]);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', 'attachment; filename="community-monthly-report.xlsx"')
        .send(buf);
    },
  );

  app.post(
    '/communities/figures/import',
    {
      config: { permission: P.selfReport },
      schema: {
        tags,
        summary: 'Import monthly reports from the Excel sheet (all rows or none; every bad cell named by its row)',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 5 * 1024 * 1024, types: ['xlsx'] });
      const rows = await readSheet(file.data, FIGURE_COLUMNS);
      // The template's closing note is a row with text only in its first cell: not a report.
      return excel.importRows(
        req.ctx,
        rows.filter((r) => r.values.communityCode !== FIGURE_SHEET_NOTE),
      );
    },
  );
}
