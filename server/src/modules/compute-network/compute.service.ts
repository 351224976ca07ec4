import crypto from 'node:crypto';
import {
  COMPUTE_PERMISSIONS as P,
  DEFAULT_PUE_LIMIT,
  DOWNSAMPLE_SECONDS,
  LIVE_METRICS,
  ReportInput,
  SERIES_LIMIT_PER_CENTRE,
  Uuid,
  type ComputeAlert,
  type DataCentre,
  type DataCentreInput,
  type DataCentreSummary,
  type DeviceModel,
  type InventoryItem,
  type LiveFigures,
  type MapData,
  type MetricsResponse,
  type Report,
  type Statistics,
  type Zone,
  type ZoneInput,
  type ZoneType,
  type Permission,
} from '@zhicheng/contracts';
import type { Actor, RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import { invalidField, notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { Db } from '../../platform/database/index.ts';
import type { RegionsService } from '../regions/index.ts';
import { capacityOf, checkInventory, InventoryError, linePflops } from './capacity.ts';
import { computeErrors } from './compute.errors.ts';
import {
  ComputeRepository,
  type CentreRow,
  type ReportRow,
  type Visibility,
  type ZoneRow,
} from './compute.repository.ts';
import { bucketise, decodeWriteRequest, RemoteWriteError, seriesKey } from './remote-write.ts';
import { checkReport, dueAt, isLate, periodEnded, previousPeriod } from './report-rules.ts';
import { computeStatistics } from './statistics.ts';

const CENTRE = { zh: '数据中心', en: 'data centre' };
const REPORT = { zh: '纳统报告', en: 'report' };
const ZONE = { zh: '算力分区', en: 'zone' };
/** A metric stream with nothing for this long is stale. */
export const METRICS_STALE_MS = 15 * 60_000;
const TOKEN_CACHE_MS = 30_000;

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export function isDataCentreOperator(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === 'datacentre_operator');
}

/** The month (YYYY-MM) a moment falls in, China time. */
export function periodOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

export interface ReportRowOut extends ReportRow {
  centreName: string;
}

export class ComputeService {
  readonly repo: ComputeRepository;
  private readonly names = new Map<string, string>();
  private readonly tokenCache = new Map<string, { id: string | undefined; until: number }>();
  /** Series ids never change once made, so they are safe to remember (bounded). */
  private readonly seriesCache = new Map<string, number>();

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
  ) {
    this.repo = new ComputeRepository(platform.db);
  }

  private get db(): Db {
    return this.platform.db;
  }
  private now(): Date {
    return this.platform.clock.now();
  }

  // ── scope ──

  async visibility(actor: Actor): Promise<Visibility> {
    if (isDataCentreOperator(actor))
      return actor.organisationKind === 'datacentre_operator' ? { orgId: actor.organisationId } : { counties: [] };
    const roots = this.platform.authz.scopeRoots(actor, P.read);
    for (const r of roots) if ((await this.regions.levelOf(r)) === 'province') return { all: true };
    return { counties: await this.platform.authz.scopeCodes(actor, P.read) };
  }

  /** An operator acts on its own organisation's centres; everyone else within their region scope. */
  private async assertOn(actor: Actor | null, permission: Permission, c: CentreRow): Promise<Actor> {
    this.platform.authz.require(actor, permission);
    if (isDataCentreOperator(actor) && !actor.permissions.has(P.manage)) {
      if (actor.organisationKind !== 'datacentre_operator' || c.operatorOrgId !== actor.organisationId)
        throw computeErrors.notOwnCentre();
      return actor;
    }
    return this.platform.authz.assertCovers(actor, permission, c.countyCode);
  }

  private async centreOr404(id: string, db: Db = this.db): Promise<CentreRow> {
    const c = await this.repo.centre(id, db);
    if (!c) throw notFound(CENTRE);
    return c;
  }

  private async regionNames(codes: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(codes)].filter((c) => !this.names.has(c));
    if (missing.length) for (const [k, v] of await this.regions.nameOf(missing)) this.names.set(k, v);
    return this.names;
  }

  async modelMap(db: Db = this.db): Promise<Map<string, DeviceModel>> {
    return new Map((await this.repo.models(db)).map((m) => [m.id, m]));
  }

  async operatorOrganisations(): Promise<{ id: string; name: string }[]> {
    return (await this.platform.identity.listOrganisations()).filter((o) => o.kind === 'datacentre_operator');
  }

  // ── catalogue and zones ──

  listModels(): Promise<DeviceModel[]> {
    return this.repo.models();
  }

  async saveModel(ctx: RequestContext, m: DeviceModel): Promise<void> {
    await this.platform.authz.assertCovers(ctx.actor, P.manage, '370000');
    await this.db.transaction(async (tx) => {
      await this.repo.upsertModel(tx, m);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.model.save',
        objectType: 'device_model',
        objectId: m.id,
        after: m,
      });
    });
  }

  private toZone(z: ZoneRow): Zone {
    return { id: z.id, code: z.code, name: z.name, type: z.type as ZoneType, countyCodes: z.countyCodes };
  }

  async listZones(): Promise<Zone[]> {
    return (await this.repo.zones()).map((z) => this.toZone(z));
  }

  /** Creates or edits a zone of the "2+5+N" layout; a county belongs to at most one zone. */
  async saveZone(ctx: RequestContext, id: string | null, input: ZoneInput): Promise<Zone> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.manage, '370000');
    const counties = [...new Set(input.countyCodes)];
    for (const [i, c] of counties.entries()) {
      if ((await this.regions.levelOf(c)) !== 'county')
        throw invalidField(`countyCodes.${i}`, `${c} 不是县级区划`, `${c} is not a county`);
      await this.platform.authz.assertCovers(actor, P.manage, c);
    }
    return this.db.transaction(async (tx) => {
      const all = await this.repo.zones(tx);
      const before = id ? all.find((z) => z.id === id) : undefined;
      if (id && !before) throw notFound(ZONE);
      if (all.some((z) => z.id !== id && z.code === input.code))
        throw platformError('conflict', { zh: `分区代码 ${input.code} 已存在`, en: `Zone code ${input.code} exists` }, [
          { path: 'code', message: 'duplicate' },
        ]);
      for (const z of all) {
        if (z.id === id) continue;
        const clash = counties.find((c) => z.countyCodes.includes(c));
        if (clash)
          throw platformError(
            'conflict',
            { zh: `县 ${clash} 已属于分区 ${z.name}`, en: `County ${clash} already belongs to zone ${z.name}` },
            [{ path: 'countyCodes', message: `already in ${z.code}` }],
          );
      }
      const row: ZoneRow = {
        id: id ?? crypto.randomUUID(),
        code: input.code,
        name: input.name,
        type: input.type,
        countyCodes: counties,
        updatedAt: this.now(),
      };
      await this.repo.saveZone(tx, row);
      await this.platform.audit.record(tx, ctx, {
        action: id ? 'compute.zone.update' : 'compute.zone.create',
        objectType: 'zone',
        objectId: row.id,
        before,
        after: row,
      });
      return this.toZone(row);
    });
  }

  // ── registry ──

  private async validateCentre(
    actor: Actor,
    input: DataCentreInput,
    db: Db,
  ): Promise<{ cityCode: string; operatorName: string }> {
    if ((await this.regions.levelOf(input.countyCode)) !== 'county')
      throw invalidField('countyCode', '须为县级区划代码', 'must be a county code');
    await this.platform.authz.assertCovers(actor, P.manage, input.countyCode);
    const lineage = (await this.regions.lineage(input.countyCode)) ?? [];
    let org: { name: string; kind: string };
    try {
      org = await this.platform.identity.organisationOf(input.operatorOrganisationId);
    } catch {
      throw invalidField('operatorOrganisationId', '运营单位不存在', 'unknown organisation');
    }
    if (org.kind !== 'datacentre_operator')
      throw invalidField(
        'operatorOrganisationId',
        '运营单位须为数据中心运营方',
        'the organisation must be a data-centre operator',
      );
    if (input.zoneId && !(await this.repo.zoneById(input.zoneId, db)))
      throw invalidField('zoneId', '分区不存在', 'unknown zone');
    try {
      checkInventory(input.inventory, await this.modelMap(db));
    } catch (e) {
      if (e instanceof InventoryError) throw invalidField(`inventory.${e.index}.${e.field}`, e.message, e.message);
      throw e;
    }
    return { cityCode: lineage[1] ?? input.countyCode, operatorName: org.name };
  }

  async createCentre(
    ctx: RequestContext,
    input: DataCentreInput,
    opts: { simulated?: boolean; id?: string; racksInUse?: number } = {},
  ): Promise<string> {
    this.platform.authz.require(ctx.actor, P.manage);
    const actor = ctx.actor;
    const id = opts.id ?? crypto.randomUUID();
    // Validation reads other modules (regions, identity) on their own connection: before the transaction (PGlite has one).
    const v = await this.validateCentre(actor, input, this.db);
    await this.db.transaction(async (tx) => {
      const now = this.now();
      const { inventory: items, operatorOrganisationId, ...rest } = input;
      await this.repo.insertCentre(tx, {
        id,
        ...rest,
        operatorOrgId: operatorOrganisationId,
        operatorName: v.operatorName,
        cityCode: v.cityCode,
        racksInUse: opts.racksInUse ?? 0,
        lastIngestAt: null,
        simulated: opts.simulated ?? false,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.replaceInventory(tx, id, items);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.data_centre.create',
        objectType: 'data_centre',
        objectId: id,
        after: input,
      });
    });
    return id;
  }

  async updateCentre(ctx: RequestContext, id: string, input: DataCentreInput): Promise<void> {
    this.platform.authz.require(ctx.actor, P.manage);
    const actor = ctx.actor;
    const current = await this.centreOr404(id);
    await this.platform.authz.assertCovers(actor, P.manage, current.countyCode);
    const v = await this.validateCentre(actor, input, this.db);
    await this.db.transaction(async (tx) => {
      const before = await this.centreOr404(id, tx);
      const { inventory: items, operatorOrganisationId, ...rest } = input;
      await this.repo.updateCentre(tx, id, {
        ...rest,
        operatorOrgId: operatorOrganisationId,
        operatorName: v.operatorName,
        cityCode: v.cityCode,
        updatedAt: this.now(),
      });
      await this.repo.replaceInventory(tx, id, items);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.data_centre.update',
        objectType: 'data_centre',
        objectId: id,
        before,
        after: input,
      });
    });
  }

  private async toCentre(
    c: CentreRow,
    items: InventoryItem[],
    models: Map<string, DeviceModel>,
    zones: Map<string, ZoneRow>,
    lastPeriod: string | null,
  ): Promise<DataCentre> {
    const names = await this.regionNames([c.countyCode, c.cityCode]);
    const z = c.zoneId ? zones.get(c.zoneId) : undefined;
    return {
      id: c.id,
      name: c.name,
      operatorOrganisationId: c.operatorOrgId,
      operatorName: c.operatorName,
      address: c.address,
      lng: c.lng,
      lat: c.lat,
      countyCode: c.countyCode,
      countyName: names.get(c.countyCode) ?? c.countyCode,
      cityCode: c.cityCode,
      cityName: names.get(c.cityCode) ?? c.cityCode,
      zoneId: c.zoneId,
      zoneName: z?.name ?? null,
      zoneType: (z?.type as ZoneType | undefined) ?? null,
      status: c.status as DataCentre['status'],
      designRacks: c.designRacks,
      racksInUse: c.racksInUse,
      powerCapacityKw: c.powerCapacityKw,
      designPue: c.designPue,
      storagePb: c.storagePb,
      inventory: items.map((it) => {
        const m = models.get(it.modelId);
        return {
          ...it,
          clusterName: it.clusterName ?? null,
          modelName: m ? `${m.vendor} ${m.name}` : it.modelId,
          domestic: m?.domestic ?? false,
          pflops: m ? Math.round(linePflops(it, m) * 1000) / 1000 : 0,
        };
      }),
      capacity: capacityOf(items, models),
      lastReportPeriod: lastPeriod,
      lastIngestAt: c.lastIngestAt?.toISOString() ?? null,
      simulated: c.simulated,
    };
  }

  async getCentre(ctx: RequestContext, id: string): Promise<DataCentre> {
    const c = await this.centreOr404(id);
    await this.assertOn(ctx.actor, P.read, c);
    const [inv, models, zones, last] = await Promise.all([
      this.repo.inventoryOf([id]),
      this.modelMap(),
      this.zoneMap(),
      this.repo.lastReportPeriods([id]),
    ]);
    return this.toCentre(c, inv.get(id) ?? [], models, zones, last.get(id) ?? null);
  }

  private async zoneMap(): Promise<Map<string, ZoneRow>> {
    return new Map((await this.repo.zones()).map((z) => [z.id, z]));
  }

  async listCentres(
    ctx: RequestContext,
    q: { q?: string; cityCode?: string; zoneId?: string; status?: string; page: number; pageSize: number },
  ): Promise<{ items: DataCentreSummary[]; total: number; page: number; pageSize: number }> {
    this.platform.authz.require(ctx.actor, P.read);
    const v = await this.visibility(ctx.actor);
    const { rows, total } = await this.repo.centres(v, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const ids = rows.map((r) => r.id);
    const [inv, models, zones, last, latest] = await Promise.all([
      this.repo.inventoryOf(ids),
      this.modelMap(),
      this.zoneMap(),
      this.repo.lastReportPeriods(ids),
      this.repo.latestApproved(ids),
    ]);
    const items: DataCentreSummary[] = [];
    for (const r of rows) {
      const {
        inventory: _i,
        capacity,
        ...rest
      } = await this.toCentre(r, inv.get(r.id) ?? [], models, zones, last.get(r.id) ?? null);
      items.push({
        ...rest,
        totalPflops: capacity.totalPflops,
        intelligentPflops: capacity.intelligentPflops,
        utilisationPct: latest.get(r.id)?.utilisationPct ?? null,
      });
    }
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  // ── tokens ──

  /** A new ingest token for the centre (shown once; only its hash is kept). The old one stops working. */
  async issueToken(ctx: RequestContext, id: string): Promise<{ dataCentreId: string; token: string }> {
    const c = await this.centreOr404(id);
    await this.assertOn(ctx.actor, isDataCentreOperator(ctx.actor!) ? P.report : P.manage, c);
    const token = `zc_${crypto.randomBytes(24).toString('base64url')}`;
    await this.db.transaction(async (tx) => {
      await this.repo.setToken(tx, id, sha256(token), this.now());
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.ingest_token.issue',
        objectType: 'data_centre',
        objectId: id,
      });
    });
    this.tokenCache.clear();
    return { dataCentreId: id, token };
  }

  /** The deterministic token of a demo centre: keyed by the platform secret, so every start prints the same one. */
  demoToken(id: string): string {
    return `zcdemo_${this.platform.protector.digest({ computeDemoIngestToken: id }).slice(0, 40)}`;
  }

  async setTokenDirect(db: Db, id: string, token: string): Promise<void> {
    await this.repo.setToken(db, id, sha256(token), this.now());
  }

  /** The centre a bearer token belongs to; 401 when unknown. */
  async centreOfToken(authorization: string | undefined): Promise<string> {
    const m = /^Bearer\s+(\S{8,200})$/i.exec(authorization ?? '');
    if (!m) throw computeErrors.invalidToken();
    const hash = sha256(m[1]!);
    const now = Date.now();
    const hit = this.tokenCache.get(hash);
    let id = hit && hit.until > now ? hit.id : undefined;
    if (!hit || hit.until <= now) {
      id = await this.repo.centreByTokenHash(hash);
      if (this.tokenCache.size > 10_000) this.tokenCache.clear();
      this.tokenCache.set(hash, { id, until: now + TOKEN_CACHE_MS });
    }
    if (!id) throw computeErrors.invalidToken();
    return id;
  }

  // ── reports ──

  private toReport(r: ReportRow, centreName: string): Report {
    return {
      id: r.id,
      dataCentreId: r.dataCentreId,
      dataCentreName: centreName,
      period: r.period,
      status: r.status as Report['status'],
      source: r.source as Report['source'],
      racksInUse: r.racksInUse,
      utilisationPct: r.utilisationPct,
      energyMwh: r.energyMwh,
      measuredPue: r.measuredPue,
      computeInUsePflops: r.computeInUsePflops,
      storageUsedPb: r.storageUsedPb,
      explanation: r.explanation,
      late: r.late,
      submittedAt: r.submittedAt.toISOString(),
      submittedBy: r.submittedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decidedBy: r.decidedBy,
      decisionNote: r.decisionNote,
      totalPflops: r.totalPflops,
      intelligentPflops: r.intelligentPflops,
    };
  }

  /** Checks a report against the rules; returns the row to write, or the violations. */
  private async prepareReport(
    tx: Db,
    c: CentreRow,
    input: ReportInput,
    source: 'web' | 'excel' | 'api',
    by: string,
  ): Promise<{ row: ReportRow } | { errors: { field: string; code: string; zh: string; en: string }[] }> {
    const now = this.now();
    if (!periodEnded(input.period, now))
      return {
        errors: [
          {
            field: 'period',
            code: 'validation_failed',
            zh: '该月尚未结束,不能填报',
            en: 'the month has not ended yet',
          },
        ],
      };
    const existing = await this.repo.reportFor(tx, c.id, input.period);
    if (existing?.status === 'approved')
      return {
        errors: [
          {
            field: 'period',
            code: 'report_exists',
            zh: `${input.period} 的报告已审核通过`,
            en: `the report for ${input.period} is already approved`,
          },
        ],
      };
    const prev = await this.repo.previousApproved(tx, c.id, input.period);
    const v = checkReport(input, c.designRacks, prev ?? null);
    if (v.length) return { errors: v.map((x) => ({ field: x.field, code: x.code, zh: x.zh, en: x.en })) };
    return {
      row: {
        id: existing?.id ?? crypto.randomUUID(),
        dataCentreId: c.id,
        period: input.period,
        status: 'submitted',
        source,
        racksInUse: input.racksInUse,
        utilisationPct: input.utilisationPct,
        energyMwh: input.energyMwh,
        measuredPue: input.measuredPue,
        computeInUsePflops: input.computeInUsePflops,
        storageUsedPb: input.storageUsedPb,
        explanation: input.explanation?.trim() || null,
        late: isLate(input.period, now),
        submittedAt: now,
        submittedBy: by,
        decidedAt: null,
        decidedBy: null,
        decisionNote: null,
        totalPflops: null,
        intelligentPflops: null,
        generalPflops: null,
        superPflops: null,
        designRacks: null,
        clusters1k: null,
        clusters10k: null,
      },
    };
  }

  private violationError(errors: { field: string; code: string; zh: string; en: string }[]) {
    const first = errors[0]!;
    const e =
      first.code === 'report_exists'
        ? computeErrors.reportExists(first.en.match(/\d{4}-\d{2}/)?.[0] ?? '')
        : computeErrors.rule(
            first.code,
            first.field,
            errors.map((x) => x.zh).join(';'),
            errors.map((x) => x.en).join('; '),
          );
    return Object.assign(e, { fieldErrors: errors.map((x) => ({ path: x.field, message: x.en })) });
  }

  /** Files (or re-files, until approved) a centre's monthly report. ctx.actor is null for the token API. */
  async submitReport(
    ctx: RequestContext,
    centreId: string,
    input: ReportInput,
    source: 'web' | 'excel' | 'api',
  ): Promise<Report> {
    const c = await this.centreOr404(centreId);
    if (source !== 'api') await this.assertOn(ctx.actor, P.report, c);
    const by = ctx.actor?.username ?? `api-token:${centreId.slice(0, 8)}`;
    return this.db.transaction(async (tx) => {
      const p = await this.prepareReport(tx, c, input, source, by);
      if ('errors' in p) throw this.violationError(p.errors);
      await this.repo.saveReport(tx, p.row);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.report.submit',
        objectType: 'monthly_report',
        objectId: p.row.id,
        after: input,
      });
      return this.toReport(p.row, c.name);
    });
  }

  /** Excel import: every row is checked first; one bad row writes nothing. */
  async importReports(
    ctx: RequestContext,
    rows: { row: number; values: Record<string, string> }[],
  ): Promise<{ imported: number; errors: { row: number; field: string; message: string }[] }> {
    this.platform.authz.require(ctx.actor, P.report);
    const errors: { row: number; field: string; message: string }[] = [];
    const ready: { row: ReportRow; input: ReportInput }[] = [];
    const num = (s: string | undefined) =>
      s === undefined || s.trim() === '' ? undefined : Number(s.replace(/[,%\s]/g, ''));
    const centres = new Map<string, CentreRow | null>();
    const periods = new Set<string>();
    const parsedRows: { row: number; c: CentreRow; input: ReportInput }[] = [];
    // Scope checks read the region tree on the shared connection: all of them before the transaction.
    for (const r of rows) {
      const id = (r.values.dataCentreId ?? '').trim();
      // Only a well-formed uuid reaches the query: anything else is this row's error, not the whole file's.
      if (!centres.has(id)) centres.set(id, Uuid.safeParse(id).success ? ((await this.repo.centre(id)) ?? null) : null);
      const c = centres.get(id);
      if (!c) {
        errors.push({ row: r.row, field: 'dataCentreId', message: '数据中心不存在 / unknown data centre' });
        continue;
      }
      try {
        await this.assertOn(ctx.actor, P.report, c);
      } catch {
        errors.push({ row: r.row, field: 'dataCentreId', message: '无权填报该数据中心 / not yours to report' });
        continue;
      }
      const parsed = ReportInput.safeParse({
        period: r.values.period?.slice(0, 7),
        racksInUse: num(r.values.racksInUse),
        utilisationPct: num(r.values.utilisationPct),
        energyMwh: num(r.values.energyMwh),
        measuredPue: num(r.values.measuredPue),
        computeInUsePflops: num(r.values.computeInUsePflops),
        storageUsedPb: num(r.values.storageUsedPb),
        explanation: r.values.explanation || null,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          errors.push({ row: r.row, field: String(i.path[0] ?? 'row'), message: i.message });
        continue;
      }
      const key = `${id}|${parsed.data.period}`;
      if (periods.has(key)) {
        errors.push({
          row: r.row,
          field: 'period',
          message: '同一数据中心同月重复 / duplicate row for this centre and month',
        });
        continue;
      }
      periods.add(key);
      parsedRows.push({ row: r.row, c, input: parsed.data });
    }
    await this.db.transaction(async (tx) => {
      for (const x of parsedRows) {
        const p = await this.prepareReport(tx, x.c, x.input, 'excel', ctx.actor!.username);
        if ('errors' in p)
          for (const e of p.errors) errors.push({ row: x.row, field: e.field, message: `${e.zh} / ${e.en}` });
        else ready.push({ row: p.row, input: x.input });
      }
      if (errors.length) return;
      for (const x of ready) {
        await this.repo.saveReport(tx, x.row);
        await this.platform.audit.record(tx, ctx, {
          action: 'compute.report.submit',
          objectType: 'monthly_report',
          objectId: x.row.id,
          after: x.input,
        });
      }
    });
    errors.sort((a, b) => a.row - b.row);
    return { imported: errors.length ? 0 : ready.length, errors };
  }

  async listReports(
    ctx: RequestContext,
    q: { dataCentreId?: string; status?: string; period?: string; page: number; pageSize: number },
  ) {
    this.platform.authz.require(ctx.actor, P.read);
    const v = await this.visibility(ctx.actor);
    const { rows, total } = await this.repo.reports(v, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: rows.map((r) => this.toReport(r, r.centreName)), total, page: q.page, pageSize: q.pageSize };
  }

  /** The province approves or rejects; approval fixes the capacity the month counts with. */
  async decideReport(ctx: RequestContext, id: string, decision: 'approve' | 'reject', note?: string): Promise<Report> {
    this.platform.authz.require(ctx.actor, P.approve);
    const actor = ctx.actor;
    const found = await this.repo.report(id);
    if (!found) throw notFound(REPORT);
    await this.platform.authz.assertCovers(actor, P.approve, (await this.centreOr404(found.dataCentreId)).countyCode);
    return this.db.transaction(async (tx) => {
      const r = await this.repo.report(id, tx, true);
      if (!r) throw notFound(REPORT);
      await assertNotOwnWork(tx, ctx, { type: 'monthly_report', id, editActions: ['compute.report.submit'] });
      const c = await this.centreOr404(r.dataCentreId, tx);
      if (r.status !== 'submitted')
        throw platformError('conflict', { zh: '该报告不在待审核状态', en: 'The report is not awaiting a decision' });
      if (decision === 'reject' && !note?.trim())
        throw invalidField('note', '退回须说明原因', 'a rejection needs a reason');
      const next: ReportRow = {
        ...r,
        status: decision === 'approve' ? 'approved' : 'rejected',
        decidedAt: this.now(),
        decidedBy: actor.username,
        decisionNote: note?.trim() || null,
      };
      if (decision === 'approve') {
        const cap = capacityOf((await this.repo.inventoryOf([c.id], tx)).get(c.id) ?? [], await this.modelMap(tx));
        Object.assign(next, {
          totalPflops: cap.totalPflops,
          intelligentPflops: cap.intelligentPflops,
          generalPflops: cap.generalPflops,
          superPflops: cap.superPflops,
          designRacks: c.designRacks,
          clusters1k: cap.clusters1k,
          clusters10k: cap.clusters10k,
        });
        const newer = await this.repo.previousApproved(tx, c.id, '9999-12');
        if (!newer || newer.period <= r.period)
          await this.repo.updateCentre(tx, c.id, { racksInUse: r.racksInUse, updatedAt: this.now() });
      }
      await this.repo.saveReport(tx, next);
      await this.platform.audit.record(tx, ctx, {
        action: `compute.report.${decision}`,
        objectType: 'monthly_report',
        objectId: id,
        before: r,
        after: next,
      });
      return this.toReport(next, c.name);
    });
  }

  // ── statistics and map ──

  async statistics(ctx: RequestContext, q: { period?: string; cityCode?: string }): Promise<Statistics> {
    this.platform.authz.require(ctx.actor, P.read);
    if (q.cityCode && !isDataCentreOperator(ctx.actor))
      await this.platform.authz.assertCovers(ctx.actor, P.read, q.cityCode);
    const v = await this.visibility(ctx.actor);
    const { rows } = await this.repo.centres(v, { cityCode: q.cityCode });
    const ids = rows.map((r) => r.id);
    const [statReports, zones, names] = await Promise.all([
      this.repo.approvedReports('all' in v && !q.cityCode ? 'all' : ids),
      this.zoneMap(),
      this.regionNames(rows.map((r) => r.cityCode)),
    ]);
    const period =
      q.period ?? (statReports.length ? statReports.reduce((m, r) => (r.period > m ? r.period : m), '0000-00') : null);
    const stats = computeStatistics(
      rows.map((r) => {
        const z = r.zoneId ? zones.get(r.zoneId) : undefined;
        return {
          id: r.id,
          cityCode: r.cityCode,
          cityName: names.get(r.cityCode) ?? r.cityCode,
          zoneId: r.zoneId,
          zoneName: z?.name ?? null,
          zoneType: (z?.type as ZoneType | undefined) ?? null,
        };
      }),
      statReports,
      period,
    );
    return { ...stats, simulated: rows.some((r) => r.simulated) };
  }

  async mapData(
    ctx: RequestContext,
    q: {
      cityCode?: string;
      zoneId?: string;
      modelId?: string;
      origin?: 'domestic' | 'imported';
      minFreeRacks?: number;
    },
  ): Promise<MapData> {
    this.platform.authz.require(ctx.actor, P.read);
    const v = await this.visibility(ctx.actor);
    const { rows } = await this.repo.centres(v, { cityCode: q.cityCode, zoneId: q.zoneId });
    const ids = rows.map((r) => r.id);
    const [inv, models, zones, latest] = await Promise.all([
      this.repo.inventoryOf('all' in v && !q.cityCode && !q.zoneId ? 'all' : ids),
      this.modelMap(),
      this.repo.zones(),
      this.repo.latestApproved('all' in v && !q.cityCode && !q.zoneId ? 'all' : ids),
    ]);
    const zoneById = new Map(zones.map((z) => [z.id, z]));
    const points: MapData['points'] = [];
    for (const r of rows) {
      const items = inv.get(r.id) ?? [];
      if (q.modelId && !items.some((it) => it.modelId === q.modelId)) continue;
      if (q.origin) {
        const want = q.origin === 'domestic';
        if (!items.some((it) => it.kind === 'intelligent' && models.get(it.modelId)?.domestic === want)) continue;
      }
      const free = Math.max(0, r.designRacks - r.racksInUse);
      if (q.minFreeRacks !== undefined && free < q.minFreeRacks) continue;
      const cap = capacityOf(items, models);
      const z = r.zoneId ? zoneById.get(r.zoneId) : undefined;
      points.push({
        id: r.id,
        name: r.name,
        lng: r.lng,
        lat: r.lat,
        cityCode: r.cityCode,
        zoneId: r.zoneId,
        zoneType: (z?.type as ZoneType | undefined) ?? null,
        designRacks: r.designRacks,
        racksInUse: r.racksInUse,
        freeRacks: free,
        totalPflops: cap.totalPflops,
        intelligentPflops: cap.intelligentPflops,
        utilisationPct: latest.get(r.id)?.utilisationPct ?? null,
        status: r.status as MapData['points'][number]['status'],
      });
    }
    return { points, zones: zones.map((z) => this.toZone(z)), simulated: rows.some((r) => r.simulated) };
  }

  async alerts(ctx: RequestContext): Promise<ComputeAlert[]> {
    this.platform.authz.require(ctx.actor, P.read);
    const v = await this.visibility(ctx.actor);
    const { rows } = await this.repo.centres(v, { status: 'operating' });
    const ids = rows.map((r) => r.id);
    const [last, recent] = await Promise.all([this.repo.lastReportPeriods(ids), this.repo.recentApproved(ids, 4)]);
    const limit = Number((await this.platform.settings.get<number>('compute.pueLimit')) ?? DEFAULT_PUE_LIMIT);
    const now = this.now();
    // The last month whose report is already due.
    let due = previousPeriod(periodOf(now));
    if (now.getTime() <= dueAt(due).getTime()) due = previousPeriod(due);
    const out: ComputeAlert[] = [];
    for (const c of rows) {
      const lp = last.get(c.id);
      if (!lp || lp < due)
        out.push({
          kind: 'report_stale',
          dataCentreId: c.id,
          dataCentreName: c.name,
          value: null,
          message: {
            zh: `${due} 月报告未报送(最近一次: ${lp ?? '无'})`,
            en: `No report for ${due} (last: ${lp ?? 'none'})`,
          },
        });
      if (c.lastIngestAt && now.getTime() - c.lastIngestAt.getTime() > METRICS_STALE_MS) {
        const mins = Math.round((now.getTime() - c.lastIngestAt.getTime()) / 60_000);
        out.push({
          kind: 'metrics_stale',
          dataCentreId: c.id,
          dataCentreName: c.name,
          value: mins,
          message: { zh: `实时指标已中断 ${mins} 分钟`, en: `No live metrics for ${mins} minutes` },
        });
      }
      const rs = recent.get(c.id) ?? [];
      const latest = rs[0];
      if (latest && latest.measuredPue > limit)
        out.push({
          kind: 'pue_above_limit',
          dataCentreId: c.id,
          dataCentreName: c.name,
          value: latest.measuredPue,
          message: {
            zh: `${latest.period} PUE ${latest.measuredPue} 高于全省限值 ${limit}`,
            en: `${latest.period} PUE ${latest.measuredPue} above the provincial limit ${limit}`,
          },
        });
      if (latest && rs.length >= 2) {
        const base = rs.slice(1).reduce((s, r) => s + r.utilisationPct, 0) / (rs.length - 1);
        if (Math.abs(latest.utilisationPct - base) > 25 || latest.utilisationPct < 10) {
          out.push({
            kind: 'utilisation_anomaly',
            dataCentreId: c.id,
            dataCentreName: c.name,
            value: latest.utilisationPct,
            message: {
              zh: `${latest.period} 利用率 ${latest.utilisationPct}%,前几月平均 ${base.toFixed(1)}%`,
              en: `${latest.period} utilisation ${latest.utilisationPct}%, earlier average ${base.toFixed(1)}%`,
            },
          });
        }
      }
    }
    return out;
  }

  // ── live metrics ──

  /** Prometheus remote-write: decode strictly, keep every series (within the centre's limit) as 1-minute aggregates. */
  async remoteWrite(
    centreId: string,
    body: Buffer,
  ): Promise<{ series: number; samples: number; droppedSeries: number }> {
    let series;
    try {
      series = decodeWriteRequest(body);
    } catch (e) {
      if (e instanceof RemoteWriteError) throw computeErrors.badRemoteWrite(e.field, e.message);
      throw e;
    }
    const buckets = bucketise(series, DOWNSAMPLE_SECONDS * 1000);
    const samples = series.reduce((s, x) => s + x.samples.length, 0);
    const labelsByKey = new Map<string, Record<string, string>>();
    for (const s of series) labelsByKey.set(s.key ?? seriesKey(s.labels), s.labels);
    const ids = new Map<string, number>();
    const missing: string[] = [];
    for (const k of labelsByKey.keys()) {
      const id = this.seriesCache.get(`${centreId}|${k}`);
      if (id !== undefined) ids.set(k, id);
      else missing.push(k);
    }
    let dropped = 0;
    const rowsFor = () => buckets.filter((b) => ids.has(b.key)).map((b) => ({ seriesId: ids.get(b.key)!, b }));
    if (!missing.length) {
      // Every series is known: samples and the stream's liveness in one statement.
      if (buckets.length) await this.repo.upsertSamples(this.db, rowsFor(), { centreId, at: this.now() });
      return { series: labelsByKey.size, samples, droppedSeries: 0 };
    }
    await this.db.transaction(async (tx) => {
      if (missing.length) {
        const found = await this.repo.seriesIds(tx, centreId, missing);
        let fresh = missing.filter((k) => !found.has(k));
        if (fresh.length) {
          const room = Math.max(0, SERIES_LIMIT_PER_CENTRE - (await this.repo.seriesCount(tx, centreId)));
          dropped = Math.max(0, fresh.length - room);
          fresh = fresh.slice(0, room);
          const made = await this.repo.insertSeries(
            tx,
            centreId,
            fresh.map((k) => ({ key: k, labels: labelsByKey.get(k)! })),
            this.now(),
          );
          for (const [k, id] of made) found.set(k, id);
          // Another instance made some at the same moment: read those back.
          const raced = fresh.filter((k) => !made.has(k));
          if (raced.length) for (const [k, id] of await this.repo.seriesIds(tx, centreId, raced)) found.set(k, id);
        }
        for (const [k, id] of found) ids.set(k, id);
      }
      await this.repo.upsertSamples(tx, rowsFor());
      if (samples > 0) await this.repo.touchIngest(tx, centreId, this.now());
    });
    if (this.seriesCache.size > 500_000) this.seriesCache.clear();
    for (const [k, id] of ids) this.seriesCache.set(`${centreId}|${k}`, id);
    return { series: labelsByKey.size, samples, droppedSeries: dropped };
  }

  async metrics(
    ctx: RequestContext,
    id: string,
    q: { metric?: string; hours: number; limit: number },
  ): Promise<MetricsResponse> {
    const c = await this.centreOr404(id);
    await this.assertOn(ctx.actor, P.read, c);
    return this.metricsOf(c.id, q);
  }

  async metricsOf(id: string, q: { metric?: string; hours: number; limit: number }): Promise<MetricsResponse> {
    const now = this.now();
    const [live, series, seriesCount] = await Promise.all([
      this.liveFigures(id, now),
      this.repo.seriesOf(id, q.metric, q.limit),
      this.repo.seriesCount(this.db, id),
    ]);
    const samples = await this.repo.samplesOf(
      series.map((s) => s.id),
      new Date(now.getTime() - q.hours * 3600_000),
    );
    const byId = new Map<number, MetricsResponse['series'][number]['points']>();
    for (const s of samples)
      byId.set(s.seriesId, [
        ...(byId.get(s.seriesId) ?? []),
        { t: s.bucket.toISOString(), avg: s.sum / s.count, min: s.min, max: s.max, last: s.last, count: s.count },
      ]);
    return {
      dataCentreId: id,
      live,
      seriesCount,
      seriesLimit: SERIES_LIMIT_PER_CENTRE,
      series: series.map((s) => ({ labels: s.labels, points: byId.get(s.id) ?? [] })),
    };
  }

  private async liveFigures(id: string, now: Date): Promise<LiveFigures> {
    const rows = await this.repo.latestLive(
      id,
      Object.values(LIVE_METRICS),
      new Date(now.getTime() - METRICS_STALE_MS),
    );
    const of = (m: string) => rows.filter((r) => r.metric === m).map((r) => r.last);
    const sum = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100 : null);
    const util = of(LIVE_METRICS.gpuUtil);
    return {
      gpuUtilPct: util.length ? Math.round((util.reduce((a, b) => a + b, 0) / util.length) * 100) / 100 : null,
      gpuPowerW: sum(of(LIVE_METRICS.gpuPower)),
      nodePowerW: sum(of(LIVE_METRICS.nodePower)),
      racksInUse: sum(of(LIVE_METRICS.racksInUse)),
      racksTotal: sum(of(LIVE_METRICS.racksTotal)),
      gpus: util.length,
      at: rows.length ? new Date(Math.max(...rows.map((r) => r.at.getTime()))).toISOString() : null,
    };
  }
}
