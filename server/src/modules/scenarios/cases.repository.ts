import { and, asc, count, desc, eq, getTableColumns, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import type { CaseStatus } from '@zhicheng/contracts/scenarios';
import type { Db } from '../../platform/database/index.ts';
import {
  caseAttachment,
  caseStep,
  scenarioCase,
  type CaseAttachmentRow,
  type CaseRow,
  type CaseStepRow,
} from './scenarios.tables.ts';
import { tsqueryAll } from './text.ts';

export type CaseInsert = Omit<typeof scenarioCase.$inferInsert, 'search' | 'searchTokens'> & { tokens: string[] };
export type CaseListRow = Omit<CaseRow, 'search' | 'searchTokens'>;

export interface CaseFilter {
  /** Region codes the caller may see; undefined: no region filter (public pages, accepted cases only). */
  regions?: string[];
  statuses?: CaseStatus[];
  domain?: string;
  category?: string;
  operatingModel?: string;
  cityCode?: string;
  /** jieba words that must all occur. */
  words?: string[];
  /** A fragment of the title, when the query has no indexable word (a single character). */
  titleLike?: string;
}

/** Every column but the index ones, which are large and never shown. */
const { search: _s, searchTokens: _t, ...listColumns } = getTableColumns(scenarioCase);

/** The tsvector of a case: its words as lexemes, as-is (see text.ts). */
const vector = (tokens: string[]) => sql`array_to_tsvector(string_to_array(${tokens.join(' ')}, ' '))`;

/** All SQL on cases and their steps. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class CasesRepository {
  constructor(private readonly db: Db) {}

  async insertMany(rows: CaseInsert[]): Promise<void> {
    if (!rows.length) return;
    await this.db.insert(scenarioCase).values(
      rows.map(({ tokens, ...r }) => ({
        ...r,
        searchTokens: tokens.join(' '),
        search: tokens.length ? vector(tokens) : sql`''::tsvector`,
      })),
    );
  }

  async update(id: string, patch: Partial<CaseInsert>): Promise<void> {
    const { tokens, ...rest } = patch;
    await this.db
      .update(scenarioCase)
      .set({
        ...rest,
        ...(tokens
          ? { searchTokens: tokens.join(' '), search: tokens.length ? vector(tokens) : sql`''::tsvector` }
          : {}),
      })
      .where(eq(scenarioCase.id, id));
  }

  async get(id: string, opts: { forUpdate?: boolean } = {}): Promise<CaseListRow | undefined> {
    const q = this.db.select(listColumns).from(scenarioCase).where(eq(scenarioCase.id, id));
    const [row] = opts.forUpdate ? await q.for('update') : await q;
    return row;
  }

  async byIds(ids: string[]): Promise<CaseListRow[]> {
    if (!ids.length) return [];
    return this.db.select(listColumns).from(scenarioCase).where(inArray(scenarioCase.id, ids));
  }

  async titleTaken(regionCode: string, title: string, exceptId?: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: scenarioCase.id })
      .from(scenarioCase)
      .where(and(eq(scenarioCase.regionCode, regionCode), eq(scenarioCase.title, title)));
    return rows.some((r) => r.id !== exceptId);
  }

  private where(f: CaseFilter): SQL | undefined {
    const w: SQL[] = [];
    // One array parameter: a province's subtree (thousands of codes) would pass PostgreSQL's bound-parameter limit.
    if (f.regions) w.push(sql`${scenarioCase.regionCode} = ANY(${`{${f.regions.join(',')}}`}::text[])`);
    if (f.statuses) w.push(f.statuses.length ? inArray(scenarioCase.status, f.statuses) : sql`false`);
    if (f.domain) w.push(eq(scenarioCase.domain, f.domain));
    if (f.category) w.push(eq(scenarioCase.category, f.category));
    if (f.operatingModel) w.push(eq(scenarioCase.operatingModel, f.operatingModel));
    if (f.cityCode) w.push(eq(scenarioCase.cityCode, f.cityCode));
    if (f.words?.length) w.push(sql`${scenarioCase.search} @@ ${tsqueryAll(f.words)}::tsquery`);
    if (f.titleLike) w.push(ilike(scenarioCase.title, `%${f.titleLike.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    return and(...w);
  }

  async page(f: CaseFilter, p: { limit: number; offset: number }): Promise<{ rows: CaseListRow[]; total: number }> {
    const where = this.where(f);
    const [total] = await this.db.select({ n: count() }).from(scenarioCase).where(where);
    const rows = await this.db
      .select(listColumns)
      .from(scenarioCase)
      .where(where)
      .orderBy(desc(scenarioCase.updatedAt), asc(scenarioCase.id))
      .limit(p.limit)
      .offset(p.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async addStep(row: typeof caseStep.$inferInsert): Promise<void> {
    await this.db.insert(caseStep).values(row);
  }

  async addSteps(rows: (typeof caseStep.$inferInsert)[]): Promise<void> {
    if (rows.length) await this.db.insert(caseStep).values(rows);
  }

  // ── photos and documents ──

  /** A case's attachments without their bytes, photos first, oldest first. */
  attachments(caseId: string): Promise<Omit<CaseAttachmentRow, 'data'>[]> {
    const { data: _data, ...columns } = getTableColumns(caseAttachment);
    return this.db
      .select(columns)
      .from(caseAttachment)
      .where(eq(caseAttachment.caseId, caseId))
      .orderBy(desc(caseAttachment.kind), asc(caseAttachment.uploadedAt), asc(caseAttachment.id));
  }
  async attachment(caseId: string, id: string): Promise<CaseAttachmentRow | undefined> {
    const [r] = await this.db
      .select()
      .from(caseAttachment)
      .where(and(eq(caseAttachment.caseId, caseId), eq(caseAttachment.id, id)));
    return r;
  }
  async attachmentCount(caseId: string, kind: 'photo' | 'document'): Promise<number> {
    const [r] = await this.db
      .select({ n: count() })
      .from(caseAttachment)
      .where(and(eq(caseAttachment.caseId, caseId), eq(caseAttachment.kind, kind)));
    return r?.n ?? 0;
  }
  async insertAttachment(row: CaseAttachmentRow): Promise<void> {
    await this.db.insert(caseAttachment).values(row);
  }
  async deleteAttachment(caseId: string, id: string): Promise<boolean> {
    const r = await this.db
      .delete(caseAttachment)
      .where(and(eq(caseAttachment.caseId, caseId), eq(caseAttachment.id, id)))
      .returning({ id: caseAttachment.id });
    return r.length > 0;
  }

  steps(caseId: string): Promise<CaseStepRow[]> {
    return this.db.select().from(caseStep).where(eq(caseStep.caseId, caseId)).orderBy(asc(caseStep.id));
  }

  /**
   * Accepted cases of the given regions counted by region and domain, with the newest acceptance and whether any is
   * demo data (the one-screen view). The regions go as one array parameter: a province's subtree is large.
   */
  acceptedCounts(regions: string[]) {
    return this.db
      .select({
        regionCode: scenarioCase.regionCode,
        domain: scenarioCase.domain,
        n: count(),
        acceptedAt: sql<string | Date | null>`max(${scenarioCase.acceptedAt})`,
        demo: sql<boolean>`bool_or(${scenarioCase.isDemo})`,
      })
      .from(scenarioCase)
      .where(
        and(
          eq(scenarioCase.status, 'accepted'),
          sql`${scenarioCase.regionCode} = ANY(${`{${regions.join(',')}}`}::text[])`,
        ),
      )
      .groupBy(scenarioCase.regionCode, scenarioCase.domain);
  }
}
