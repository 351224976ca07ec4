import { and, asc, count, eq, ilike, inArray, isNotNull, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { community, tierAssessment, type CommunityRow } from './communities.tables.ts';

/** `%` and `_` typed into a search box are literal characters, not wildcards. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type TierFilter = 'basic' | 'growth' | 'benchmark' | 'none' | 'smart';

/**
 * All SQL on registered communities. Region scope is a set of code prefixes (a GB/T 2260 code begins with its
 * parents' codes), so a province, city, county, street or community root is one LIKE on the primary key.
 */
export class RegistryRepository {
  constructor(private readonly db: Db) {}

  private scope(prefixes: string[]): SQL | undefined {
    if (!prefixes.length) return sql`false`;
    return or(...prefixes.map((p) => like(community.code, `${p}%`)));
  }

  async page(
    prefixes: string[],
    q: { q?: string; tier?: TierFilter; limit: number; offset: number },
  ): Promise<{ rows: CommunityRow[]; total: number }> {
    const where: (SQL | undefined)[] = [this.scope(prefixes)];
    if (q.q) where.push(or(ilike(community.name, `%${escapeLike(q.q)}%`), like(community.code, `${escapeLike(q.q)}%`)));
    if (q.tier === 'none') where.push(isNull(community.tier));
    else if (q.tier === 'smart') where.push(isNotNull(community.tier));
    else if (q.tier) where.push(eq(community.tier, q.tier));
    const [total] = await this.db
      .select({ n: count() })
      .from(community)
      .where(and(...where));
    const rows = await this.db
      .select()
      .from(community)
      .where(and(...where))
      .orderBy(asc(community.code))
      .limit(q.limit)
      .offset(q.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async byCode(code: string, forUpdate = false): Promise<CommunityRow | undefined> {
    const q = this.db.select().from(community).where(eq(community.code, code));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row;
  }

  async registeredAmong(codes: string[]): Promise<Set<string>> {
    if (!codes.length) return new Set();
    const rows = await this.db.select({ code: community.code }).from(community).where(inArray(community.code, codes));
    return new Set(rows.map((r) => r.code));
  }

  async insert(rows: (typeof community.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insert(community).values(rows.slice(i, i + 500));
  }

  async update(code: string, patch: Partial<typeof community.$inferInsert>): Promise<void> {
    await this.db.update(community).set(patch).where(eq(community.code, code));
  }

  /** The tier the rating rule gave, for many communities at once (the demo loader). */
  async setTier(codes: string[], tier: string, year: number): Promise<void> {
    for (let i = 0; i < codes.length; i += 1000) {
      await this.db
        .update(community)
        .set({ tier, tierYear: year, tierSource: 'rated' })
        .where(inArray(community.code, codes.slice(i, i + 1000)));
    }
  }

  /** Registered and smart communities per county and tier, within the scope. */
  async countsByCounty(prefixes: string[]) {
    return this.db
      .select({
        countyCode: community.countyCode,
        tier: community.tier,
        n: count(),
        demo: sql<boolean>`bool_or(${community.isDemo})`,
      })
      .from(community)
      .where(this.scope(prefixes))
      .groupBy(community.countyCode, community.tier);
  }

  /** Smart communities per campaign year within the scope, from the tier assessments (see Coverage.byYear). */
  async smartByYear(prefixes: string[]) {
    const t = tierAssessment;
    const scope = prefixes.length ? or(...prefixes.map((p) => like(t.communityCode, `${p}%`))) : sql`false`;
    const rows = await this.db
      .select({
        year: t.year,
        basicGrowth: sql<number>`count(*) FILTER (WHERE (${t.status} = 'confirmed' AND ${t.ratedTier} IN ('basic', 'growth')) OR ${t.status} = 'awaiting_province')::int`,
        benchmark: sql<number>`count(*) FILTER (WHERE ${t.status} = 'confirmed' AND ${t.ratedTier} = 'benchmark')::int`,
      })
      .from(t)
      .where(scope)
      .groupBy(t.year)
      .orderBy(asc(t.year));
    return rows.map((r) => ({ year: r.year, basicGrowth: Number(r.basicGrowth), benchmark: Number(r.benchmark) }));
  }
}
