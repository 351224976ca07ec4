import crypto from 'node:crypto';
import {
  COMPUTE_PERMISSIONS as P,
  type DataCentre,
  type DataCentreInput,
  type DataCentreSummary,
  type DeviceModel,
  type InventoryItem,
  type Zone,
  type ZoneInput,
  type ZoneType,
} from '@zhicheng/contracts/compute-network';
import type { Actor, RequestContext } from '../../../platform/authorization/index.ts';
import { invalidField, notFound, platformError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/module.ts';
import type { RegionsService } from '../../regions/index.ts';
import { capacityOf, checkInventory, InventoryError, linePflops } from './capacity.ts';
import type { CentreAccess } from './centre-access.ts';
import type { CentreFilter, RegistryRepository } from './registry.repository.ts';
import type { CentreRow, ZoneRow } from './registry.tables.ts';
import type { ReportsRepository } from '../reports/reports.repository.ts';

const ZONE = { zh: '算力分区', en: 'zone' };

export const toZone = (z: ZoneRow): Zone => ({
  id: z.id,
  code: z.code,
  name: z.name,
  type: z.type as ZoneType,
  countyCodes: z.countyCodes,
});

/** The device catalogue, the zone layout and the data centres with their inventory. */
export class RegistryService {
  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    readonly repo: RegistryRepository,
    private readonly access: CentreAccess,
    private readonly reports: ReportsRepository,
  ) {}

  private get db() {
    return this.platform.db;
  }
  private get province() {
    return this.platform.config.provinceCode;
  }

  async modelMap(): Promise<Map<string, DeviceModel>> {
    return new Map((await this.repo.models()).map((m) => [m.id, m]));
  }

  async zoneMap(): Promise<Map<string, ZoneRow>> {
    return new Map((await this.repo.zones()).map((z) => [z.id, z]));
  }

  async operatorOrganisations(): Promise<{ id: string; name: string }[]> {
    return (await this.platform.identity.listOrganisations()).filter((o) => o.kind === 'datacentre_operator');
  }

  // ── catalogue and zones ──

  listModels(): Promise<DeviceModel[]> {
    return this.repo.models();
  }

  async saveModel(ctx: RequestContext, m: DeviceModel): Promise<void> {
    await this.platform.authz.assertCovers(ctx.actor, P.manage, this.province);
    await this.db.transaction(async (tx) => {
      await this.repo.upsertModel(m);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.model.save',
        objectType: 'device_model',
        objectId: m.id,
        after: m,
      });
    });
  }

  async listZones(): Promise<Zone[]> {
    return (await this.repo.zones()).map(toZone);
  }

  /** Creates or edits a zone of the "2+5+N" layout; a county belongs to at most one zone. */
  async saveZone(ctx: RequestContext, id: string | null, input: ZoneInput): Promise<Zone> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.manage, this.province);
    const counties = [...new Set(input.countyCodes)];
    for (const [i, c] of counties.entries()) {
      if ((await this.regions.levelOf(c)) !== 'county')
        throw invalidField(`countyCodes.${i}`, `${c} 不是县级区划`, `${c} is not a county`);
      await this.platform.authz.assertCovers(actor, P.manage, c);
    }
    return this.db.transaction(async (tx) => {
      const all = await this.repo.zones();
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
        updatedAt: this.platform.clock.now(),
      };
      await this.repo.saveZone(row);
      await this.platform.audit.record(tx, ctx, {
        action: id ? 'compute.zone.update' : 'compute.zone.create',
        objectType: 'zone',
        objectId: row.id,
        before,
        after: row,
      });
      return toZone(row);
    });
  }

  // ── data centres ──

  private async validateCentre(
    actor: Actor,
    input: DataCentreInput,
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
    if (input.zoneId && !(await this.repo.zoneById(input.zoneId)))
      throw invalidField('zoneId', '分区不存在', 'unknown zone');
    try {
      checkInventory(input.inventory, await this.modelMap());
    } catch (e) {
      if (e instanceof InventoryError) throw invalidField(`inventory.${e.index}.${e.field}`, e.message, e.message);
      throw e;
    }
    return { cityCode: lineage[1] ?? input.countyCode, operatorName: org.name };
  }

  async createCentre(ctx: RequestContext, input: DataCentreInput): Promise<string> {
    this.platform.authz.require(ctx.actor, P.manage);
    const v = await this.validateCentre(ctx.actor, input);
    const id = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      const now = this.platform.clock.now();
      const { inventory: items, operatorOrganisationId, ...rest } = input;
      await this.repo.insertCentre({
        id,
        ...rest,
        operatorOrgId: operatorOrganisationId,
        operatorName: v.operatorName,
        cityCode: v.cityCode,
        racksInUse: 0,
        lastIngestAt: null,
        simulated: false,
        createdAt: now,
        updatedAt: now,
      });
      await this.repo.replaceInventory(id, items);
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
    const current = await this.access.centreOr404(id);
    await this.platform.authz.assertCovers(ctx.actor, P.manage, current.countyCode);
    const v = await this.validateCentre(ctx.actor, input);
    await this.db.transaction(async (tx) => {
      const before = await this.access.centreOr404(id, true);
      const { inventory: items, operatorOrganisationId, ...rest } = input;
      await this.repo.updateCentre(id, {
        ...rest,
        operatorOrgId: operatorOrganisationId,
        operatorName: v.operatorName,
        cityCode: v.cityCode,
        updatedAt: this.platform.clock.now(),
      });
      await this.repo.replaceInventory(id, items);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.data_centre.update',
        objectType: 'data_centre',
        objectId: id,
        before,
        after: input,
      });
    });
  }

  async toCentre(
    c: CentreRow,
    items: InventoryItem[],
    models: Map<string, DeviceModel>,
    zones: Map<string, ZoneRow>,
    lastPeriod: string | null,
  ): Promise<DataCentre> {
    const names = await this.access.regionNames([c.countyCode, c.cityCode]);
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

  /** One centre with its inventory, computed capacity and its last report's month. */
  async getCentre(ctx: RequestContext, id: string): Promise<DataCentre> {
    const c = await this.access.centreOr404(id);
    await this.access.assertOn(ctx.actor, P.read, c);
    const [inv, models, zones, last] = await Promise.all([
      this.repo.inventoryOf([id]),
      this.modelMap(),
      this.zoneMap(),
      this.reports.lastReportPeriods([id]),
    ]);
    return this.toCentre(c, inv.get(id) ?? [], models, zones, last.get(id) ?? null);
  }

  async listCentres(
    ctx: RequestContext,
    q: CentreFilter & { page: number; pageSize: number },
  ): Promise<{ items: DataCentreSummary[]; total: number; page: number; pageSize: number }> {
    this.platform.authz.require(ctx.actor, P.read);
    const v = await this.access.visibility(ctx.actor);
    const { rows, total } = await this.repo.centres(v, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const ids = rows.map((r) => r.id);
    const [inv, models, zones, last, util] = await Promise.all([
      this.repo.inventoryOf(ids),
      this.modelMap(),
      this.zoneMap(),
      this.reports.lastReportPeriods(ids),
      this.reports.latestApproved(ids),
    ]);
    const items: DataCentreSummary[] = [];
    for (const r of rows) {
      const centre = await this.toCentre(r, inv.get(r.id) ?? [], models, zones, last.get(r.id) ?? null);
      const { inventory: _i, capacity, ...rest } = centre;
      items.push({
        ...rest,
        totalPflops: capacity.totalPflops,
        intelligentPflops: capacity.intelligentPflops,
        utilisationPct: util.get(r.id)?.utilisationPct ?? null,
      });
    }
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}
