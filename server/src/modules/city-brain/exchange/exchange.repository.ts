import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/database/index.ts';
import {
  deadLetter,
  inboundMessage,
  outboundMessage,
  subPlatform,
  vitalSignLatest,
  type DeadLetterRow,
  type OutboundRow,
} from '../city-brain.tables.ts';

/** All SQL of the exchange: inbound messages, latest vital signs, dead letters, outbound messages. */
export class ExchangeRepository {
  constructor(private readonly db: Db) {}

  /** Inserts what is new and returns the (sub-platform, message id) pairs that were; duplicates are skipped. */
  async insertInbound(rows: (typeof inboundMessage.$inferInsert)[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const inserted = await this.db
      .insert(inboundMessage)
      .values(rows)
      .onConflictDoNothing({ target: [inboundMessage.subPlatformId, inboundMessage.msgId] })
      .returning({ s: inboundMessage.subPlatformId, m: inboundMessage.msgId });
    return new Set(inserted.map((r) => `${r.s}\u0000${r.m}`));
  }

  /** Keeps the newest value per (sub-platform, region, indicator); rows must be unique on that key. */
  async upsertVitalSigns(rows: (typeof vitalSignLatest.$inferInsert)[]): Promise<void> {
    if (!rows.length) return;
    await this.db
      .insert(vitalSignLatest)
      .values(rows)
      .onConflictDoUpdate({
        target: [vitalSignLatest.subPlatformId, vitalSignLatest.regionCode, vitalSignLatest.indicator],
        set: {
          value: sql`excluded.value`,
          unit: sql`excluded.unit`,
          observedAt: sql`excluded.observed_at`,
        },
        setWhere: sql`excluded.observed_at > ${vitalSignLatest.observedAt}`,
      });
  }

  async latestVitalSigns(subPlatformIds: string[]) {
    if (!subPlatformIds.length) return [];
    return this.db
      .select()
      .from(vitalSignLatest)
      .where(inArray(vitalSignLatest.subPlatformId, subPlatformIds))
      .orderBy(asc(vitalSignLatest.regionCode), asc(vitalSignLatest.indicator));
  }

  async insertDeadLetters(rows: (typeof deadLetter.$inferInsert)[]): Promise<void> {
    if (!rows.length) return;
    await this.db.insert(deadLetter).values(rows).onConflictDoNothing({ target: deadLetter.hubSeq });
  }

  async deadLetters(
    f: { codes: string[] | null; code?: string; reason?: string },
    p: { limit: number; offset: number },
  ): Promise<{ rows: DeadLetterRow[]; total: number }> {
    // The province sees messages from senders nobody registered (code null or unknown); a city only its own.
    if (f.codes && !f.codes.length) return { rows: [], total: 0 };
    const w: SQL[] = [];
    if (f.codes) w.push(inArray(deadLetter.subPlatformCode, f.codes));
    if (f.code) w.push(eq(deadLetter.subPlatformCode, f.code));
    if (f.reason) w.push(eq(deadLetter.reason, f.reason));
    const where = w.length ? and(...w) : undefined;
    const [total] = await this.db.select({ n: count() }).from(deadLetter).where(where);
    const rows = await this.db
      .select()
      .from(deadLetter)
      .where(where)
      .orderBy(desc(deadLetter.receivedAt), desc(deadLetter.hubSeq))
      .limit(p.limit)
      .offset(p.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async countDeadLetters(): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(deadLetter);
    return r?.n ?? 0;
  }

  /** Per sender in a batch: rows locked, so two instances' batches update the link in turn. */
  async lockSenders(ids: string[]) {
    if (!ids.length) return [];
    return this.db
      .select({
        id: subPlatform.id,
        lastHeartbeatAt: subPlatform.lastHeartbeatAt,
        connectedSince: subPlatform.connectedSince,
      })
      .from(subPlatform)
      .where(inArray(subPlatform.id, ids))
      .orderBy(asc(subPlatform.id))
      .for('update');
  }

  async updateLink(
    id: string,
    set: { lastHeartbeatAt?: Date; connectedSince?: Date; lastLagMs?: number; received: number },
  ): Promise<void> {
    await this.db
      .update(subPlatform)
      .set({
        ...(set.lastHeartbeatAt && { lastHeartbeatAt: set.lastHeartbeatAt }),
        ...(set.connectedSince && { connectedSince: set.connectedSince }),
        ...(set.lastLagMs !== undefined && { lastLagMs: set.lastLagMs }),
        receivedTotal: sql`${subPlatform.receivedTotal} + ${set.received}`,
      })
      .where(eq(subPlatform.id, id));
  }

  async insertOutbound(row: typeof outboundMessage.$inferInsert): Promise<void> {
    await this.db.insert(outboundMessage).values(row);
  }

  /** The oldest pending messages, locked and skipped by other instances delivering at the same time. */
  async pendingOutbound(limit: number): Promise<OutboundRow[]> {
    return this.db
      .select()
      .from(outboundMessage)
      .where(eq(outboundMessage.status, 'pending'))
      .orderBy(asc(outboundMessage.createdAt), asc(outboundMessage.id))
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  async markDelivered(id: string, at: Date): Promise<void> {
    await this.db
      .update(outboundMessage)
      .set({ status: 'delivered', deliveredAt: at, attempts: sql`${outboundMessage.attempts} + 1`, lastError: null })
      .where(eq(outboundMessage.id, id));
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .update(outboundMessage)
      .set({ attempts: sql`${outboundMessage.attempts} + 1`, lastError: error.slice(0, 500) })
      .where(eq(outboundMessage.id, id));
  }

  async addSent(id: string, n: number): Promise<void> {
    await this.db
      .update(subPlatform)
      .set({ sentTotal: sql`${subPlatform.sentTotal} + ${n}` })
      .where(eq(subPlatform.id, id));
  }

  async outbound(
    subPlatformId: string,
    status: 'pending' | 'delivered' | undefined,
    p: { limit: number; offset: number },
  ) {
    const where = and(
      eq(outboundMessage.subPlatformId, subPlatformId),
      status ? eq(outboundMessage.status, status) : undefined,
    );
    const [total] = await this.db.select({ n: count() }).from(outboundMessage).where(where);
    const rows = await this.db
      .select()
      .from(outboundMessage)
      .where(where)
      .orderBy(desc(outboundMessage.createdAt))
      .limit(p.limit)
      .offset(p.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async countPendingOutbound(): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(outboundMessage).where(eq(outboundMessage.status, 'pending'));
    return r?.n ?? 0;
  }
}
