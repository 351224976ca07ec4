import crypto from 'node:crypto';
import {
  PARTICIPATION_PERMISSIONS as P,
  type Campaign,
  type CampaignDetail,
  type CreateCampaignRequest,
  type Survey,
  type SurveyDefinition,
  type SurveyInput,
  type UpdateCampaignRequest,
} from '@zhicheng/contracts/participation';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { allQuestions, definitionProblems, droppedMandatory } from './answers.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import { participationError } from './participation.errors.ts';
import type { CampaignRow, SurveyRow } from './participation.tables.ts';
import { SURVEY, type PublishedSurveys } from './published-surveys.ts';
import { CAMPAIGN, type RegionScope } from './region-scope.ts';

export const toCampaign = (c: CampaignRow, names: Map<string, string>, responses: number): Campaign => ({
  id: c.id,
  title: c.title,
  year: c.year,
  regionCode: c.regionCode,
  regionName: names.get(c.regionCode) ?? c.regionCode,
  status: c.status,
  closesAt: c.closesAt?.toISOString() ?? null,
  retentionDays: c.retentionDays,
  demo: c.isDemo,
  responseCount: responses,
  createdAt: c.createdAt.toISOString(),
});

export const toSurvey = (s: SurveyRow, names: Map<string, string>): Survey => ({
  id: s.id,
  campaignId: s.campaignId,
  regionCode: s.regionCode,
  regionName: names.get(s.regionCode) ?? s.regionCode,
  baseSurveyId: s.baseSurveyId,
  lineageId: s.lineageId,
  version: s.version,
  status: s.status,
  title: s.title,
  description: s.description,
  consentVersion: s.consentVersion,
  consentText: s.consentText,
  verifiedOnly: s.verifiedOnly,
  definition: s.definition,
  publishedAt: s.publishedAt?.toISOString() ?? null,
  createdAt: s.createdAt.toISOString(),
});

/**
 * 问需于民 campaigns and their surveys: versioned (a published survey never changes; editing makes the next version
 * of its lineage) and localised down the region tree (a city or county adds questions to the province's template
 * but keeps its mandatory ones).
 */
export class CampaignsService {
  private readonly repo: CampaignsRepository;

  constructor(
    private readonly p: Platform,
    private readonly scope: RegionScope,
    private readonly published: PublishedSurveys,
  ) {
    this.repo = new CampaignsRepository(p.db);
  }

  async createCampaign(
    ctx: RequestContext,
    input: CreateCampaignRequest,
    opts: { demo?: boolean } = {},
  ): Promise<Campaign> {
    if (!(await this.scope.regions.levelOf(input.regionCode)))
      throw invalidField('regionCode', '区划不存在', 'unknown region');
    await this.scope.guard(ctx, P.surveysManage, input.regionCode);
    const id = crypto.randomUUID();
    await this.p.db.transaction(async (tx) => {
      await this.repo.insertCampaign({
        id,
        title: input.title,
        year: input.year,
        regionCode: input.regionCode,
        status: 'open',
        closesAt: input.closesAt ? new Date(input.closesAt) : null,
        retentionDays: input.retentionDays,
        isDemo: !!opts.demo,
        createdBy: ctx.actor?.userId ?? null,
        createdAt: this.p.clock.now(),
      });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.campaign.create',
        objectType: 'campaign',
        objectId: id,
        after: input,
      });
    });
    return toCampaign((await this.repo.campaign(id))!, await this.scope.names([input.regionCode]), 0);
  }

  async listCampaigns(actor: Actor | null): Promise<Campaign[]> {
    this.p.authz.require(actor, P.responsesRead);
    const rows = await this.repo.campaignsIn(await this.scope.visible(actor, P.responsesRead));
    const names = await this.scope.names(rows.map((r) => r.regionCode));
    return rows.map((r) => toCampaign(r, names, r.responses));
  }

  async getCampaign(actor: Actor | null, id: string): Promise<CampaignDetail> {
    const c = await this.scope.visibleCampaign(actor, P.responsesRead, id);
    const vis = new Set(await this.scope.visible(actor!, P.responsesRead));
    const surveys = (await this.repo.surveysOfCampaign(id)).filter((s) => vis.has(s.regionCode));
    const names = await this.scope.names([c.regionCode, ...surveys.map((s) => s.regionCode)]);
    return {
      ...toCampaign(c, names, await this.repo.responseCount(id)),
      surveys: surveys.map((s) => {
        const { definition, ...rest } = toSurvey(s, names);
        return { ...rest, responseCount: s.responses, questionCount: allQuestions(definition).length };
      }),
    };
  }

  async updateCampaign(ctx: RequestContext, id: string, patch: UpdateCampaignRequest): Promise<Campaign> {
    const c = await this.repo.campaign(id);
    if (!c) throw notFound(CAMPAIGN);
    await this.scope.guard(ctx, P.surveysManage, c.regionCode);
    await this.p.db.transaction(async (tx) => {
      await this.repo.updateCampaign(id, patch);
      await this.p.audit.record(tx, ctx, {
        action: 'participation.campaign.update',
        objectType: 'campaign',
        objectId: id,
        before: { status: c.status },
        after: patch,
      });
    });
    this.published.clear();
    return toCampaign(
      (await this.repo.campaign(id))!,
      await this.scope.names([c.regionCode]),
      await this.repo.responseCount(id),
    );
  }

  // ------------------------------------------------------------ surveys

  async createSurvey(
    ctx: RequestContext,
    campaignId: string,
    input: SurveyInput & { regionCode: string; baseSurveyId?: string },
  ): Promise<Survey> {
    const c = await this.repo.campaign(campaignId);
    if (!c) throw notFound(CAMPAIGN);
    await this.scope.guard(ctx, P.surveysManage, input.regionCode);
    const lineage = await this.scope.regions.lineage(input.regionCode);
    if (!lineage?.includes(c.regionCode))
      throw invalidField('regionCode', '须在活动区划范围内', 'must be inside the campaign’s region');
    checkDefinition(input.definition);
    let base: SurveyRow | undefined;
    if (input.baseSurveyId) {
      base = await this.repo.survey(input.baseSurveyId);
      if (!base || base.campaignId !== campaignId || base.status !== 'published')
        throw invalidField(
          'baseSurveyId',
          '模板须为本活动已发布的问卷',
          'the template must be a published survey of this campaign',
        );
      if (!lineage.slice(1).includes(base.regionCode))
        throw invalidField('baseSurveyId', '模板须来自上级区划', 'the template must belong to an ancestor region');
      checkLocalisation(base, input.definition);
    }
    const id = crypto.randomUUID();
    await this.p.db.transaction(async (tx) => {
      await this.repo.insertSurvey({
        id,
        campaignId,
        regionCode: input.regionCode,
        baseSurveyId: base?.id ?? null,
        lineageId: id,
        version: 1,
        status: 'draft',
        title: input.title,
        description: input.description,
        consentVersion: input.consentVersion,
        consentText: input.consentText,
        verifiedOnly: input.verifiedOnly,
        definition: input.definition,
        createdBy: ctx.actor?.userId ?? null,
        createdAt: this.p.clock.now(),
      });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.survey.create',
        objectType: 'survey',
        objectId: id,
        after: input,
      });
    });
    return this.surveyOut(id);
  }

  async getSurvey(actor: Actor | null, id: string): Promise<Survey> {
    this.p.authz.require(actor, P.responsesRead);
    const s = await this.repo.survey(id);
    if (!s) throw notFound(SURVEY);
    await this.scope.assertVisible(actor, P.responsesRead, s.regionCode);
    return toSurvey(s, await this.scope.names([s.regionCode]));
  }

  async updateSurvey(ctx: RequestContext, id: string, input: SurveyInput): Promise<Survey> {
    const s = await this.repo.survey(id);
    if (!s) throw notFound(SURVEY);
    await this.scope.guard(ctx, P.surveysManage, s.regionCode);
    if (s.status !== 'draft') throw participationError('survey_published');
    checkDefinition(input.definition);
    const base = s.baseSurveyId ? await this.repo.survey(s.baseSurveyId) : undefined;
    if (base) checkLocalisation(base, input.definition);
    await this.p.db.transaction(async (tx) => {
      if (!(await this.repo.updateDraft(id, input))) throw participationError('survey_published');
      await this.p.audit.record(tx, ctx, {
        action: 'participation.survey.update',
        objectType: 'survey',
        objectId: id,
        before: s.definition,
        after: input,
      });
    });
    return this.surveyOut(id);
  }

  async publishSurvey(ctx: RequestContext, id: string): Promise<Survey> {
    const s = await this.repo.survey(id);
    if (!s) throw notFound(SURVEY);
    await this.scope.guard(ctx, P.surveysManage, s.regionCode);
    if (s.status !== 'draft') throw participationError('survey_published');
    if (!allQuestions(s.definition).length)
      throw invalidField('definition', '问卷没有题目', 'the survey has no questions');
    await this.p.db.transaction(async (tx) => {
      await this.repo.publish(s, this.p.clock.now());
      await this.p.audit.record(tx, ctx, {
        action: 'participation.survey.publish',
        objectType: 'survey',
        objectId: id,
        after: { version: s.version },
      });
    });
    this.published.clear();
    return this.surveyOut(id);
  }

  /** Editing a published survey: a new draft version in the same lineage; the published one stays as it was. */
  async newVersion(ctx: RequestContext, id: string): Promise<Survey> {
    const s = await this.repo.survey(id);
    if (!s) throw notFound(SURVEY);
    await this.scope.guard(ctx, P.surveysManage, s.regionCode);
    const latest = (await this.repo.latestOfLineage(s.lineageId))!;
    if (latest.status === 'draft') return this.surveyOut(latest.id);
    const nid = crypto.randomUUID();
    await this.p.db.transaction(async (tx) => {
      await this.repo.insertSurvey({
        ...latest,
        id: nid,
        campaignId: s.campaignId,
        regionCode: s.regionCode,
        baseSurveyId: s.baseSurveyId,
        version: latest.version + 1,
        status: 'draft',
        publishedAt: null,
        createdBy: ctx.actor?.userId ?? null,
        createdAt: this.p.clock.now(),
      });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.survey.new-version',
        objectType: 'survey',
        objectId: nid,
        after: { from: latest.id, version: latest.version + 1 },
      });
    });
    return this.surveyOut(nid);
  }

  private async surveyOut(id: string): Promise<Survey> {
    const s = (await this.repo.survey(id))!;
    return toSurvey(s, await this.scope.names([s.regionCode]));
  }
}

function checkDefinition(def: SurveyDefinition): void {
  const problems = definitionProblems(def);
  if (problems.length)
    throw platformError(
      'validation_failed',
      {
        zh: problems.map((p) => `${p.path}: ${p.zh}`).join('; '),
        en: problems.map((p) => `${p.path}: ${p.en}`).join('; '),
      },
      problems.map((p) => ({ path: p.path, message: p.en })),
    );
}

/** A localisation keeps every mandatory question of its template unchanged. */
function checkLocalisation(base: SurveyRow, def: SurveyDefinition): void {
  const dropped = droppedMandatory(base.definition, def);
  if (dropped.length)
    throw participationError(
      'mandatory_dropped',
      { zh: dropped.join('、'), en: dropped.join(', ') },
      dropped.map((id) => ({
        path: `definition.${id}`,
        message: 'mandatory question of the template dropped or changed',
      })),
    );
}
