import { and, asc, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { inCodes } from './region-filter.ts';
import { supervisor, task, taskMember, taskPhoto, type TaskRow } from './participation.tables.ts';

/** A panel member as the task shows them (a join: the type follows the query). */
export type MemberRow = Awaited<ReturnType<TasksRepository['members']>>[number];

/** Supervision tasks, their panels, scores and on-site photos. */
export class TasksRepository {
  constructor(private readonly db: Db) {}

  async insert(row: typeof task.$inferInsert): Promise<void> {
    await this.db.insert(task).values(row);
  }

  async byId(id: string): Promise<TaskRow | undefined> {
    const [t] = await this.db.select().from(task).where(eq(task.id, id));
    return t;
  }

  /** Tasks of the regions, newest first, with how many of the panel scored. */
  async inRegions(regionCodes: string[]): Promise<(TaskRow & { scored: number })[]> {
    const scored = this.db
      .select({ taskId: taskMember.taskId, n: count().as('n') })
      .from(taskMember)
      .where(isNotNull(taskMember.score))
      .groupBy(taskMember.taskId)
      .as('scored');
    const rows = await this.db
      .select({ t: task, n: scored.n })
      .from(task)
      .leftJoin(scored, eq(scored.taskId, task.id))
      .where(inCodes(task.regionCode, regionCodes))
      .orderBy(desc(task.createdAt))
      .limit(500);
    return rows.map(({ t, n }) => ({ ...t, scored: n ?? 0 }));
  }

  /** A supervisor's tasks with their own score and photo count. */
  async ofSupervisor(supervisorId: string): Promise<(TaskRow & { myScore: number | null; photos: number })[]> {
    const photos = this.photoCounts();
    const rows = await this.db
      .select({ t: task, myScore: taskMember.score, photos: photos.n })
      .from(task)
      .innerJoin(taskMember, eq(taskMember.taskId, task.id))
      .leftJoin(photos, and(eq(photos.taskId, task.id), eq(photos.supervisorId, taskMember.supervisorId)))
      .where(eq(taskMember.supervisorId, supervisorId))
      .orderBy(desc(task.createdAt));
    return rows.map(({ t, myScore, photos: n }) => ({ ...t, myScore, photos: n ?? 0 }));
  }

  /** Records a draw (seed, the pool it saw) and seats the panel; false when the task was drawn already. */
  async recordDraw(taskId: string, seed: number, pool: unknown, memberIds: string[], at: Date): Promise<boolean> {
    const r = await this.db
      .update(task)
      .set({ seed, pool, drawnAt: at, status: 'drawn' })
      .where(and(eq(task.id, taskId), eq(task.status, 'open')))
      .returning({ id: task.id });
    if (r.length !== 1) return false;
    if (memberIds.length)
      await this.db.insert(taskMember).values(memberIds.map((supervisorId) => ({ taskId, supervisorId })));
    return true;
  }

  /** The panel with each member's masked details and photo count. */
  async members(taskId: string) {
    const photos = this.photoCounts();
    const rows = await this.db
      .select({
        taskId: taskMember.taskId,
        supervisorId: taskMember.supervisorId,
        score: taskMember.score,
        confirmed: taskMember.confirmed,
        comment: taskMember.comment,
        submittedAt: taskMember.submittedAt,
        nameMasked: supervisor.nameMasked,
        regionCode: supervisor.regionCode,
        ageBand: supervisor.ageBand,
        gender: supervisor.gender,
        media: supervisor.media,
        photoCount: photos.n,
      })
      .from(taskMember)
      .innerJoin(supervisor, eq(supervisor.id, taskMember.supervisorId))
      .leftJoin(photos, and(eq(photos.taskId, taskMember.taskId), eq(photos.supervisorId, taskMember.supervisorId)))
      .where(eq(taskMember.taskId, taskId))
      .orderBy(asc(supervisor.regionCode), asc(taskMember.supervisorId));
    return rows.map((m) => ({ ...m, photoCount: m.photoCount ?? 0 }));
  }

  async isMember(taskId: string, supervisorId: string): Promise<boolean> {
    const r = await this.db
      .select({ taskId: taskMember.taskId })
      .from(taskMember)
      .where(and(eq(taskMember.taskId, taskId), eq(taskMember.supervisorId, supervisorId)));
    return r.length === 1;
  }

  /** Every score given, for each supervisor's agreement with their panels. */
  async scores(): Promise<{ taskId: string; supervisorId: string; score: number }[]> {
    const rows = await this.db
      .select({ taskId: taskMember.taskId, supervisorId: taskMember.supervisorId, score: taskMember.score })
      .from(taskMember)
      .where(isNotNull(taskMember.score));
    return rows.map((r) => ({ ...r, score: r.score! }));
  }

  /** Stores a member's score; false when they scored already. */
  async submitScore(p: {
    taskId: string;
    supervisorId: string;
    score: number;
    confirmed: boolean | null;
    comment: string | null;
    scoreId: string;
    at: Date;
  }): Promise<boolean> {
    const r = await this.db
      .update(taskMember)
      .set({ score: p.score, confirmed: p.confirmed, comment: p.comment, scoreId: p.scoreId, submittedAt: p.at })
      .where(
        and(eq(taskMember.taskId, p.taskId), eq(taskMember.supervisorId, p.supervisorId), isNull(taskMember.score)),
      )
      .returning({ taskId: taskMember.taskId });
    return r.length === 1;
  }

  async insertPhoto(row: typeof taskPhoto.$inferInsert): Promise<void> {
    await this.db.insert(taskPhoto).values(row);
  }

  async photoCount(taskId: string, supervisorId: string): Promise<number> {
    const [r] = await this.db
      .select({ n: count() })
      .from(taskPhoto)
      .where(and(eq(taskPhoto.taskId, taskId), eq(taskPhoto.supervisorId, supervisorId)));
    return r?.n ?? 0;
  }

  private photoCounts() {
    return this.db
      .select({ taskId: taskPhoto.taskId, supervisorId: taskPhoto.supervisorId, n: count().as('n') })
      .from(taskPhoto)
      .groupBy(taskPhoto.taskId, taskPhoto.supervisorId)
      .as('photos');
  }
}
