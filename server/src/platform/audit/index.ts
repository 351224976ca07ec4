import { and, count, desc, eq, gte, ilike, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditQuery, AuditVerifyResult } from '@zhicheng/contracts';
import type { Clock } from '../clock/index.ts';
import type { DataProtector } from '../crypto/index.ts';
import type { Db } from '../database/index.ts';
import type { RequestContext } from '../authorization/index.ts';
import { GENESIS, KEYED, type AuditKey } from './audit-key.ts';
import { auditEvent } from './audit.tables.ts';
import type { CheckpointFile } from './checkpoints.ts';
import { verifyTrail } from './verify.ts';

export { auditEvent } from './audit.tables.ts';
export { AuditKey } from './audit-key.ts';
export { CheckpointFile, CheckpointWriter } from './checkpoints.ts';

export interface AuditEntry {
  /** `<module>.<object>.<verb>`, e.g. `assessment.submission.approve`. */
  action: string;
  objectType: string;
  objectId?: string | null;
  /** The object before and after; only keyed digests are stored, never the content. */
  before?: unknown;
  after?: unknown;
}

type Row = typeof auditEvent.$inferSelect;

/**
 * The audit trail: every change by a user, append-only and hash-chained under a key the database never sees.
 * Record it inside the transaction of the change, so a change without its audit row cannot commit.
 */
export class AuditLog {
  constructor(
    private readonly clock: Clock,
    private readonly protector: DataProtector,
    private readonly key: AuditKey,
    /** Where checkpoints are kept; null verifies the chain alone (tools that have no file). */
    private readonly checkpoints: CheckpointFile | null,
  ) {}

  async record(db: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await db.transaction(async (tx) => {
      // One writer at a time keeps the chain linear, on PGlite and across PostgreSQL instances.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(7337002)`);
      const [last] = await tx
        .select({ seq: auditEvent.seq, hash: auditEvent.hash })
        .from(auditEvent)
        .orderBy(desc(auditEvent.seq))
        .limit(1);
      const a = ctx.actor;
      const row = {
        seq: (last?.seq ?? 0) + 1,
        at: this.clock.now(),
        requestId: ctx.requestId,
        actorUserId: a?.userId ?? null,
        actorUsername: a?.username ?? (ctx.system ? `system:${ctx.system.name}` : null),
        actorRole: a ? [...new Set(a.roles.map((r) => r.role))].join(',') : null,
        actorRegion: a ? [...new Set(a.roles.map((r) => r.regionCode))].join(',') : null,
        action: entry.action,
        objectType: entry.objectType,
        objectId: entry.objectId ?? null,
        beforeDigest: entry.before === undefined ? null : this.protector.digest(entry.before),
        afterDigest: entry.after === undefined ? null : this.protector.digest(entry.after),
      };
      const prevHash = last?.hash ?? GENESIS;
      const hash = this.key.rowHash(KEYED, prevHash, row)!;
      await tx.insert(auditEvent).values({ ...row, prevHash, hash, chainVersion: KEYED });
    });
  }

  async search(db: Db, q: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
    const where: SQL[] = [];
    if (q.action) where.push(ilike(auditEvent.action, `%${q.action}%`));
    if (q.actor) where.push(eq(auditEvent.actorUsername, q.actor));
    if (q.objectType) where.push(eq(auditEvent.objectType, q.objectType));
    if (q.objectId) where.push(eq(auditEvent.objectId, q.objectId));
    if (q.from) where.push(gte(auditEvent.at, new Date(q.from)));
    if (q.to) where.push(lte(auditEvent.at, new Date(q.to)));
    const cond = where.length ? and(...where) : undefined;
    const [total] = await db.select({ n: count() }).from(auditEvent).where(cond);
    const rows = await db
      .select()
      .from(auditEvent)
      .where(cond)
      .orderBy(desc(auditEvent.seq))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return { items: rows.map(toEvent), total: total?.n ?? 0 };
  }

  /** Walks the chain with the key and compares it with the checkpoints; names every kind of tampering it finds. */
  verify(db: Db): Promise<AuditVerifyResult> {
    return verifyTrail(db, this.key, this.checkpoints);
  }
}

function toEvent(r: Row): AuditEvent {
  return {
    seq: r.seq,
    at: r.at.toISOString(),
    requestId: r.requestId,
    actorUserId: r.actorUserId,
    actorUsername: r.actorUsername,
    actorRole: r.actorRole,
    actorRegion: r.actorRegion,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    beforeDigest: r.beforeDigest,
    afterDigest: r.afterDigest,
    hash: r.hash,
  };
}
