import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/database/index.ts';
import { expert, expertRelation, type ExpertRelationRow, type ExpertRow } from './directory.tables.ts';

/** All SQL on the expert library. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class ExpertsRepository {
  constructor(private readonly db: Db) {}

  /** The next public code (ZJ-0001, …): a sequence, so two keepers adding at once never share one. */
  async nextCode(): Promise<string> {
    const [r] = await queryRows<{ n: string }>(this.db, sql`SELECT nextval('directory.expert_code_seq')::text AS n`);
    return `ZJ-${String(r!.n).padStart(4, '0')}`;
  }

  async insert(row: typeof expert.$inferInsert, relations: (typeof expertRelation.$inferInsert)[]): Promise<void> {
    await this.db.insert(expert).values(row);
    if (relations.length) await this.db.insert(expertRelation).values(relations);
  }

  async byId(id: string): Promise<ExpertRow | undefined> {
    const [r] = await this.db.select().from(expert).where(eq(expert.id, id));
    return r;
  }

  async byUserId(userId: string): Promise<ExpertRow | undefined> {
    const [r] = await this.db.select().from(expert).where(eq(expert.userId, userId));
    return r;
  }

  async byIds(ids: string[]): Promise<ExpertRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(expert).where(inArray(expert.id, ids));
  }

  async relationsOf(ids: string[]): Promise<Map<string, ExpertRelationRow[]>> {
    const out = new Map<string, ExpertRelationRow[]>();
    if (!ids.length) return out;
    const rows = await this.db
      .select()
      .from(expertRelation)
      .where(inArray(expertRelation.expertId, ids))
      .orderBy(asc(expertRelation.kind), asc(expertRelation.partyName));
    for (const r of rows) out.set(r.expertId, [...(out.get(r.expertId) ?? []), r]);
    return out;
  }

  async page(
    regionCodes: string[],
    q: { q?: string; field?: string; limit: number; offset: number },
  ): Promise<{ rows: ExpertRow[]; total: number }> {
    if (!regionCodes.length) return { rows: [], total: 0 };
    const where: SQL[] = [inArray(expert.regionCode, regionCodes)];
    if (q.q) {
      const like = `%${q.q}%`;
      where.push(or(ilike(expert.name, like), ilike(expert.unitName, like), ilike(expert.code, like))!);
    }
    if (q.field) where.push(sql`${expert.fields} @> ${JSON.stringify([q.field])}::jsonb`);
    const cond = and(...where);
    const [total] = await this.db.select({ n: count() }).from(expert).where(cond);
    const rows = await this.db
      .select()
      .from(expert)
      .where(cond)
      .orderBy(asc(expert.code))
      .limit(q.limit)
      .offset(q.offset);
    return { rows, total: total?.n ?? 0 };
  }

  /** Every active expert holding one of the fields (all active experts when `anyField`). */
  async pool(fields: string[], anyField: boolean): Promise<ExpertRow[]> {
    const active = eq(expert.active, true);
    if (anyField) return this.db.select().from(expert).where(active).orderBy(asc(expert.code));
    if (!fields.length) return [];
    const has = or(...fields.map((f) => sql`${expert.fields} @> ${JSON.stringify([f])}::jsonb`))!;
    return this.db.select().from(expert).where(and(active, has)).orderBy(asc(expert.code));
  }

  /** Replaces an expert's declared relations as a whole (the caller audits the earlier list). */
  async replaceRelations(id: string, rows: (typeof expertRelation.$inferInsert)[]): Promise<void> {
    await this.db.delete(expertRelation).where(eq(expertRelation.expertId, id));
    if (rows.length) await this.db.insert(expertRelation).values(rows);
  }

  /** Experts already listed under these (name, unit) pairs, as `name|unit`. */
  async namesAtUnits(pairs: { name: string; unitName: string }[]): Promise<Set<string>> {
    if (!pairs.length) return new Set();
    const rows = await this.db
      .select({ name: expert.name, unitName: expert.unitName })
      .from(expert)
      .where(inArray(expert.name, [...new Set(pairs.map((p) => p.name))]));
    return new Set(rows.map((r) => `${r.name}|${r.unitName}`));
  }

  /** Every expert in the regions, by code (for the Excel export). */
  async all(regionCodes: string[]): Promise<ExpertRow[]> {
    if (!regionCodes.length) return [];
    return this.db.select().from(expert).where(inArray(expert.regionCode, regionCodes)).orderBy(asc(expert.code));
  }

  async update(id: string, patch: Partial<typeof expert.$inferInsert>): Promise<void> {
    await this.db.update(expert).set(patch).where(eq(expert.id, id));
  }
}
