import crypto from 'node:crypto';
import {
  DIRECTORY_PERMISSIONS as P,
  type DeliveryInput,
  type DishonestyInput,
  type Org,
  type OrgDetail,
  type OrgEligibility,
  type OrgInput,
  type OrgQuery,
  type OrgUpdate,
} from '@zhicheng/contracts/directory';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../platform/authorization/four-eyes.ts';
import { maskPhone } from '../../platform/crypto/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { directoryError } from './directory.errors.ts';
import type { DishonestyRow, OrgDeliveryRow, OrgRow } from './directory.tables.ts';
import { OrgsRepository } from './orgs.repository.ts';
import { chinaDay } from '../../platform/clock/index.ts';

const ORG_WHAT = { zh: '单位', en: 'Organisation' };
const RECORD_WHAT = { zh: '失信记录', en: 'Dishonesty record' };

/** In force on `day`: not lifted and not past its end (a dated record lapses by itself). */
export const inForce = (r: Pick<DishonestyRow, 'liftedAt' | 'until'>, day: string) =>
  r.liftedAt === null && (r.until === null || r.until >= day);

/**
 * 项目团队库 and 服务商库: who can build and run things, what they delivered and how well, and whether a dishonesty
 * record (失信) bars them from new work. A record is lifted by someone other than who entered it (四眼原则).
 */
export class OrgsService {
  readonly repo: OrgsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
  ) {
    this.repo = new OrgsRepository(platform.db);
  }

  private today() {
    return chinaDay(this.platform.clock.now());
  }

  async list(ctx: RequestContext, q: OrgQuery) {
    this.platform.authz.require(ctx.actor, P.orgRead);
    const scope = await this.platform.authz.scopeCodes(ctx.actor, P.orgRead);
    const { rows, total } = await this.repo.page(scope, {
      ...q,
      day: this.today(),
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: await this.toOrgs(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<OrgDetail> {
    const row = await this.repo.byId(id);
    if (!row) throw notFound(ORG_WHAT);
    await this.platform.authz.assertCovers(ctx.actor, P.orgRead, row.regionCode);
    const [o] = await this.toOrgs([row]);
    const day = this.today();
    return {
      ...o!,
      deliveryList: (await this.repo.deliveries([id])).map(toDelivery),
      dishonesty: (await this.repo.dishonesty([id])).map((r) => ({
        id: r.id,
        reason: r.reason,
        source: r.source,
        listedOn: r.listedOn,
        until: r.until,
        liftedAt: r.liftedAt?.toISOString() ?? null,
        liftReason: r.liftReason,
        inForce: inForce(r, day),
      })),
    };
  }

  async create(ctx: RequestContext, input: OrgInput, demo = false): Promise<OrgDetail> {
    await this.platform.authz.assertCovers(ctx.actor, P.orgManage, input.regionCode);
    const id = await this.insert(ctx, input, demo);
    return this.get(ctx, id);
  }

  /** The demo loader's entry (system context): the same rules without a user. */
  async insert(ctx: RequestContext, input: OrgInput, demo: boolean): Promise<string> {
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      if (await this.repo.exists(input.kind, input.creditCode))
        throw directoryError('directory_org_exists', undefined, [{ path: 'creditCode', message: 'already listed' }]);
      await this.repo.insert({
        id,
        kind: input.kind,
        name: input.name,
        creditCode: input.creditCode,
        regionCode: input.regionCode,
        contactName: input.contactName,
        phoneSealed: this.platform.protector.encrypt(input.phone),
        phoneMasked: maskPhone(input.phone),
        services: [...new Set(input.services)],
        qualifications: input.qualifications,
        isDemo: demo,
        createdAt: this.platform.clock.now(),
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.org.create',
        objectType: 'directory.org',
        objectId: id,
        after: { ...input, phone: undefined },
      });
    });
    return id;
  }

  /** The keeper corrects an organisation (name, contact, services, qualifications as they are renewed). */
  async update(ctx: RequestContext, id: string, input: OrgUpdate): Promise<OrgDetail> {
    await this.platform.db.transaction(async (tx) => {
      const o = await this.mustManage(ctx, id);
      await this.platform.authz.assertCovers(ctx.actor, P.orgManage, input.regionCode);
      if (input.creditCode !== o.creditCode && (await this.repo.exists(o.kind, input.creditCode)))
        throw directoryError('directory_org_exists', undefined, [{ path: 'creditCode', message: 'already listed' }]);
      await this.repo.update(id, {
        name: input.name,
        creditCode: input.creditCode,
        regionCode: input.regionCode,
        contactName: input.contactName,
        ...(input.phone
          ? { phoneSealed: this.platform.protector.encrypt(input.phone), phoneMasked: maskPhone(input.phone) }
          : {}),
        services: [...new Set(input.services)],
        qualifications: input.qualifications,
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.org.update',
        objectType: 'directory.org',
        objectId: id,
        before: { name: o.name, creditCode: o.creditCode, regionCode: o.regionCode, services: o.services },
        after: { ...input, phone: input.phone ? 'changed' : undefined },
      });
    });
    return this.get(ctx, id);
  }

  async addDelivery(ctx: RequestContext, orgId: string, input: DeliveryInput): Promise<OrgDetail> {
    await this.platform.db.transaction(async (tx) => {
      const o = await this.mustManage(ctx, orgId);
      const id = crypto.randomUUID();
      await this.repo.insertDelivery({
        id,
        orgId: o.id,
        title: input.title,
        kind: input.kind,
        regionCode: input.regionCode,
        year: input.year,
        rating: input.rating ?? null,
        note: input.note ?? null,
        createdAt: this.platform.clock.now(),
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.org.delivery',
        objectType: 'directory.org',
        objectId: o.id,
        after: input,
      });
    });
    return this.get(ctx, orgId);
  }

  async recordDishonesty(ctx: RequestContext, orgId: string, input: DishonestyInput): Promise<OrgDetail> {
    await this.platform.db.transaction(async (tx) => {
      const o = await this.mustManage(ctx, orgId);
      const id = crypto.randomUUID();
      await this.repo.insertDishonesty({
        id,
        orgId: o.id,
        reason: input.reason,
        source: input.source,
        listedOn: input.listedOn,
        until: input.until ?? null,
        liftedAt: null,
        liftReason: null,
        createdAt: this.platform.clock.now(),
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.dishonesty.record',
        objectType: 'directory.dishonesty',
        objectId: id,
        after: { orgId, ...input },
      });
    });
    return this.get(ctx, orgId);
  }

  /** Lifting (信用修复) by someone other than who entered the record. */
  async lift(ctx: RequestContext, orgId: string, recordId: string, reason: string): Promise<OrgDetail> {
    await this.platform.db.transaction(async (tx) => {
      await this.mustManage(ctx, orgId);
      const r = await this.repo.dishonestyById(recordId, true);
      if (!r || r.orgId !== orgId) throw notFound(RECORD_WHAT);
      await assertNotOwnWork(this.platform.db, ctx, {
        type: 'directory.dishonesty',
        id: recordId,
        editActions: ['directory.dishonesty.record'],
      });
      if (!inForce(r, this.today())) throw directoryError('directory_not_in_force');
      await this.repo.lift(recordId, this.platform.clock.now(), reason);
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.dishonesty.lift',
        objectType: 'directory.dishonesty',
        objectId: recordId,
        after: { reason },
      });
    });
    return this.get(ctx, orgId);
  }

  /** For other modules before they give new work: known, and no dishonesty record in force. */
  async eligibility(creditCode: string): Promise<OrgEligibility> {
    const rows = await this.repo.byCreditCode(creditCode);
    if (!rows.length) return { known: false, eligible: true, orgId: null, name: null, blockedBy: [] };
    const day = this.today();
    const records = (await this.repo.dishonesty(rows.map((r) => r.id))).filter((r) => inForce(r, day));
    return {
      known: true,
      eligible: records.length === 0,
      orgId: rows[0]!.id,
      name: rows[0]!.name,
      blockedBy: records.map((r) => ({ reason: r.reason, source: r.source, listedOn: r.listedOn })),
    };
  }

  private async mustManage(ctx: RequestContext, orgId: string): Promise<OrgRow> {
    const o = await this.repo.byId(orgId);
    if (!o) throw notFound(ORG_WHAT);
    await this.platform.authz.assertCovers(ctx.actor, P.orgManage, o.regionCode);
    return o;
  }

  private async toOrgs(rows: OrgRow[]): Promise<Org[]> {
    const ids = rows.map((r) => r.id);
    const [deliveries, records, names] = await Promise.all([
      this.repo.deliveries(ids),
      this.repo.dishonesty(ids),
      this.regions.nameOf([...new Set(rows.map((r) => r.regionCode))]),
    ]);
    const day = this.today();
    return rows.map((r) => {
      const mine = deliveries.filter((d) => d.orgId === r.id);
      const rated = mine.filter((d) => d.rating !== null);
      return {
        id: r.id,
        kind: r.kind as Org['kind'],
        name: r.name,
        creditCode: r.creditCode,
        regionCode: r.regionCode,
        regionName: names.get(r.regionCode) ?? r.regionCode,
        contactName: r.contactName,
        phoneMasked: r.phoneMasked,
        services: r.services,
        qualifications: r.qualifications,
        deliveries: mine.length,
        rating: rated.length ? Math.round((rated.reduce((s, d) => s + d.rating!, 0) / rated.length) * 10) / 10 : null,
        blocked: records.some((x) => x.orgId === r.id && inForce(x, day)),
        demo: r.isDemo,
      };
    });
  }
}

const toDelivery = (d: OrgDeliveryRow) => ({
  id: d.id,
  title: d.title,
  kind: d.kind as 'case' | 'facility' | 'project',
  regionCode: d.regionCode,
  year: d.year,
  rating: d.rating,
  note: d.note,
});
