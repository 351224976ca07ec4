import crypto from 'node:crypto';
import {
  ASSESSMENT_PERMISSIONS as P,
  RatingPolicy as RatingPolicySchema,
  SaveCatalogueVersion as SaveCatalogueVersionSchema,
  type CatalogueImportReport,
  type CreateCatalogueVersion,
  type GapToNext,
  type Indicator,
  type IndicatorCatalogue,
  type IndicatorCatalogueSummary,
  type InlineCatalogue,
  type RatingPolicy,
  type SaveCatalogueVersion,
  type SimulateRequest,
  type SimulateResponse,
  type StarRating,
} from '@zhicheng/contracts/assessment';
import { isSystem, type RequestContext } from '../../platform/authorization/index.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { CatalogueRow } from './assessment.tables.ts';
import { CataloguesRepository } from './catalogues.repository.ts';
import { DEFAULT_CATALOGUES } from './catalogues.ts';
import { indicatorsFromRows, type SheetRow } from './excel-rows.ts';
import { cheapestPath, levelTarget } from './gap.ts';
import { rate, type RuleIndicator } from './rating.ts';
import { catalogueProblems } from './validation.ts';

/** A catalogue by id, or given inline (the simulator, another module's own indicators). */
export type CatalogueRef = string | InlineCatalogue;

/** Co-evaluation by citizen supervisors and media covers the citizen-facing domain unless the province chooses. */
export const COEVAL_DEFAULT_DOMAIN = '数字惠民';

export const CATALOGUE_WHAT = { zh: '指标体系', en: 'catalogue' };

/**
 * Indicator catalogues and their versions, and the rating rule applied to one: a version is never edited in place
 * (a change is a new version), and a version a campaign uses is locked, so every published rating stays
 * reproducible. Other modules keep their own catalogues here through the module API.
 */
export class CataloguesService {
  /** Locked versions never change again, so they can be remembered. */
  private readonly cache = new Map<string, CatalogueRow>();
  private readonly repo: CataloguesRepository;

  constructor(private readonly platform: Platform) {
    this.repo = new CataloguesRepository(platform.db);
  }

  /** Loads the default catalogues once; existing versions are kept. */
  async ensureDefaults(): Promise<void> {
    for (const c of DEFAULT_CATALOGUES) {
      if ((await this.repo.latestVersion(c.key)) > 0) continue;
      await this.repo.insert({ ...c, id: crypto.randomUUID(), version: 1, createdAt: this.platform.clock.now() });
    }
  }

  async row(id: string): Promise<CatalogueRow> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const row = await this.repo.byId(id);
    if (!row) throw notFound(CATALOGUE_WHAT);
    row.policy = RatingPolicySchema.parse(row.policy);
    if (row.locked) this.cache.set(id, row);
    return row;
  }

  async list(): Promise<IndicatorCatalogueSummary[]> {
    return (await this.repo.list()).map(toSummary);
  }

  /** Every version of a catalogue key, newest first. */
  async versions(key: string): Promise<IndicatorCatalogueSummary[]> {
    return (await this.repo.versionsOf(key)).map(toSummary);
  }

  async get(id: string): Promise<IndicatorCatalogue> {
    const c = await this.row(id);
    return {
      ...toSummary(c),
      policy: c.policy,
      indicators: c.indicators,
      coEvaluationDefault: coEvaluationDefault([c]),
    };
  }

  /** The route's version: a copy of `fromId` with changes, by the province's catalogue managers. */
  async createVersion(ctx: RequestContext, req: CreateCatalogueVersion): Promise<IndicatorCatalogueSummary> {
    this.platform.authz.require(ctx.actor, P.catalogueManage);
    const from = await this.row(req.fromId);
    return this.insertVersion(ctx, {
      key: from.key,
      name: req.name ?? from.name,
      standard: from.standard,
      level: from.level,
      policy: { ...from.policy, ...req.policy },
      indicators: req.indicators ?? from.indicators,
    });
  }

  /**
   * Another module's version of its own catalogue (the next version of `key`, or version 1). The calling module
   * has authorized its user for its own catalogue; the change is audited as that user (or as the system).
   */
  async saveVersion(ctx: RequestContext, input: SaveCatalogueVersion): Promise<IndicatorCatalogueSummary> {
    if (!ctx.actor && !isSystem(ctx)) throw platformError('unauthenticated');
    // Another module's input has not been through a route's schema: parse it here (defaults, limits).
    const parsed = SaveCatalogueVersionSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw invalidField(issue.path.join('.') || 'catalogue', issue.message, issue.message);
    }
    return this.insertVersion(ctx, { ...parsed.data, policy: parsed.data.policy ?? {} });
  }

  /** Excel rows → a new version of `fromId`; nothing is saved unless every row is valid. */
  async importVersion(ctx: RequestContext, fromId: string, rows: SheetRow[]): Promise<CatalogueImportReport> {
    this.platform.authz.require(ctx.actor, P.catalogueManage);
    const { indicators, errors } = indicatorsFromRows(rows);
    if (errors.length) return { imported: 0, errors, catalogue: null };
    const catalogue = await this.createVersion(ctx, { fromId, indicators });
    return { imported: indicators.length, errors: [], catalogue };
  }

  private async insertVersion(
    ctx: RequestContext,
    v: Pick<CatalogueRow, 'key' | 'name' | 'standard' | 'level' | 'indicators'> & { policy: Partial<RatingPolicy> },
  ): Promise<IndicatorCatalogueSummary> {
    const [problem] = catalogueProblems(v.indicators);
    if (problem) throw invalidField(`indicators.${problem.index}.${problem.field}`, problem.message, problem.message);
    const policy = RatingPolicySchema.parse(v.policy);
    return this.platform.db.transaction(async (tx) => {
      const version = (await this.repo.latestVersion(v.key)) + 1;
      const id = crypto.randomUUID();
      await this.repo.insert({ ...v, id, version, policy, createdAt: this.platform.clock.now() });
      await this.platform.audit.record(tx, ctx, {
        action: 'assessment.catalogue.create',
        objectType: 'catalogue',
        objectId: id,
        after: { key: v.key, version },
      });
      return toSummary((await this.repo.byId(id))!);
    });
  }

  /** Locks the versions a new campaign uses (inside the campaign's transaction). */
  lock(ids: string[]): Promise<void> {
    for (const id of ids) this.cache.delete(id);
    return this.repo.lock(ids);
  }

  // ------------------------------------------------------------ the rule applied

  /** A catalogue's indicators and policy, by id or checked when given inline (`path` names it in errors). */
  async resolve(ref: CatalogueRef, path = 'catalogue'): Promise<{ indicators: RuleIndicator[]; policy: RatingPolicy }> {
    if (typeof ref === 'string') return this.row(ref);
    const indicators = ref.indicators.map((i) => ({ ...i, direction: i.direction ?? 'higher' }));
    const [problem] = catalogueProblems(indicators.map((i) => ({ ...i, parentCode: null })));
    if (problem)
      throw invalidField(`${path}.indicators.${problem.index}.${problem.field}`, problem.message, problem.message);
    return { indicators, policy: RatingPolicySchema.parse(ref.policy ?? {}) };
  }

  /** The star rule with its explanation, for values by indicator code. */
  async rate(ref: CatalogueRef, values: Record<string, number | null>): Promise<StarRating> {
    const c = await this.resolve(ref);
    assertKnown(c.indicators, values);
    return rate(c.indicators, values, c.policy);
  }

  /** The cheapest improvements (HiGHS) from the values to `targetLevel` (1–5; 基础型 at the sub-grade level). */
  async cheapestPath(
    ref: CatalogueRef,
    values: Record<string, number | null>,
    targetLevel: number,
  ): Promise<GapToNext | null> {
    if (!Number.isInteger(targetLevel) || targetLevel < 1 || targetLevel > 5)
      throw invalidField('targetLevel', '目标星级须为 1–5', 'must be 1 to 5');
    const c = await this.resolve(ref);
    assertKnown(c.indicators, values);
    const rating = rate(c.indicators, values, c.policy);
    return cheapestPath(c.indicators, rating, c.policy, levelTarget(targetLevel, c.policy));
  }

  /** 达星模拟: the rating and the cheapest path to the next step up. */
  async simulate(req: SimulateRequest): Promise<SimulateResponse> {
    const c = await this.resolve(req.catalogueId ?? req.catalogue!);
    assertKnown(c.indicators, req.values);
    const rating = rate(c.indicators, req.values, c.policy);
    return { ...rating, gapToNext: await cheapestPath(c.indicators, rating, c.policy) };
  }
}

function assertKnown(indicators: readonly RuleIndicator[], values: Record<string, unknown>): void {
  const known = new Set(indicators.map((i) => i.code));
  const unknown = Object.keys(values).find((k) => !known.has(k));
  if (unknown) throw invalidField(`values.${unknown}`, '指标不在指标体系中', 'not an indicator of the catalogue');
}

/** The citizen-facing indicators (the 数字惠民 domain) of catalogues: what co-evaluation scores by default. */
export const coEvaluationDefault = (cats: readonly ({ indicators: Indicator[] } | null | undefined)[]): string[] => [
  ...new Set(
    cats.flatMap((c) => c?.indicators.filter((i) => i.domain === COEVAL_DEFAULT_DOMAIN).map((i) => i.code) ?? []),
  ),
];

export const toSummary = (c: CatalogueRow): IndicatorCatalogueSummary => ({
  id: c.id,
  key: c.key,
  version: c.version,
  name: c.name,
  standard: c.standard,
  level: c.level,
  locked: c.locked,
  indicatorCount: c.indicators.length,
  createdAt: c.createdAt.toISOString(),
});
