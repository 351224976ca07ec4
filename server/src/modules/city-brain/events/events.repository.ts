import { and, asc, count, desc, eq, ilike, inArray, isNotNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { EventCategory, EventStatus } from '@zhicheng/contracts/city-brain';
import type { Db } from '../../../platform/database/index.ts';
import { cityEvent, eventHistory, type EventRow } from '../city-brain.tables.ts';

const DONE: EventStatus[] = ['closed', 'evaluated', 'rejected'];

/** All SQL on events and their history. */
export class EventsRepository {
  constructor(private readonly db: Db) {}

  async page(
    regionCodes: string[],
    f: { status?: EventStatus; category?: EventCategory; overdueBefore?: Date; notOverdueAt?: Date; q?: string },
    p: { limit: number; offset: number },
  ): Promise<{ rows: EventRow[]; total: number }> {
    if (!regionCodes.length) return { rows: [], total: 0 };
    const w: (SQL | undefined)[] = [inRegions(regionCodes)];
    if (f.status) w.push(eq(cityEvent.status, f.status));
    if (f.category) w.push(eq(cityEvent.category, f.category));
    if (f.overdueBefore) w.push(isNotNull(cityEvent.deadline), lt(cityEvent.deadline, f.overdueBefore));
    if (f.notOverdueAt)
      w.push(or(sql`${cityEvent.deadline} IS NULL`, sql`${cityEvent.deadline} >= ${f.notOverdueAt.toISOString()}`));
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      w.push(or(ilike(cityEvent.title, like), ilike(cityEvent.handlerDepartment, like)));
    }
    const where = and(...w);
    const [total] = await this.db.select({ n: count() }).from(cityEvent).where(where);
    const rows = await this.db
      .select()
      .from(cityEvent)
      .where(where)
      .orderBy(desc(cityEvent.reportedAt), asc(cityEvent.id))
      .limit(p.limit)
      .offset(p.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async get(id: string): Promise<EventRow | undefined> {
    const [r] = await this.db.select().from(cityEvent).where(eq(cityEvent.id, id));
    return r;
  }

  async getForUpdate(id: string): Promise<EventRow | undefined> {
    const [r] = await this.db.select().from(cityEvent).where(eq(cityEvent.id, id)).for('update');
    return r;
  }

  async getMany(ids: string[]): Promise<EventRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(cityEvent).where(inArray(cityEvent.id, ids));
  }

  /** Inserts unless the sub-platform already reported this entity; true when inserted. */
  async insert(row: typeof cityEvent.$inferInsert): Promise<boolean> {
    const r = await this.db
      .insert(cityEvent)
      .values(row)
      .onConflictDoNothing({ target: [cityEvent.subPlatformId, cityEvent.entityId] })
      .returning({ id: cityEvent.id });
    return r.length > 0;
  }

  async update(id: string, set: Partial<typeof cityEvent.$inferInsert>): Promise<void> {
    await this.db.update(cityEvent).set(set).where(eq(cityEvent.id, id));
  }

  async addHistory(row: typeof eventHistory.$inferInsert): Promise<void> {
    await this.db.insert(eventHistory).values(row);
  }

  async history(eventId: string) {
    return this.db.select().from(eventHistory).where(eq(eventHistory.eventId, eventId)).orderBy(asc(eventHistory.id));
  }

  /** Open events past their step's deadline, oldest deadline first (the supervision job's work list). */
  async overdue(now: Date, limit: number): Promise<EventRow[]> {
    return this.db
      .select()
      .from(cityEvent)
      .where(and(isNotNull(cityEvent.deadline), lt(cityEvent.deadline, now), notInArray(cityEvent.status, DONE)))
      .orderBy(asc(cityEvent.deadline))
      .limit(limit);
  }

  /** Per region code and category: totals, open, closed, overdue now. */
  async tallies(regionCodes: string[], now: Date) {
    if (!regionCodes.length) return [];
    return this.db
      .select({
        regionCode: cityEvent.regionCode,
        category: cityEvent.category,
        total: sql<number>`count(*)::int`,
        open: sql<number>`count(*) FILTER (WHERE ${cityEvent.status} NOT IN ('closed','evaluated','rejected'))::int`,
        closed: sql<number>`count(*) FILTER (WHERE ${cityEvent.status} IN ('closed','evaluated'))::int`,
        overdue: sql<number>`count(*) FILTER (WHERE ${cityEvent.deadline} < ${now.toISOString()})::int`,
      })
      .from(cityEvent)
      .where(inRegions(regionCodes))
      .groupBy(cityEvent.regionCode, cityEvent.category);
  }

  /** Steps taken on time or late, per region code and category. */
  async onTime(regionCodes: string[]) {
    if (!regionCodes.length) return [];
    return this.db
      .select({
        regionCode: cityEvent.regionCode,
        category: cityEvent.category,
        steps: sql<number>`count(*)::int`,
        onTime: sql<number>`count(*) FILTER (WHERE ${eventHistory.onTime})::int`,
      })
      .from(eventHistory)
      .innerJoin(cityEvent, eq(cityEvent.id, eventHistory.eventId))
      .where(and(inRegions(regionCodes), isNotNull(eventHistory.onTime)))
      .groupBy(cityEvent.regionCode, cityEvent.category);
  }

  /** Events by step (status), whether any is a demo one, and the newest report (the one-screen view's closed loop). */
  async byStatus(regionCodes: string[]) {
    if (!regionCodes.length) return [];
    return this.db
      .select({
        status: cityEvent.status,
        n: sql<number>`count(*)::int`,
        demo: sql<boolean>`bool_or(${cityEvent.isDemo})`,
        reportedAt: sql<string | Date | null>`max(${cityEvent.reportedAt})`,
      })
      .from(cityEvent)
      .where(inRegions(regionCodes))
      .groupBy(cityEvent.status);
  }
}

/** A subtree's codes as one array parameter (thousands of codes would pass PostgreSQL's bound-parameter limit). */
const inRegions = (codes: string[]) => sql`${cityEvent.regionCode} = ANY(${`{${codes.join(',')}}`}::text[])`;
