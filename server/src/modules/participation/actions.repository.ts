import { and, asc, count, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/database/index.ts';
import { inCodes } from './region-filter.ts';
import { actionItem, followup, response, type ActionRow, type FollowupRow } from './participation.tables.ts';

export type ActionWithFollowups = ActionRow & { asked: number; answered: number; mean: number | null };

/** 你提我办 action items and satisfaction follow-ups (about an action item or another module's object). */
export class ActionsRepository {
  constructor(private readonly db: Db) {}

  async insertAction(row: typeof actionItem.$inferInsert): Promise<void> {
    await this.db.insert(actionItem).values(row);
  }

  async action(id: string): Promise<ActionRow | undefined> {
    const [a] = await this.db.select().from(actionItem).where(eq(actionItem.id, id));
    return a;
  }

  /** A campaign's action items (in the regions, when given) with their follow-up counts and mean satisfaction. */
  async actions(campaignId: string, regionCodes?: string[]): Promise<ActionWithFollowups[]> {
    const where: SQL[] = [eq(actionItem.campaignId, campaignId)];
    if (regionCodes) where.push(inCodes(actionItem.regionCode, regionCodes));
    const rows = await this.db
      .select({
        a: actionItem,
        asked: count(followup.id),
        answered: count(followup.answeredAt),
        mean: sql<number | null>`avg(${followup.satisfaction})::float`,
      })
      .from(actionItem)
      .leftJoin(followup, eq(followup.actionId, actionItem.id))
      .where(and(...where))
      .groupBy(actionItem.id)
      .orderBy(asc(actionItem.deadline), asc(actionItem.createdAt));
    return rows.map(({ a, ...f }) => ({ ...a, ...f }));
  }

  async updateAction(
    id: string,
    patch: { status?: ActionRow['status']; progressNote?: string; deadline?: string },
    at: Date,
  ): Promise<void> {
    await this.db
      .update(actionItem)
      .set({ ...patch, updatedAt: at })
      .where(eq(actionItem.id, id));
  }

  /** One follow-up; false when this person was already asked about this (a unique key). */
  async insertFollowup(row: typeof followup.$inferInsert): Promise<boolean> {
    const r = await this.db.insert(followup).values(row).onConflictDoNothing().returning({ id: followup.id });
    return r.length === 1;
  }

  /** An action item's follow-ups with the respondent's masked phone. */
  async followupsOfAction(actionId: string) {
    return this.db
      .select({
        id: followup.id,
        token: followup.token,
        phoneMasked: response.phoneMasked,
        satisfaction: followup.satisfaction,
        answeredAt: followup.answeredAt,
      })
      .from(followup)
      .innerJoin(response, eq(response.id, followup.responseId))
      .where(eq(followup.actionId, actionId))
      .orderBy(asc(followup.createdAt), asc(followup.id));
  }

  async followupByToken(token: string): Promise<FollowupRow | undefined> {
    const [f] = await this.db.select().from(followup).where(eq(followup.token, token));
    return f;
  }

  /** Records the answer; false when it was answered already. */
  async answerFollowup(id: string, satisfaction: number, comment: string | null, at: Date): Promise<boolean> {
    const r = await this.db
      .update(followup)
      .set({ satisfaction, comment, answeredAt: at })
      .where(and(eq(followup.id, id), isNull(followup.answeredAt)))
      .returning({ id: followup.id });
    return r.length === 1;
  }
}
