import crypto from 'node:crypto';
import { and, desc, eq, or, sql } from 'drizzle-orm';
import { SCENARIOS_PERMISSIONS as P, type MergeConsent, type MergeProposal } from '@zhicheng/contracts/scenarios';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { BoardService } from './board.service.ts';
import type { CasesService } from './cases.service.ts';
import type { DuplicatesService } from './duplicates.service.ts';
import { scenariosError } from './scenarios.errors.ts';
import { mergeProposal, scenarioCase, type MergeProposalRow } from './scenarios.tables.ts';

const PROPOSAL = { zh: '合并建议', en: 'merge proposal' };

/**
 * Merging near-duplicates with consent (CONSUL lets an author retire a proposal in favour of another; Decidim merged
 * by trigram match and dropped it). A reviewer of the case's region proposes retiring a case in favour of a similar
 * one; the authors of each side (the operators of its region) consent or decline; only when both sides consented is
 * the case retired — its steps, votes and adoptions stay on record, it leaves the open round's board, and its page
 * names the case it went into. Nothing is merged silently.
 */
export class MergesService {
  constructor(
    private readonly platform: Platform,
    private readonly cases: CasesService,
    private readonly duplicates: DuplicatesService,
    private readonly board: BoardService,
  ) {}

  async propose(ctx: RequestContext, caseId: string, intoId: string, reason: string): Promise<MergeProposal> {
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      const c = await this.cases.load(caseId, { forUpdate: true });
      const actor = await this.platform.authz.assertCovers(ctx.actor, P.decide, c.regionCode);
      const found = (await this.duplicates.similarTo(c)).find((f) => f.other.id === intoId);
      if (!found || c.status === 'retired' || found.other.status === 'retired')
        throw scenariosError('scenarios_not_similar');
      const [open] = await this.platform.db
        .select({ id: mergeProposal.id })
        .from(mergeProposal)
        .where(
          and(
            eq(mergeProposal.status, 'pending'),
            or(
              and(eq(mergeProposal.caseId, caseId), eq(mergeProposal.intoId, intoId)),
              and(eq(mergeProposal.caseId, intoId), eq(mergeProposal.intoId, caseId)),
            ),
          ),
        );
      if (open) throw scenariosError('scenarios_merge_pending');
      const row = {
        id,
        caseId,
        intoId,
        reason,
        status: 'pending' as const,
        proposedBy: actor.userId,
        proposedAt: this.platform.clock.now(),
      };
      await this.platform.db.insert(mergeProposal).values(row);
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.case.merge-propose',
        objectType: 'scenarios.case',
        objectId: caseId,
        after: { ...row, similarity: found.similarity },
      });
    });
    return (await this.of(caseId, false)).find((m) => m.id === id)!;
  }

  /**
   * An author's answer for their side. The operators of the retiring case's region answer for it, those of the
   * other case's region for that one (an operator of both answers for both). A refusal ends the proposal.
   */
  async consent(ctx: RequestContext, proposalId: string, answer: MergeConsent): Promise<MergeProposal> {
    let caseId = '';
    await this.platform.db.transaction(async (tx) => {
      const [p] = await this.platform.db
        .select()
        .from(mergeProposal)
        .where(eq(mergeProposal.id, proposalId))
        .for('update');
      if (!p) throw notFound(PROPOSAL);
      caseId = p.caseId;
      const c = await this.cases.load(p.caseId, { forUpdate: true });
      const into = await this.cases.load(p.intoId);
      const actor = ctx.actor;
      this.platform.authz.require(actor, P.file);
      const authorOf = async (regionCode: string) => (await this.cases.holder(actor, { regionCode })).author;
      const [caseAuthor, intoAuthor] = [await authorOf(c.regionCode), await authorOf(into.regionCode)];
      if (!caseAuthor && !intoAuthor) throw scenariosError('scenarios_not_author');
      const sides = { case: !p.caseConsentAt && caseAuthor, into: !p.intoConsentAt && intoAuthor };
      if (p.status !== 'pending' || (!sides.case && !sides.into)) throw scenariosError('scenarios_merge_not_pending');
      const now = this.platform.clock.now();
      let next: Partial<MergeProposalRow>;
      if (!answer.accept)
        next = { status: 'declined', declinedBy: actor.userId, declineNote: answer.note ?? null, decidedAt: now };
      else {
        next = {
          ...(sides.case ? { caseConsentBy: actor.userId, caseConsentAt: now } : {}),
          ...(sides.into ? { intoConsentBy: actor.userId, intoConsentAt: now } : {}),
        };
        if ((p.caseConsentAt || sides.case) && (p.intoConsentAt || sides.into)) {
          next = { ...next, status: 'merged', decidedAt: now };
          await this.cases.transition(ctx, c, 'merge', 'retired', `并入「${into.title}」:${p.reason}`);
          await this.board.caseRetired(c.id);
        }
      }
      await this.platform.db.update(mergeProposal).set(next).where(eq(mergeProposal.id, p.id));
      await this.platform.audit.record(tx, ctx, {
        action: answer.accept ? 'scenarios.case.merge-consent' : 'scenarios.case.merge-decline',
        objectType: 'scenarios.case',
        objectId: p.caseId,
        before: { status: p.status },
        after: { proposal: p.id, ...next },
      });
    });
    return (await this.of(caseId, false)).find((m) => m.id === proposalId)!;
  }

  /** The proposals a case is part of, newest first; `author`: the viewer is an author of this case's region. */
  async of(caseId: string, author: boolean): Promise<MergeProposal[]> {
    const into = sql<string>`(SELECT title FROM scenarios.scenario_case WHERE id = ${mergeProposal.intoId})`;
    const rows = await this.platform.db
      .select({ p: mergeProposal, caseTitle: scenarioCase.title, intoTitle: into })
      .from(mergeProposal)
      .innerJoin(scenarioCase, eq(scenarioCase.id, mergeProposal.caseId))
      .where(or(eq(mergeProposal.caseId, caseId), eq(mergeProposal.intoId, caseId)))
      .orderBy(desc(mergeProposal.proposedAt));
    return rows.map(({ p, caseTitle, intoTitle }) => {
      const side = p.caseId === caseId ? 'case' : 'into';
      const given = side === 'case' ? !!p.caseConsentAt : !!p.intoConsentAt;
      return {
        id: p.id,
        caseId: p.caseId,
        caseTitle,
        intoId: p.intoId,
        intoTitle,
        reason: p.reason,
        status: p.status,
        proposedAt: p.proposedAt.toISOString(),
        caseConsent: !!p.caseConsentAt,
        intoConsent: !!p.intoConsentAt,
        declineNote: p.declineNote,
        canConsentFor: author && p.status === 'pending' && !given ? side : null,
      };
    });
  }
}
