import { and, asc, count, eq, gt, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { queryRows } from '../../platform/database/index.ts';
import { community, ingestToken, monthlyReport as report } from './communities.tables.ts';

export interface FigureInsert {
  communityCode: string;
  month: string;
  values: Record<string, number>;
  source: 'api' | 'excel' | 'form';
  receivedAt: Date;
}

/** All SQL on figures and ingest tokens. Scope is a set of code prefixes, as in the registry. */
export class FiguresRepository {
  constructor(private readonly db: Db) {}

  private scope(prefixes: string[]): SQL | undefined {
    if (!prefixes.length) return sql`false`;
    return or(...prefixes.map((p) => like(report.communityCode, `${p}%`)));
  }

  // ------------------------------------------------------------ tokens

  async insertToken(row: typeof ingestToken.$inferInsert): Promise<void> {
    await this.db.insert(ingestToken).values(row);
  }

  async tokensOf(regionCode: string) {
    return this.db
      .select()
      .from(ingestToken)
      .where(or(eq(ingestToken.regionCode, regionCode), like(ingestToken.regionCode, `${regionCode}%`)))
      .orderBy(asc(ingestToken.createdAt));
  }

  async tokenById(id: string) {
    const [row] = await this.db.select().from(ingestToken).where(eq(ingestToken.id, id));
    return row;
  }

  async tokenByHash(hash: string) {
    const [row] = await this.db
      .select()
      .from(ingestToken)
      .where(and(eq(ingestToken.tokenHash, hash), isNull(ingestToken.revokedAt)));
    return row;
  }

  async revokeToken(id: string, at: Date): Promise<void> {
    await this.db.update(ingestToken).set({ revokedAt: at }).where(eq(ingestToken.id, id));
  }

  async touchToken(id: string, at: Date): Promise<void> {
    await this.db.update(ingestToken).set({ lastUsedAt: at }).where(eq(ingestToken.id, id));
  }

  // ------------------------------------------------------------ figures

  async registered(codes: string[]): Promise<Set<string>> {
    if (!codes.length) return new Set();
    const rows = await this.db.select({ code: community.code }).from(community).where(inArray(community.code, codes));
    return new Set(rows.map((r) => r.code));
  }

  /** (community, month) reports among these that already arrived by API: a resent month saves no second form. */
  async apiReportsAmong(codes: string[], months: string[]): Promise<Set<string>> {
    if (!codes.length || !months.length) return new Set();
    const rows = await this.db
      .select({ c: report.communityCode, m: report.month })
      .from(report)
      .where(and(inArray(report.communityCode, codes), inArray(report.month, months), eq(report.source, 'api')));
    return new Set(rows.map((r) => `${r.c}|${r.m}`));
  }

  /**
   * Upserts monthly reports; figures sent again merge into the month's, and a report whose figures do not change is
   * left alone (a resent batch changes nothing). Returns how many reports were written (new or changed).
   */
  async upsert(rows: FigureInsert[]): Promise<number> {
    let written = 0;
    for (let i = 0; i < rows.length; i += 5000) {
      const res = await this.db
        .insert(report)
        .values(rows.slice(i, i + 5000))
        .onConflictDoUpdate({
          target: [report.communityCode, report.month],
          set: {
            values: sql`${report.values} || excluded.values`,
            source: sql`excluded.source`,
            receivedAt: sql`excluded.received_at`,
          },
          setWhere: sql`${report.values} IS DISTINCT FROM (${report.values} || excluded.values) OR ${report.source} IS DISTINCT FROM excluded.source`,
        })
        .returning({ c: report.communityCode });
      written += res.length;
    }
    return written;
  }

  /** Plain inserts for the demo loader (a fresh data set: nothing to merge). */
  async insertMany(rows: FigureInsert[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 5000) await this.db.insert(report).values(rows.slice(i, i + 5000));
  }

  async page(prefixes: string[], q: { since?: Date; limit: number; offset: number }) {
    const where = and(this.scope(prefixes), q.since ? gt(report.receivedAt, q.since) : undefined);
    const [total] = await this.db.select({ n: count() }).from(report).where(where);
    const rows = await this.db
      .select()
      .from(report)
      .where(where)
      .orderBy(asc(report.receivedAt), asc(report.communityCode), asc(report.month))
      .limit(q.limit)
      .offset(q.offset);
    return { rows, total: total?.n ?? 0 };
  }

  /**
   * Figures summed per child region (the first `childLen` digits of the community code) and metric within the
   * months; for `last` metrics only the window's final month counts. One grouped scan over the reports.
   */
  async rollup(prefix: string, childLen: number, from: string, to: string, lastMetrics: string[]) {
    return queryRows<{ child: string; metric: string; value: number }>(
      this.db,
      sql`SELECT substr(r.community_code, 1, ${childLen}) AS child, kv.key AS metric, sum(kv.value::float8) AS value
          FROM communities.monthly_report r, jsonb_each_text(r."values") AS kv(key, value)
          WHERE r.community_code LIKE ${`${prefix}%`} AND r.month BETWEEN ${from}::date AND ${to}::date
            AND (kv.key NOT IN (${sql.join(
              lastMetrics.map((m) => sql`${m}`),
              sql`, `,
            )}) OR r.month = ${to}::date)
          GROUP BY 1, 2`,
    );
  }

  /** Per child region: communities reporting in the window, the newest arrival, and reports by how they came. */
  async reporting(prefix: string, childLen: number, from: string, to: string) {
    return queryRows<{
      child: string;
      n: number;
      last_received: Date | string | null;
      api: number;
      excel: number;
      form: number;
    }>(
      this.db,
      sql`SELECT substr(community_code, 1, ${childLen}) AS child, count(DISTINCT community_code)::int AS n,
                 max(received_at) AS last_received,
                 count(*) FILTER (WHERE source = 'api')::int AS api,
                 count(*) FILTER (WHERE source = 'excel')::int AS excel,
                 count(*) FILTER (WHERE source = 'form')::int AS form
          FROM communities.monthly_report
          WHERE community_code LIKE ${`${prefix}%`} AND month BETWEEN ${from}::date AND ${to}::date
          GROUP BY 1`,
    );
  }

  async registeredPer(prefix: string, childLen: number) {
    return queryRows<{ child: string; n: number; demo: boolean }>(
      this.db,
      sql`SELECT substr(code, 1, ${childLen}) AS child, count(*)::int AS n, bool_or(is_demo) AS demo
          FROM communities.community WHERE code LIKE ${`${prefix}%`} GROUP BY 1`,
    );
  }
}
