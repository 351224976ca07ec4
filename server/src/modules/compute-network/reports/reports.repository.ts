import { and, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../../platform/database/index.ts';
import { toPgArray } from '../pg-array.ts';
import { inRegion, visibleCentres, type Visibility } from '../registry/registry.repository.ts';
import { dataCentre } from '../registry/registry.tables.ts';
import type { StatReport } from '../overview/statistics.ts';
import { monthlyReport, type ReportRow } from './reports.tables.ts';

/** All SQL on monthly reports. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class ReportsRepository {
  constructor(private readonly db: Db) {}

  /** `forUpdate` locks the row: a decision reads it under lock so two opposite decisions cannot both apply. */
  async report(id: string, forUpdate = false): Promise<ReportRow | undefined> {
    const q = this.db.select().from(monthlyReport).where(eq(monthlyReport.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }
  async reportFor(centreId: string, period: string): Promise<ReportRow | undefined> {
    const [r] = await this.db
      .select()
      .from(monthlyReport)
      .where(and(eq(monthlyReport.dataCentreId, centreId), eq(monthlyReport.period, period)));
    return r;
  }
  async previousApproved(centreId: string, period: string): Promise<ReportRow | undefined> {
    const [r] = await this.db
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
  async saveReport(row: ReportRow): Promise<void> {
    const { id: _id, ...set } = row;
    await this.db.insert(monthlyReport).values(row).onConflictDoUpdate({ target: monthlyReport.id, set });
  }
  async insertReports(rows: ReportRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await this.db.insert(monthlyReport).values(rows.slice(i, i + 500));
  }
  async list(
    v: Visibility,
    q: { dataCentreId?: string; status?: string; period?: string; cityCode?: string },
    page: { limit: number; offset: number },
  ): Promise<{ rows: (ReportRow & { centreName: string })[]; total: number }> {
    const where: SQL[] = [];
    const vc = visibleCentres(v);
    if (vc) where.push(vc);
    if (q.dataCentreId) where.push(eq(monthlyReport.dataCentreId, q.dataCentreId));
    if (q.status) where.push(eq(monthlyReport.status, q.status));
    if (q.period) where.push(eq(monthlyReport.period, q.period));
    if (q.cityCode) where.push(inRegion(q.cityCode));
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
  async approvedReports(centreIds: string[] | 'all'): Promise<StatReport[]> {
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
  /** When the newest approval counted in a month's figures was made (the figures' "as of"). */
  async lastDecisionUpTo(period: string): Promise<Date | null> {
    const [r] = await this.db
      .select({ at: sql<string | Date | null>`max(${monthlyReport.decidedAt})` })
      .from(monthlyReport)
      .where(and(eq(monthlyReport.status, 'approved'), sql`${monthlyReport.period} <= ${period}`));
    return r?.at ? new Date(r.at) : null;
  }
}
