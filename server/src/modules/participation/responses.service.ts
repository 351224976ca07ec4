import crypto from 'node:crypto';
import type { ImportReport } from '@zhicheng/contracts';
import {
  MobilePhone,
  PARTICIPATION_PERMISSIONS as P,
  type Answer,
  type Channel,
  type PublicSurvey,
  type ResponseReceipt,
  type ResponseRow,
} from '@zhicheng/contracts/participation';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import { maskPersonalText, maskPhone } from '../../platform/crypto/index.ts';
import { AppError, invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { allQuestions, validateAnswers } from './answers.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import { paperAnswers } from './paper.ts';
import { participationError } from './participation.errors.ts';
import type { CampaignRow, NewResponse, SurveyRow } from './participation.tables.ts';
import { SURVEY, type PublishedSurveys } from './published-surveys.ts';
import type { RegionScope } from './region-scope.ts';
import { GroupCommitWriter } from './response-writer.ts';
import { ResponsesRepository } from './responses.repository.ts';

export interface SubmitInput {
  answers: Answer[];
  consentVersion: string;
  deviceToken?: string;
  phone?: string;
  idempotencyKey: string;
}

/**
 * Responses: the public answer path (one INSERT through the group-commit writer, acknowledged only once durable),
 * paper forms typed in or imported from Excel by staff, the staff list, and the purge of contact details.
 */
export class ResponsesService {
  private readonly repo: ResponsesRepository;
  private readonly surveys: CampaignsRepository;
  private readonly writer: GroupCommitWriter;

  constructor(
    private readonly p: Platform,
    private readonly scope: RegionScope,
    private readonly published: PublishedSurveys,
  ) {
    this.repo = new ResponsesRepository(p.db);
    this.surveys = new CampaignsRepository(p.db);
    this.writer = new GroupCommitWriter(this.repo);
  }

  private isOpen(c: CampaignRow): boolean {
    return c.status === 'open' && (!c.closesAt || c.closesAt.getTime() > this.p.clock.now().getTime());
  }

  async publicSurvey(id: string): Promise<PublicSurvey> {
    const { survey: s, campaign: c } = await this.published.get(id);
    if (!this.isOpen(c)) throw participationError('survey_not_open');
    const names = await this.scope.names([s.regionCode]);
    return {
      id: s.id,
      title: s.title,
      description: s.description,
      consentVersion: s.consentVersion,
      consentText: s.consentText,
      verifiedOnly: s.verifiedOnly,
      definition: s.definition,
      regionCode: s.regionCode,
      regionName: names.get(s.regionCode) ?? s.regionCode,
      version: s.version,
      campaignId: c.id,
      campaignTitle: c.title,
      demo: c.isDemo,
    };
  }

  /**
   * Checks the answers and works out the response's region (the region question's answer, when inside the survey's
   * region). Free text may carry a phone or ID number the respondent typed in: it is stored masked.
   */
  private async checkAnswers(s: SurveyRow, answers: Answer[]): Promise<{ answers: Answer[]; regionCode: string }> {
    const r = validateAnswers(s.definition, answers);
    if (!r.ok)
      throw participationError(
        'invalid_answer',
        { zh: `${r.problem.questionId}: ${r.problem.zh}`, en: `${r.problem.questionId}: ${r.problem.en}` },
        [{ path: `answers.${r.problem.questionId}`, message: r.problem.en }],
      );
    let regionCode = s.regionCode;
    const questions = allQuestions(s.definition);
    for (const q of questions) {
      if (q.type !== 'region') continue;
      const a = r.answers.find((x) => x.questionId === q.id);
      if (!a) continue;
      const lineage = await this.scope.regions.lineage(String(a.value));
      if (!lineage)
        throw participationError(
          'invalid_answer',
          { zh: `${q.id}: 区划代码“${a.value}”不存在`, en: `${q.id}: unknown region code ${a.value}` },
          [{ path: `answers.${q.id}`, message: `unknown region code ${a.value}` }],
        );
      if (!lineage.includes(s.regionCode))
        throw participationError(
          'invalid_answer',
          { zh: `${q.id}: 区划不在本问卷范围内`, en: `${q.id}: region outside this survey’s region` },
          [{ path: `answers.${q.id}`, message: 'region outside the survey’s region' }],
        );
      if (regionCode === s.regionCode) regionCode = String(a.value);
    }
    const texts = new Set(questions.filter((q) => q.type === 'text').map((q) => q.id));
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
    const { survey: s, campaign: c } = await this.published.get(surveyId);
    const replay = async () => {
      const prior = await this.repo.byIdempotencyKey(s.id, input.idempotencyKey);
      return prior
        ? { receipt: { ...prior, submittedAt: prior.submittedAt.toISOString() }, replayed: true as const }
        : null;
    };
    // A retry must get its first answer back even if the survey closed in between. While it is open the insert
    // goes first and the key is looked up only on a conflict: one round trip for the common case.
    if (!this.isOpen(c)) {
      const r = await replay();
      if (r) return r;
      throw participationError('survey_not_open');
    }
    if (s.verifiedOnly && !ctx.actor) throw participationError('verified_required');
    if (input.consentVersion !== s.consentVersion)
      throw invalidField(
        'consentVersion',
        `须同意当前版本(${s.consentVersion})的告知`,
        `must accept the current notice (${s.consentVersion})`,
      );
    const { answers, regionCode } = await this.checkAnswers(s, input.answers);
    const verified = !!ctx.actor;
    // Signed-in residents get one response per account; anonymous ones one per device.
    const deviceKey = ctx.actor ? `user:${ctx.actor.userId}` : input.deviceToken ? `device:${input.deviceToken}` : null;
    const id = crypto.randomUUID();
    const at = this.p.clock.now();
    const stored = await this.writer.write({
      ...this.newResponse(s, { answers, regionCode, phone: input.phone, at }),
      id,
      campaignId: c.id,
      channel: 'online',
      verified,
      userId: ctx.actor?.userId ?? null,
      deviceHash: deviceKey ? this.p.protector.digest(`${s.lineageId}:${deviceKey}`) : null,
      idempotencyKey: input.idempotencyKey,
      consentVersion: input.consentVersion,
    });
    if (!stored) {
      const r = await replay();
      if (r) return r;
      throw participationError('already_answered');
    }
    return {
      receipt: { id, surveyId: s.id, submittedAt: at.toISOString(), channel: 'online', verified },
      replayed: false,
    };
  }

  /** A survey staff enter paper forms of (its questions make the Excel template's columns). */
  async surveyForPaper(actor: Actor | null, id: string): Promise<SurveyRow> {
    const s = await this.surveys.survey(id);
    if (!s) throw notFound(SURVEY);
    await this.p.authz.assertCovers(actor, P.responsesEnter, s.regionCode);
    return s;
  }

  /** A paper form typed in by staff: the offline channel, audited, deduplicated by the form's serial number. */
  async enterPaper(
    ctx: RequestContext,
    surveyId: string,
    input: { answers: Answer[]; phone?: string; paperRef: string },
  ): Promise<ResponseReceipt> {
    const s = await this.surveys.survey(surveyId);
    if (!s || s.status === 'draft') throw notFound(SURVEY);
    await this.scope.guard(ctx, P.responsesEnter, s.regionCode);
    const checked = await this.checkAnswers(s, input.answers);
    const row = this.paperResponse(ctx, s, { ...checked, phone: input.phone, paperRef: input.paperRef });
    await this.p.db.transaction(async (tx) => {
      if (!(await this.repo.insert(row)))
        throw platformError(
          'conflict',
          { zh: `纸质问卷 ${input.paperRef} 已录入`, en: `paper form ${input.paperRef} was already entered` },
          [{ path: 'paperRef', message: 'already entered' }],
        );
      await this.p.audit.record(tx, ctx, {
        action: 'participation.response.enter-paper',
        objectType: 'response',
        objectId: row.id,
        after: { paperRef: input.paperRef },
      });
    });
    return {
      id: row.id,
      surveyId: s.id,
      submittedAt: row.submittedAt.toISOString(),
      channel: 'offline',
      verified: false,
    };
  }

  /** Excel rows of paper forms: all checked first, then all stored in one transaction, or none. */
  async importPaper(
    ctx: RequestContext,
    surveyId: string,
    rows: { row: number; values: Record<string, string> }[],
  ): Promise<ImportReport> {
    const s = await this.surveys.survey(surveyId);
    if (!s || s.status === 'draft') throw notFound(SURVEY);
    await this.scope.guard(ctx, P.responsesEnter, s.regionCode);
    const errors: ImportReport['errors'] = [];
    const ok: NewResponse[] = [];
    const refs = new Set<string>();
    for (const r of rows) {
      const err = (field: string, message: string) => errors.push({ row: r.row, field, message });
      const paperRef = r.values.paperRef ?? '';
      if (!paperRef) {
        err('paperRef', '纸质编号不能为空 / paper form number required');
        continue;
      }
      if (refs.has(paperRef)) {
        err('paperRef', '编号重复 / duplicate number');
        continue;
      }
      refs.add(paperRef);
      const phone = r.values.phone || undefined;
      if (phone && !MobilePhone.safeParse(phone).success) {
        err('phone', '手机号须为11位 / 11-digit mobile');
        continue;
      }
      const read = paperAnswers(s.definition, r.values);
      if ('error' in read) {
        err(read.error.field, read.error.message);
        continue;
      }
      try {
        ok.push(this.paperResponse(ctx, s, { ...(await this.checkAnswers(s, read.answers)), phone, paperRef }));
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        err(e.fieldErrors?.[0]?.path.replace('answers.', '') ?? 'answers', e.messages.zh);
      }
    }
    if (errors.length) return { imported: 0, errors };
    await this.p.db.transaction(async (tx) => {
      const stored = await this.repo.insertMany(ok);
      const taken = ok.find((o) => !stored.has(o.id));
      if (taken)
        throw platformError(
          'conflict',
          {
            zh: `纸质问卷 ${taken.paperRef} 已录入,未导入任何数据`,
            en: `paper form ${taken.paperRef} was already entered; nothing imported`,
          },
          [{ path: 'paperRef', message: taken.paperRef! }],
        );
      await this.p.audit.record(tx, ctx, {
        action: 'participation.response.import-paper',
        objectType: 'survey',
        objectId: s.id,
        after: ok.map((o) => o.paperRef),
      });
    });
    return { imported: ok.length, errors: [] };
  }

  async list(
    actor: Actor | null,
    campaignId: string,
    q: { region?: string; channel?: Channel; q?: string; page: number; pageSize: number },
  ): Promise<{ items: ResponseRow[]; total: number; page: number; pageSize: number }> {
    const c = await this.scope.visibleCampaign(actor, P.responsesRead, campaignId);
    const region = await this.scope.focus(actor, P.responsesRead, c, q.region);
    const { items, total } = await this.repo.page(campaignId, await this.scope.regions.subtree(region), q);
    const names = await this.scope.names(items.map((i) => i.regionCode));
    return {
      items: items.map(({ isDemo, submittedAt, ...r }) => ({
        ...r,
        regionName: names.get(r.regionCode) ?? r.regionCode,
        submittedAt: submittedAt.toISOString(),
        demo: isDemo,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** The demo's simulated responses, 400 to a statement, in one transaction. */
  async loadDemo(rows: NewResponse[]): Promise<void> {
    await this.p.db.transaction(async () => {
      for (let i = 0; i < rows.length; i += 400) await this.repo.insertMany(rows.slice(i, i + 400));
    });
  }

  /** Clears contact details past their campaign's retention period (the hourly job). */
  purgeExpiredContacts(): Promise<number> {
    return this.repo.purgeContacts(this.p.clock.now());
  }

  private newResponse(
    s: SurveyRow,
    r: { answers: Answer[]; regionCode: string; phone?: string; at: Date },
  ): Omit<NewResponse, 'id' | 'channel' | 'verified' | 'consentVersion' | 'campaignId'> {
    return {
      surveyId: s.id,
      regionCode: r.regionCode,
      phoneEnc: r.phone ? this.p.protector.encrypt(r.phone) : null,
      phoneMasked: r.phone ? maskPhone(r.phone) : null,
      answers: r.answers,
      submittedAt: r.at,
    };
  }

  private paperResponse(
    ctx: RequestContext,
    s: SurveyRow,
    r: { answers: Answer[]; regionCode: string; phone?: string; paperRef: string },
  ): NewResponse & { id: string; submittedAt: Date } {
    const at = this.p.clock.now();
    return {
      ...this.newResponse(s, { ...r, at }),
      id: crypto.randomUUID(),
      campaignId: s.campaignId,
      channel: 'offline',
      verified: false,
      paperRef: r.paperRef,
      consentVersion: s.consentVersion,
      enteredBy: ctx.actor?.userId ?? null,
      submittedAt: at,
    };
  }
}
