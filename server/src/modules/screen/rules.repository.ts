import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { warningRule, type WarningRuleRow } from './screen.tables.ts';

/** All SQL on warning rules. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class RulesRepository {
  constructor(private readonly db: Db) {}

  ofRegions(regionCodes: string[]): Promise<WarningRuleRow[]> {
    if (!regionCodes.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(warningRule)
      .where(inArray(warningRule.regionCode, regionCodes))
      .orderBy(asc(warningRule.regionCode), asc(warningRule.name));
  }

  async byId(id: string, forUpdate = false): Promise<WarningRuleRow | undefined> {
    const q = this.db.select().from(warningRule).where(eq(warningRule.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }

  async nameTaken(regionCode: string, name: string, exceptId?: string): Promise<boolean> {
    const where = [eq(warningRule.regionCode, regionCode), eq(warningRule.name, name)];
    if (exceptId) where.push(ne(warningRule.id, exceptId));
    return (
      (
        await this.db
          .select({ id: warningRule.id })
          .from(warningRule)
          .where(and(...where))
      ).length > 0
    );
  }

  /** Inserts the rows whose (region, name) is not there yet; returns how many were new. */
  async insertMissing(rows: WarningRuleRow[]): Promise<number> {
    if (!rows.length) return 0;
    const r = await this.db
      .insert(warningRule)
      .values(rows)
      .onConflictDoNothing({ target: [warningRule.regionCode, warningRule.name] })
      .returning({ id: warningRule.id });
    return r.length;
  }

  async insert(row: WarningRuleRow): Promise<void> {
    await this.db.insert(warningRule).values(row);
  }

  async update(id: string, set: Partial<WarningRuleRow>): Promise<void> {
    await this.db.update(warningRule).set(set).where(eq(warningRule.id, id));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(warningRule).where(eq(warningRule.id, id));
  }
}
