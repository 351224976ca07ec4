import { and, asc, count, eq, gt, gte, ilike, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { subPlatform, traffic, type SubPlatformRow } from './city-brain.tables.ts';

export interface SubPlatformFilter {
  kind?: 'city_brain' | 'domain';
  q?: string;
  heartbeat?: { after?: Date; notAfter?: Date; never?: true };
}

/** All SQL on the registry. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class RegistryRepository {
  constructor(private readonly db: Db) {}

  private where(regionCodes: string[], f: SubPlatformFilter): SQL | undefined {
    const w: (SQL | undefined)[] = [inRegions(regionCodes)];
    if (f.kind) w.push(eq(subPlatform.kind, f.kind));
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      w.push(
        or(
          ilike(subPlatform.name, like),
          ilike(subPlatform.code, like),
          ilike(subPlatform.ownerUnit, like),
          ilike(subPlatform.domain, like),
        ),
      );
    }
    const hb = f.heartbeat;
    if (hb?.never) w.push(isNull(subPlatform.lastHeartbeatAt));
    if (hb?.after) w.push(gt(subPlatform.lastHeartbeatAt, hb.after));
    if (hb?.notAfter) w.push(lte(subPlatform.lastHeartbeatAt, hb.notAfter));
    return and(...w);
  }

  async page(
    regionCodes: string[],
    f: SubPlatformFilter,
    p: { limit: number; offset: number },
  ): Promise<{ rows: SubPlatformRow[]; total: number }> {
    if (!regionCodes.length) return { rows: [], total: 0 };
    const where = this.where(regionCodes, f);
    const [total] = await this.db.select({ n: count() }).from(subPlatform).where(where);
    const rows = await this.db
      .select()
      .from(subPlatform)
      .where(where)
      // City brains first, in region-code order (the province's own order), then the domain platforms.
      .orderBy(asc(subPlatform.kind), asc(subPlatform.regionCode), asc(subPlatform.code))
      .limit(p.limit)
      .offset(p.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async all(regionCodes: string[]): Promise<SubPlatformRow[]> {
    if (!regionCodes.length) return [];
    return this.db
      .select()
      .from(subPlatform)
      .where(inRegions(regionCodes))
      .orderBy(asc(subPlatform.kind), asc(subPlatform.regionCode), asc(subPlatform.code));
  }

  async get(id: string): Promise<SubPlatformRow | undefined> {
    const [row] = await this.db.select().from(subPlatform).where(eq(subPlatform.id, id));
    return row;
  }

  /** Locks the row for the rest of the transaction: two edits of one sub-platform take turns. */
  async getForUpdate(id: string): Promise<SubPlatformRow | undefined> {
    const [row] = await this.db.select().from(subPlatform).where(eq(subPlatform.id, id)).for('update');
    return row;
  }

  async byCode(code: string): Promise<SubPlatformRow | undefined> {
    const [row] = await this.db.select().from(subPlatform).where(eq(subPlatform.code, code));
    return row;
  }

  /** Sub-platforms holding a NATS login: the hub's user list and the sources of its intake stream. */
  async withLogins(): Promise<Pick<SubPlatformRow, 'id' | 'code' | 'natsPasswordHash'>[]> {
    return this.db
      .select({ id: subPlatform.id, code: subPlatform.code, natsPasswordHash: subPlatform.natsPasswordHash })
      .from(subPlatform)
      .where(sql`${subPlatform.natsPasswordHash} IS NOT NULL`)
      .orderBy(asc(subPlatform.code));
  }

  async insert(row: typeof subPlatform.$inferInsert): Promise<void> {
    await this.db.insert(subPlatform).values(row);
  }

  async update(id: string, set: Partial<typeof subPlatform.$inferInsert>): Promise<void> {
    await this.db.update(subPlatform).set(set).where(eq(subPlatform.id, id));
  }

  /** Messages per sub-platform and direction since `from` (the rate window). */
  async trafficSince(ids: string[], from: Date): Promise<Map<string, { up: number; down: number }>> {
    const out = new Map<string, { up: number; down: number }>();
    if (!ids.length) return out;
    const rows = await this.db
      .select({
        id: traffic.subPlatformId,
        direction: traffic.direction,
        n: sql<number>`sum(${traffic.messages})::int`,
      })
      .from(traffic)
      .where(and(inArray(traffic.subPlatformId, ids), gte(traffic.minute, from)))
      .groupBy(traffic.subPlatformId, traffic.direction);
    for (const r of rows) {
      const e = out.get(r.id) ?? { up: 0, down: 0 };
      e[r.direction] = Number(r.n);
      out.set(r.id, e);
    }
    return out;
  }

  /** Adds to a minute's count (one row per sub-platform, minute and direction). */
  async countTraffic(id: string, minute: Date, direction: 'up' | 'down', messages: number): Promise<void> {
    await this.db
      .insert(traffic)
      .values({ subPlatformId: id, minute, direction, messages })
      .onConflictDoUpdate({
        target: [traffic.subPlatformId, traffic.minute, traffic.direction],
        set: { messages: sql`${traffic.messages} + ${messages}` },
      });
  }
}

/**
 * The sub-platforms of the given regions. The codes go as one array parameter: a province's subtree holds thousands
 * of streets and communities, past PostgreSQL's limit of bound parameters if each went as its own. (Codes are digits,
 * so the array literal needs no quoting.)
 */
const inRegions = (codes: string[]) => sql`${subPlatform.regionCode} = ANY(${`{${codes.join(',')}}`}::text[])`;
