import { z } from 'zod';
import {
  ASSESSMENT_PERMISSIONS as P,
  CatalogueImportReport,
  CreateCatalogueVersion,
  IndicatorCatalogue,
  IndicatorCatalogueSummary,
  SimulateRequest,
  SimulateResponse,
} from '@zhicheng/contracts/assessment';
import { readSheet, writeWorkbook } from '../../platform/excel.ts';
import { readUpload } from '../../platform/http/upload.ts';
import type { ZodApp } from '../../platform/module.ts';
import {
  CATALOGUE_COLUMNS,
  CATALOGUE_REQUIRED_COLUMNS,
  catalogueSheetRows,
  readSheetLoose,
  sendXlsx,
} from './assessment.excel.ts';
import type { CataloguesService } from './catalogues.service.ts';

const tags = ['assessment'];
const id = z.object({ id: z.uuid() });

/** Catalogues and the simulator: HTTP only. */
export function catalogueRoutes(app: ZodApp, catalogues: CataloguesService) {
  app.get(
    '/assessment/catalogues',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Indicator catalogue versions',
        response: { 200: z.object({ items: z.array(IndicatorCatalogueSummary) }) },
      },
    },
    async () => ({ items: await catalogues.list() }),
  );

  app.get(
    '/assessment/catalogues/:id',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'One catalogue version with policy and indicators',
        params: id,
        response: { 200: IndicatorCatalogue },
      },
    },
    async (req) => catalogues.get(req.params.id),
  );

  app.post(
    '/assessment/catalogues',
    {
      config: { permission: P.catalogueManage },
      schema: {
        tags,
        summary: 'A new catalogue version (copy with changes)',
        body: CreateCatalogueVersion,
        response: { 201: IndicatorCatalogueSummary },
      },
    },
    async (req, reply) => reply.status(201).send(await catalogues.createVersion(req.ctx, req.body)),
  );

  app.get(
    '/assessment/catalogues/:id/export',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'A catalogue as Excel (also the import template)', params: id },
    },
    async (req, reply) => {
      const c = await catalogues.get(req.params.id);
      const note = 'sample=是 表示阈值/权重为示例 / sample thresholds and weights';
      const buf = await writeWorkbook([
        { name: '指标', columns: CATALOGUE_COLUMNS, rows: catalogueSheetRows(c), note },
      ]);
      return sendXlsx(reply, `catalogue-${c.key}-v${c.version}.xlsx`, buf);
    },
  );

  app.post(
    '/assessment/catalogues/:id/import',
    {
      config: { permission: P.catalogueManage },
      schema: {
        tags,
        summary: 'Import an edited catalogue as a new version (row-level error report)',
        params: id,
        consumes: ['multipart/form-data'],
        response: { 200: CatalogueImportReport },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 5 * 1024 * 1024, types: ['xlsx'] });
      const rows = await readSheet(file.data, CATALOGUE_REQUIRED_COLUMNS);
      const full = await readSheetLoose(file.data);
      // The template's note row starts with "sample=": not an indicator.
      const merged = rows
        .filter((r) => r.values.code && !r.values.code.startsWith('sample='))
        .map((r) => ({ row: r.row, values: { ...(full.get(r.row) ?? {}), ...r.values } }));
      return catalogues.importVersion(req.ctx, req.params.id, merged);
    },
  );

  app.post(
    '/assessment/simulate',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '达星模拟: level, shares, bonus and the cheapest path to the next level (HiGHS)',
        body: SimulateRequest,
        response: { 200: SimulateResponse },
      },
    },
    async (req) => catalogues.simulate(req.body),
  );
}
