import crypto from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { SCENARIOS_PERMISSIONS as P, type DuplicateList } from '@zhicheng/contracts/scenarios';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { queryRows } from '../../platform/database/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { CaseListRow } from './cases.repository.ts';
import type { CasesService } from './cases.service.ts';
import { bandKeys, DUPLICATE_THRESHOLD, jaccard, matchingPassages, minhash, shingles } from './duplicates.ts';
import { scenariosError } from './scenarios.errors.ts';
import { caseBand, replication, similarCase } from './scenarios.tables.ts';
import { contentTokens } from './text.ts';

/** The text two cases are compared on: what they say they do, not the figures. */
const comparable = (c: { title: string; summary: string; problem: string; approach: string }) =>
  [c.title, c.summary, c.problem, c.approach].join('。');
const shingleSet = (c: Parameters<typeof comparable>[0]) => shingles(contentTokens(comparable(c)));

/**
 * Near-duplicates: every case is indexed by its MinHash band keys when filed or edited; a check compares it with
 * the cases sharing a key, exactly. A reviewer sees the matching passages side by side and links the case as a
 * replication of the other (the adopter's city then confirms it) or dismisses the match. Nothing is merged.
 */
export class DuplicatesService {
  constructor(
    private readonly platform: Platform,
    private readonly cases: CasesService,
  ) {}

  /** Replaces the case's band keys (inside the caller's transaction). */
  async index(
    rows: { id: string; title: string; summary: string; problem: string; approach: string }[],
  ): Promise<void> {
    if (!rows.length) return;
    await this.platform.db.delete(caseBand).where(
      inArray(
        caseBand.caseId,
        rows.map((r) => r.id),
      ),
    );
    const values = rows.flatMap((r) => bandKeys(minhash(shingleSet(r))).map((k) => ({ case_id: r.id, band_key: k })));
    // One JSON parameter per 20,000 keys: an import or the demo writes hundreds of thousands.
    for (let i = 0; i < values.length; i += 20_000)
      await this.platform.db.execute(sql`
        INSERT INTO scenarios.case_band (case_id, band_key)
        SELECT case_id, band_key FROM jsonb_to_recordset(${JSON.stringify(values.slice(i, i + 20_000))}::jsonb)
          AS x(case_id uuid, band_key text)`);
  }

  /** Cases like this one, most similar first (candidates by band key, then the exact Jaccard). */
  async similarTo(c: CaseListRow): Promise<{ other: CaseListRow; similarity: number }[]> {
    const keys = bandKeys(minhash(shingleSet(c)));
    const ids = await queryRows<{ case_id: string }>(
      this.platform.db,
      sql`SELECT DISTINCT case_id FROM scenarios.case_band
          WHERE band_key = ANY(string_to_array(${keys.join('|')}, '|')) AND case_id <> ${c.id} LIMIT 200`,
    );
    const mine = shingleSet(c);
    return (await this.cases.repo.byIds(ids.map((r) => r.case_id)))
      .filter((o) => o.status !== 'retired')
      .map((other) => ({ other, similarity: Math.round(jaccard(mine, shingleSet(other)) * 1000) / 1000 }))
      .filter((x) => x.similarity >= DUPLICATE_THRESHOLD)
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, 10);
  }

  /** What the case page shows: each similar case with the passages side by side and the decision taken. */
  async list(ctx: RequestContext, id: string): Promise<DuplicateList> {
    const c = await this.cases.load(id);
    await this.platform.authz.assertCovers(ctx.actor, P.read, c.regionCode);
    const found = await this.similarTo(c);
    const decided = new Map(
      (await this.platform.db.select().from(similarCase).where(eq(similarCase.caseId, id))).map((r) => [
        r.otherId,
        r.status,
      ]),
    );
    const summaries = new Map((await this.cases.summaries(found.map((f) => f.other))).map((s) => [s.id, s]));
    return {
      items: found.map(({ other, similarity }) => ({
        otherId: other.id,
        title: other.title,
        regionName: summaries.get(other.id)?.regionName ?? other.regionCode,
        status: other.status,
        similarity,
        decision: decided.get(other.id) ?? 'open',
        passages: matchingPassages(comparable(c), comparable(other), contentTokens),
      })),
    };
  }

  /**
   * A reviewer's decision on a match: `link` records the case as a replication of the other (claimed; the
   * adopter's city confirms it), `dismiss` says they are different. Only someone who may decide on the case.
   */
  async decide(ctx: RequestContext, id: string, otherId: string, decision: 'link' | 'dismiss'): Promise<DuplicateList> {
    await this.platform.db.transaction(async (tx) => {
      const c = await this.cases.load(id, { forUpdate: true });
      const actor = await this.platform.authz.assertCovers(ctx.actor, P.decide, c.regionCode);
      const found = (await this.similarTo(c)).find((f) => f.other.id === otherId);
      if (!found) throw scenariosError('scenarios_not_similar');
      const now = this.platform.clock.now();
      await this.platform.db
        .insert(similarCase)
        .values({
          caseId: id,
          otherId,
          similarity: found.similarity,
          status: decision === 'link' ? 'linked' : 'dismissed',
          foundAt: now,
          decidedBy: actor.userId,
          decidedAt: now,
        })
        .onConflictDoUpdate({
          target: [similarCase.caseId, similarCase.otherId],
          set: { status: decision === 'link' ? 'linked' : 'dismissed', decidedBy: actor.userId, decidedAt: now },
        });
      if (decision === 'link') {
        const [exists] = await this.platform.db
          .select({ id: replication.id })
          .from(replication)
          .where(and(eq(replication.sourceCaseId, otherId), eq(replication.adopterRegion, c.regionCode)));
        if (!exists)
          await this.platform.db.insert(replication).values({
            id: crypto.randomUUID(),
            sourceCaseId: otherId,
            adopterRegion: c.regionCode,
            adopterCity: c.cityCode,
            adopterCaseId: c.id,
            evidence: `审核中发现与「${found.other.title}」高度相似(${Math.round(found.similarity * 100)}%),关联为复制推广`,
            adoptedOn: c.goLive ?? now.toISOString().slice(0, 10),
            status: 'claimed',
            reason: null,
            isDemo: false,
            createdBy: actor.userId,
            createdAt: now,
            decidedBy: null,
            decidedAt: null,
          });
      }
      await this.platform.audit.record(tx, ctx, {
        action: `scenarios.duplicate.${decision}`,
        objectType: 'scenarios.case',
        objectId: id,
        after: { otherId, similarity: found.similarity },
      });
    });
    return this.list(ctx, id);
  }
}
