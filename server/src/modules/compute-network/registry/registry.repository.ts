import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { DeviceModel, InventoryItem } from '@zhicheng/contracts/compute-network';
import type { Db } from '../../../platform/database/index.ts';
import { dataCentre, deviceModel, inventory, zone, type CentreRow, type ZoneRow } from './registry.tables.ts';

/** Which centres a caller may see: an operator organisation's own, or those in a set of counties, or all. */
export type Visibility = { orgId: string } | { counties: string[] } | { all: true };

/** The condition on data_centre for a visibility (used by the other sub-areas' joins too). */
export function visibleCentres(v: Visibility): SQL | undefined {
  if ('all' in v) return undefined;
  if ('orgId' in v) return eq(dataCentre.operatorOrgId, v.orgId);
  return v.counties.length ? inArray(dataCentre.countyCode, v.counties) : sql`false`;
}

/** Centres in a city or a county, by its code. */
export const inRegion = (code: string): SQL =>
  or(eq(dataCentre.cityCode, code), eq(dataCentre.countyCode, code)) ?? sql`false`;

export interface CentreFilter {
  q?: string;
  /** A city's or a county's code (the header's region): the centres in it. */
  cityCode?: string;
  zoneId?: string;
  status?: string;
  ids?: string[];
}

/** All SQL on the registry tables. `db` joins the caller's transaction (platform/database/ambient.ts). */
export class RegistryRepository {
  constructor(private readonly db: Db) {}

  // ── catalogue ──
  async models(): Promise<DeviceModel[]> {
    const rows = await this.db
      .select()
      .from(deviceModel)
      .orderBy(asc(deviceModel.kind), asc(deviceModel.vendor), asc(deviceModel.name));
    return rows.map((r) => ({ ...r, kind: r.kind as DeviceModel['kind'] }));
  }
  async upsertModel(m: DeviceModel): Promise<void> {
    await this.db
      .insert(deviceModel)
      .values(m)
      .onConflictDoUpdate({ target: deviceModel.id, set: { ...m } });
  }
  async insertModelsIfMissing(models: DeviceModel[]): Promise<void> {
    await this.db.insert(deviceModel).values(models).onConflictDoNothing();
  }

  // ── zones ──
  zones(): Promise<ZoneRow[]> {
    return this.db.select().from(zone).orderBy(asc(zone.type), asc(zone.code));
  }
  async zoneById(id: string): Promise<ZoneRow | undefined> {
    const [z] = await this.db.select().from(zone).where(eq(zone.id, id));
    return z;
  }
  async insertZones(rows: ZoneRow[]): Promise<void> {
    if (rows.length) await this.db.insert(zone).values(rows);
  }
  async saveZone(z: ZoneRow): Promise<void> {
    await this.db
      .insert(zone)
      .values(z)
      .onConflictDoUpdate({
        target: zone.id,
        set: { code: z.code, name: z.name, type: z.type, countyCodes: z.countyCodes, updatedAt: z.updatedAt },
      });
  }

  // ── centres ──
  /** `forUpdate` locks the row (an order confirmation checks free cards under it). */
  async centre(id: string, forUpdate = false): Promise<CentreRow | undefined> {
    const q = this.db.select().from(dataCentre).where(eq(dataCentre.id, id));
    const [r] = forUpdate ? await q.for('update') : await q;
    return r;
  }
  async centres(
    v: Visibility,
    q: CentreFilter = {},
    page?: { limit: number; offset: number },
  ): Promise<{ rows: CentreRow[]; total: number }> {
    const where: SQL[] = [];
    const vc = visibleCentres(v);
    if (vc) where.push(vc);
    if (q.q) where.push(ilike(dataCentre.name, `%${q.q}%`));
    if (q.cityCode) where.push(inRegion(q.cityCode));
    if (q.zoneId) where.push(eq(dataCentre.zoneId, q.zoneId));
    if (q.status) where.push(eq(dataCentre.status, q.status));
    if (q.ids) where.push(q.ids.length ? inArray(dataCentre.id, q.ids) : sql`false`);
    const cond = where.length ? and(...where) : undefined;
    const base = this.db.select().from(dataCentre).where(cond).orderBy(asc(dataCentre.cityCode), asc(dataCentre.name));
    const rows = page ? await base.limit(page.limit).offset(page.offset) : await base;
    const total = page ? ((await this.db.select({ n: count() }).from(dataCentre).where(cond))[0]?.n ?? 0) : rows.length;
    return { rows, total };
  }
  async insertCentre(row: CentreRow): Promise<void> {
    await this.db.insert(dataCentre).values(row);
  }
  async insertCentres(rows: CentreRow[], items: Map<string, InventoryItem[]>): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) await this.db.insert(dataCentre).values(rows.slice(i, i + 200));
    for (const [id, list] of items) await this.replaceInventory(id, list);
  }
  async updateCentre(id: string, set: Partial<CentreRow>): Promise<void> {
    await this.db.update(dataCentre).set(set).where(eq(dataCentre.id, id));
  }
  async inventoryOf(ids: string[] | 'all'): Promise<Map<string, InventoryItem[]>> {
    const rows = await this.db
      .select()
      .from(inventory)
      .where(ids === 'all' ? undefined : ids.length ? inArray(inventory.dataCentreId, ids) : sql`false`)
      .orderBy(asc(inventory.dataCentreId), asc(inventory.line));
    const out = new Map<string, InventoryItem[]>();
    for (const r of rows) {
      const list = out.get(r.dataCentreId) ?? [];
      list.push({
        kind: r.kind as InventoryItem['kind'],
        modelId: r.modelId,
        count: r.count,
        clusterName: r.clusterName,
      });
      out.set(r.dataCentreId, list);
    }
    return out;
  }
  async replaceInventory(id: string, items: InventoryItem[]): Promise<void> {
    await this.db.delete(inventory).where(eq(inventory.dataCentreId, id));
    if (items.length)
      await this.db.insert(inventory).values(
        items.map((it, i) => ({
          dataCentreId: id,
          line: i + 1,
          kind: it.kind,
          modelId: it.modelId,
          count: it.count,
          clusterName: it.clusterName ?? null,
        })),
      );
  }
}
