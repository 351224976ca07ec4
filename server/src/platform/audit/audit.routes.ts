import { AuditEvent, AuditQuery, AuditVerifyResult } from '@zhicheng/contracts';
import { z } from 'zod';
import { writeWorkbook } from '../excel.ts';
import type { PermissionGrants } from '../authorization/index.ts';
import type { Platform, ZodApp } from '../module.ts';

export const AUDIT_GRANTS: PermissionGrants = { 'audit.read': ['audit_admin'] };

export function auditRoutes(app: ZodApp, platform: Platform) {
  app.get(
    '/audit/events',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit trail',
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditEvent), total: z.number().int() }) },
      },
    },
    async (req) => platform.audit.search(platform.db, req.query),
  );

  app.get(
    '/audit/events/export',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Export matching audit events to Excel (up to 50,000)',
        querystring: AuditQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const { items } = await platform.audit.search(platform.db, { ...req.query, page: 1, pageSize: 50_000 });
      const buf = await writeWorkbook([
        {
          name: '审计日志',
          columns: [
            { key: 'seq', header: '序号 seq', width: 8 },
            { key: 'at', header: '时间 time', width: 24 },
            { key: 'actorUsername', header: '操作人 actor' },
            { key: 'actorRole', header: '角色 role', width: 20 },
            { key: 'actorRegion', header: '区划 region' },
            { key: 'action', header: '操作 action', width: 32 },
            { key: 'objectType', header: '对象类型 object' },
            { key: 'objectId', header: '对象 ID', width: 38 },
            { key: 'beforeDigest', header: '变更前摘要 before', width: 20 },
            { key: 'afterDigest', header: '变更后摘要 after', width: 20 },
            { key: 'requestId', header: '请求 ID request', width: 20 },
            { key: 'hash', header: '链哈希 hash', width: 20 },
          ],
          rows: items,
        },
      ]);
      await platform.audit.record(platform.db, req.ctx, {
        action: 'audit.export',
        objectType: 'audit',
        after: req.query,
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="audit.xlsx"')
        .send(buf);
    },
  );

  app.post(
    '/audit/verify',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Verify the keyed hash chain of the whole trail against the signed checkpoints; names each finding',
        response: { 200: AuditVerifyResult },
      },
    },
    async () => platform.audit.verify(platform.db),
  );
}
