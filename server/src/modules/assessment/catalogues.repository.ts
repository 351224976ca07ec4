import { asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { catalogue, type CatalogueRow } from './assessment.tables.ts';

/** All SQL on indicator catalogues. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class CataloguesRepository {
  constructor(private readonly db: Db) {}

  /** False when that key and version exist already (the loader runs on every start). */
  async insert(row: typeof catalogue.$inferInsert): Promise<boolean> {
    const r = await this.db
      .insert(catalogue)
      .values(row)
      .onConflictDoNothing({ target: [catalogue.key, catalogue.version] })
      .returning({ id: catalogue.id });
    return r.length > 0;
  }

  list(): Promise<CatalogueRow[]> {
    return this.db.select().from(catalogue).orderBy(asc(catalogue.key), desc(catalogue.version));
  }

  versionsOf(key: string): Promise<CatalogueRow[]> {
    return this.db.select().from(catalogue).where(eq(catalogue.key, key)).orderBy(desc(catalogue.version));
  }

  async byId(id: string): Promise<CatalogueRow | undefined> {
    const [r] = await this.db.select().from(catalogue).where(eq(catalogue.id, id));
    return r;
  }

  async latestVersion(key: string): Promise<number> {
    const [r] = await this.db
      .select({ v: max(catalogue.version) })
      .from(catalogue)
      .where(eq(catalogue.key, key));
    return r?.v ?? 0;
  }

  /** A version in use by a campaign is locked for good: ratings must stay reproducible. */
  async lock(ids: string[]): Promise<void> {
    if (ids.length) await this.db.update(catalogue).set({ locked: true }).where(inArray(catalogue.id, ids));
  }
}
