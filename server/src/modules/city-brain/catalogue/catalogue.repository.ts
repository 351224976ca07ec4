import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { RequestStatus, SharingClass } from '@zhicheng/contracts/city-brain';
import type { Db } from '../../../platform/database/index.ts';
import { dataRequest, dataset, dataUse, subPlatform, type DatasetRow } from '../city-brain.tables.ts';

/** All SQL of the data catalogue: datasets, requests for conditional data, uses. */
export class CatalogueRepository {
  constructor(private readonly db: Db) {}

  async page(
    f: { sharingClass?: SharingClass; subPlatformId?: string; q?: string },
    p: { limit: number; offset: number },
  ) {
    const w: SQL[] = [];
    if (f.sharingClass) w.push(eq(dataset.sharingClass, f.sharingClass));
    if (f.subPlatformId) w.push(eq(dataset.subPlatformId, f.subPlatformId));
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      w.push(or(ilike(dataset.name, like), ilike(dataset.code, like), ilike(subPlatform.ownerUnit, like))!);
    }
    const where = w.length ? and(...w) : undefined;
    const [total] = await this.db
      .select({ n: count() })
      .from(dataset)
      .innerJoin(subPlatform, eq(subPlatform.id, dataset.subPlatformId))
      .where(where);
    const rows = await this.db
      .select({ d: dataset })
      .from(dataset)
      .innerJoin(subPlatform, eq(subPlatform.id, dataset.subPlatformId))
      .where(where)
      .orderBy(asc(subPlatform.regionCode), asc(subPlatform.code), asc(dataset.code))
      .limit(p.limit)
      .offset(p.offset);
    return { rows: rows.map((r) => r.d), total: total?.n ?? 0 };
  }

  async get(id: string): Promise<DatasetRow | undefined> {
    const [r] = await this.db.select().from(dataset).where(eq(dataset.id, id));
    return r;
  }

  async getForUpdate(id: string): Promise<DatasetRow | undefined> {
    const [r] = await this.db.select().from(dataset).where(eq(dataset.id, id)).for('update');
    return r;
  }

  async update(id: string, set: Partial<typeof dataset.$inferInsert>): Promise<void> {
    await this.db.update(dataset).set(set).where(eq(dataset.id, id));
  }

  async insertMany(rows: (typeof dataset.$inferInsert)[]): Promise<void> {
    if (rows.length) await this.db.insert(dataset).values(rows).onConflictDoNothing();
  }

  /**
   * What dataset-update messages say: a new version and its record count, the newest report winning; a dataset the
   * catalogue does not know yet is added as 待编目 (uncatalogued, not shared until its owner describes it).
   */
  async applyUpdates(
    rows: { id: string; subPlatformId: string; code: string; version: string; records: number; at: Date }[],
  ): Promise<void> {
    if (!rows.length) return;
    await this.db
      .insert(dataset)
      .values(
        rows.map((r) => ({
          id: r.id,
          subPlatformId: r.subPlatformId,
          code: r.code,
          name: r.code,
          version: r.version,
          records: r.records,
          lastUpdatedAt: r.at,
          uncatalogued: true,
          createdAt: r.at,
          updatedAt: r.at,
        })),
      )
      .onConflictDoUpdate({
        target: [dataset.subPlatformId, dataset.code],
        set: {
          version: sql`excluded.version`,
          records: sql`excluded.records`,
          lastUpdatedAt: sql`excluded.last_updated_at`,
          updatedAt: sql`excluded.updated_at`,
        },
        setWhere: sql`${dataset.lastUpdatedAt} IS NULL OR excluded.last_updated_at > ${dataset.lastUpdatedAt}`,
      });
  }

  async insertRequest(row: typeof dataRequest.$inferInsert): Promise<void> {
    await this.db.insert(dataRequest).values(row);
  }

  async request(id: string) {
    const [r] = await this.db.select().from(dataRequest).where(eq(dataRequest.id, id));
    return r;
  }

  async requestForUpdate(id: string) {
    const [r] = await this.db.select().from(dataRequest).where(eq(dataRequest.id, id)).for('update');
    return r;
  }

  async decide(
    id: string,
    set: {
      status: RequestStatus;
      decidedByUserId: string;
      decidedBy: string;
      decidedAt: Date;
      decisionNote: string | null;
    },
  ): Promise<void> {
    await this.db.update(dataRequest).set(set).where(eq(dataRequest.id, id));
  }

  /** Requests the caller made, or about datasets of the sub-platforms in `ownerRegions` (null: none). */
  async requests(
    f: { mine?: string; ownerRegions?: string[] | null; status?: RequestStatus },
    p: { limit: number; offset: number },
  ) {
    const who: SQL[] = [];
    if (f.mine) who.push(eq(dataRequest.requesterUserId, f.mine));
    if (f.ownerRegions?.length) who.push(inArray(subPlatform.regionCode, f.ownerRegions));
    if (!who.length) return { rows: [], total: 0 };
    const where = and(or(...who), f.status ? eq(dataRequest.status, f.status) : undefined);
    const from = () =>
      this.db
        .select({ r: dataRequest, d: { name: dataset.name, code: dataset.code }, s: { code: subPlatform.code } })
        .from(dataRequest)
        .innerJoin(dataset, eq(dataset.id, dataRequest.datasetId))
        .innerJoin(subPlatform, eq(subPlatform.id, dataset.subPlatformId));
    const [total] = await this.db
      .select({ n: count() })
      .from(dataRequest)
      .innerJoin(dataset, eq(dataset.id, dataRequest.datasetId))
      .innerJoin(subPlatform, eq(subPlatform.id, dataset.subPlatformId))
      .where(where);
    const rows = await from()
      .where(where)
      .orderBy(desc(dataRequest.createdAt), asc(dataRequest.id))
      .limit(p.limit)
      .offset(p.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async insertUse(row: typeof dataUse.$inferInsert) {
    const [r] = await this.db.insert(dataUse).values(row).returning();
    return r!;
  }

  async uses(datasetId: string, p: { limit: number; offset: number }) {
    const where = eq(dataUse.datasetId, datasetId);
    const [total] = await this.db.select({ n: count() }).from(dataUse).where(where);
    const rows = await this.db
      .select()
      .from(dataUse)
      .where(where)
      .orderBy(desc(dataUse.at), desc(dataUse.id))
      .limit(p.limit)
      .offset(p.offset);
    return { rows, total: total?.n ?? 0 };
  }
}
