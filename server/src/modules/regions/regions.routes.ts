import { z } from 'zod';
import {
  AddAliasRequest,
  ImportReport,
  RegionCode,
  RegionList,
  RegionListQuery,
  RegionWithAncestors,
} from '@zhicheng/contracts';
import { readUpload } from '../../platform/http/upload.ts';
import { readSheet, writeWorkbook } from '../../platform/excel.ts';
import type { ZodApp } from '../../platform/module.ts';
import type { RegionsService } from './regions.service.ts';

const IMPORT_COLUMNS = [
  { key: 'code', header: '区划代码' },
  { key: 'name', header: '名称' },
  { key: 'parentCode', header: '上级代码' },
];

export function regionsRoutes(app: ZodApp, service: RegionsService) {
  app.get(
    '/regions',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['regions'],
        summary: 'List regions (children of a parent, by level, or by search)',
        querystring: RegionListQuery,
        response: { 200: RegionList },
      },
    },
    async (req) => ({ items: await service.list(req.query) }),
  );

  app.get(
    '/regions/province',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['regions'],
        summary: 'The province this deployment serves (configuration ZC_PROVINCE)',
        response: { 200: z.object({ code: RegionCode, name: z.string() }) },
      },
    },
    async () => service.province(),
  );

  app.get(
    '/regions/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['regions'],
        summary: 'One region with its ancestors and aliases (code or alias)',
        params: z.object({ code: z.string().min(1).max(64) }),
        response: { 200: RegionWithAncestors },
      },
    },
    async (req) => service.get(req.params.code),
  );

  app.get(
    '/regions/import/template',
    {
      config: { permission: 'regions.manage' },
      schema: { tags: ['regions'], summary: 'Excel template for importing streets and communities' },
    },
    async (_req, reply) => {
      const buf = await writeWorkbook([
        {
          name: '街道社区',
          columns: IMPORT_COLUMNS,
          rows: [{ code: '370102001', name: '解放路街道(示例)', parentCode: '370102' }],
          note: '删除示例行后填写;街道9位代码,社区12位代码 / delete the example row',
        },
      ]);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="regions-template.xlsx"')
        .send(buf);
    },
  );

  app.post(
    '/regions/import',
    {
      config: { permission: 'regions.manage' },
      schema: {
        tags: ['regions'],
        summary: 'Import streets and communities from Excel (all rows or none)',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 10 * 1024 * 1024, types: ['xlsx'] });
      const rows = await readSheet(file.data, IMPORT_COLUMNS);
      // The note row of the template has no code: skip rows without one.
      return service.importBelowCounty(
        req.ctx,
        rows
          .filter((r) => r.values.code)
          .map((r) => ({
            row: r.row,
            code: r.values.code ?? '',
            name: r.values.name ?? '',
            parentCode: r.values.parentCode ?? '',
          })),
      );
    },
  );

  app.post(
    '/regions/:code/aliases',
    {
      config: { permission: 'regions.manage' },
      schema: {
        tags: ['regions'],
        summary: 'Add an alias for a region',
        params: z.object({ code: RegionCode }),
        body: AddAliasRequest,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.addAlias(req.ctx, req.params.code, req.body.alias);
      return reply.status(204).send(null);
    },
  );
}
