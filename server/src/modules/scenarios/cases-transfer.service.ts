import crypto from 'node:crypto';
import {
  SCENARIOS_PERMISSIONS as P,
  CaseInput,
  type CaseExportQuery,
  type CaseImportReport,
  type CaseStatus,
} from '@zhicheng/contracts/scenarios';
import type { RequestContext } from '../../platform/authorization/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { caseToRow, type TermLookup } from './cases-excel.ts';
import type { CaseInsert } from './cases.repository.ts';
import { fields, searchFilter, stepBy, type CasesService } from './cases.service.ts';
import type { DuplicatesService } from './duplicates.service.ts';
import type { TaxonomyService } from './taxonomy.service.ts';

/** Status words in the exported sheet: Chinese first, English after, as every status in the UI. */
const STATUS_WORDS: Record<CaseStatus, string> = {
  draft: '草稿 Draft',
  submitted: '待市级推荐 Awaiting the city',
  recommended: '待省级入榜 Awaiting the province',
  accepted: '已入榜 On the board',
  returned: '已退回 Returned',
  retired: '已合并退出 Retired',
};
/** The most rows one export writes (a province's whole library is about 7,000). */
const EXPORT_LIMIT = 20_000;
/** The most rows one import takes. */
export const IMPORT_LIMIT = 2_000;

/**
 * Excel import and export of the case library. An import is all rows or none: every row is checked (the contract,
 * the taxonomy, the region the importer files for, titles unique in the region and in the sheet) before anything is
 * written; then every case is filed as a draft in one transaction, each with its own step and audit row (so the four
 * eyes rule sees who filed it), and the report names the library's cases each one resembles.
 */
export class CaseTransferService {
  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly cases: CasesService,
    private readonly taxonomy: TaxonomyService,
    private readonly duplicates: DuplicatesService,
  ) {}

  /** Codes for names: a cell may hold 政府引导 or gov_led; only active terms. */
  async termLookup(): Promise<TermLookup> {
    const byKey = new Map<string, string>();
    for (const t of (await this.taxonomy.names()).values()) {
      if (!t.active) continue;
      byKey.set(`${t.kind}:${t.code}`, t.code);
      byKey.set(`${t.kind}:${t.zh}`, t.code);
      byKey.set(`${t.kind}:${t.en.toLowerCase()}`, t.code);
    }
    return (kind, cell) => byKey.get(`${kind}:${cell}`) ?? byKey.get(`${kind}:${cell.toLowerCase()}`);
  }

  /** The region an importer files for when the sheet leaves it blank: their one operator binding, if one. */
  defaultRegion(ctx: RequestContext): string | undefined {
    const own = (ctx.actor?.roles ?? []).filter((b) =>
      ['county_operator', 'city_operator', 'province_operator'].includes(b.role),
    );
    return own.length === 1 ? own[0]!.regionCode : undefined;
  }

  async importRows(
    ctx: RequestContext,
    rows: { row: number; input: unknown; errors: CaseImportReport['errors'] }[],
  ): Promise<CaseImportReport> {
    this.platform.authz.require(ctx.actor, P.file);
    const errors: CaseImportReport['errors'] = [];
    if (!rows.length) errors.push({ row: 2, field: 'title', message: '表中没有案例 / no case rows' });
    if (rows.length > IMPORT_LIMIT)
      errors.push({
        row: IMPORT_LIMIT + 2,
        field: 'title',
        message: `一次最多 ${IMPORT_LIMIT} 行 / at most ${IMPORT_LIMIT} rows`,
      });
    const good: { row: number; input: CaseInput; cityCode: string }[] = [];
    const seen = new Map<string, number>();
    // The region column takes a code or a name (历下区, 济南市历下区): each distinct name looked up once through
    // regions' identify; an unknown or ambiguous one is the row's error, naming the candidates.
    const cellOf = (r: { input: unknown }) => String((r.input as { regionCode?: unknown }).regionCode ?? '').trim();
    const names = await this.regions.identifyAll(rows.map(cellOf).filter((c) => c && !/^\d+$/.test(c)));
    for (const r of rows) {
      const cell = cellOf(r);
      const named = names.get(cell);
      if (!named) continue;
      if (named.code !== undefined) (r.input as { regionCode: string }).regionCode = named.code;
      else r.errors = [...r.errors, { row: r.row, field: 'regionCode', message: named.message }];
    }
    for (const r of rows) {
      errors.push(...r.errors);
      const parsed = CaseInput.safeParse(r.input);
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          if (!r.errors.some((e) => e.field === String(i.path[0] ?? '')))
            errors.push({ row: r.row, field: String(i.path[0] ?? ''), message: i.message });
        continue;
      }
      const c = parsed.data;
      const fieldErr = (field: string, message: string) => errors.push({ row: r.row, field, message });
      try {
        await this.cases.assertAuthorAt(ctx.actor, c.regionCode);
      } catch {
        fieldErr('regionCode', '只能导入本级区划的案例 / your own region only');
        continue;
      }
      let cityCode: string;
      try {
        cityCode = (await this.cases.placeOf(c.regionCode)).cityCode;
      } catch {
        fieldErr('regionCode', '须为县(市、区)、市或省 / county, city or province');
        continue;
      }
      try {
        await this.cases.checkTerms(c);
      } catch (e) {
        const path = (e as { errors?: { path: string }[] }).errors?.[0]?.path ?? 'category';
        if (!r.errors.some((x) => x.field === path)) fieldErr(path, '分类与领域不符或已停用 / unknown or retired');
        continue;
      }
      const key = `${c.regionCode}\u0000${c.title}`;
      if (seen.has(key)) fieldErr('title', `与第 ${seen.get(key)} 行同名 / same title as row ${seen.get(key)}`);
      else if (await this.cases.repo.titleTaken(c.regionCode, c.title))
        fieldErr('title', '本区划已有同名案例 / already in the library');
      seen.set(key, r.row);
      if (!r.errors.length) good.push({ row: r.row, input: c, cityCode });
    }
    if (errors.length) return { imported: 0, ids: [], duplicates: [], errors: errors.sort((a, b) => a.row - b.row) };

    const now = this.platform.clock.now();
    const actor = ctx.actor!;
    const inserts: CaseInsert[] = good.map((g) => ({
      ...fields(g.input),
      id: crypto.randomUUID(),
      cityCode: g.cityCode,
      status: 'draft',
      isDemo: false,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    }));
    const duplicates: CaseImportReport['duplicates'] = [];
    await this.platform.db.transaction(async (tx) => {
      for (let i = 0; i < inserts.length; i += 500) await this.cases.repo.insertMany(inserts.slice(i, i + 500));
      await this.cases.repo.addSteps(
        inserts.map((c) => ({ ...stepBy(ctx), caseId: c.id, action: 'create', toStatus: 'draft' as const, at: now })),
      );
      await this.duplicates.index(inserts.map((c) => ({ ...c, problem: c.problem ?? '', approach: c.approach ?? '' })));
      // Each case its own audit row, as when filed by hand: the four-eyes check reads who created it.
      for (const [k, c] of inserts.entries())
        await this.platform.audit.record(tx, ctx, {
          action: 'scenarios.case.create',
          objectType: 'scenarios.case',
          objectId: c.id,
          after: { ...good[k]!.input, importedFromRow: good[k]!.row },
        });
      // Flagged now, shown on each case page as on any filed case; nothing is linked or merged here.
      const stored = new Map((await this.cases.repo.byIds(inserts.map((c) => c.id))).map((c) => [c.id, c]));
      for (const [k, c] of inserts.entries()) {
        const similar = await this.duplicates.similarTo(stored.get(c.id)!);
        if (similar.length)
          duplicates.push({
            row: good[k]!.row,
            caseId: c.id,
            title: c.title,
            similar: similar.map((x) => ({ id: x.other.id, title: x.other.title, similarity: x.similarity })),
          });
      }
    });
    return { imported: inserts.length, ids: inserts.map((c) => c.id), duplicates, errors: [] };
  }

  /** The reader's cases (their regions, the list's filters) as sheet rows, newest first. */
  async exportRows(ctx: RequestContext, q: CaseExportQuery): Promise<Record<string, unknown>[]> {
    this.platform.authz.require(ctx.actor, P.read);
    let regions: string[];
    if (q.region) {
      await this.platform.authz.assertCovers(ctx.actor, P.read, q.region);
      regions = await this.regions.subtree(q.region);
    } else regions = await this.platform.authz.scopeCodes(ctx.actor, P.read);
    const { rows } = await this.cases.repo.page(
      {
        regions,
        statuses: q.status ? [q.status] : undefined,
        domain: q.domain,
        category: q.category,
        operatingModel: q.operatingModel,
        ...searchFilter(q.q),
      },
      { limit: EXPORT_LIMIT, offset: 0 },
    );
    const summaries = new Map((await this.cases.summaries(rows)).map((s) => [s.id, s]));
    await this.platform.audit.record(this.platform.db, ctx, {
      action: 'scenarios.case.export',
      objectType: 'scenarios.case',
      after: { filters: q, rows: rows.length },
    });
    return rows.map((r) => caseToRow(r, summaries.get(r.id)!, STATUS_WORDS[r.status]));
  }
}
