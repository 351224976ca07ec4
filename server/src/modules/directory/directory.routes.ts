import { z } from 'zod';
import {
  DIRECTORY_PERMISSIONS as P,
  DrawRequest,
  DrawResponseInput,
  DrawVerification,
  Expert,
  ExpertDraw,
  ExpertDrawPage,
  ExpertDrawQuery,
  ExpertInput,
  ExpertInvitation,
  ExpertPage,
  ExpertQuery,
  ExpertUpdate,
} from '@zhicheng/contracts/directory';
import { ImportReport, IsoDate } from '@zhicheng/contracts';
import { readSheet, writeWorkbook } from '../../platform/excel.ts';
import { readUpload } from '../../platform/http/upload.ts';
import {
  EXPERT_COLUMNS,
  EXPERT_EXPORT_COLUMNS,
  EXPERT_TEMPLATE_NOTE,
  expertToRow,
  rowToExpert,
} from './experts-excel.ts';
import type { ZodApp } from '../../platform/module.ts';
import { centresRoutes } from './centres.routes.ts';
import { orgsRoutes } from './orgs.routes.ts';
import type { RegionMatch, RegionsService } from '../regions/index.ts';
import type { DirectoryServices } from './services.ts';

const tags = ['directory'];
const id = z.object({ id: z.uuid() });
const pickParams = z.object({ id: z.uuid(), position: z.coerce.number().int().min(0).max(999) });

/** HTTP only: the schema, the permission, one service call. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function directoryRoutes(
  app: ZodApp,
  { experts, draws, orgs, centres }: DirectoryServices,
  regions: RegionsService,
) {
  orgsRoutes(app, orgs);
  centresRoutes(app, centres);
  // ------------------------------------------------------------ 专家库 (keeper only)
  app.get(
    '/directory/experts',
    {
      config: { permission: P.expertManage },
      schema: {
        tags,
        summary: 'Experts in the keeper’s regions (search by name, unit or code; filter by field)',
        querystring: ExpertQuery,
        response: { 200: ExpertPage },
      },
    },
    async (req) => experts.list(req.ctx, req.query),
  );

  app.post(
    '/directory/experts',
    {
      config: { permission: P.expertManage },
      schema: {
        tags,
        summary: 'Add an expert with declared relations (contact sealed at rest)',
        body: ExpertInput,
        response: { 201: Expert },
      },
    },
    async (req, reply) => reply.status(201).send(await experts.create(req.ctx, req.body)),
  );

  app.get(
    '/directory/experts/:id',
    {
      config: { permission: P.expertManage },
      schema: { tags, summary: 'One expert', params: id, response: { 200: Expert } },
    },
    async (req) => experts.get(req.ctx, req.params.id),
  );

  app.put(
    '/directory/experts/:id',
    {
      config: { permission: P.expertManage },
      schema: {
        tags,
        summary: 'Correct an expert or declare relations found after creation (relations replaced as a whole)',
        params: id,
        body: ExpertUpdate,
        response: { 200: Expert },
      },
    },
    async (req) => experts.update(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/directory/experts/template',
    {
      config: { permission: P.expertManage },
      schema: { tags, summary: 'The empty Excel expert list to fill in' },
    },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', 'attachment; filename="experts-template.xlsx"')
        .send(await writeWorkbook([{ name: '专家库', columns: EXPERT_COLUMNS, rows: [], note: EXPERT_TEMPLATE_NOTE }])),
  );

  app.post(
    '/directory/experts/import',
    {
      config: { permission: P.expertManage },
      schema: {
        tags,
        summary: 'Import experts from Excel (all rows or none; every bad cell reported with its row)',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const file = await readUpload(req, { maxBytes: 5 * 1024 * 1024, types: ['xlsx'] });
      const rows = (await readSheet(file.data, EXPERT_COLUMNS)).filter((r) =>
        Object.values(r.values).some((v) => v?.trim()),
      );
      // Each distinct region (a code or a name) is looked up once for the whole sheet.
      const seen = new Map<string, Promise<RegionMatch>>();
      const identify = (v: string) => seen.get(v) ?? seen.set(v, regions.identify(v)).get(v)!;
      return experts.importRows(
        req.ctx,
        await Promise.all(rows.map(async (r) => ({ row: r.row, ...(await rowToExpert(r.row, r.values, identify)) }))),
      );
    },
  );

  app.get(
    '/directory/experts/export',
    {
      config: { permission: P.expertManage },
      schema: { tags, summary: 'The keeper’s experts in the import layout (contact masked)' },
    },
    async (req, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', 'attachment; filename="experts.xlsx"')
        .send(
          await writeWorkbook([
            {
              name: '专家库',
              columns: EXPERT_EXPORT_COLUMNS,
              rows: (await experts.exportAll(req.ctx)).map(expertToRow),
            },
          ]),
        ),
  );

  app.put(
    '/directory/experts/:id/availability',
    {
      config: { permission: P.expertManage },
      schema: {
        tags,
        summary: 'Take an expert out of draws (leave, travel) or back in',
        params: id,
        body: z.object({ available: z.boolean(), unavailableUntil: IsoDate.nullable().optional() }),
        response: { 200: Expert },
      },
    },
    async (req) => experts.setAvailability(req.ctx, req.params.id, req.body),
  );

  // ------------------------------------------------------------ draws
  app.post(
    '/directory/draws',
    {
      config: { permission: P.drawRequest },
      schema: {
        tags,
        summary: 'Draw experts for an object in one’s region; the answer shows the result only, never the pool',
        body: DrawRequest,
        response: { 201: ExpertDraw },
      },
    },
    async (req, reply) => reply.status(201).send(await draws.request(req.ctx, req.body)),
  );

  app.get(
    '/directory/draws',
    {
      config: { permission: P.drawRead },
      schema: {
        tags,
        summary: 'Draw records in the caller’s regions',
        querystring: ExpertDrawQuery,
        response: { 200: ExpertDrawPage },
      },
    },
    async (req) => draws.list(req.ctx, req.query),
  );

  app.get(
    '/directory/draws/:id',
    {
      config: { permission: P.drawRead },
      schema: {
        tags,
        summary: 'One draw record (names only of experts who accepted)',
        params: id,
        response: { 200: ExpertDraw },
      },
    },
    async (req) => draws.get(req.ctx, req.params.id),
  );

  app.post(
    '/directory/draws/:id/close',
    {
      config: { permission: P.drawRequest },
      schema: { tags, summary: 'End a draw early; its seed is revealed', params: id, response: { 200: ExpertDraw } },
    },
    async (req) => draws.close(req.ctx, req.params.id),
  );

  app.post(
    '/directory/draws/:id/picks/:position/response',
    {
      config: { permission: P.expertManage },
      schema: {
        tags,
        summary: 'The keeper records an expert’s answer given by phone (not for a draw they asked for)',
        params: pickParams,
        body: DrawResponseInput,
        response: { 200: ExpertDraw },
      },
    },
    async (req) => draws.recordResponse(req.ctx, req.params.id, req.params.position, req.body),
  );

  app.get(
    '/directory/draws/:id/verification',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: 'Public record of a draw: commitment, revealed seed, candidates by code, picks, and the re-run checks',
        params: id,
        response: { 200: DrawVerification },
      },
    },
    async (req) => draws.verification(req.params.id),
  );

  // ------------------------------------------------------------ the drawn expert
  app.get(
    '/directory/invitations',
    {
      config: { permission: P.invitationRespond },
      schema: { tags, summary: 'My invitations', response: { 200: z.array(ExpertInvitation) } },
    },
    async (req) => draws.invitations(req.ctx),
  );

  app.post(
    '/directory/invitations/:id/:position',
    {
      config: { permission: P.invitationRespond },
      schema: {
        tags,
        summary: 'Accept or decline my invitation (a decline draws the replacement from the same seed)',
        params: pickParams,
        body: DrawResponseInput,
        response: { 200: z.array(ExpertInvitation) },
      },
    },
    async (req) => draws.respond(req.ctx, req.params.id, req.params.position, req.body),
  );
}
