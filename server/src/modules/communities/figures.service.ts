import crypto from 'node:crypto';
import {
  COMMUNITIES_PERMISSIONS as P,
  COMMUNITY_METRICS,
  FigureRow,
  type CreatedIngestToken,
  type CreateIngestToken,
  type Figure,
  type FigureQuery,
  type IngestResult,
  type IngestToken,
  type Rollup,
  type RollupQuery,
  type RollupRow,
} from '@zhicheng/contracts/communities';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { sha256Hex } from '../../platform/crypto/index.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { communitiesError } from './communities.errors.ts';
import { FiguresRepository, type FigureInsert } from './figures.repository.ts';
import { regionPrefix } from './region-prefix.ts';
import type { RegistryService } from './registry.service.ts';

const LAST_METRICS = Object.entries(COMMUNITY_METRICS)
  .filter(([, m]) => m.agg === 'last')
  .map(([k]) => k);
const TOKEN_OBJECT = 'communities.ingest-token';

/** The token a request carries, resolved: which region it may push to or pull from. */
export interface TokenScope {
  id: string;
  regionCode: string;
}

/** YYYY-MM of a date, in the province's time (UTC+8), so a month boundary is Beijing midnight. */
export const monthOf = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
const monthsBack = (to: string, n: number) => {
  const [y, m] = to.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};

/**
 * Data upward (纵向互通): connected community systems push monthly figures with a token instead of filling forms;
 * figures roll up street → county → city → province with their freshness; a county or city platform pulls its
 * subtree's rows through the same API. Every monthly report that arrives by API is a form saved.
 */
export class FiguresService {
  readonly repo: FiguresRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly registry: RegistryService,
  ) {
    this.repo = new FiguresRepository(platform.db);
  }

  // ------------------------------------------------------------ tokens

  async createToken(ctx: RequestContext, input: CreateIngestToken): Promise<CreatedIngestToken> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.selfReport, input.regionCode);
    const token = `zcc_${crypto.randomBytes(24).toString('base64url')}`;
    const row = {
      id: crypto.randomUUID(),
      regionCode: input.regionCode,
      name: input.name,
      tokenHash: sha256Hex(token),
      createdBy: actor.userId,
      createdAt: this.platform.clock.now(),
    };
    await this.platform.db.transaction(async (tx) => {
      await this.repo.insertToken(row);
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.ingest-token.create',
        objectType: TOKEN_OBJECT,
        objectId: row.id,
        after: { regionCode: row.regionCode, name: row.name },
      });
    });
    const names = await this.regions.nameOf([row.regionCode]);
    return { ...toToken({ ...row, revokedAt: null, lastUsedAt: null }, names), token };
  }

  /** A token made by the platform itself (the demo loader); returns the secret. */
  async createSystemToken(ctx: RequestContext, regionCode: string, name: string): Promise<string> {
    const token = `zcc_${crypto.randomBytes(24).toString('base64url')}`;
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      await this.repo.insertToken({
        id,
        regionCode,
        name,
        tokenHash: sha256Hex(token),
        createdAt: this.platform.clock.now(),
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.ingest-token.create',
        objectType: TOKEN_OBJECT,
        objectId: id,
        after: { regionCode, name },
      });
    });
    return token;
  }

  async tokens(ctx: RequestContext, region: string): Promise<IngestToken[]> {
    await this.platform.authz.assertCovers(ctx.actor, P.selfReport, region);
    const rows = await this.repo.tokensOf(region);
    const names = await this.regions.nameOf([...new Set(rows.map((r) => r.regionCode))]);
    return rows.map((r) => toToken(r, names));
  }

  async revokeToken(ctx: RequestContext, id: string): Promise<IngestToken> {
    const row = await this.repo.tokenById(id);
    if (!row) throw communitiesError('token_not_found');
    await this.platform.authz.assertCovers(ctx.actor, P.selfReport, row.regionCode);
    const at = this.platform.clock.now();
    await this.platform.db.transaction(async (tx) => {
      if (!row.revokedAt) await this.repo.revokeToken(id, at);
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.ingest-token.revoke',
        objectType: TOKEN_OBJECT,
        objectId: id,
        after: { revokedAt: at.toISOString() },
      });
    });
    return toToken({ ...row, revokedAt: row.revokedAt ?? at }, await this.regions.nameOf([row.regionCode]));
  }

  /** The Bearer token of a request → its scope; 401 when missing, unknown or revoked. */
  async tokenScope(authorization: string | undefined): Promise<TokenScope> {
    const m = /^Bearer\s+(\S{8,200})$/i.exec(authorization ?? '');
    if (!m) throw communitiesError('invalid_token');
    const row = await this.repo.tokenByHash(sha256Hex(m[1]!));
    if (!row) throw communitiesError('invalid_token');
    return { id: row.id, regionCode: row.regionCode };
  }

  // ------------------------------------------------------------ push

  /**
   * A batch from a connected system (run as the platform: the token is the credential). Every row is checked first;
   * if any is wrong nothing is written and every problem is named by row index. Rows are keyed by (community,
   * metric, month), so resending a batch changes nothing.
   */
  async ingest(
    ctx: RequestContext,
    scope: TokenScope,
    rows: unknown[],
    source: 'api' | 'excel' = 'api',
  ): Promise<IngestResult> {
    const errors: { path: string; message: string }[] = [];
    const parsed: (FigureRow & { communityCode: string; index: number })[] = [];
    const prefix = regionPrefix(scope.regionCode);
    rows.forEach((raw, index) => {
      const r = FigureRow.safeParse(raw);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        errors.push({ path: ['rows', index, ...issue.path].join('.'), message: issue.message });
        return;
      }
      const code = r.data.communityCode ?? (scope.regionCode.length === 12 ? scope.regionCode : undefined);
      if (!code)
        errors.push({ path: `rows.${index}.communityCode`, message: 'required for a token above community level' });
      else if (!code.startsWith(prefix))
        errors.push({ path: `rows.${index}.communityCode`, message: 'outside the token’s region' });
      else parsed.push({ ...r.data, communityCode: code, index });
    });
    const codes = [...new Set(parsed.map((r) => r.communityCode))];
    const known = await this.repo.registered(codes);
    const seen = new Set<string>();
    for (const r of parsed) {
      const k = `${r.communityCode}|${r.month}`;
      if (!known.has(r.communityCode))
        errors.push({ path: `rows.${r.index}.communityCode`, message: 'not a registered community' });
      else if (seen.has(k)) errors.push({ path: `rows.${r.index}`, message: 'the same community and month twice' });
      seen.add(k);
    }
    if (errors.length) throw communitiesError('ingest_rows_invalid', undefined, errors.slice(0, 100));
    const now = this.platform.clock.now();
    const months = [...new Set(parsed.map((r) => `${r.month}-01`))];
    return this.platform.db.transaction(async (tx) => {
      const before = source === 'api' ? await this.repo.apiReportsAmong(codes, months) : new Set<string>();
      const insert: FigureInsert[] = parsed.map((r) => ({
        communityCode: r.communityCode,
        month: `${r.month}-01`,
        values: r.values as Record<string, number>,
        source,
        receivedAt: now,
      }));
      const written = await this.repo.upsert(insert);
      const formsSaved =
        source === 'api' ? insert.filter((r) => !before.has(`${r.communityCode}|${r.month}`)).length : 0;
      await this.repo.touchToken(scope.id, now);
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.figures.ingest',
        objectType: TOKEN_OBJECT,
        objectId: scope.id,
        after: { rows: insert.length, written, formsSaved, source },
      });
      return { accepted: written, unchanged: insert.length - written, formsSaved };
    });
  }

  /** The demo loader's path: the rows as given, run as the platform, audited once. */
  async seedDemo(ctx: RequestContext, rows: FigureInsert[]): Promise<number> {
    return this.platform.db.transaction(async (tx) => {
      await this.repo.insertMany(rows);
      const n = rows.length;
      await this.platform.audit.record(tx, ctx, {
        action: 'communities.figures.seed-demo',
        objectType: 'communities.figure',
        objectId: null,
        after: { rows: n },
      });
      return n;
    });
  }

  // ------------------------------------------------------------ pull and roll-up

  /** Rows of a region's communities, oldest arrival first (a pulling platform pages with `since`). */
  async figures(prefixes: string[], q: FigureQuery) {
    const { rows, total } = await this.repo.page(prefixes, {
      since: q.since ? new Date(q.since) : undefined,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const items: Figure[] = rows.map((r) => ({
      communityCode: r.communityCode,
      month: r.month.slice(0, 7),
      values: r.values,
      source: r.source as Figure['source'],
      receivedAt: r.receivedAt.toISOString(),
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async figuresForUser(ctx: RequestContext, q: FigureQuery) {
    return this.figures(await this.registry.scopePrefixes(ctx, P.read, q.region), q);
  }

  async figuresForToken(scope: TokenScope, q: FigureQuery) {
    if (q.region && !q.region.startsWith(regionPrefix(scope.regionCode))) throw communitiesError('invalid_token');
    return this.figures([regionPrefix(q.region ?? scope.regionCode)], q);
  }

  /** Figures rolled up one level below the region, with freshness and forms saved. */
  async rollup(ctx: RequestContext, q: RollupQuery): Promise<Rollup> {
    const root = q.region ?? this.platform.config.provinceCode;
    await this.registry.scopePrefixes(ctx, P.read, root);
    const prefix = regionPrefix(root);
    const to = q.to ?? monthOf(this.platform.clock.now());
    const from = q.from ?? monthsBack(to, 11);
    if (from > to)
      throw communitiesError('ingest_rows_invalid', { zh: '起始月份晚于截止月份', en: 'from is after to' }, [
        { path: 'from', message: 'after to' },
      ]);
    const childLen = prefix.length === 2 ? 4 : prefix.length === 4 ? 6 : prefix.length === 6 ? 9 : 12;
    const toCode = (child: string) => (child.length === 4 ? `${child}00` : child);
    const [sums, reporting, registered] = await Promise.all([
      this.repo.rollup(prefix, childLen, `${from}-01`, `${to}-01`, LAST_METRICS),
      this.repo.reporting(prefix, childLen, `${from}-01`, `${to}-01`),
      this.repo.registeredPer(prefix, childLen),
    ]);
    const children = new Map<string, RollupRow>();
    const now = this.platform.clock.now().getTime();
    const row = (child: string): RollupRow => {
      let r = children.get(child);
      if (!r) {
        r = {
          regionCode: toCode(child),
          regionName: '',
          values: {},
          reporting: 0,
          registered: 0,
          lastReceivedAt: null,
          ageDays: null,
        };
        children.set(child, r);
      }
      return r;
    };
    for (const s of sums) row(s.child).values[s.metric] = s.value;
    const formsSaved = { api: 0, excel: 0, form: 0 };
    for (const x of reporting) {
      const r = row(x.child);
      r.reporting = x.n;
      r.lastReceivedAt = x.last_received ? new Date(x.last_received).toISOString() : null;
      formsSaved.api += x.api;
      formsSaved.excel += x.excel;
      formsSaved.form += x.form;
    }
    for (const x of registered) row(x.child).registered = x.n;
    const names = await this.regions.nameOf([...children.values()].map((r) => r.regionCode));
    const list = [...children.values()]
      .map((r) => ({
        ...r,
        regionName: names.get(r.regionCode) ?? r.regionCode,
        ageDays: r.lastReceivedAt ? Math.floor((now - Date.parse(r.lastReceivedAt)) / 86_400_000) : null,
      }))
      .sort((a, b) => a.regionCode.localeCompare(b.regionCode));
    const total: RollupRow = {
      regionCode: root,
      regionName: (await this.regions.nameOf([root])).get(root) ?? root,
      values: {},
      reporting: list.reduce((s, r) => s + r.reporting, 0),
      registered: list.reduce((s, r) => s + r.registered, 0),
      lastReceivedAt: list.reduce<string | null>(
        (m, r) => (r.lastReceivedAt && (!m || r.lastReceivedAt > m) ? r.lastReceivedAt : m),
        null,
      ),
      ageDays: null,
    };
    for (const r of list) for (const [k, v] of Object.entries(r.values)) total.values[k] = (total.values[k] ?? 0) + v;
    total.ageDays = total.lastReceivedAt ? Math.floor((now - Date.parse(total.lastReceivedAt)) / 86_400_000) : null;
    return {
      region: { code: root, name: total.regionName },
      from,
      to,
      children: list,
      total,
      formsSaved,
      demo: registered.some((x) => x.demo),
    };
  }
}

const toToken = (
  r: { id: string; regionCode: string; name: string; createdAt: Date; revokedAt: Date | null; lastUsedAt: Date | null },
  names: Map<string, string>,
): IngestToken => ({
  id: r.id,
  regionCode: r.regionCode,
  regionName: names.get(r.regionCode) ?? r.regionCode,
  name: r.name,
  createdAt: r.createdAt.toISOString(),
  revokedAt: r.revokedAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
});

/**
 * A year of monthly figures for the demo communities (示例): connected communities (those running a system) as
 * pushed by API, the rest as hand-keyed forms, so "forms saved" has something to count. Deterministic per code.
 */
export function demoFigures(
  communities: { code: string; households: number; connected: boolean }[],
  now: Date,
  months = 12,
): FigureInsert[] {
  const out: FigureInsert[] = [];
  const last = monthOf(now);
  for (const c of communities) {
    let h = 2166136261;
    for (let i = 0; i < c.code.length; i++) h = Math.imul(h ^ c.code.charCodeAt(i), 16777619);
    const rnd = () => ((h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0) % 1000) / 1000;
    const devices = Math.round(c.households / 40) + 5;
    for (let k = months - 1; k >= 0; k--) {
      const month = `${monthsBack(last, k)}-01`;
      // The current month is still open: connected systems have pushed it, hand-keyed forms come after month end.
      if (k === 0 && !c.connected) continue;
      const receivedAt = new Date(Math.min(now.getTime(), Date.parse(`${month}T00:00:00+08:00`) + 32 * 86_400_000));
      const orders = Math.round(c.households / 60 + rnd() * 20);
      out.push({
        communityCode: c.code,
        month,
        source: c.connected ? 'api' : 'form',
        receivedAt,
        values: {
          services_delivered: Math.round(c.households / 25 + rnd() * 40),
          residents_served: Math.round(c.households / 6 + rnd() * 200),
          work_orders: orders,
          work_orders_closed: Math.round(orders * (0.85 + rnd() * 0.15)),
          elderly_care_visits: Math.round(c.households / 80 + rnd() * 15),
          devices_online: Math.round(devices * (0.9 + rnd() * 0.1)),
          devices_total: devices,
        },
      });
    }
  }
  return out;
}
