import { and, eq, inArray } from 'drizzle-orm';
import { auditEvent } from '../audit/audit.tables.ts';
import type { Db } from '../database/index.ts';
import { platformError } from '../http/errors.ts';
import { isSystem, type RequestContext } from './index.ts';

/**
 * Four eyes (四眼原则): whoever filed or edited an object cannot decide on it. The audit trail already records who
 * did what to which object in the same transaction as the change, so it answers "did this user file or edit it?"
 * without a second bookkeeping that could drift. Call it inside the deciding transaction, after locking the object.
 */
export async function assertNotOwnWork(
  db: Db,
  ctx: RequestContext,
  object: { type: string; id: string; editActions: readonly string[] },
): Promise<void> {
  if (isSystem(ctx)) return;
  if (!ctx.actor) throw platformError('unauthenticated');
  const [own] = await db
    .select({ seq: auditEvent.seq })
    .from(auditEvent)
    .where(
      and(
        eq(auditEvent.objectType, object.type),
        eq(auditEvent.objectId, object.id),
        eq(auditEvent.actorUserId, ctx.actor.userId),
        inArray(auditEvent.action, [...object.editActions]),
      ),
    )
    .limit(1);
  if (own) throw platformError('own_work');
}
