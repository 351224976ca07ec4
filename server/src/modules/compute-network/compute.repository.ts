import { and, asc, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import type { DeviceModel, InventoryItem } from '@zhicheng/contracts';
import { queryRows, type Db } from '../../platform/database/index.ts';
import {
  dataCentre,
  deviceModel,
  ingestToken,
  inventory,
  metricSample,
  metricSeries,
  monthlyReport,
  zone,
} from './compute.tables.ts';
import type { Bucketed } from './remote-write.ts';

export type CentreRow = typeof dataCentre.$inferSelect;
export type ReportRow = typeof monthlyReport.$inferSelect;
export type ZoneRow = typeof zone.$inferSelect;
export type { StatReport as StatRow } from './statistics.ts';
import type { StatReport as StatRow } from './statistics.ts';

/** Which centres a caller may see: an operator organisation's own, or those in a set of counties. */
export type Visibility = { orgId: string } | { counties: string[] } | { all: true };

function visibleCond(v: Visibility): SQL | undefined {
  if ('all' in v) return undefined;
  if ('orgId' in v) return eq(dataCentre.operatorOrgId, v.orgId);
  return v.counties.length ? inArray(dataCentre.countyCode, v.counties) : sql`false`;
}

export class ComputeRepository {
  constructor(private readonly db: Db) {}

  // ── catalogue and zones ──
  async models(db: Db = this.db): Promise<DeviceModel[]> {
    const rows = await db
      .select()
      .from(deviceModel)
      .orderBy(asc(deviceModel.kind), asc(deviceModel.vendor), asc(deviceModel.name));
    return rows.map((r) => ({ ...r, kind: r.kind as DeviceModel['kind'] }));
  }
  async upsertModel(db: Db, m: DeviceModel): Promise<void> {
    await db
      .insert(deviceModel)
      .values(m)
      .onConflictDoUpdate({ target: deviceModel.id, set: { ...m } });
  }
  async insertModelsIfMissing(models: DeviceModel[]): Promise<void> {
    await this.db.insert(deviceModel).values(models).onConflictDoNothing();
  }
  zones(db: Db = this.db): Promise<ZoneRow[]> {
    return db.select().from(zone).orderBy(asc(zone.type), asc(zone.code));
  }
  async zoneById(id: string, db: Db = this.db): Promise<ZoneRow | undefined> {
    const [z] = await db.select().from(zone).where(eq(zone.id, id));
    return z;
  }
  async saveZone(db: Db, z: ZoneRow): Promise<void> {
    await db
      .insert(zone)
      .values(z)
      .onConflictDoUpdate({
        target: zone.id,
        set: { code: z.code, name: z.name, type: z.type, countyCodes: z.countyCodes, updatedAt: z.updatedAt },
      });
  }

  // ── centres ──
  async centre(id: string, db: Db = this.db): Promise<CentreRow | undefined> {
    const [r] = await db.select().from(dataCentre).where(eq(dataCentre.id, id));
    return r;
  }
  async centres(
    v: Visibility,
    q: { q?: string; cityCode?: string; zoneId?: string; status?: string; ids?: string[] } = {},
    page?: { limit: number; offset: number },
  ): Promise<{ rows: CentreRow[]; total: number }> {
    const where: SQL[] = [];
    const vc = visibleCond(v);
    if (vc) where.push(vc);
    if (q.q) where.push(ilike(dataCentre.name, `%${q.q}%`));
    if (q.cityCode) where.push(eq(dataCentre.cityCode, q.cityCode));
    if (q.zoneId) where.push(eq(dataCentre.zoneId, q.zoneId));
    if (q.status) where.push(eq(dataCentre.status, q.status));
    if (q.ids) where.push(q.ids.length ? inArray(dataCentre.id, q.ids) : sql`false`);
    const cond = where.length ? and(...where) : undefined;
    const base = this.db.select().from(dataCentre).where(cond).orderBy(asc(dataCentre.cityCode), asc(dataCentre.name));
    const rows = page ? await base.limit(page.limit).offset(page.offset) : await base;
    const total = page ? ((await this.db.select({ n: count() }).from(dataCentre).where(cond))[0]?.n ?? 0) : rows.length;
    return { rows, total };
  }
  async insertCentre(db: Db, row: CentreRow): Promise<void> {
    await db.insert(dataCentre).values(row);
  }
  async updateCentre(db: Db, id: string, set: Partial<CentreRow>): Promise<void> {
    await db.update(dataCentre).set(set).where(eq(dataCentre.id, id));
  }
  async inventoryOf(ids: string[] | 'all', db: Db = this.db): Promise<Map<string, InventoryItem[]>> {
    const rows = await db
      .select()
      .from(inventory)
      .where(ids === 'all' ? undefined : ids.length ? inArray(inventory.dataCentreId, ids) : sql`false`)
      .orderBy(asc(inventory.dataCentreId), asc(inventory.line));
    const out = new Map<string, InventoryItem[]>();
    for (const r of rows) {
      const list = out.get(r.dataCentreId) ?? [];
      list.push({
        kind: r.kind as InventoryItem['kind'],
        modelId: r.modelId,
        count: r.count,
        clusterName: r.clusterName,
      });
      out.set(r.dataCentreId, list);
    }
    return out;
  }
  async replaceInventory(db: Db, id: string, items: InventoryItem[]): Promise<void> {
    await db.delete(inventory).where(eq(inventory.dataCentreId, id));
    if (items.length)
      await db.insert(inventory).values(
        items.map((it, i) => ({
          dataCentreId: id,
          line: i + 1,
          kind: it.kind,
          modelId: it.modelId,
          count: it.count,
          clusterName: it.clusterName ?? null,
        })),
      );
  }

  // ── reports ──
  /** `forUpdate` locks the row: a decision reads it under lock so two opposite decisions cannot both apply. */
  async report(id: string, db: Db = this.db, forUpdate = false): Promise<ReportRow | undefined> {
    const q = db.select().from(monthlyReport).where(eq(monthlyReport.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }
  async reportFor(db: Db, centreId: string, period: string): Promise<ReportRow | undefined> {
    const [r] = await db
      .select()
      .from(monthlyReport)
      .where(and(eq(monthlyReport.dataCentreId, centreId), eq(monthlyReport.period, period)));
    return r;
  }
  async previousApproved(db: Db, centreId: string, period: string): Promise<ReportRow | undefined> {
    const [r] = await db
      .select()
      .from(monthlyReport)
      .where(
        and(
          eq(monthlyReport.dataCentreId, centreId),
          eq(monthlyReport.status, 'approved'),
          sql`${monthlyReport.period} < ${period}`,
        ),
      )
      .orderBy(desc(monthlyReport.period))
      .limit(1);
    return r;
  }
  async saveReport(db: Db, row: ReportRow): Promise<void> {
    const { id: _id, ...set } = row;
    await db.insert(monthlyReport).values(row).onConflictDoUpdate({ target: monthlyReport.id, set });
  }
  async insertReports(db: Db, rows: ReportRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await db.insert(monthlyReport).values(rows.slice(i, i + 500));
  }
  async reports(
    v: Visibility,
    q: { dataCentreId?: string; status?: string; period?: string },
    page: { limit: number; offset: number },
  ): Promise<{ rows: (ReportRow & { centreName: string })[]; total: number }> {
    const where: SQL[] = [];
    const vc = visibleCond(v);
    if (vc) where.push(vc);
    if (q.dataCentreId) where.push(eq(monthlyReport.dataCentreId, q.dataCentreId));
    if (q.status) where.push(eq(monthlyReport.status, q.status));
    if (q.period) where.push(eq(monthlyReport.period, q.period));
    const cond = where.length ? and(...where) : undefined;
    const rows = await this.db
      .select({ r: monthlyReport, name: dataCentre.name })
      .from(monthlyReport)
      .innerJoin(dataCentre, eq(dataCentre.id, monthlyReport.dataCentreId))
      .where(cond)
      .orderBy(desc(monthlyReport.period), desc(monthlyReport.submittedAt))
      .limit(page.limit)
      .offset(page.offset);
    const [t] = await this.db
      .select({ n: count() })
      .from(monthlyReport)
      .innerJoin(dataCentre, eq(dataCentre.id, monthlyReport.dataCentreId))
      .where(cond);
    return { rows: rows.map((x) => ({ ...x.r, centreName: x.name })), total: t?.n ?? 0 };
  }
  /** Approved reports of the given centres (all of them, for statistics and trends): only the columns statistics use. */
  async approvedReports(centreIds: string[] | 'all'): Promise<StatRow[]> {
    if (centreIds !== 'all' && !centreIds.length) return [];
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`SELECT data_centre_id, period, racks_in_use, design_racks, utilisation_pct, energy_mwh, measured_pue, total_pflops, intelligent_pflops, clusters_1k, clusters_10k
          FROM compute.monthly_report WHERE status = 'approved'
          ${centreIds === 'all' ? sql`` : sql`AND data_centre_id = ANY(${toPgArray(centreIds)}::uuid[])`}`,
    );
    return rows.map((r) => ({
      dataCentreId: String(r.data_centre_id),
      period: String(r.period),
      racksInUse: Number(r.racks_in_use),
      designRacks: Number(r.design_racks ?? 0),
      utilisationPct: Number(r.utilisation_pct),
      energyMwh: Number(r.energy_mwh),
      measuredPue: Number(r.measured_pue),
      totalPflops: Number(r.total_pflops ?? 0),
      intelligentPflops: Number(r.intelligent_pflops ?? 0),
      clusters1k: Number(r.clusters_1k ?? 0),
      clusters10k: Number(r.clusters_10k ?? 0),
    }));
  }
  /** Each centre's latest approved report. */
  async latestApproved(centreIds: string[] | 'all'): Promise<Map<string, ReportRow>> {
    const rows = await queryRows<Record<string, unknown>>(
      this.db,
      sql`SELECT DISTINCT ON (data_centre_id) id, data_centre_id, period, racks_in_use, utilisation_pct, measured_pue, design_racks
          FROM compute.monthly_report WHERE status = 'approved' ${
            centreIds === 'all'
              ? sql``
              : centreIds.length
                ? sql`AND data_centre_id IN (${sql.join(
                    centreIds.map((i) => sql`${i}::uuid`),
                    sql`, `,
                  )})`
                : sql`AND false`
          }
          ORDER BY data_centre_id, period DESC`,
    );
    return new Map(
      rows.map((r) => [
        String(r.data_centre_id),
        {
          id: String(r.id),
          dataCentreId: String(r.data_centre_id),
          period: String(r.period),
          racksInUse: Number(r.racks_in_use),
          utilisationPct: Number(r.utilisation_pct),
          measuredPue: Number(r.measured_pue),
          designRacks: r.design_racks === null ? null : Number(r.design_racks),
        } as ReportRow,
      ]),
    );
  }
  /** Last few approved reports of each centre, newest first (for anomaly alerts). */
  async recentApproved(
    centreIds: string[],
    n: number,
  ): Promise<Map<string, { period: string; utilisationPct: number; measuredPue: number }[]>> {
    if (!centreIds.length) return new Map();
    const rows = await queryRows<{
      data_centre_id: string;
      period: string;
      utilisation_pct: number;
      measured_pue: number;
    }>(
      this.db,
      sql`SELECT data_centre_id, period, utilisation_pct, measured_pue FROM (
            SELECT data_centre_id, period, utilisation_pct, measured_pue, row_number() OVER (PARTITION BY data_centre_id ORDER BY period DESC) AS rn
            FROM compute.monthly_report WHERE status = 'approved' AND data_centre_id IN (${sql.join(
              centreIds.map((i) => sql`${i}::uuid`),
              sql`, `,
            )})) x
          WHERE rn <= ${n} ORDER BY data_centre_id, period DESC`,
    );
    const out = new Map<string, { period: string; utilisationPct: number; measuredPue: number }[]>();
    for (const r of rows)
      out.set(r.data_centre_id, [
        ...(out.get(r.data_centre_id) ?? []),
        { period: r.period, utilisationPct: Number(r.utilisation_pct), measuredPue: Number(r.measured_pue) },
      ]);
    return out;
  }
  async lastReportPeriods(centreIds: string[]): Promise<Map<string, string>> {
    if (!centreIds.length) return new Map();
    const rows = await this.db
      .select({ id: monthlyReport.dataCentreId, p: sql<string>`max(${monthlyReport.period})` })
      .from(monthlyReport)
      .where(and(inArray(monthlyReport.dataCentreId, centreIds), sql`${monthlyReport.status} <> 'rejected'`))
      .groupBy(monthlyReport.dataCentreId);
    return new Map(rows.map((r) => [r.id, String(r.p)]));
  }

  // ── tokens and metrics ──
  async setToken(db: Db, centreId: string, tokenHash: string, at: Date): Promise<void> {
    await db
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
  async seriesIds(db: Db, centreId: string, keys: string[]): Promise<Map<string, number>> {
    if (!keys.length) return new Map();
    const rows = await queryRows<{ id: string; series_key: string }>(
      db,
      sql`SELECT id, series_key FROM compute.metric_series WHERE data_centre_id = ${centreId} AND series_key = ANY(${toPgArray(keys)}::text[])`,
    );
    return new Map(rows.map((r) => [r.series_key, Number(r.id)]));
  }
  async seriesCount(db: Db, centreId: string): Promise<number> {
    const [r] = await db.select({ n: count() }).from(metricSeries).where(eq(metricSeries.dataCentreId, centreId));
    return r?.n ?? 0;
  }
  async insertSeries(
    db: Db,
    centreId: string,
    series: { key: string; labels: Record<string, string> }[],
    at: Date,
  ): Promise<Map<string, number>> {
    if (!series.length) return new Map();
    const rows = await queryRows<{ id: string; series_key: string }>(
      db,
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
    db: Db,
    rows: { seriesId: number; b: Bucketed }[],
    touch?: { centreId: string; at: Date },
  ): Promise<void> {
    if (!rows.length) return;
    const col = (f: (r: { seriesId: number; b: Bucketed }) => number) => toPgArray(rows.map(f));
    // With `touch`, one statement (one round trip, no explicit transaction) also marks the centre's stream as live.
    await db.execute(sql`
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
  async touchIngest(db: Db, centreId: string, at: Date): Promise<void> {
    await db
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
  async samplesOf(seriesIds: number[], since: Date): Promise<(typeof metricSample.$inferSelect)[]> {
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

/** A PostgreSQL array literal: one parameter however many elements (same on PGlite and node-postgres). */
export function toPgArray(values: (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;
}
