import { z } from 'zod';
import { IsoDateTime } from './common.contract.ts';

export const AuditEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  requestId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorRegion: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(100).optional(),
  objectId: z.string().trim().max(100).optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
});

export const AUDIT_PERMISSIONS = { read: 'audit.read' } as const;
