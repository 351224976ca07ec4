import crypto from 'node:crypto';
import {
  PARTICIPATION_PERMISSIONS as P,
  type ActionItem,
  type Answer,
  type Campaign,
  type CampaignDetail,
  type CampaignStats,
  type Channel,
  type PublicProgress,
  type PublicSurvey,
  type ResponseReceipt,
  type ResponseRow,
  type Survey,
  type SurveyDefinition,
  type SurveyInput,
  type TopicAnalysis,
  type TopicComparison,
  type Permission,
} from '@zhicheng/contracts';
import { isSystem, type Actor, type RequestContext } from '../../platform/authorization/index.ts';
import { maskPersonalText, maskPhone } from '../../platform/crypto/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { allQuestions, definitionProblems, droppedMandatory, validateAnswers } from './answers.ts';
import { ParticipationError } from './participation.errors.ts';
import {
  ParticipationRepository,
  type ActionRow,
  type CampaignRow,
  type SurveyRow,
} from './participation.repository.ts';
import { analyse, matchTopic } from './topics.ts';

const CAMPAIGN = { zh: '征集活动', en: 'campaign' };
const SURVEY = { zh: '问卷', en: 'survey' };
const ACTION = { zh: '办理事项', en: 'action item' };

const CHOICE_TYPES = new Set(['single', 'multiple', 'rating', 'matrix', 'number']);
const ymd = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

export interface SubmitInput {
  answers: Answer[];
  consentVersion: string;
  deviceToken?: string;
  phone?: string;
  idempotencyKey: string;
}

/**
 * Campaigns, surveys (versioned, localised down the region tree), responses (online and paper), analysis and
 * 你提我办 action items. Every staff call checks region scope; the public answer path is one INSERT.
 */
export class ParticipationService {
  readonly repo = new ParticipationRepository();
  /** Published surveys never change, so the answer path keeps them briefly; status changes show within 10 s. */
  private readonly publicCache = new Map<string, { at: number; survey: SurveyRow; campaign: CampaignRow }>();

  /**
   * Group commit for the public answer path: answers arriving while a write is in flight go together in the next
   * multi-row INSERT. Each caller still waits for the commit that holds its row before it is acknowledged.
   */
  private readonly pending: {
    row: Parameters<ParticipationRepository['insertResponse']>[1];
    done(inserted: boolean): void;
    fail(err: unknown): void;
  }[] = [];
  private inFlight = 0;

  constructor(
    private readonly p: Platform,
    private readonly regions: RegionsService,
  ) {}

  private enqueue(row: Parameters<ParticipationRepository['insertResponse']>[1]): Promise<boolean> {
    return new Promise((done, fail) => {
      this.pending.push({ row, done, fail });
      this.flush();
    });
  }

  private flush(): void {
    // Two writes at a time: one commits while the next batch fills.
    if (this.inFlight >= 2 || this.pending.length === 0) return;
    const batch = this.pending.splice(0, 500);
    this.inFlight++;
    this.repo
      .insertResponses(
        this.db,
        batch.map((b) => b.row),
      )
      .then(
        (ids): void => batch.forEach((b) => b.done(ids.has(b.row.id))),
        // One bad row must not fail its neighbours: retry them one by one.
        async (err: unknown): Promise<void> => {
          if (batch.length === 1) batch[0]!.fail(err);
          else await Promise.all(batch.map((b) => this.repo.insertResponse(this.db, b.row).then(b.done, b.fail)));
        },
      )
      .finally(() => {
        this.inFlight--;
        this.flush();
      });
  }

  private get db() {
    return this.p.db;
  }

  // ------------------------------------------------------------ scope helpers

  /** Regions whose campaigns and templates the actor may see: its subtree and the ancestors above it. */
  private async visibleRegions(actor: Actor, permission: Permission): Promise<string[]> {
    const set = new Set(await this.p.authz.scopeCodes(actor, permission));
    for (const root of this.p.authz.scopeRoots(actor, permission))
      for (const c of (await this.regions.lineage(root)) ?? []) set.add(c);
    return [...set];
  }

  /** The region a staff user looks at within a campaign: the one asked for, else the campaign's if covered, else their own. */
  private async focusRegion(
    actor: Actor | null,
    permission: Permission,
    campaign: CampaignRow,
    asked?: string,
  ): Promise<string> {
    this.p.authz.require(actor, permission);
    if (asked) {
      await this.p.authz.assertCovers(actor, permission, asked);
      return asked;
    }
    if (await this.p.authz.covers(actor, permission, campaign.region_code)) return campaign.region_code;
    const roots = this.p.authz.scopeRoots(actor, permission);
    for (const r of roots) if (((await this.regions.lineage(r)) ?? []).includes(campaign.region_code)) return r;
    throw platformError('out_of_region_scope');
  }

  private async campaignVisible(actor: Actor | null, permission: Permission, id: string): Promise<CampaignRow> {
    this.p.authz.require(actor, permission);
    const c = await this.repo.campaign(this.db, id);
    if (!c) throw notFound(CAMPAIGN);
    const vis = await this.visibleRegions(actor, permission);
    if (!vis.includes(c.region_code)) throw platformError('out_of_region_scope');
    return c;
  }

  /** Writes check scope, except for the platform itself (the demo loader, the CLI: see systemContext). */
  private async guard(ctx: RequestContext, permission: Permission, region: string): Promise<void> {
    if (isSystem(ctx)) return;
    await this.p.authz.assertCovers(ctx.actor, permission, region);
  }

  private async surveyById(id: string): Promise<Survey> {
    const s = (await this.repo.survey(this.db, id))!;
    return this.toSurvey(s, await this.names([s.region_code]));
  }

  private async names(codes: string[]): Promise<Map<string, string>> {
    return this.regions.nameOf([...new Set(codes)]);
  }

  private toCampaign(c: CampaignRow, names: Map<string, string>, responses: number): Campaign {
    return {
      id: c.id,
      title: c.title,
      year: c.year,
      regionCode: c.region_code,
      regionName: names.get(c.region_code) ?? c.region_code,
      status: c.status,
      closesAt: c.closes_at ? new Date(c.closes_at).toISOString() : null,
      retentionDays: c.retention_days,
      demo: c.is_demo,
      responseCount: responses,
      createdAt: new Date(c.created_at).toISOString(),
    };
  }

  private toSurvey(s: SurveyRow, names: Map<string, string>): Survey {
    return {
      id: s.id,
      campaignId: s.campaign_id,
      regionCode: s.region_code,
      regionName: names.get(s.region_code) ?? s.region_code,
      baseSurveyId: s.base_survey_id,
      lineageId: s.lineage_id,
      version: s.version,
      status: s.status,
      title: s.title,
      description: s.description,
      consentVersion: s.consent_version,
      consentText: s.consent_text,
      verifiedOnly: s.verified_only,
      definition: s.definition,
      publishedAt: s.published_at ? new Date(s.published_at).toISOString() : null,
      createdAt: new Date(s.created_at).toISOString(),
    };
  }

  // ------------------------------------------------------------ campaigns

  async createCampaign(
    ctx: RequestContext,
    input: { title: string; year: number; regionCode: string; closesAt?: string; retentionDays: number },
    opts: { demo?: boolean } = {},
  ): Promise<Campaign> {
    if (!(await this.regions.levelOf(input.regionCode)))
      throw invalidField('regionCode', '区划不存在', 'unknown region');
    await this.guard(ctx, P.surveysManage, input.regionCode);
    const id = crypto.randomUUID();
    const now = this.p.clock.now();
    await this.db.transaction(async (tx) => {
      await this.repo.insertCampaign(tx, {
        id,
        title: input.title,
        year: input.year,
        regionCode: input.regionCode,
        closesAt: input.closesAt ?? null,
        retentionDays: input.retentionDays,
        isDemo: !!opts.demo,
        createdBy: ctx.actor?.userId ?? null,
        createdAt: now,
      });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.campaign.create',
        objectType: 'campaign',
        objectId: id,
        after: input,
      });
    });
    return this.toCampaign((await this.repo.campaign(this.db, id))!, await this.names([input.regionCode]), 0);
  }

  async listCampaigns(actor: Actor | null): Promise<Campaign[]> {
    this.p.authz.require(actor, P.responsesRead);
    const vis = await this.visibleRegions(actor, P.responsesRead);
    const rows = await this.repo.campaignsIn(this.db, vis);
    const names = await this.names(rows.map((r) => r.region_code));
    return rows.map((r) => this.toCampaign(r, names, Number(r.responses)));
  }

  async getCampaign(actor: Actor | null, id: string): Promise<CampaignDetail> {
    const c = await this.campaignVisible(actor, P.responsesRead, id);
    const vis = new Set(await this.visibleRegions(actor!, P.responsesRead));
    const surveys = (await this.repo.surveysOfCampaign(this.db, id)).filter((s) => vis.has(s.region_code));
    const names = await this.names([c.region_code, ...surveys.map((s) => s.region_code)]);
    return {
      ...this.toCampaign(c, names, await this.repo.responseCount(this.db, id)),
      surveys: surveys.map((s) => {
        const { definition, ...rest } = this.toSurvey(s, names);
        return { ...rest, responseCount: Number(s.responses), questionCount: allQuestions(definition).length };
      }),
    };
  }

  async updateCampaign(
    ctx: RequestContext,
    id: string,
    patch: { status?: 'open' | 'closed'; closesAt?: string | null },
  ): Promise<Campaign> {
    const c = await this.repo.campaign(this.db, id);
    if (!c) throw notFound(CAMPAIGN);
    await this.guard(ctx, P.surveysManage, c.region_code);
    await this.db.transaction(async (tx) => {
      await this.repo.updateCampaign(tx, id, patch);
      await this.p.audit.record(tx, ctx, {
        action: 'participation.campaign.update',
        objectType: 'campaign',
        objectId: id,
        before: { status: c.status },
        after: patch,
      });
    });
    this.publicCache.clear();
    return this.toCampaign(
      (await this.repo.campaign(this.db, id))!,
      await this.names([c.region_code]),
      await this.repo.responseCount(this.db, id),
    );
  }

  // ------------------------------------------------------------ surveys

  private checkDefinition(def: SurveyDefinition) {
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

  private async checkLocalisation(base: SurveyRow | undefined, def: SurveyDefinition) {
    if (!base) return;
    const dropped = droppedMandatory(base.definition, def);
    if (dropped.length) {
      throw new ParticipationError(
        'mandatory_dropped',
        { zh: dropped.join('、'), en: dropped.join(', ') },
        dropped.map((id) => ({
          path: `definition.${id}`,
          message: 'mandatory question of the template dropped or changed',
        })),
      );
    }
  }

  async createSurvey(
    ctx: RequestContext,
    campaignId: string,
    input: SurveyInput & { regionCode: string; baseSurveyId?: string },
  ): Promise<Survey> {
    const c = await this.repo.campaign(this.db, campaignId);
    if (!c) throw notFound(CAMPAIGN);
    await this.guard(ctx, P.surveysManage, input.regionCode);
    const lineage = await this.regions.lineage(input.regionCode);
    if (!lineage?.includes(c.region_code))
      throw invalidField('regionCode', '须在活动区划范围内', 'must be inside the campaign’s region');
    this.checkDefinition(input.definition);
    let base: SurveyRow | undefined;
    if (input.baseSurveyId) {
      base = await this.repo.survey(this.db, input.baseSurveyId);
      if (!base || base.campaign_id !== campaignId || base.status !== 'published')
        throw invalidField(
          'baseSurveyId',
          '模板须为本活动已发布的问卷',
          'the template must be a published survey of this campaign',
        );
      if (!lineage.slice(1).includes(base.region_code))
        throw invalidField('baseSurveyId', '模板须来自上级区划', 'the template must belong to an ancestor region');
      await this.checkLocalisation(base, input.definition);
    }
    const id = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      await this.repo.insertSurvey(tx, {
        id,
        campaignId,
        regionCode: input.regionCode,
        baseSurveyId: base?.id ?? null,
        lineageId: id,
        version: 1,
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
    return this.surveyById(id);
  }

  async getSurvey(actor: Actor | null, id: string): Promise<Survey> {
    this.p.authz.require(actor, P.responsesRead);
    const s = await this.repo.survey(this.db, id);
    if (!s) throw notFound(SURVEY);
    const vis = await this.visibleRegions(actor, P.responsesRead);
    if (!vis.includes(s.region_code)) throw platformError('out_of_region_scope');
    return this.toSurvey(s, await this.names([s.region_code]));
  }

  async updateSurvey(ctx: RequestContext, id: string, input: SurveyInput): Promise<Survey> {
    const s = await this.repo.survey(this.db, id);
    if (!s) throw notFound(SURVEY);
    await this.guard(ctx, P.surveysManage, s.region_code);
    if (s.status !== 'draft') throw new ParticipationError('survey_published');
    this.checkDefinition(input.definition);
    await this.checkLocalisation(
      s.base_survey_id ? await this.repo.survey(this.db, s.base_survey_id) : undefined,
      input.definition,
    );
    await this.db.transaction(async (tx) => {
      if (!(await this.repo.updateDraft(tx, id, input))) throw new ParticipationError('survey_published');
      await this.p.audit.record(tx, ctx, {
        action: 'participation.survey.update',
        objectType: 'survey',
        objectId: id,
        before: s.definition,
        after: input,
      });
    });
    return this.surveyById(id);
  }

  async publishSurvey(ctx: RequestContext, id: string): Promise<Survey> {
    const s = await this.repo.survey(this.db, id);
    if (!s) throw notFound(SURVEY);
    await this.guard(ctx, P.surveysManage, s.region_code);
    if (s.status !== 'draft') throw new ParticipationError('survey_published');
    if (!allQuestions(s.definition).length)
      throw invalidField('definition', '问卷没有题目', 'the survey has no questions');
    await this.db.transaction(async (tx) => {
      await this.repo.publish(tx, s, this.p.clock.now());
      await this.p.audit.record(tx, ctx, {
        action: 'participation.survey.publish',
        objectType: 'survey',
        objectId: id,
        after: { version: s.version },
      });
    });
    this.publicCache.clear();
    return this.surveyById(id);
  }

  /** Editing a published survey: a new draft version in the same lineage; the published one stays as it was. */
  async newVersion(ctx: RequestContext, id: string): Promise<Survey> {
    const s = await this.repo.survey(this.db, id);
    if (!s) throw notFound(SURVEY);
    await this.guard(ctx, P.surveysManage, s.region_code);
    const latest = (await this.repo.latestOfLineage(this.db, s.lineage_id))!;
    if (latest.status === 'draft') return this.surveyById(latest.id);
    const nid = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      await this.repo.insertSurvey(tx, {
        id: nid,
        campaignId: s.campaign_id,
        regionCode: s.region_code,
        baseSurveyId: s.base_survey_id,
        lineageId: s.lineage_id,
        version: latest.version + 1,
        title: latest.title,
        description: latest.description,
        consentVersion: latest.consent_version,
        consentText: latest.consent_text,
        verifiedOnly: latest.verified_only,
        definition: latest.definition,
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
    return this.surveyById(nid);
  }

  // ------------------------------------------------------------ answering

  private async openSurvey(id: string): Promise<{ survey: SurveyRow; campaign: CampaignRow }> {
    const hit = this.publicCache.get(id);
    if (hit && Date.now() - hit.at < 10_000) return hit;
    let s = await this.repo.survey(this.db, id);
    if (!s || s.status === 'draft') throw notFound(SURVEY);
    // An old link keeps working: it answers the lineage's current published version.
    if (s.status === 'archived') {
      s = await this.repo.publishedOfLineage(this.db, s.lineage_id);
      if (!s) throw new ParticipationError('survey_not_open');
    }
    const c = (await this.repo.campaign(this.db, s.campaign_id))!;
    const entry = { at: Date.now(), survey: s, campaign: c };
    this.publicCache.set(id, entry);
    if (this.publicCache.size > 1000) this.publicCache.delete(this.publicCache.keys().next().value!);
    return entry;
  }

  private isOpen(c: CampaignRow): boolean {
    return c.status === 'open' && (!c.closes_at || new Date(c.closes_at).getTime() > this.p.clock.now().getTime());
  }

  async publicSurvey(id: string): Promise<PublicSurvey> {
    const { survey: s, campaign: c } = await this.openSurvey(id);
    if (!this.isOpen(c)) throw new ParticipationError('survey_not_open');
    const names = await this.names([s.region_code]);
    return {
      id: s.id,
      title: s.title,
      description: s.description,
      consentVersion: s.consent_version,
      consentText: s.consent_text,
      verifiedOnly: s.verified_only,
      definition: s.definition,
      regionCode: s.region_code,
      regionName: names.get(s.region_code) ?? s.region_code,
      version: s.version,
      campaignId: c.id,
      campaignTitle: c.title,
      demo: c.is_demo,
    };
  }

  /** Checks the answers and works out the response's region (the region picker's answer when inside the survey's region). */
  private async checkAnswers(s: SurveyRow, answers: Answer[]): Promise<{ answers: Answer[]; regionCode: string }> {
    const r = validateAnswers(s.definition, answers);
    if (!r.ok)
      throw new ParticipationError(
        'invalid_answer',
        { zh: `${r.problem.questionId}: ${r.problem.zh}`, en: `${r.problem.questionId}: ${r.problem.en}` },
        [{ path: `answers.${r.problem.questionId}`, message: r.problem.en }],
      );
    let regionCode = s.region_code;
    for (const q of allQuestions(s.definition)) {
      if (q.type !== 'region') continue;
      const a = r.answers.find((x) => x.questionId === q.id);
      if (!a) continue;
      const lineage = await this.regions.lineage(String(a.value));
      if (!lineage?.includes(s.region_code))
        throw new ParticipationError(
          'invalid_answer',
          { zh: `${q.id}: 区划不在本问卷范围内`, en: `${q.id}: region outside this survey’s region` },
          [{ path: `answers.${q.id}`, message: 'region outside the survey’s region' }],
        );
      if (regionCode === s.region_code) regionCode = String(a.value);
    }
    // Free text may carry a phone or ID number the respondent typed in: stored masked, like the phone field.
    const texts = new Set(
      allQuestions(s.definition)
        .filter((q) => q.type === 'text')
        .map((q) => q.id),
    );
    const masked = r.answers.map((a) =>
      texts.has(a.questionId) && typeof a.value === 'string' ? { ...a, value: maskPersonalText(a.value) } : a,
    );
    return { answers: masked, regionCode };
  }

  async submit(
    ctx: RequestContext,
    surveyId: string,
    input: SubmitInput,
  ): Promise<{ receipt: ResponseReceipt; replayed: boolean }> {
    const { survey: s, campaign: c } = await this.openSurvey(surveyId);
    const replay = async () => {
      const prior = await this.repo.responseByIdempotencyKey(this.db, s.id, input.idempotencyKey);
      return prior
        ? {
            receipt: {
              id: prior.id,
              surveyId: prior.survey_id,
              submittedAt: new Date(prior.submitted_at).toISOString(),
              channel: prior.channel,
              verified: prior.verified,
            },
            replayed: true,
          }
        : null;
    };
    // A retry must get its first answer back even if the survey closed in between. While it is open the insert
    // goes first and the key is looked up only on a conflict: one round trip for the common case.
    if (!this.isOpen(c)) {
      const r = await replay();
      if (r) return r;
      throw new ParticipationError('survey_not_open');
    }
    if (s.verified_only && !ctx.actor) throw new ParticipationError('verified_required');
    if (input.consentVersion !== s.consent_version)
      throw invalidField(
        'consentVersion',
        `须同意当前版本(${s.consent_version})的告知`,
        `must accept the current notice (${s.consent_version})`,
      );
    const { answers, regionCode } = await this.checkAnswers(s, input.answers);
    const verified = !!ctx.actor;
    // Signed-in residents get one response per account; anonymous ones one per device.
    const deviceKey = ctx.actor ? `user:${ctx.actor.userId}` : input.deviceToken ? `device:${input.deviceToken}` : null;
    const id = crypto.randomUUID();
    const at = this.p.clock.now();
    const inserted = await this.enqueue({
      id,
      surveyId: s.id,
      campaignId: c.id,
      regionCode,
      channel: 'online',
      verified,
      userId: ctx.actor?.userId ?? null,
      deviceHash: deviceKey ? this.p.protector.digest(`${s.lineage_id}:${deviceKey}`) : null,
      idempotencyKey: input.idempotencyKey,
      paperRef: null,
      consentVersion: input.consentVersion,
      phoneEnc: input.phone ? this.p.protector.encrypt(input.phone) : null,
      phoneMasked: input.phone ? maskPhone(input.phone) : null,
      answers,
      submittedAt: at,
      enteredBy: null,
      isDemo: false,
    });
    if (!inserted) {
      const r = await replay();
      if (r) return r;
      throw new ParticipationError('already_answered');
    }
    return {
      receipt: { id, surveyId: s.id, submittedAt: at.toISOString(), channel: 'online', verified },
      replayed: false,
    };
  }

  /** A paper form typed in by staff: the offline channel, audited, deduplicated by the form's serial number. */
  async enterPaper(
    ctx: RequestContext,
    surveyId: string,
    input: { answers: Answer[]; phone?: string; paperRef: string },
  ): Promise<ResponseReceipt> {
    const s = await this.repo.survey(this.db, surveyId);
    if (!s || s.status === 'draft') throw notFound(SURVEY);
    await this.guard(ctx, P.responsesEnter, s.region_code);
    const { answers, regionCode } = await this.checkAnswers(s, input.answers);
    const id = crypto.randomUUID();
    const at = this.p.clock.now();
    await this.db.transaction(async (tx) => {
      const ok = await this.repo.insertResponse(tx, {
        id,
        surveyId: s.id,
        campaignId: s.campaign_id,
        regionCode,
        channel: 'offline',
        verified: false,
        userId: null,
        deviceHash: null,
        idempotencyKey: null,
        paperRef: input.paperRef,
        consentVersion: s.consent_version,
        phoneEnc: input.phone ? this.p.protector.encrypt(input.phone) : null,
        phoneMasked: input.phone ? maskPhone(input.phone) : null,
        answers,
        submittedAt: at,
        enteredBy: ctx.actor?.userId ?? null,
        isDemo: false,
      });
      if (!ok)
        throw platformError(
          'conflict',
          { zh: `纸质问卷 ${input.paperRef} 已录入`, en: `paper form ${input.paperRef} was already entered` },
          [{ path: 'paperRef', message: 'already entered' }],
        );
      await this.p.audit.record(tx, ctx, {
        action: 'participation.response.enter-paper',
        objectType: 'response',
        objectId: id,
        after: { paperRef: input.paperRef },
      });
    });
    return { id, surveyId: s.id, submittedAt: at.toISOString(), channel: 'offline', verified: false };
  }

  /** Excel rows of paper forms: all checked first, then all stored in one transaction, or none. */
  async importPaper(
    ctx: RequestContext,
    surveyId: string,
    rows: { row: number; values: Record<string, string> }[],
  ): Promise<{ imported: number; errors: { row: number; field: string; message: string }[] }> {
    const s = await this.repo.survey(this.db, surveyId);
    if (!s || s.status === 'draft') throw notFound(SURVEY);
    await this.guard(ctx, P.responsesEnter, s.region_code);
    const errors: { row: number; field: string; message: string }[] = [];
    const ok: { paperRef: string; phone?: string; answers: Answer[]; regionCode: string }[] = [];
    const refs = new Set<string>();
    for (const r of rows) {
      const paperRef = r.values.paperRef ?? '';
      if (!paperRef) {
        errors.push({ row: r.row, field: 'paperRef', message: '纸质编号不能为空 / paper form number required' });
        continue;
      }
      if (refs.has(paperRef)) {
        errors.push({ row: r.row, field: 'paperRef', message: '编号重复 / duplicate number' });
        continue;
      }
      refs.add(paperRef);
      const phone = r.values.phone || undefined;
      if (phone && !/^1\d{10}$/.test(phone)) {
        errors.push({ row: r.row, field: 'phone', message: '手机号须为11位 / 11-digit mobile' });
        continue;
      }
      const answers = paperAnswers(s.definition, r.values);
      if ('error' in answers) {
        errors.push({ row: r.row, field: answers.error.field, message: answers.error.message });
        continue;
      }
      try {
        const checked = await this.checkAnswers(s, answers.answers);
        ok.push({ paperRef, phone, ...checked });
      } catch (e) {
        const fe = (e as ParticipationError).fieldErrors?.[0];
        errors.push({
          row: r.row,
          field: fe?.path.replace('answers.', '') ?? 'answers',
          message: (e as ParticipationError).messages?.zh ?? String(e),
        });
      }
    }
    if (errors.length) return { imported: 0, errors };
    const at = this.p.clock.now();
    await this.db.transaction(async (tx) => {
      for (const o of ok) {
        const inserted = await this.repo.insertResponse(tx, {
          id: crypto.randomUUID(),
          surveyId: s.id,
          campaignId: s.campaign_id,
          regionCode: o.regionCode,
          channel: 'offline',
          verified: false,
          userId: null,
          deviceHash: null,
          idempotencyKey: null,
          paperRef: o.paperRef,
          consentVersion: s.consent_version,
          phoneEnc: o.phone ? this.p.protector.encrypt(o.phone) : null,
          phoneMasked: o.phone ? maskPhone(o.phone) : null,
          answers: o.answers,
          submittedAt: at,
          enteredBy: ctx.actor?.userId ?? null,
          isDemo: false,
        });
        if (!inserted)
          throw platformError(
            'conflict',
            {
              zh: `纸质问卷 ${o.paperRef} 已录入,未导入任何数据`,
              en: `paper form ${o.paperRef} was already entered; nothing imported`,
            },
            [{ path: 'paperRef', message: o.paperRef }],
          );
      }
      await this.p.audit.record(tx, ctx, {
        action: 'participation.response.import-paper',
        objectType: 'survey',
        objectId: s.id,
        after: ok.map((o) => o.paperRef),
      });
    });
    return { imported: ok.length, errors: [] };
  }

  async surveyForPaper(actor: Actor | null, id: string): Promise<SurveyRow> {
    const s = await this.repo.survey(this.db, id);
    if (!s) throw notFound(SURVEY);
    await this.p.authz.assertCovers(actor, P.responsesEnter, s.region_code);
    return s;
  }

  async purgeExpiredContacts(): Promise<number> {
    return this.repo.purgeContacts(this.db, this.p.clock.now());
  }

  // ------------------------------------------------------------ reading and analysis

  async listResponses(
    actor: Actor | null,
    campaignId: string,
    q: { region?: string; channel?: Channel; q?: string; page: number; pageSize: number },
  ): Promise<{ items: ResponseRow[]; total: number; page: number; pageSize: number }> {
    const c = await this.campaignVisible(actor, P.responsesRead, campaignId);
    const region = await this.focusRegion(actor, P.responsesRead, c, q.region);
    const scope = await this.regions.subtree(region);
    const { items, total } = await this.repo.responses(this.db, campaignId, scope, q);
    const names = await this.names(items.map((i) => i.region_code));
    return {
      items: items.map((r) => ({
        id: r.id,
        surveyId: r.survey_id,
        regionCode: r.region_code,
        regionName: names.get(r.region_code) ?? r.region_code,
        channel: r.channel,
        verified: r.verified,
        phoneMasked: r.phone_masked,
        submittedAt: new Date(r.submitted_at).toISOString(),
        answers: r.answers,
        demo: r.is_demo,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** The child of `region` that `code` lies under (or `code` itself when it is `region`). */
  private async childUnder(region: string, code: string): Promise<string> {
    const lineage = (await this.regions.lineage(code)) ?? [code];
    const i = lineage.indexOf(region);
    return i > 0 ? lineage[i - 1]! : code;
  }

  private async questionsOf(campaignId: string): Promise<Map<string, ReturnType<typeof allQuestions>[number]>> {
    const out = new Map<string, ReturnType<typeof allQuestions>[number]>();
    for (const s of await this.repo.surveysOfCampaign(this.db, campaignId)) {
      if (s.status === 'draft') continue;
      for (const q of allQuestions(s.definition)) if (!out.has(q.id)) out.set(q.id, q);
    }
    return out;
  }

  async stats(
    actor: Actor | null,
    campaignId: string,
    q: { region?: string; crossQuestion?: string },
  ): Promise<CampaignStats> {
    const c = await this.campaignVisible(actor, P.responsesRead, campaignId);
    const region = await this.focusRegion(actor, P.responsesRead, c, q.region);
    const scope = await this.regions.subtree(region);
    const counts = await this.repo.countsBy(this.db, campaignId, scope);
    const byChild = new Map<string, number>();
    for (const r of counts.byRegion) {
      const child = await this.childUnder(region, r.code);
      byChild.set(child, (byChild.get(child) ?? 0) + Number(r.n));
    }
    const questions = await this.questionsOf(campaignId);
    const choiceIds = [...questions.values()].filter((x) => CHOICE_TYPES.has(x.type)).map((x) => x.id);
    const groups = await this.repo.answerGroups(this.db, campaignId, scope, choiceIds);
    const per = new Map<string, { answered: number; counts: Map<string, number>; sum: number; n: number }>();
    const cross = new Map<string, Map<string, number>>();
    const crossTotal = new Map<string, number>();
    for (const g of groups) {
      const n = Number(g.n);
      const e = per.get(g.q) ?? { answered: 0, counts: new Map(), sum: 0, n: 0 };
      per.set(g.q, e);
      e.answered += n;
      const q0 = questions.get(g.q)!;
      const vals = Array.isArray(g.v) ? (g.v as string[]) : [g.v as string | number];
      if (q0.type === 'matrix') {
        (g.v as string[]).forEach((opt, i) => {
          const k = `${q0.rows?.[i]?.id ?? i}:${opt}`;
          e.counts.set(k, (e.counts.get(k) ?? 0) + n);
        });
      } else for (const v of vals) e.counts.set(String(v), (e.counts.get(String(v)) ?? 0) + n);
      if (typeof g.v === 'number') {
        e.sum += g.v * n;
        e.n += n;
      }
      if (q.crossQuestion === g.q) {
        const child = await this.childUnder(region, g.region);
        const m = cross.get(child) ?? new Map<string, number>();
        cross.set(child, m);
        for (const v of vals) m.set(String(v), (m.get(String(v)) ?? 0) + n);
        crossTotal.set(child, (crossTotal.get(child) ?? 0) + n);
      }
    }
    const names = await this.names([...byChild.keys(), ...cross.keys()]);
    const optionList = (x: ReturnType<typeof allQuestions>[number]): { id: string; label: string }[] => {
      if (x.type === 'rating')
        return Array.from({ length: x.scale ?? 5 }, (_, i) => ({ id: String(i + 1), label: `${i + 1}` }));
      if (x.type === 'matrix')
        return (x.rows ?? []).flatMap((r) =>
          (x.options ?? []).map((o) => ({ id: `${r.id}:${o.id}`, label: `${r.label}·${o.label}` })),
        );
      if (x.type === 'number') return [];
      return x.options ?? [];
    };
    const crossQ = q.crossQuestion ? questions.get(q.crossQuestion) : undefined;
    if (q.crossQuestion && (!crossQ || !['single', 'multiple', 'rating'].includes(crossQ.type)))
      throw invalidField('crossQuestion', '须为选择题或评分题', 'must be a choice or rating question');
    return {
      regionCode: region,
      total: counts.byRegion.reduce((a, r) => a + Number(r.n), 0),
      byRegion: [...byChild]
        .map(([code, count]) => ({ code, name: names.get(code) ?? code, count }))
        .sort((a, b) => b.count - a.count),
      byChannel: counts.byChannel.map((r) => ({ channel: r.channel, count: Number(r.n) })),
      byDay: counts.byDay.map((r) => ({ day: r.day, count: Number(r.n) })),
      questions: [...questions.values()]
        .filter((x) => CHOICE_TYPES.has(x.type))
        .map((x) => {
          const e = per.get(x.id);
          return {
            questionId: x.id,
            title: x.title,
            type: x.type,
            answered: e?.answered ?? 0,
            options: optionList(x).map((o) => ({ ...o, count: e?.counts.get(o.id) ?? 0 })),
            mean: e && e.n ? Math.round((e.sum / e.n) * 100) / 100 : null,
          };
        }),
      crossTab: crossQ
        ? {
            questionId: crossQ.id,
            options: optionList(crossQ),
            rows: [...cross]
              .map(([code, m]) => ({
                code,
                name: names.get(code) ?? code,
                total: crossTotal.get(code) ?? 0,
                counts: optionList(crossQ).map((o) => m.get(o.id) ?? 0),
              }))
              .sort((a, b) => b.total - a.total),
          }
        : null,
    };
  }

  private async analysisOf(campaignId: string, region: string) {
    const questions = await this.questionsOf(campaignId);
    const texts = [...questions.values()].filter((x) => x.type === 'text');
    const demand = texts.filter((x) => x.demand);
    const ids = (demand.length ? demand : texts).map((x) => x.id);
    const rows = await this.repo.textAnswers(this.db, campaignId, await this.regions.subtree(region), ids);
    const childOf = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.region))) childOf.set(code, await this.childUnder(region, code));
    return analyse(rows.map((r) => ({ text: r.text, region: childOf.get(r.region)! })));
  }

  async topics(actor: Actor | null, campaignId: string, q: { region?: string }): Promise<TopicAnalysis> {
    const c = await this.campaignVisible(actor, P.responsesRead, campaignId);
    const region = await this.focusRegion(actor, P.responsesRead, c, q.region);
    const t0 = performance.now();
    const a = await this.analysisOf(campaignId, region);
    const names = await this.names(a.topics.flatMap((t) => t.byRegion.map((r) => r.code)));
    return {
      regionCode: region,
      documents: a.documents,
      topics: a.topics.map((t) => ({
        ...t,
        share: Math.round(t.share * 1000) / 1000,
        byRegion: t.byRegion.map((r) => ({ ...r, name: names.get(r.code) ?? r.code })),
      })),
      keywords: a.keywords,
      elapsedMs: Math.round(performance.now() - t0),
    };
  }

  /** The topics of the last campaign listed and their share of answers in each of the others (matched by keywords). */
  async compareTopics(actor: Actor | null, campaignIds: string[], region?: string): Promise<TopicComparison> {
    const cs: CampaignRow[] = [];
    for (const id of campaignIds) cs.push(await this.campaignVisible(actor, P.responsesRead, id));
    const baseId = campaignIds.at(-1);
    cs.sort((a, b) => a.year - b.year || (a.id === baseId ? 1 : b.id === baseId ? -1 : 0));
    const analyses: Awaited<ReturnType<typeof this.analysisOf>>[] = [];
    for (const c of cs)
      analyses.push(await this.analysisOf(c.id, await this.focusRegion(actor, P.responsesRead, c, region)));
    const latest = analyses[cs.findIndex((c) => c.id === baseId)]!;
    return {
      campaigns: cs.map((c, i) => ({ id: c.id, title: c.title, year: c.year, documents: analyses[i]!.documents })),
      rows: latest.topics
        .filter((t) => t.id !== 'other')
        .map((t) => ({
          label: t.label,
          keywords: t.keywords.slice(0, 5),
          shares: analyses.map((a) => {
            const m = a === latest ? t : matchTopic(t, a.topics);
            return m ? Math.round(m.share * 1000) / 1000 : null;
          }),
        })),
    };
  }

  async exportRows(actor: Actor | null, campaignId: string, region?: string) {
    const c = await this.campaignVisible(actor, P.responsesRead, campaignId);
    const focus = await this.focusRegion(actor, P.responsesRead, c, region);
    const rows = await this.repo.allResponses(this.db, campaignId, await this.regions.subtree(focus), 200_000);
    const questions = [...(await this.questionsOf(campaignId)).values()];
    const stats = await this.stats(actor, campaignId, { region: focus });
    const names = await this.names(rows.map((r) => r.region_code));
    return { campaign: c, questions, rows, stats, names };
  }

  // ------------------------------------------------------------ 你提我办

  private toAction(
    a: ActionRow & { asked?: number; answered?: number; mean?: number | null },
    names: Map<string, string>,
  ): ActionItem {
    return {
      id: a.id,
      campaignId: a.campaign_id,
      regionCode: a.region_code,
      regionName: names.get(a.region_code) ?? a.region_code,
      department: a.department,
      title: a.title,
      topicLabel: a.topic_label,
      responseId: a.response_id,
      demandCount: a.demand_count,
      deadline: ymd(a.deadline),
      status: a.status,
      progressNote: a.progress_note,
      updatedAt: new Date(a.updated_at).toISOString(),
      followups: {
        asked: Number(a.asked ?? 0),
        answered: Number(a.answered ?? 0),
        meanSatisfaction: a.mean == null ? null : Math.round(Number(a.mean) * 10) / 10,
      },
    };
  }

  async createAction(
    ctx: RequestContext,
    campaignId: string,
    input: {
      regionCode: string;
      department: string;
      title: string;
      topicLabel?: string;
      responseId?: string;
      demandCount: number;
      deadline: string;
    },
  ): Promise<ActionItem> {
    const c = await this.repo.campaign(this.db, campaignId);
    if (!c) throw notFound(CAMPAIGN);
    await this.guard(ctx, P.actionsManage, input.regionCode);
    if (!((await this.regions.lineage(input.regionCode)) ?? []).includes(c.region_code))
      throw invalidField('regionCode', '须在活动区划范围内', 'must be inside the campaign’s region');
    const id = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      await this.repo.insertAction(tx, {
        id,
        campaignId,
        regionCode: input.regionCode,
        department: input.department,
        title: input.title,
        topicLabel: input.topicLabel ?? null,
        responseId: input.responseId ?? null,
        demandCount: input.demandCount,
        deadline: input.deadline,
        createdBy: ctx.actor?.userId ?? null,
        at: this.p.clock.now(),
      });
      await this.p.audit.record(tx, ctx, {
        action: 'participation.action.create',
        objectType: 'action_item',
        objectId: id,
        after: input,
      });
    });
    return this.toAction((await this.repo.action(this.db, id))!, await this.names([input.regionCode]));
  }

  async listActions(actor: Actor | null, campaignId: string): Promise<ActionItem[]> {
    await this.campaignVisible(actor, P.responsesRead, campaignId);
    const rows = await this.repo.actions(this.db, campaignId, await this.p.authz.scopeCodes(actor!, P.responsesRead));
    const names = await this.names(rows.map((r) => r.region_code));
    return rows.map((r) => this.toAction(r, names));
  }

  async updateAction(
    ctx: RequestContext,
    id: string,
    patch: { status?: 'planned' | 'in_progress' | 'done'; progressNote?: string; deadline?: string },
  ): Promise<ActionItem> {
    const a = await this.repo.action(this.db, id);
    if (!a) throw notFound(ACTION);
    await this.guard(ctx, P.actionsManage, a.region_code);
    await this.db.transaction(async (tx) => {
      await this.repo.updateAction(tx, id, patch, this.p.clock.now());
      await this.p.audit.record(tx, ctx, {
        action: 'participation.action.update',
        objectType: 'action_item',
        objectId: id,
        before: { status: a.status, progressNote: a.progress_note },
        after: patch,
      });
    });
    const rows = await this.repo.actions(this.db, a.campaign_id, [a.region_code]);
    return this.toAction(
      rows.find((r) => r.id === id)!,
      await this.names([a.region_code]),
    );
  }

  async publicProgress(campaignId: string): Promise<PublicProgress> {
    const c = await this.repo.campaign(this.db, campaignId);
    if (!c) throw notFound(CAMPAIGN);
    const rows = await this.repo.actions(this.db, campaignId);
    const names = await this.names([c.region_code, ...rows.map((r) => r.region_code)]);
    return {
      campaign: {
        id: c.id,
        title: c.title,
        year: c.year,
        regionName: names.get(c.region_code) ?? c.region_code,
        demo: c.is_demo,
        responseCount: await this.repo.responseCount(this.db, c.id),
      },
      items: rows.map((r) => {
        const { responseId: _r, followups, ...rest } = this.toAction(r, names);
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
    const a = await this.repo.action(this.db, actionId);
    if (!a) throw notFound(ACTION);
    await this.guard(ctx, P.actionsManage, a.region_code);
    const ids = await this.repo.contactableResponses(
      this.db,
      a.campaign_id,
      await this.regions.subtree(a.region_code),
      { responseId: a.response_id, words: a.response_id ? [] : (a.topic_label ?? '').split(/[·、,\s]+/) },
    );
    let created = 0;
    await this.db.transaction(async (tx) => {
      for (const rid of ids)
        if (
          await this.repo.insertFollowup(tx, {
            id: crypto.randomUUID(),
            actionId,
            responseId: rid,
            token: crypto.randomBytes(18).toString('base64url'),
            at: this.p.clock.now(),
          })
        )
          created++;
      await this.p.audit.record(tx, ctx, {
        action: 'participation.followup.create',
        objectType: 'action_item',
        objectId: actionId,
        after: { created },
      });
    });
    return { created };
  }

  async listFollowups(actor: Actor | null, actionId: string) {
    const a = await this.repo.action(this.db, actionId);
    if (!a) throw notFound(ACTION);
    await this.p.authz.assertCovers(actor, P.actionsManage, a.region_code);
    return (await this.repo.followups(this.db, actionId)).map((f) => ({
      id: f.id,
      token: f.token,
      phoneMasked: f.phone_masked,
      satisfaction: f.satisfaction,
      answeredAt: f.answered_at ? new Date(f.answered_at).toISOString() : null,
    }));
  }

  async publicFollowup(token: string) {
    const f = await this.repo.followupByToken(this.db, token);
    if (!f) throw notFound({ zh: '回访', en: 'follow-up' });
    const a = (await this.repo.action(this.db, f.action_id))!;
    return {
      actionTitle: a.title,
      department: a.department,
      progressNote: a.progress_note,
      status: a.status,
      answered: !!f.answered_at,
    };
  }

  async answerFollowup(token: string, input: { satisfaction: number; comment?: string }): Promise<void> {
    const f = await this.repo.followupByToken(this.db, token);
    if (!f) throw notFound({ zh: '回访', en: 'follow-up' });
    if (
      !(await this.repo.answerFollowup(
        this.db,
        f.id,
        input.satisfaction,
        input.comment ? maskPersonalText(input.comment) : null,
        this.p.clock.now(),
      ))
    )
      throw platformError('conflict', { zh: '已评价过', en: 'already answered' });
  }
}

/** Reads a paper form's Excel row: choice answers by option label or id ("、" or ";" between several). */
export function paperAnswers(
  def: SurveyDefinition,
  values: Record<string, string>,
): { answers: Answer[] } | { error: { field: string; message: string } } {
  const answers: Answer[] = [];
  for (const q of allQuestions(def)) {
    const raw = (values[q.id] ?? '').trim();
    if (!raw) continue;
    const opt = (s: string) => q.options?.find((o) => o.id === s || o.label === s)?.id;
    const list = raw
      .split(/[、;;,,]/)
      .map((x) => x.trim())
      .filter(Boolean);
    switch (q.type) {
      case 'single': {
        const o = opt(raw);
        if (!o) return { error: { field: q.id, message: `选项“${raw}”不存在 / unknown option` } };
        answers.push({ questionId: q.id, value: o });
        break;
      }
      case 'multiple':
      case 'matrix': {
        const os = list.map(opt);
        const bad = os.findIndex((o) => !o);
        if (bad >= 0) return { error: { field: q.id, message: `选项“${list[bad]}”不存在 / unknown option` } };
        answers.push({ questionId: q.id, value: os as string[] });
        break;
      }
      case 'rating':
      case 'number': {
        const n = Number(raw);
        if (!Number.isFinite(n)) return { error: { field: q.id, message: '须为数字 / number expected' } };
        answers.push({ questionId: q.id, value: n });
        break;
      }
      default:
        answers.push({ questionId: q.id, value: raw });
    }
  }
  return { answers };
}
