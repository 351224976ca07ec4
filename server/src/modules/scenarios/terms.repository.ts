import { and, asc, eq } from 'drizzle-orm';
import type { TermKind } from '@zhicheng/contracts/scenarios';
import type { Db } from '../../platform/database/index.ts';
import { term, type TermRow } from './scenarios.tables.ts';

/** All SQL on the taxonomy. */
export class TermsRepository {
  constructor(private readonly db: Db) {}

  all(): Promise<TermRow[]> {
    return this.db.select().from(term).orderBy(asc(term.kind), asc(term.sort), asc(term.code));
  }

  async get(kind: TermKind, code: string, opts: { forUpdate?: boolean } = {}): Promise<TermRow | undefined> {
    const q = this.db
      .select()
      .from(term)
      .where(and(eq(term.kind, kind), eq(term.code, code)));
    const [row] = opts.forUpdate ? await q.for('update') : await q;
    return row;
  }

  async upsert(row: typeof term.$inferInsert): Promise<void> {
    await this.db
      .insert(term)
      .values(row)
      .onConflictDoUpdate({
        target: [term.kind, term.code],
        set: {
          parent: row.parent,
          zh: row.zh,
          en: row.en,
          active: row.active,
          sort: row.sort,
          updatedAt: row.updatedAt,
        },
      });
  }
}
