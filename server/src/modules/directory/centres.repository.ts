import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../platform/database/index.ts';
import {
  centreApplication,
  centreBooking,
  centreReport,
  centreRound,
  centreScore,
  type CentreApplicationRow,
  type CentreBookingRow,
  type CentreReportRow,
  type CentreRoundRow,
  type CentreScoreRow,
} from './directory.tables.ts';

/** All SQL on 科普展示中心: rounds, applications (= centres once certified), scores, bookings, reports. */
export class CentresRepository {
  constructor(private readonly db: Db) {}

  async rounds(): Promise<CentreRoundRow[]> {
    return this.db.select().from(centreRound).orderBy(desc(centreRound.year), asc(centreRound.kind));
  }

  async round(id: string): Promise<CentreRoundRow | undefined> {
    const [r] = await this.db.select().from(centreRound).where(eq(centreRound.id, id));
    return r;
  }

  async roundExists(year: number, kind: string): Promise<boolean> {
    const r = await this.db
      .select({ id: centreRound.id })
      .from(centreRound)
      .where(and(eq(centreRound.year, year), eq(centreRound.kind, kind)));
    return r.length > 0;
  }

  async insertRounds(rows: (typeof centreRound.$inferInsert)[]): Promise<void> {
    if (rows.length) await this.db.insert(centreRound).values(rows);
  }

  async insertApplications(rows: (typeof centreApplication.$inferInsert)[]): Promise<void> {
    if (rows.length) await this.db.insert(centreApplication).values(rows);
  }

  async applications(where: { roundIds?: string[]; regionCodes?: string[]; status?: string }) {
    const cond = [];
    if (where.roundIds) {
      if (!where.roundIds.length) return [];
      cond.push(inArray(centreApplication.roundId, where.roundIds));
    }
    if (where.regionCodes) {
      if (!where.regionCodes.length) return [];
      cond.push(inArray(centreApplication.regionCode, where.regionCodes));
    }
    if (where.status) cond.push(eq(centreApplication.status, where.status as CentreApplicationRow['status']));
    return this.db
      .select()
      .from(centreApplication)
      .where(and(...cond))
      .orderBy(asc(centreApplication.regionCode), asc(centreApplication.name));
  }

  async application(id: string, forUpdate = false): Promise<CentreApplicationRow | undefined> {
    const q = this.db.select().from(centreApplication).where(eq(centreApplication.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }

  async applicationByDraw(drawIds: string[]): Promise<CentreApplicationRow[]> {
    if (!drawIds.length) return [];
    return this.db.select().from(centreApplication).where(inArray(centreApplication.drawId, drawIds));
  }

  async nameTaken(roundId: string, name: string): Promise<boolean> {
    const r = await this.db
      .select({ id: centreApplication.id })
      .from(centreApplication)
      .where(and(eq(centreApplication.roundId, roundId), eq(centreApplication.name, name)));
    return r.length > 0;
  }

  async updateApplication(id: string, patch: Partial<typeof centreApplication.$inferInsert>): Promise<void> {
    await this.db.update(centreApplication).set(patch).where(eq(centreApplication.id, id));
  }

  async nextCertificate(): Promise<number> {
    const [r] = await queryRows<{ n: string }>(
      this.db,
      sql`SELECT nextval('directory.centre_certificate_seq')::text AS n`,
    );
    return Number(r!.n);
  }

  async scores(applicationIds: string[]): Promise<CentreScoreRow[]> {
    if (!applicationIds.length) return [];
    return this.db
      .select()
      .from(centreScore)
      .where(inArray(centreScore.applicationId, applicationIds))
      .orderBy(asc(centreScore.alias));
  }

  async insertScore(row: typeof centreScore.$inferInsert): Promise<void> {
    await this.db.insert(centreScore).values(row);
  }

  async reports(centreIds: string[]): Promise<CentreReportRow[]> {
    if (!centreIds.length) return [];
    return this.db
      .select()
      .from(centreReport)
      .where(inArray(centreReport.centreId, centreIds))
      .orderBy(asc(centreReport.year), asc(centreReport.quarter));
  }

  async insertReports(rows: (typeof centreReport.$inferInsert)[]): Promise<void> {
    if (rows.length) await this.db.insert(centreReport).values(rows);
  }

  async reportExists(centreId: string, year: number, quarter: number): Promise<boolean> {
    const r = await this.db
      .select({ y: centreReport.year })
      .from(centreReport)
      .where(and(eq(centreReport.centreId, centreId), eq(centreReport.year, year), eq(centreReport.quarter, quarter)));
    return r.length > 0;
  }

  /** Visitors already booked per (date, slot) from `from` to `to`. */
  async booked(centreId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.db
      .select({
        date: centreBooking.visitDate,
        slot: centreBooking.slot,
        n: sql<number>`sum(${centreBooking.partySize})::int`,
      })
      .from(centreBooking)
      .where(
        and(
          eq(centreBooking.centreId, centreId),
          sql`${centreBooking.visitDate} BETWEEN ${from}::date AND ${to}::date`,
        ),
      )
      .groupBy(centreBooking.visitDate, centreBooking.slot);
    return new Map(rows.map((r) => [`${r.date}/${r.slot}`, Number(r.n)]));
  }

  async insertBooking(row: typeof centreBooking.$inferInsert): Promise<void> {
    await this.db.insert(centreBooking).values(row);
  }

  async bookings(centreId: string, from: string): Promise<CentreBookingRow[]> {
    return this.db
      .select()
      .from(centreBooking)
      .where(and(eq(centreBooking.centreId, centreId), sql`${centreBooking.visitDate} >= ${from}::date`))
      .orderBy(asc(centreBooking.visitDate), asc(centreBooking.slot), asc(centreBooking.createdAt))
      .limit(500);
  }
}
