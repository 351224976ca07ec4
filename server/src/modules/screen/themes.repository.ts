import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { theme, type ThemeRow } from './screen.tables.ts';

/** All SQL on themes. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class ThemesRepository {
  constructor(private readonly db: Db) {}

  /** Themes of the given regions, defaults first, then by name. */
  ofRegions(regionCodes: string[]): Promise<ThemeRow[]> {
    if (!regionCodes.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(theme)
      .where(inArray(theme.regionCode, regionCodes))
      .orderBy(asc(theme.regionCode), asc(theme.isDefault), asc(theme.name));
  }

  async byId(id: string, forUpdate = false): Promise<ThemeRow | undefined> {
    const q = this.db.select().from(theme).where(eq(theme.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }

  async nameTaken(regionCode: string, name: string, exceptId?: string): Promise<boolean> {
    const where = [eq(theme.regionCode, regionCode), eq(theme.name, name)];
    if (exceptId) where.push(ne(theme.id, exceptId));
    return (
      (
        await this.db
          .select({ id: theme.id })
          .from(theme)
          .where(and(...where))
      ).length > 0
    );
  }

  /** Another theme of the region stops being its default (one default per region, a partial unique index). */
  async clearDefault(regionCode: string): Promise<void> {
    await this.db
      .update(theme)
      .set({ isDefault: false })
      .where(and(eq(theme.regionCode, regionCode), eq(theme.isDefault, true)));
  }

  async insert(row: ThemeRow): Promise<void> {
    await this.db.insert(theme).values(row);
  }

  async update(id: string, set: Partial<ThemeRow>): Promise<void> {
    await this.db.update(theme).set(set).where(eq(theme.id, id));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(theme).where(eq(theme.id, id));
  }
}
