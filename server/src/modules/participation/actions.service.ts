import crypto from 'node:crypto';
import {
  PARTICIPATION_EVENTS,
  PARTICIPATION_PERMISSIONS as P,
  SatisfactionFollowupRequest,
  type ActionItem,
  type CreateActionRequest,
  type Followup,
  type PublicFollowup,
  type PublicProgress,
  type SatisfactionAnswered,
  type SatisfactionFollowupResult,
  type UpdateActionRequest,
} from '@zhicheng/contracts/participation';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import { maskPersonalText, maskPhone } from '../../platform/crypto/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { ActionsRepository, type ActionWithFollowups } from './actions.repository.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import { parseApiInput } from './participation.errors.ts';
import type { ActionRow } from './participation.tables.ts';
import { CAMPAIGN, ymd, type RegionScope } from './region-scope.ts';
import { ResponsesRepository } from './responses.repository.ts';

const ACTION = { zh: '办理事项', en: 'action item' };
const FOLLOWUP = { zh: '回访', en: 'follow-up' };
/** A private link's token: 18 random bytes, unguessable. */
const newToken = () => crypto.randomBytes(18).toString('base64url');

const toAction = (
  a: ActionRow & Partial<Omit<ActionWithFollowups, keyof ActionRow>>,
  names: Map<string, string>,
): ActionItem => ({
  id: a.id,
  campaignId: a.campaignId,
  regionCode: a.regionCode,
  regionName: names.get(a.regionCode) ?? a.regionCode,
  department: a.department,
  title: a.title,
  topicLabel: a.topicLabel,
  responseId: a.responseId,
  demandCount: a.demandCount,
  deadline: ymd(a.deadline),
  status: a.status,
  progressNote: a.progressNote,
  updatedAt: a.updatedAt.toISOString(),
  followups: {
    asked: a.asked ?? 0,
    answered: a.answered ?? 0,
    meanSatisfaction: a.mean == null ? null : Math.round(Number(a.mean) * 10) / 10,
  },
});

/**
 * 你提我办: demands turned into action items for departments, their public progress page, and satisfaction
 * follow-ups by private link, about an action item or, for another module, about one of its objects.
 */
export class ActionsService {
  private readonly repo: ActionsRepository;
  private readonly campaigns: CampaignsRepository;
  private readonly responses: ResponsesRepository;

  constructor(
    private readonly p: Platform,
    private readonly scope: RegionScope,
  ) {
    this.repo = new ActionsRepository(p.db);
    this.campaigns = new CampaignsRepository(p.db);
    this.responses = new ResponsesRepository(p.db);
  }

  async createAction(ctx: RequestContext, campaignId: string, input: CreateActionRequest): Promise<ActionItem> {
    const c = await this.campaigns.campaign(campaignId);
    if (!c) throw notFound(CAMPAIGN);
    await this.scope.guard(ctx, P.actionsManage, input.regionCode);
    if (!((await this.scope.regions.lineage(input.regionCode)) ?? []).includes(c.regionCode))
      throw invalidField('regionCode', '须在活动区划范围内', 'must be inside the campaign’s region');
    const id = crypto.randomUUID();
    const at = this.p.clock.now();
    await this.p.db.transaction(async (tx) => {
      await this.repo.insertAction({
        id,
        campaignId,
        regionCode: input.regionCode,
        department: input.department,
        title: input.title,
        topicLabel: input.topicLabel ?? null,
        responseId: input.responseId ?? null,
        demandCount: input.demandCount ?? 0,
        deadline: input.deadline,
        status: 'planned',
        progressNote: '',
        createdBy: ctx.actor?.userId ?? null,
        createdAt: at,
        updatedAt: at,
      });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.action.create',
        objectType: 'action_item',
        objectId: id,
        after: input,
      });
    });
    return toAction((await this.repo.action(id))!, await this.scope.names([input.regionCode]));
  }

  async listActions(actor: Actor | null, campaignId: string): Promise<ActionItem[]> {
    await this.scope.visibleCampaign(actor, P.responsesRead, campaignId);
    const rows = await this.repo.actions(campaignId, await this.p.authz.scopeCodes(actor!, P.responsesRead));
    const names = await this.scope.names(rows.map((r) => r.regionCode));
    return rows.map((r) => toAction(r, names));
  }

  async updateAction(ctx: RequestContext, id: string, patch: UpdateActionRequest): Promise<ActionItem> {
    const a = await this.repo.action(id);
    if (!a) throw notFound(ACTION);
    await this.scope.guard(ctx, P.actionsManage, a.regionCode);
    await this.p.db.transaction(async (tx) => {
      await this.repo.updateAction(id, patch, this.p.clock.now());
      await this.p.audit.record(tx, ctx, {
        action: 'participation.action.update',
        objectType: 'action_item',
        objectId: id,
        before: { status: a.status, progressNote: a.progressNote },
        after: patch,
      });
    });
    const rows = await this.repo.actions(a.campaignId, [a.regionCode]);
    return toAction(
      rows.find((r) => r.id === id)!,
      await this.scope.names([a.regionCode]),
    );
  }

  /** The public page of a campaign: what was done about the demands, with satisfaction. */
  async publicProgress(campaignId: string): Promise<PublicProgress> {
    const c = await this.campaigns.campaign(campaignId);
    if (!c) throw notFound(CAMPAIGN);
    const rows = await this.repo.actions(campaignId);
    const names = await this.scope.names([c.regionCode, ...rows.map((r) => r.regionCode)]);
    return {
      campaign: {
        id: c.id,
        title: c.title,
        year: c.year,
        regionName: names.get(c.regionCode) ?? c.regionCode,
        demo: c.isDemo,
        responseCount: await this.campaigns.responseCount(c.id),
      },
      items: rows.map((r) => {
        const { responseId: _r, followups, ...rest } = toAction(r, names);
        return { ...rest, satisfaction: followups.meanSatisfaction };
      }),
    };
  }

  /**
   * Asks respondents who left a phone number whether they are satisfied: one follow-up per respondent with a
   * private link (the SMS gateway that carries it is outside this system). Matches the action's single demand,
   * or answers in its region mentioning the topic's words.
   */
  async createFollowups(ctx: RequestContext, actionId: string): Promise<{ created: number }> {
    const a = await this.repo.action(actionId);
    if (!a) throw notFound(ACTION);
    await this.scope.guard(ctx, P.actionsManage, a.regionCode);
    const asked = await this.responses.contactable(a.campaignId, await this.scope.regions.subtree(a.regionCode), {
      responseId: a.responseId,
      words: a.responseId ? [] : (a.topicLabel ?? '').split(/[·、,\s]+/),
    });
    let created = 0;
    await this.p.db.transaction(async (tx) => {
      for (const { id: responseId } of asked) {
        const row = { id: crypto.randomUUID(), actionId, responseId, token: newToken(), createdAt: this.p.clock.now() };
        if (await this.repo.insertFollowup(row)) created++;
      }
      await this.p.audit.record(tx, ctx, {
        action: 'participation.followup.create',
        objectType: 'action_item',
        objectId: actionId,
        after: { created },
      });
    });
    return { created };
  }

  async listFollowups(actor: Actor | null, actionId: string): Promise<Followup[]> {
    const a = await this.repo.action(actionId);
    if (!a) throw notFound(ACTION);
    await this.p.authz.assertCovers(actor, P.actionsManage, a.regionCode);
    return (await this.repo.followupsOfAction(actionId)).map((f) => ({
      ...f,
      answeredAt: f.answeredAt?.toISOString() ?? null,
    }));
  }

  /**
   * For other modules (ParticipationApi.createSatisfactionFollowup): asks about one of their objects — the phones
   * given, and respondents of the latest campaign covering the region who left a phone and mentioned a demand word.
   * A phone is kept only masked and as a keyed digest; asking the same person twice about a subject is skipped.
   */
  async createSatisfactionFollowup(ctx: RequestContext, raw: unknown): Promise<SatisfactionFollowupResult> {
    const input = parseApiInput(SatisfactionFollowupRequest, raw);
    await this.scope.guard(ctx, P.actionsManage, input.regionCode);
    const lineage = await this.scope.regions.lineage(input.regionCode);
    if (!lineage) throw invalidField('regionCode', '区划不存在', 'unknown region');
    const words = input.demandWords ?? [];
    const c = words.length ? await this.campaigns.latestCovering(lineage) : undefined;
    const respondents = c
      ? await this.responses.contactable(c.id, await this.scope.regions.subtree(input.regionCode), { words })
      : [];
    const s = input.subject;
    const about = {
      subjectModule: s.module,
      subjectType: s.objectType,
      subjectId: s.objectId,
      subjectTitle: s.title,
      regionCode: input.regionCode,
      department: input.department,
      note: input.note,
    };
    const links: SatisfactionFollowupResult['links'] = [];
    await this.p.db.transaction(async (tx) => {
      // A respondent's masked phone stays on their response (and goes with it at the purge); a given one is kept here.
      const ask = async (
        who: { responseId: string } | { phoneMasked: string; phoneDigest: string },
        phoneMasked: string | null,
      ) => {
        const token = newToken();
        if (
          await this.repo.insertFollowup({
            id: crypto.randomUUID(),
            token,
            createdAt: this.p.clock.now(),
            ...about,
            ...who,
          })
        )
          links.push({ token, phoneMasked });
      };
      for (const phone of new Set(input.phones ?? [])) {
        const phoneMasked = maskPhone(phone);
        await ask({ phoneMasked, phoneDigest: this.p.protector.digest(`followup-phone:${phone}`) }, phoneMasked);
      }
      for (const r of respondents) await ask({ responseId: r.id }, r.phoneMasked);
      await this.p.audit.record(tx, ctx, {
        action: 'participation.followup.create',
        objectType: `${s.module}.${s.objectType}`,
        objectId: s.objectId,
        after: { created: links.length, subject: s },
      });
    });
    return { created: links.length, links };
  }

  async publicFollowup(token: string): Promise<PublicFollowup> {
    const f = await this.repo.followupByToken(token);
    if (!f) throw notFound(FOLLOWUP);
    if (!f.actionId)
      return {
        actionTitle: f.subjectTitle!,
        department: f.department!,
        progressNote: f.note!,
        status: 'done',
        answered: !!f.answeredAt,
      };
    const a = (await this.repo.action(f.actionId))!;
    return {
      actionTitle: a.title,
      department: a.department,
      progressNote: a.progressNote,
      status: a.status,
      answered: !!f.answeredAt,
    };
  }

  /** A follow-up about another module's object is announced to it (the answer, never who gave it). */
  async answerFollowup(token: string, input: { satisfaction: number; comment?: string }): Promise<void> {
    const f = await this.repo.followupByToken(token);
    if (!f) throw notFound(FOLLOWUP);
    const at = this.p.clock.now();
    await this.p.db.transaction(async (tx) => {
      const comment = input.comment ? maskPersonalText(input.comment) : null;
      if (!(await this.repo.answerFollowup(f.id, input.satisfaction, comment, at)))
        throw platformError('conflict', { zh: '已评价过', en: 'already answered' });
      if (f.subjectModule) {
        const event: SatisfactionAnswered = {
          followupId: f.id,
          subject: {
            module: f.subjectModule,
            objectType: f.subjectType!,
            objectId: f.subjectId!,
            title: f.subjectTitle!,
          },
          regionCode: f.regionCode!,
          satisfaction: input.satisfaction,
          answeredAt: at.toISOString(),
        };
        await this.p.events.publish(tx, PARTICIPATION_EVENTS.satisfactionAnswered, event);
      }
    });
  }
}
