import { and, asc, count, desc, eq, getTableColumns, inArray, isNotNull, max, sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn } from 'drizzle-orm/pg-core';
import type { AssessedLevel } from '@zhicheng/contracts/assessment';
import type { Db } from '../../platform/database/index.ts';
import { result, submission, type ResultRow } from './assessment.tables.ts';

export type ResultInsert = typeof result.$inferInsert;

/** The value PostgreSQL proposed for a column in ON CONFLICT DO UPDATE. */
const excluded = (c: PgColumn) => sql.raw(`excluded."${c.name}"`);

/** What a new rating may change; a row whose rating did not change is not rewritten. */
const RATED = [
  result.stars,
  result.subGrade,
  result.score,
  result.bonus,
  result.indicatorStars,
  result.explanation,
] as const;

const published = isNotNull(result.publishedAt);

const RESULT_COLUMNS = Object.entries(getTableColumns(result));

/**
 * Result rows as `SELECT <every column> FROM json_to_recordset($1::json) AS t(<column> <type>, …)`, the columns in
 * the table's order (what INSERT … SELECT expects) with the table's own types, so the two cannot drift apart.
 */
function fromJson(rows: ResultInsert[]): SQL {
  const payload = rows.map((r) =>
    Object.fromEntries(
      RESULT_COLUMNS.map(([key, c]) => {
        const v = r[key as keyof ResultInsert];
        return [c.name, v instanceof Date ? v.toISOString() : (v ?? null)];
      }),
    ),
  );
  const names = sql.raw(RESULT_COLUMNS.map(([, c]) => `"${c.name}"`).join(', '));
  const types = sql.raw(RESULT_COLUMNS.map(([, c]) => `"${c.name}" ${c.getSQLType()}`).join(', '));
  return sql`SELECT ${names} FROM json_to_recordset(${JSON.stringify(payload)}::json) AS t(${types})`;
}

/** All SQL on ratings and published results. `db` joins the caller's transaction. */
export class ResultsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Writes ratings, 2,000 rows per statement. A row whose rating is unchanged is left alone, so a recompute after
   * a policy change rewrites only what moved; `publishedAt` null keeps an existing publication.
   *
   * The rows travel as one JSON parameter unpacked by json_to_recordset (the raw part: the builder has no word for
   * a set-returning function with a column list). As 32,000 bound values the same statement took twice as long in
   * a national recompute (bench/assessment/RESULTS.md).
   */
  async upsert(rows: ResultInsert[]): Promise<void> {
    const keepPublished = sql`COALESCE(${excluded(result.publishedAt)}, ${result.publishedAt})`;
    for (let i = 0; i < rows.length; i += 2000) {
      await this.db
        .insert(result)
        .select(fromJson(rows.slice(i, i + 2000)))
        .onConflictDoUpdate({
          target: [result.campaignId, result.regionCode],
          set: {
            stars: excluded(result.stars),
            subGrade: excluded(result.subGrade),
            score: excluded(result.score),
            bonus: excluded(result.bonus),
            shares: excluded(result.shares),
            explanation: excluded(result.explanation),
            indicatorStars: excluded(result.indicatorStars),
            computedAt: excluded(result.computedAt),
            publishedAt: keepPublished,
          },
          // A row comparison the builder has no word for: rewrite only when something rated changed.
          setWhere: sql`(${sql.join([...RATED, result.publishedAt], sql`, `)}) IS DISTINCT FROM (${sql.join(
            [...RATED.map(excluded), keepPublished],
            sql`, `,
          )})`,
        });
    }
  }

  /** Publishes the results of the given submissions. */
  async publish(campaignId: string, submissionIds: string[], at: Date): Promise<void> {
    if (!submissionIds.length) return;
    const regions = this.db
      .select({ code: submission.regionCode })
      .from(submission)
      .where(and(eq(submission.campaignId, campaignId), inArray(submission.id, submissionIds)));
    await this.db
      .update(result)
      .set({ publishedAt: at })
      .where(and(eq(result.campaignId, campaignId), inArray(result.regionCode, regions)));
  }

  /** Published results of a year counted by region level and exact stars. */
  async starCounts(year: number): Promise<{ level: string; stars: number; n: number; sample: boolean }[]> {
    return this.db
      .select({
        level: result.regionLevel,
        stars: result.stars,
        n: count(),
        sample: sql<boolean>`bool_or(${result.sample})`,
      })
      .from(result)
      .where(and(eq(result.year, year), published))
      .groupBy(result.regionLevel, result.stars);
  }

  /** Published results of every year counted by level and exact stars. */
  trendCounts(): Promise<{ year: number; level: string; stars: number; n: number }[]> {
    return this.db
      .select({ year: result.year, level: result.regionLevel, stars: result.stars, n: count() })
      .from(result)
      .where(published)
      .groupBy(result.year, result.regionLevel, result.stars)
      .orderBy(asc(result.year));
  }

  /** When a year's results were last published (the source a share is cited with). */
  async lastPublished(year: number): Promise<{ campaignId: string; at: Date } | undefined> {
    const [r] = await this.db
      .select({ campaignId: result.campaignId, at: max(result.publishedAt) })
      .from(result)
      .where(and(eq(result.year, year), published))
      .groupBy(result.campaignId)
      .orderBy(desc(max(result.publishedAt)))
      .limit(1);
    return r?.at ? { campaignId: r.campaignId, at: r.at } : undefined;
  }

  /** Published results, best first, each with the region's published stars of the year before. */
  ranked(q: { year: number; level?: AssessedLevel; parent?: string }) {
    const before = alias(result, 'before');
    const where: SQL[] = [eq(result.year, q.year), published];
    if (q.level) where.push(eq(result.regionLevel, q.level));
    if (q.parent) where.push(eq(result.parentCode, q.parent));
    return this.db
      .select({
        regionCode: result.regionCode,
        regionName: result.regionName,
        regionLevel: result.regionLevel,
        parentCode: result.parentCode,
        year: result.year,
        stars: result.stars,
        subGrade: result.subGrade,
        score: result.score,
        bonus: result.bonus,
        sample: result.sample,
        previousStars: before.stars,
      })
      .from(result)
      .leftJoin(
        before,
        and(
          eq(before.regionCode, result.regionCode),
          eq(before.year, sql`${result.year} - 1`),
          isNotNull(before.publishedAt),
        ),
      )
      .where(and(...where))
      .orderBy(desc(sql`${result.score} + ${result.bonus}`), asc(result.regionCode));
  }

  /** A region's published results, oldest first. */
  ofRegion(regionCode: string): Promise<ResultRow[]> {
    return this.db
      .select()
      .from(result)
      .where(and(eq(result.regionCode, regionCode), published))
      .orderBy(asc(result.year));
  }

  /** Published stars per indicator of a year's regions at one level (the heat map). */
  indicatorStars(q: { year: number; level: AssessedLevel; parent?: string }) {
    const { regionCode, regionName, indicatorStars, campaignId } = getTableColumns(result);
    return this.db
      .select({ regionCode, regionName, indicatorStars, campaignId })
      .from(result)
      .where(
        and(
          eq(result.year, q.year),
          eq(result.regionLevel, q.level),
          published,
          q.parent ? eq(result.parentCode, q.parent) : undefined,
        ),
      )
      .orderBy(asc(result.regionCode));
  }
}
