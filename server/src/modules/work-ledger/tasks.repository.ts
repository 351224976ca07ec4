import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import {
  milestone,
  progress,
  supervision,
  task,
  type MilestoneRow,
  type ProgressRow,
  type SupervisionRow,
  type TaskRow,
} from './work-ledger.tables.ts';

/** All SQL on the ledger's tables. */
export class TasksRepository {
  constructor(private readonly db: Db) {}

  /** Every task of the scope (a ledger is a few hundred tasks a year: colours are computed over all of them). */
  async all(regionCodes: string[], q: { year?: number; status?: string; q?: string }): Promise<TaskRow[]> {
    if (!regionCodes.length) return [];
    const where: SQL[] = [inArray(task.regionCode, regionCodes)];
    if (q.year) where.push(eq(task.year, q.year));
    if (q.status) where.push(eq(task.status, q.status));
    if (q.q)
      where.push(or(ilike(task.title, `%${q.q}%`), ilike(task.leadUnit, `%${q.q}%`), ilike(task.point, `%${q.q}%`))!);
    return this.db
      .select()
      .from(task)
      .where(and(...where))
      .orderBy(desc(task.year), asc(task.code));
  }

  async byId(id: string, forUpdate = false): Promise<TaskRow | undefined> {
    const q = this.db.select().from(task).where(eq(task.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }

  async codesOf(year: number): Promise<Set<string>> {
    const rows = await this.db.select({ code: task.code }).from(task).where(eq(task.year, year));
    return new Set(rows.map((r) => r.code));
  }

  async insert(row: typeof task.$inferInsert, milestones: (typeof milestone.$inferInsert)[]): Promise<void> {
    await this.db.insert(task).values(row);
    if (milestones.length) await this.db.insert(milestone).values(milestones);
  }

  async update(id: string, patch: Partial<typeof task.$inferInsert>): Promise<void> {
    await this.db.update(task).set(patch).where(eq(task.id, id));
  }

  async milestones(ids: string[]): Promise<MilestoneRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(milestone).where(inArray(milestone.taskId, ids)).orderBy(asc(milestone.position));
  }

  async insertProgress(row: typeof progress.$inferInsert): Promise<void> {
    await this.db.insert(progress).values(row);
  }

  async progress(ids: string[]): Promise<ProgressRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(progress).where(inArray(progress.taskId, ids)).orderBy(asc(progress.reportedAt));
  }

  async insertSupervision(row: typeof supervision.$inferInsert): Promise<void> {
    await this.db.insert(supervision).values(row);
  }

  async supervision(ids: string[]): Promise<SupervisionRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(supervision).where(inArray(supervision.taskId, ids)).orderBy(asc(supervision.at));
  }

  async counts(
    ids: string[],
  ): Promise<Map<string, { reminder: number; escalation: number; lastReminder: Date | null }>> {
    const out = new Map<string, { reminder: number; escalation: number; lastReminder: Date | null }>();
    for (const r of await this.supervision(ids)) {
      const c = out.get(r.taskId) ?? { reminder: 0, escalation: 0, lastReminder: null };
      if (r.kind === 'reminder') {
        c.reminder++;
        c.lastReminder = r.at;
      }
      if (r.kind === 'escalation') c.escalation++;
      out.set(r.taskId, c);
    }
    return out;
  }

  async openTasks(): Promise<TaskRow[]> {
    return this.db.select().from(task).where(eq(task.status, 'assigned'));
  }

  async total(): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(task);
    return r?.n ?? 0;
  }
}
