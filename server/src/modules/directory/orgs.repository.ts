import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import {
  dishonesty,
  org,
  orgDelivery,
  type DishonestyRow,
  type OrgDeliveryRow,
  type OrgRow,
} from './directory.tables.ts';

/** All SQL on project teams and providers, their deliveries and dishonesty records. */
export class OrgsRepository {
  constructor(private readonly db: Db) {}

  /** Records in force on `day`: not lifted, and not past their end. */
  private inForce(day: string) {
    return and(isNull(dishonesty.liftedAt), or(isNull(dishonesty.until), sql`${dishonesty.until} >= ${day}::date`));
  }

  async page(
    regionCodes: string[],
    q: { kind?: string; q?: string; service?: string; blocked?: boolean; day: string; limit: number; offset: number },
  ): Promise<{ rows: OrgRow[]; total: number }> {
    if (!regionCodes.length) return { rows: [], total: 0 };
    const where: SQL[] = [inArray(org.regionCode, regionCodes)];
    if (q.kind) where.push(eq(org.kind, q.kind));
    if (q.q) where.push(or(ilike(org.name, `%${q.q}%`), eq(org.creditCode, q.q.toUpperCase()))!);
    if (q.service) where.push(sql`${org.services} @> ${JSON.stringify([q.service])}::jsonb`);
    if (q.blocked !== undefined) {
      const blocked = sql`EXISTS (SELECT 1 FROM ${dishonesty} WHERE ${dishonesty.orgId} = ${org.id} AND ${this.inForce(q.day)})`;
      where.push(q.blocked ? blocked : sql`NOT ${blocked}`);
    }
    const cond = and(...where);
    const [total] = await this.db.select({ n: count() }).from(org).where(cond);
    const rows = await this.db.select().from(org).where(cond).orderBy(asc(org.name)).limit(q.limit).offset(q.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async byId(id: string): Promise<OrgRow | undefined> {
    const [r] = await this.db.select().from(org).where(eq(org.id, id));
    return r;
  }

  async byCreditCode(code: string): Promise<OrgRow[]> {
    return this.db.select().from(org).where(eq(org.creditCode, code));
  }

  async exists(kind: string, creditCode: string): Promise<boolean> {
    const r = await this.db
      .select({ id: org.id })
      .from(org)
      .where(and(eq(org.kind, kind), eq(org.creditCode, creditCode)));
    return r.length > 0;
  }

  async insert(row: typeof org.$inferInsert): Promise<void> {
    await this.db.insert(org).values(row);
  }

  async update(id: string, patch: Partial<typeof org.$inferInsert>): Promise<void> {
    await this.db.update(org).set(patch).where(eq(org.id, id));
  }

  async insertDelivery(row: typeof orgDelivery.$inferInsert): Promise<void> {
    await this.db.insert(orgDelivery).values(row);
  }

  async deliveries(orgIds: string[]): Promise<OrgDeliveryRow[]> {
    if (!orgIds.length) return [];
    return this.db
      .select()
      .from(orgDelivery)
      .where(inArray(orgDelivery.orgId, orgIds))
      .orderBy(asc(orgDelivery.year), asc(orgDelivery.title));
  }

  async insertDishonesty(row: typeof dishonesty.$inferInsert): Promise<void> {
    await this.db.insert(dishonesty).values(row);
  }

  async dishonesty(orgIds: string[]): Promise<DishonestyRow[]> {
    if (!orgIds.length) return [];
    return this.db.select().from(dishonesty).where(inArray(dishonesty.orgId, orgIds)).orderBy(asc(dishonesty.listedOn));
  }

  async dishonestyById(id: string, forUpdate = false): Promise<DishonestyRow | undefined> {
    const q = this.db.select().from(dishonesty).where(eq(dishonesty.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }

  async lift(id: string, at: Date, reason: string): Promise<void> {
    await this.db.update(dishonesty).set({ liftedAt: at, liftReason: reason }).where(eq(dishonesty.id, id));
  }
}
