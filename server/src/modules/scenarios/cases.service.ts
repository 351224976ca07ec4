import crypto from 'node:crypto';
import {
  SCENARIOS_PERMISSIONS as P,
  type CaseInput,
  type CasePage,
  type CaseQuery,
  type CaseStatus,
  type PublicSearchQuery,
  type CaseSummary,
  type ScenarioCase,
  type MergeProposal,
} from '@zhicheng/contracts/scenarios';
import type { Role } from '@zhicheng/contracts';
import { isSystem, type Actor, type RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import { notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { CasesRepository, type CaseFilter, type CaseInsert, type CaseListRow } from './cases.repository.ts';
import { scenariosError } from './scenarios.errors.ts';
import { toAttachment } from './attachments.service.ts';
import type { TaxonomyService } from './taxonomy.service.ts';
import { caseSearchText, indexTokens, queryTokens } from './text.ts';
import { allowedSteps, awaiting, decide, type Holder, type RegionLevel, type Step } from './workflow.ts';

export const CASE_WHAT = { zh: '案例', en: 'Case' };
/** What counts as filing or editing a case: whoever did cannot recommend, accept or return it (four eyes). */
export const CASE_EDITS = [
  'scenarios.case.create',
  'scenarios.case.update',
  'scenarios.case.submit',
  'scenarios.case.attach',
  'scenarios.case.detach',
] as const;
const OPERATOR_ROLES: Role[] = ['county_operator', 'city_operator', 'province_operator'];

/** The region facts a case carries: its level and its city (a city's own code; the province for its own). */
interface Place {
  level: RegionLevel;
  cityCode: string;
}

/**
 * The case library: filing, editing, the steps from county to city to province, and reading within one's region.
 * Authorization first, then one transaction with its audit row and the case's step.
 */
export class CasesService {
  readonly repo: CasesRepository;
  /** Set by the board: a case accepted in a transaction joins the open round's board (same transaction). */
  onAccepted: (caseId: string) => Promise<void> = async () => {};
  /** Set by the merges: the proposals a case is part of, as the viewer (an author of its region, or not) sees them. */
  mergesOf: (caseId: string, author: boolean) => Promise<MergeProposal[]> = async () => [];
  /** Set by the duplicate check: a filed or edited case is (re)indexed in the same transaction. */
  onFiled: (c: { id: string; title: string; summary: string; problem: string; approach: string }) => Promise<void> =
    async () => {};

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly taxonomy: TaxonomyService,
  ) {
    this.repo = new CasesRepository(platform.db);
  }

  // ------------------------------------------------------------------------------------------ reading

  async list(ctx: RequestContext, q: CaseQuery): Promise<CasePage> {
    this.platform.authz.require(ctx.actor, P.read);
    const actor = ctx.actor;
    let regions: string[];
    if (q.region) {
      await this.platform.authz.assertCovers(actor, P.read, q.region);
      regions = await this.regions.subtree(q.region);
    } else regions = await this.platform.authz.scopeCodes(actor, P.read);
    const filter: CaseFilter = {
      regions,
      domain: q.domain,
      category: q.category,
      operatingModel: q.operatingModel,
      ...searchFilter(q.q),
    };
    if (q.status) filter.statuses = [q.status];
    if (q.awaitingMe === 'true') {
      const mine = awaitedStatuses(actor);
      filter.statuses = filter.statuses ? filter.statuses.filter((s) => mine.includes(s)) : mine;
    }
    const { rows, total } = await this.repo.page(filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: await this.summaries(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<ScenarioCase> {
    const c = await this.load(id);
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.read, c.regionCode);
    return this.detail(c, await this.holder(actor, c));
  }

  /** The public library: accepted cases only, searched and filtered like the staff list. */
  async publicSearch(q: PublicSearchQuery): Promise<CasePage> {
    const filter: CaseFilter = {
      statuses: ['accepted'],
      domain: q.domain,
      operatingModel: q.operatingModel,
      cityCode: q.city,
      ...searchFilter(q.q),
    };
    const { rows, total } = await this.repo.page(filter, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: await this.summaries(rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** An accepted case for everyone; anything else is not found (a draft's existence is nobody's business). */
  async publicCase(id: string) {
    const c = await this.repo.get(id);
    if (!c || c.status !== 'accepted') throw notFound(CASE_WHAT);
    const {
      history: _h,
      allowed: _a,
      returnReason: _r,
      merges: _m,
      ...rest
    } = await this.detail(c, {
      author: false,
      city: false,
      province: false,
    });
    return rest;
  }

  /** The row, or 404. */
  async load(id: string, opts: { forUpdate?: boolean } = {}): Promise<CaseListRow> {
    const c = await this.repo.get(id, opts);
    if (!c) throw notFound(CASE_WHAT);
    return c;
  }

  async summaries(rows: CaseListRow[]): Promise<CaseSummary[]> {
    const names = await this.regions.nameOf([...new Set(rows.flatMap((r) => [r.regionCode, r.cityCode]))]);
    const terms = await this.taxonomy.names();
    return rows.map((r) => toSummary(r, names, terms));
  }

  async detail(c: CaseListRow, who: Holder): Promise<ScenarioCase> {
    const [summary] = await this.summaries([c]);
    const level = this.levelOfRow(c);
    return {
      ...summary!,
      problem: c.problem,
      approach: c.approach,
      results: c.results,
      monthlyUsage: c.monthlyUsage,
      savingsFen: c.savingsFen,
      operatingNote: c.operatingNote,
      investmentSource: c.investmentSource,
      goLive: c.goLive,
      responsibleUnit: c.responsibleUnit,
      builder: c.builder,
      tags: c.tags,
      returnReason: c.status === 'returned' ? c.returnReason : null,
      createdAt: c.createdAt.toISOString(),
      submittedAt: c.submittedAt?.toISOString() ?? null,
      acceptedAt: c.acceptedAt?.toISOString() ?? null,
      history: (await this.repo.steps(c.id)).map((s) => ({
        action: s.action,
        fromStatus: s.fromStatus,
        toStatus: s.toStatus,
        byName: s.byName,
        reason: s.reason,
        at: s.at.toISOString(),
      })),
      attachments: (await this.repo.attachments(c.id)).map(toAttachment),
      merges: await this.mergesOf(c.id, who.author),
      allowed: allowedSteps(c.status, level, who),
    };
  }

  // ------------------------------------------------------------------------------------------ filing

  async create(ctx: RequestContext, input: CaseInput): Promise<ScenarioCase> {
    const actor = await this.assertAuthorAt(ctx.actor, input.regionCode);
    const place = await this.placeOf(input.regionCode);
    await this.checkTerms(input);
    const now = this.platform.clock.now();
    const row: CaseInsert = {
      ...fields(input),
      id: crypto.randomUUID(),
      cityCode: place.cityCode,
      status: 'draft',
      isDemo: false,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    await this.platform.db.transaction(async (tx) => {
      if (await this.repo.titleTaken(input.regionCode, input.title)) throw titleTaken();
      await this.repo.insertMany([row]);
      await this.onFiled({ ...row, problem: input.problem, approach: input.approach });
      await this.repo.addStep({ ...stepBy(ctx), caseId: row.id, action: 'create', toStatus: 'draft', at: now });
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.case.create',
        objectType: 'scenarios.case',
        objectId: row.id,
        after: input,
      });
    });
    return this.get(ctx, row.id);
  }

  async update(ctx: RequestContext, id: string, input: CaseInput): Promise<ScenarioCase> {
    await this.checkTerms(input);
    await this.platform.db.transaction(async (tx) => {
      const c = await this.load(id, { forUpdate: true });
      const actor = await this.assertAuthorAt(ctx.actor, c.regionCode);
      if (input.regionCode !== c.regionCode)
        throw platformError('validation_failed', { zh: '案例的区划不能更改', en: 'A case keeps its region' }, [
          { path: 'regionCode', message: 'a case keeps its region' },
        ]);
      this.outcome(c, 'edit', await this.holder(actor, c));
      if (await this.repo.titleTaken(c.regionCode, input.title, c.id)) throw titleTaken();
      await this.repo.update(id, { ...fields(input), updatedAt: this.platform.clock.now() });
      await this.onFiled({ id, ...input });
      await this.platform.audit.record(tx, ctx, {
        action: 'scenarios.case.update',
        objectType: 'scenarios.case',
        objectId: id,
        before: c,
        after: input,
      });
    });
    return this.get(ctx, id);
  }

  /**
   * One step on the way to the board. Submitting is the author's; recommending, accepting and returning are the
   * approvers', who must not have filed or edited the case (four eyes, read from the audit trail).
   */
  async step(ctx: RequestContext, id: string, step: Exclude<Step, 'edit'>, reason?: string): Promise<ScenarioCase> {
    const permission = step === 'submit' ? P.file : P.decide;
    await this.platform.db.transaction(async (tx) => {
      const c = await this.load(id, { forUpdate: true });
      const actor = await this.platform.authz.assertCovers(ctx.actor, permission, c.regionCode);
      const to = this.outcome(c, step, await this.holder(actor, c));
      if (step !== 'submit')
        await assertNotOwnWork(this.platform.db, ctx, { type: 'scenarios.case', id, editActions: CASE_EDITS });
      await this.transition(ctx, c, step, to, reason ?? null);
      if (to === 'accepted') await this.onAccepted(id);
      await this.platform.audit.record(tx, ctx, {
        action: `scenarios.case.${step}`,
        objectType: 'scenarios.case',
        objectId: id,
        before: { status: c.status },
        after: { status: to, reason },
      });
    });
    return this.get(ctx, id);
  }

  /** Moves a case (inside the caller's transaction) and writes its step. */
  async transition(ctx: RequestContext, c: CaseListRow, action: string, to: CaseStatus, reason: string | null) {
    const now = this.platform.clock.now();
    await this.repo.update(c.id, {
      status: to,
      updatedAt: now,
      ...(to === 'returned' ? { returnReason: reason } : {}),
      ...(action === 'submit' ? { submittedAt: now } : {}),
      ...(to === 'accepted' ? { acceptedAt: now } : {}),
    });
    await this.repo.addStep({
      ...stepBy(ctx),
      caseId: c.id,
      action,
      fromStatus: c.status,
      toStatus: to,
      reason,
      at: now,
    });
  }

  // ------------------------------------------------------------------------------------------ rules

  outcome(c: CaseListRow, step: Step, who: Holder): CaseStatus {
    const level = this.levelOfRow(c);
    const o = decide(c.status, step, level, who);
    if ('to' in o) return o.to;
    throw o.refused === 'state'
      ? scenariosError('scenarios_illegal_transition')
      : scenariosError('scenarios_wrong_step');
  }

  levelOfRow(c: { regionCode: string; cityCode: string }): RegionLevel {
    if (c.regionCode === this.platform.config.provinceCode) return 'province';
    return c.cityCode === c.regionCode ? 'city' : 'county';
  }

  /** What the actor is to this case: its author's side, its city's approver, the province's approver. */
  async holder(actor: Actor | null, c: { regionCode: string }): Promise<Holder> {
    if (!actor) return { author: false, city: false, province: false };
    const lineage = (await this.regions.lineage(c.regionCode)) ?? [];
    const province = this.platform.config.provinceCode;
    const holds = (role: Role, where: (code: string) => boolean) =>
      actor.roles.some((b) => b.role === role && where(b.regionCode));
    return {
      author: actor.roles.some((b) => OPERATOR_ROLES.includes(b.role) && b.regionCode === c.regionCode),
      city: holds('city_approver', (code) => code !== province && lineage.includes(code)),
      province: holds('province_approver', (code) => lineage.includes(code)),
    };
  }

  /**
   * Only the region's own operators file its cases ("a city or the province can submit its own"): a city's
   * operator does not write its counties' cases for them.
   */
  async assertAuthorAt(actor: Actor | null, regionCode: string): Promise<Actor> {
    const a = await this.platform.authz.assertCovers(actor, P.file, regionCode);
    if (!a.roles.some((b) => OPERATOR_ROLES.includes(b.role) && b.regionCode === regionCode))
      throw platformError('out_of_region_scope', {
        zh: '只能填报本级区划的案例',
        en: 'You file cases of your own region only',
      });
    return a;
  }

  async placeOf(regionCode: string): Promise<Place> {
    const level = await this.regions.levelOf(regionCode);
    const lineage = (await this.regions.lineage(regionCode)) ?? [];
    if (level === 'county') return { level, cityCode: lineage[1] ?? regionCode };
    if (level === 'city' || level === 'province') return { level, cityCode: regionCode };
    throw scenariosError('scenarios_region_level', undefined, [
      { path: 'regionCode', message: 'county, city or province' },
    ]);
  }

  async checkTerms(input: Pick<CaseInput, 'domain' | 'category' | 'operatingModel'>): Promise<void> {
    const t = await this.taxonomy.names();
    const bad = (path: string) =>
      scenariosError('scenarios_unknown_term', undefined, [{ path, message: 'unknown or retired' }]);
    if (!t.get(`domain:${input.domain}`)?.active) throw bad('domain');
    const cat = t.get(`category:${input.category}`);
    if (!cat?.active || cat.parent !== input.domain) throw bad('category');
    if (!t.get(`operating_model:${input.operatingModel}`)?.active) throw bad('operatingModel');
  }
}

// ------------------------------------------------------------------------------------------ mapping

const titleTaken = () =>
  scenariosError('scenarios_title_exists', undefined, [{ path: 'title', message: 'already used in this region' }]);

export function fields(i: CaseInput) {
  return {
    regionCode: i.regionCode,
    title: i.title,
    domain: i.domain,
    category: i.category,
    summary: i.summary,
    problem: i.problem,
    approach: i.approach,
    results: i.results,
    usersServed: i.usersServed,
    monthlyUsage: i.monthlyUsage,
    savingsFen: i.savingsFen,
    operatingModel: i.operatingModel,
    operatingNote: i.operatingNote,
    investmentFen: i.investmentFen,
    investmentSource: i.investmentSource,
    goLive: i.goLive,
    responsibleUnit: i.responsibleUnit,
    builder: i.builder,
    tags: [...new Set(i.tags)],
    tokens: indexTokens(caseSearchText(i)),
  };
}

export function stepBy(ctx: RequestContext) {
  return {
    byUserId: ctx.actor?.userId ?? null,
    byName: ctx.actor?.displayName ?? (isSystem(ctx) ? `系统:${ctx.system!.name}` : '公众'),
  };
}

/** Words to match: jieba's cut of the query; a query without an indexable word searches titles. */
export function searchFilter(q: string | undefined): Pick<CaseFilter, 'words' | 'titleLike'> {
  if (!q) return {};
  const words = queryTokens(q);
  return words.length ? { words } : { titleLike: q };
}

/** The statuses waiting for this actor's step. */
function awaitedStatuses(actor: Actor): CaseStatus[] {
  const out = new Set<CaseStatus>();
  for (const b of actor.roles) {
    if (OPERATOR_ROLES.includes(b.role)) (['draft', 'returned'] as const).forEach((s) => out.add(s));
    if (b.role === 'city_approver') out.add('submitted');
    if (b.role === 'province_approver') out.add('recommended');
  }
  return (['draft', 'returned', 'submitted', 'recommended'] as const).filter((s) => out.has(s) && awaiting(s) !== null);
}

type TermNames = Map<string, { zh: string }>;
export function toSummary(r: CaseListRow, names: Map<string, string>, terms: TermNames): CaseSummary {
  return {
    id: r.id,
    title: r.title,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? r.regionCode,
    cityCode: r.cityCode,
    cityName: names.get(r.cityCode) ?? r.cityCode,
    domain: r.domain,
    domainName: terms.get(`domain:${r.domain}`)?.zh ?? r.domain,
    category: r.category,
    categoryName: terms.get(`category:${r.category}`)?.zh ?? r.category,
    operatingModel: r.operatingModel,
    operatingModelName: terms.get(`operating_model:${r.operatingModel}`)?.zh ?? r.operatingModel,
    status: r.status,
    usersServed: r.usersServed,
    investmentFen: r.investmentFen,
    summary: r.summary,
    demo: r.isDemo,
    updatedAt: r.updatedAt.toISOString(),
  };
}
