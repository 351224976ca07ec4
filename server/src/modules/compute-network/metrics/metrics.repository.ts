import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/database/index.ts';
import { toPgArray } from '../pg-array.ts';
import { dataCentre } from '../registry/registry.tables.ts';
import type { Bucketed } from './remote-write.ts';
import { ingestToken, metricSample, metricSeries, type MetricSampleRow } from './metrics.tables.ts';

/** All SQL on ingest tokens and metrics. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class MetricsRepository {
  constructor(private readonly db: Db) {}

  // ── ingest tokens ──
  async setToken(centreId: string, tokenHash: string, at: Date): Promise<void> {
    await this.db
      .insert(ingestToken)
      .values({ dataCentreId: centreId, tokenHash, createdAt: at })
      .onConflictDoUpdate({ target: ingestToken.dataCentreId, set: { tokenHash, createdAt: at } });
  }
  async centreByTokenHash(hash: string): Promise<string | undefined> {
    const [r] = await this.db
      .select({ id: ingestToken.dataCentreId })
      .from(ingestToken)
      .where(eq(ingestToken.tokenHash, hash));
    return r?.id;
  }
  async seriesIds(centreId: string, keys: string[]): Promise<Map<string, number>> {
    if (!keys.length) return new Map();
    const rows = await queryRows<{ id: string; series_key: string }>(
      this.db,
      sql`SELECT id, series_key FROM compute.metric_series WHERE data_centre_id = ${centreId} AND series_key = ANY(${toPgArray(keys)}::text[])`,
    );
    return new Map(rows.map((r) => [r.series_key, Number(r.id)]));
  }
  async seriesCount(centreId: string): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(metricSeries).where(eq(metricSeries.dataCentreId, centreId));
    return r?.n ?? 0;
  }
  async insertSeries(
    centreId: string,
    series: { key: string; labels: Record<string, string> }[],
    at: Date,
  ): Promise<Map<string, number>> {
    if (!series.length) return new Map();
    const rows = await queryRows<{ id: string; series_key: string }>(
      this.db,
      sql`INSERT INTO compute.metric_series (data_centre_id, metric_name, series_key, labels, created_at)
          SELECT ${centreId}::uuid, l->>'__name__', k, l, ${at.toISOString()}::timestamptz
          FROM unnest(${toPgArray(series.map((s) => s.key))}::text[], ${toPgArray(series.map((s) => JSON.stringify(s.labels)))}::jsonb[]) AS t(k, l)
          ON CONFLICT (data_centre_id, series_key) DO NOTHING
          RETURNING id, series_key`,
    );
    return new Map(rows.map((r) => [r.series_key, Number(r.id)]));
  }
  /** Merges 1-minute aggregates: counts and sums add, min/max widen, the newest sample wins `last`. */
  async upsertSamples(
    rows: { seriesId: number; b: Bucketed }[],
    touch?: { centreId: string; at: Date },
  ): Promise<void> {
    if (!rows.length) return;
    const col = (f: (r: { seriesId: number; b: Bucketed }) => number) => toPgArray(rows.map(f));
    // With `touch`, one statement (one round trip, no explicit transaction) also marks the centre's stream as live.
    await this.db.execute(sql`
      ${touch ? sql`WITH up AS (` : sql``}
      INSERT INTO compute.metric_sample (series_id, bucket, count, sum, min, max, last, last_ts)
      SELECT s, to_timestamp(b / 1000.0), c, su, mi, ma, la, lt
      FROM unnest(${col((r) => r.seriesId)}::bigint[], ${col((r) => r.b.bucket)}::bigint[], ${col((r) => r.b.count)}::int[], ${col((r) => r.b.sum)}::float8[],
                  ${col((r) => r.b.min)}::float8[], ${col((r) => r.b.max)}::float8[], ${col((r) => r.b.last)}::float8[], ${col((r) => r.b.lastTs)}::bigint[]) AS t(s, b, c, su, mi, ma, la, lt)
      ON CONFLICT (series_id, bucket) DO UPDATE SET
        count = metric_sample.count + EXCLUDED.count,
        sum = metric_sample.sum + EXCLUDED.sum,
        min = LEAST(metric_sample.min, EXCLUDED.min),
        max = GREATEST(metric_sample.max, EXCLUDED.max),
        last = CASE WHEN EXCLUDED.last_ts >= metric_sample.last_ts THEN EXCLUDED.last ELSE metric_sample.last END,
        last_ts = GREATEST(metric_sample.last_ts, EXCLUDED.last_ts)
      ${
        touch
          ? sql`RETURNING 1)
      UPDATE compute.data_centre SET last_ingest_at = ${touch.at.toISOString()}::timestamptz
      WHERE id = ${touch.centreId}::uuid AND (last_ingest_at IS NULL OR last_ingest_at < ${touch.at.toISOString()}::timestamptz - interval '5 seconds')`
          : sql``
      }`);
  }
  async touchIngest(centreId: string, at: Date): Promise<void> {
    await this.db
      .update(dataCentre)
      .set({ lastIngestAt: at })
      .where(
        and(
          eq(dataCentre.id, centreId),
          sql`(${dataCentre.lastIngestAt} IS NULL OR ${dataCentre.lastIngestAt} < ${at.toISOString()}::timestamptz - interval '5 seconds')`,
        ),
      );
  }
  async seriesOf(
    centreId: string,
    metric: string | undefined,
    limit: number,
  ): Promise<{ id: number; labels: Record<string, string> }[]> {
    const rows = await this.db
      .select({ id: metricSeries.id, labels: metricSeries.labels })
      .from(metricSeries)
      .where(and(eq(metricSeries.dataCentreId, centreId), metric ? eq(metricSeries.metricName, metric) : undefined))
      .orderBy(asc(metricSeries.metricName), asc(metricSeries.id))
      .limit(limit);
    return rows;
  }
  async samplesOf(seriesIds: number[], since: Date): Promise<MetricSampleRow[]> {
    if (!seriesIds.length) return [];
    return this.db
      .select()
      .from(metricSample)
      .where(
        and(
          inArray(metricSample.seriesId, seriesIds),
          sql`${metricSample.bucket} >= ${since.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(asc(metricSample.seriesId), asc(metricSample.bucket));
  }
  /** The newest value of each series of the live metrics within `since`. */
  async latestLive(
    centreId: string,
    metrics: string[],
    since: Date,
  ): Promise<{ metric: string; last: number; at: Date }[]> {
    const rows = await queryRows<{ metric_name: string; last: number; bucket: string | Date }>(
      this.db,
      sql`SELECT DISTINCT ON (s.id) s.metric_name, m.last, m.bucket
          FROM compute.metric_series s JOIN compute.metric_sample m ON m.series_id = s.id
          WHERE s.data_centre_id = ${centreId} AND s.metric_name = ANY(${toPgArray(metrics)}::text[]) AND m.bucket >= ${since.toISOString()}::timestamptz
          ORDER BY s.id, m.bucket DESC`,
    );
    return rows.map((r) => ({ metric: r.metric_name, last: Number(r.last), at: new Date(r.bucket) }));
  }
}
