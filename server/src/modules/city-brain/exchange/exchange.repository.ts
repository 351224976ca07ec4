import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/database/index.ts';
import {
  deadLetter,
  outboundMessage,
  subPlatform,
  vitalSignLatest,
  type DeadLetterRow,
  type OutboundRow,
} from '../city-brain.tables.ts';

/** All SQL of the exchange: inbound messages, latest vital signs, dead letters, outbound messages. */
export class ExchangeRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts what is new and returns the hub sequences of the rows that were; duplicates (sub-platform, message id) are
   * skipped. One statement for the whole batch: each column goes as one array parameter through unnest, so the cost
   * does not grow with a parameter per value (a 1,000-row VALUES list has 9,000) and the statement is planned once.
   */
  async insertInbound(
    rows: {
      subPlatformId: string;
      msgId: string;
      kind: string;
      hubSeq: number;
      entityId: string;
      regionCode: string;
      observedAt: string;
      /** The message as received (JSON text), stored as it came. */
      payload: string;
    }[],
    receivedAt: Date,
  ): Promise<Set<number>> {
    if (!rows.length) return new Set();
    const col = <K extends keyof (typeof rows)[number]>(k: K) => pgArray(rows.map((r) => r[k] as string | number));
    const inserted = await queryRows<{ hub_seq: string | number }>(
      this.db,
      sql`INSERT INTO city_brain.inbound_message
            (sub_platform_id, msg_id, kind, hub_seq, entity_id, region_code, observed_at, received_at, payload)
          SELECT s, m, k, q, e, r, o, ${receivedAt.toISOString()}::timestamptz, p
            FROM unnest(${col('subPlatformId')}::uuid[], ${col('msgId')}::text[], ${col('kind')}::text[],
                        ${col('hubSeq')}::bigint[], ${col('entityId')}::text[], ${col('regionCode')}::text[],
                        ${col('observedAt')}::timestamptz[], ${col('payload')}::text[]) AS t(s, m, k, q, e, r, o, p)
          ON CONFLICT (sub_platform_id, msg_id) DO NOTHING
          RETURNING hub_seq`,
    );
    return new Set(inserted.map((r) => Number(r.hub_seq)));
  }

  /** Keeps the newest value per (sub-platform, region, indicator); rows must be unique on that key. */
  async upsertVitalSigns(
    rows: {
      subPlatformId: string;
      regionCode: string;
      indicator: string;
      value: number;
      unit: string;
      observedAt: string;
    }[],
  ): Promise<void> {
    if (!rows.length) return;
    const col = <K extends keyof (typeof rows)[number]>(k: K) => pgArray(rows.map((r) => r[k]));
    await this.db.execute(
      sql`INSERT INTO city_brain.vital_sign_latest AS v (sub_platform_id, region_code, indicator, value, unit, observed_at)
          SELECT * FROM unnest(${col('subPlatformId')}::uuid[], ${col('regionCode')}::text[], ${col('indicator')}::text[],
                               ${col('value')}::float8[], ${col('unit')}::text[], ${col('observedAt')}::timestamptz[])
          ON CONFLICT (sub_platform_id, region_code, indicator) DO UPDATE
            SET value = excluded.value, unit = excluded.unit, observed_at = excluded.observed_at
            WHERE excluded.observed_at > v.observed_at`,
    );
  }

  /** Each sender's link and counters after a batch, in one statement. */
  async updateLinks(
    rows: {
      id: string;
      lastHeartbeatAt: Date | null;
      connectedSince: Date | null;
      lastLagMs: number;
      received: number;
    }[],
  ): Promise<void> {
    if (!rows.length) return;
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    await this.db.execute(
      sql`UPDATE city_brain.sub_platform s
             SET last_heartbeat_at = COALESCE(u.hb, s.last_heartbeat_at),
                 connected_since = COALESCE(u.since, s.connected_since),
                 last_lag_ms = u.lag,
                 received_total = s.received_total + u.n
            FROM unnest(${pgArray(rows.map((r) => r.id))}::uuid[],
                        ${pgArray(rows.map((r) => iso(r.lastHeartbeatAt)))}::timestamptz[],
                        ${pgArray(rows.map((r) => iso(r.connectedSince)))}::timestamptz[],
                        ${pgArray(rows.map((r) => r.lastLagMs))}::bigint[],
                        ${pgArray(rows.map((r) => r.received))}::bigint[]) AS u(id, hb, since, lag, n)
           WHERE s.id = u.id`,
    );
  }

  /** Adds each sender's messages to its traffic count for the minute, in one statement. */
  async countTraffic(minute: Date, direction: 'up' | 'down', rows: { id: string; messages: number }[]): Promise<void> {
    if (!rows.length) return;
    await this.db.execute(
      sql`INSERT INTO city_brain.traffic AS t (sub_platform_id, minute, direction, messages)
          SELECT id, ${minute.toISOString()}::timestamptz, ${direction}, n
            FROM unnest(${pgArray(rows.map((r) => r.id))}::uuid[], ${pgArray(rows.map((r) => r.messages))}::int[]) AS u(id, n)
          ON CONFLICT (sub_platform_id, minute, direction) DO UPDATE SET messages = t.messages + excluded.messages`,
    );
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

/**
 * A PostgreSQL array literal ({"a","b",NULL}) for one unnest column: every element quoted and escaped, so any text
 * (commas, quotes, braces, backslashes) survives; null stays NULL.
 */
export function pgArray(values: readonly (string | number | null)[]): string {
  const one = (v: string | number | null) =>
    v === null ? 'NULL' : `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `{${values.map(one).join(',')}}`;
}
