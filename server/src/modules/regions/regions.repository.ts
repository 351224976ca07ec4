import { and, asc, count, eq, ilike, inArray, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { region, regionAlias } from './regions.tables.ts';

export type RegionRow = typeof region.$inferSelect;

/** All SQL on the regions tables. `db` joins the caller's transaction (see platform/database/ambient.ts). */
export class RegionsRepository {
  constructor(private readonly db: Db) {}

  async byCode(code: string): Promise<RegionRow | undefined> {
    const [r] = await this.db.select().from(region).where(eq(region.code, code));
    return r;
  }

  async byCodes(codes: string[]): Promise<RegionRow[]> {
    if (!codes.length) return [];
    return this.db.select().from(region).where(inArray(region.code, codes));
  }

  async list(q: {
    parent?: string;
    level?: string;
    q?: string;
    descendantsOf?: string;
  }): Promise<(RegionRow & { childCount: number })[]> {
    const where: SQL[] = [];
    if (q.parent) where.push(eq(region.parentCode, q.parent));
    if (q.level) where.push(eq(region.level, q.level));
    if (q.descendantsOf) where.push(like(region.path, `%/${q.descendantsOf}/%`));
    if (q.q) {
      const aliasCodes = this.db
        .select({ code: regionAlias.code })
        .from(regionAlias)
        .where(ilike(regionAlias.alias, `%${q.q}%`));
      where.push(or(ilike(region.name, `%${q.q}%`), like(region.code, `${q.q}%`), inArray(region.code, aliasCodes))!);
    }
    const child = this.db
      .select({ parent: region.parentCode, n: count().as('n') })
      .from(region)
      .groupBy(region.parentCode)
      .as('child');
    const rows = await this.db
      .select({ r: region, n: child.n })
      .from(region)
      .leftJoin(child, eq(child.parent, region.code))
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(region.code))
      .limit(5000);
    return rows.map(({ r, n }) => ({ ...r, childCount: Number(n ?? 0) }));
  }

  /** Regions whose name ends `text` (历下区 for 济南市历下区): the candidates of a full or bare name. */
  async nameEndsText(text: string): Promise<RegionRow[]> {
    return this.db
      .select()
      .from(region)
      .where(sql`right(${text}::text, char_length(${region.name})) = ${region.name}`)
      .orderBy(asc(region.code))
      .limit(200);
  }

  async childCount(code: string): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(region).where(eq(region.parentCode, code));
    return r?.n ?? 0;
  }

  async subtreeCodes(code: string): Promise<string[]> {
    const rows = await this.db
      .select({ code: region.code })
      .from(region)
      .where(like(region.path, `%/${code}/%`));
    return rows.map((r) => r.code);
  }

  async aliasesOf(code: string): Promise<string[]> {
    const rows = await this.db.select({ alias: regionAlias.alias }).from(regionAlias).where(eq(regionAlias.code, code));
    return rows.map((r) => r.alias);
  }

  async resolveAlias(name: string): Promise<string | undefined> {
    const [a] = await this.db.select({ code: regionAlias.code }).from(regionAlias).where(eq(regionAlias.alias, name));
    return a?.code;
  }

  async insert(
    rows: { code: string; name: string; level: string; parentCode: string | null; path: string; source: string }[],
  ): Promise<number> {
    let n = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const res = await this.db.insert(region).values(chunk).onConflictDoNothing().returning({ code: region.code });
      n += res.length;
    }
    return n;
  }

  async addAlias(alias: string, code: string): Promise<void> {
    await this.db
      .insert(regionAlias)
      .values({ alias, code })
      .onConflictDoUpdate({ target: regionAlias.alias, set: { code } });
  }

  async count(): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(region);
    return r?.n ?? 0;
  }
}
