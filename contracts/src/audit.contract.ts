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

/**
 * What verification found. `row_broken`: a row rewritten, or hashed again without the audit key. `rows_deleted`:
 * rows seq..toSeq are gone (in the middle, or at the head where a checkpoint says the trail reached toSeq).
 * `table_truncated`: the table is empty but a checkpoint says it reached toSeq. `checkpoint_mismatch`: row seq is not
 * the row a checkpoint recorded (the chain was recomputed). `checkpoint_forged`: a checkpoint line whose signature
 * does not fit.
 */
export const AuditProblemKind = z.enum([
  'row_broken',
  'rows_deleted',
  'table_truncated',
  'checkpoint_mismatch',
  'checkpoint_forged',
]);
export type AuditProblemKind = z.infer<typeof AuditProblemKind>;

export const AuditProblem = z.object({
  kind: AuditProblemKind,
  seq: z.number().int().nullable(),
  toSeq: z.number().int().nullable(),
  /** Line of the checkpoint file, for the checkpoint kinds and for deletions a checkpoint revealed. */
  line: z.number().int().nullable(),
  /** The finding in one English sentence (the CLI prints it; the web page words it from the fields). */
  detail: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** The lowest row something is wrong with (broken, missing, or unlike its checkpoint). */
  firstBrokenSeq: z.number().int().nullable(),
  /** Rows from before the chain was keyed (chain_version 1); the first keyed row seals them. */
  unkeyed: z.number().int(),
  checkpoints: z.object({ valid: z.number().int(), newestSeq: z.number().int().nullable() }),
  /** At most the first 100 findings. */
  problems: z.array(AuditProblem),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const AUDIT_PERMISSIONS = { read: 'audit.read' } as const;
