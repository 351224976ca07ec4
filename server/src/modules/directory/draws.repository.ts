import { and, asc, count, desc, eq, inArray, max, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import {
  draw,
  drawCandidate,
  drawPick,
  type DrawCandidateRow,
  type DrawPickRow,
  type DrawRow,
} from './directory.tables.ts';

/** All SQL on draws, their candidates and picks. */
export class DrawsRepository {
  constructor(private readonly db: Db) {}

  async lastAttempt(module: string, objectType: string, objectId: string): Promise<number> {
    const [r] = await this.db
      .select({ n: max(draw.attempt) })
      .from(draw)
      .where(and(eq(draw.module, module), eq(draw.objectType, objectType), eq(draw.objectId, objectId)));
    return r?.n ?? 0;
  }

  async insert(
    row: typeof draw.$inferInsert,
    candidates: (typeof drawCandidate.$inferInsert)[],
    picks: (typeof drawPick.$inferInsert)[],
  ): Promise<void> {
    await this.db.insert(draw).values(row);
    // Chunks keep a large library's candidate list under the bind-parameter limit.
    for (let i = 0; i < candidates.length; i += 1000)
      await this.db.insert(drawCandidate).values(candidates.slice(i, i + 1000));
    if (picks.length) await this.db.insert(drawPick).values(picks);
  }

  async byId(id: string, o: { forUpdate?: boolean } = {}): Promise<DrawRow | undefined> {
    const q = this.db.select().from(draw).where(eq(draw.id, id));
    const [r] = o.forUpdate ? await q.for('update') : await q;
    return r;
  }

  async page(
    regionCodes: string[] | null,
    q: { module?: string; objectId?: string; status?: string; limit: number; offset: number },
  ): Promise<{ rows: DrawRow[]; total: number }> {
    if (regionCodes && !regionCodes.length) return { rows: [], total: 0 };
    const where: SQL[] = [];
    if (regionCodes) where.push(inArray(draw.regionCode, regionCodes));
    if (q.module) where.push(eq(draw.module, q.module));
    if (q.objectId) where.push(eq(draw.objectId, q.objectId));
    if (q.status) where.push(eq(draw.status, q.status));
    const cond = where.length ? and(...where) : undefined;
    const [total] = await this.db.select({ n: count() }).from(draw).where(cond);
    const rows = await this.db
      .select()
      .from(draw)
      .where(cond)
      .orderBy(desc(draw.requestedAt), desc(draw.id))
      .limit(q.limit)
      .offset(q.offset);
    return { rows, total: total?.n ?? 0 };
  }

  async candidates(drawId: string): Promise<DrawCandidateRow[]> {
    return this.db
      .select()
      .from(drawCandidate)
      .where(eq(drawCandidate.drawId, drawId))
      .orderBy(asc(drawCandidate.code));
  }

  async exclusionCounts(
    drawIds: string[],
  ): Promise<Map<string, { candidates: number; byReason: Map<string, number> }>> {
    const out = new Map<string, { candidates: number; byReason: Map<string, number> }>();
    if (!drawIds.length) return out;
    const rows = await this.db
      .select({ drawId: drawCandidate.drawId, excluded: drawCandidate.excluded, n: count() })
      .from(drawCandidate)
      .where(inArray(drawCandidate.drawId, drawIds))
      .groupBy(drawCandidate.drawId, drawCandidate.excluded);
    for (const r of rows) {
      const e = out.get(r.drawId) ?? { candidates: 0, byReason: new Map() };
      e.candidates += r.n;
      if (r.excluded) e.byReason.set(r.excluded, r.n);
      out.set(r.drawId, e);
    }
    return out;
  }

  async picks(drawIds: string[]): Promise<DrawPickRow[]> {
    if (!drawIds.length) return [];
    return this.db
      .select()
      .from(drawPick)
      .where(inArray(drawPick.drawId, drawIds))
      .orderBy(asc(drawPick.drawId), asc(drawPick.position));
  }

  async picksOfExpert(expertId: string): Promise<DrawPickRow[]> {
    return this.db.select().from(drawPick).where(eq(drawPick.expertId, expertId)).orderBy(desc(drawPick.invitedAt));
  }

  async insertPick(row: typeof drawPick.$inferInsert): Promise<void> {
    await this.db.insert(drawPick).values(row);
  }

  async updatePick(drawId: string, position: number, patch: Partial<typeof drawPick.$inferInsert>): Promise<void> {
    await this.db
      .update(drawPick)
      .set(patch)
      .where(and(eq(drawPick.drawId, drawId), eq(drawPick.position, position)));
  }

  async update(id: string, patch: Partial<typeof draw.$inferInsert>): Promise<void> {
    await this.db.update(draw).set(patch).where(eq(draw.id, id));
  }
}
