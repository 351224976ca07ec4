import { and, asc, count, desc, eq, gte, isNull, like, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { inCodes } from './region-filter.ts';
import { supervisor, type SupervisorRow } from './participation.tables.ts';

/** What any reader gets of a supervisor: the masked name and phone, never the encrypted ones or the digest. */
const shown = {
  id: supervisor.id,
  nameMasked: supervisor.nameMasked,
  phoneMasked: supervisor.phoneMasked,
  regionCode: supervisor.regionCode,
  occupation: supervisor.occupation,
  ageBand: supervisor.ageBand,
  gender: supervisor.gender,
  media: supervisor.media,
  status: supervisor.status,
  termStart: supervisor.termStart,
  termEnd: supervisor.termEnd,
  userId: supervisor.userId,
  username: supervisor.username,
  appliedAt: supervisor.appliedAt,
  isDemo: supervisor.isDemo,
};
export type ShownSupervisor = Pick<SupervisorRow, keyof typeof shown>;

/** The 市民监督员 pool. */
export class SupervisorsRepository {
  constructor(private readonly db: Db) {}

  /** False when the phone already applied (its digest is unique). */
  async insert(row: typeof supervisor.$inferInsert): Promise<boolean> {
    const r = await this.db.insert(supervisor).values(row).onConflictDoNothing().returning({ id: supervisor.id });
    return r.length === 1;
  }

  async byId(id: string): Promise<ShownSupervisor | undefined> {
    const [s] = await this.db.select(shown).from(supervisor).where(eq(supervisor.id, id));
    return s;
  }

  async byUser(userId: string): Promise<ShownSupervisor | undefined> {
    const [s] = await this.db.select(shown).from(supervisor).where(eq(supervisor.userId, userId));
    return s;
  }

  /** Applications first, then newest. */
  async page(
    regionCodes: string[],
    q: { status?: SupervisorRow['status']; q?: string; page: number; pageSize: number },
  ): Promise<{ items: ShownSupervisor[]; total: number }> {
    const where: SQL[] = [inCodes(supervisor.regionCode, regionCodes)];
    if (q.status) where.push(eq(supervisor.status, q.status));
    if (q.q) where.push(or(like(supervisor.occupation, `%${q.q}%`), like(supervisor.username, `%${q.q}%`))!);
    const [total] = await this.db
      .select({ n: count() })
      .from(supervisor)
      .where(and(...where));
    const items = await this.db
      .select(shown)
      .from(supervisor)
      .where(and(...where))
      .orderBy(desc(sql`${supervisor.status} = 'applied'`), desc(supervisor.appliedAt), asc(supervisor.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return { items, total: total?.n ?? 0 };
  }

  /** Approved supervisors of the regions whose term covers `today` (YYYY-MM-DD). */
  async eligible(regionCodes: string[], today: string): Promise<ShownSupervisor[]> {
    return this.db
      .select(shown)
      .from(supervisor)
      .where(
        and(
          eq(supervisor.status, 'approved'),
          inCodes(supervisor.regionCode, regionCodes),
          or(isNull(supervisor.termEnd), gte(supervisor.termEnd, today)),
          or(isNull(supervisor.termStart), lte(supervisor.termStart, today)),
        ),
      );
  }

  /** Approved supervisors of one region other than `except`, by id (the demo seats a panel by hand). */
  async approvedIn(regionCode: string, except: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .select({ id: supervisor.id })
      .from(supervisor)
      .where(and(eq(supervisor.regionCode, regionCode), eq(supervisor.status, 'approved'), ne(supervisor.id, except)))
      .orderBy(asc(supervisor.id))
      .limit(limit);
    return rows.map((r) => r.id);
  }

  /** Decides an application; false when it was decided already (of two opposite decisions one applies). */
  async vet(
    id: string,
    p: Pick<SupervisorRow, 'status' | 'termStart' | 'termEnd' | 'userId' | 'username' | 'vettedBy' | 'vettedAt'>,
  ): Promise<boolean> {
    const r = await this.db
      .update(supervisor)
      .set(p)
      .where(and(eq(supervisor.id, id), eq(supervisor.status, 'applied')))
      .returning({ id: supervisor.id });
    return r.length === 1;
  }

  async linkUser(id: string, userId: string, username: string): Promise<void> {
    await this.db.update(supervisor).set({ userId, username }).where(eq(supervisor.id, id));
  }
}
