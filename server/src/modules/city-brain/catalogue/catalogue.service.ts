import crypto from 'node:crypto';
import {
  CITY_BRAIN_PERMISSIONS as P,
  type DataRequest,
  type DataRequestDecision,
  type DataRequestInput,
  type DataRequestQuery,
  type Dataset,
  type DatasetPatch,
  type DatasetQuery,
  type DatasetUpdateV1,
  type DataUse,
  type DataUseInput,
} from '@zhicheng/contracts/city-brain';
import type { RequestContext } from '../../../platform/authorization/index.ts';
import { assertNotOwnWork } from '../../../platform/authorization/four-eyes.ts';
import type { Platform } from '../../../platform/module.ts';
import type { RegionsService } from '../../regions/index.ts';
import { cityBrainError } from '../city-brain.errors.ts';
import type { DataRequestRow, DatasetRow, SubPlatformRow } from '../city-brain.tables.ts';
import type { IntakeHandlers } from '../exchange/intake.service.ts';
import type { RegistryRepository } from '../registry.repository.ts';
import { CatalogueRepository } from './catalogue.repository.ts';

const DATASET = 'city-brain.dataset';
const REQUEST = 'city-brain.data-request';
/** Whoever asked for data cannot grant it (four eyes). */
const REQUEST_EDITS = ['city-brain.data-request.create'] as const;

/**
 * 数据资源目录: the datasets each sub-platform offers. The catalogue is the province's shared index, so everyone who
 * may read the hub sees all of it (that is what a catalogue is for); describing a dataset is its owner's (the
 * sub-platform's region), granting conditional data is an approver's of that region and never the requester's own,
 * and every use of shared data is recorded with its purpose and the approval it rests on. Each change writes its
 * audit row in the same transaction.
 */
export class CatalogueService {
  readonly repo: CatalogueRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly registry: RegistryRepository,
  ) {
    this.repo = new CatalogueRepository(platform.db);
  }

  async list(ctx: RequestContext, q: DatasetQuery) {
    this.platform.authz.require(ctx.actor, P.read);
    const { rows, total } = await this.repo.page(q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    return { items: await this.present(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<Dataset> {
    this.platform.authz.require(ctx.actor, P.read);
    const row = await this.repo.get(id);
    if (!row) throw cityBrainError('dataset_not_found');
    return (await this.present([row]))[0]!;
  }

  /** The owner describes the dataset: name, fields, update cycle, sharing class and conditions. */
  async update(ctx: RequestContext, id: string, patch: DatasetPatch): Promise<Dataset> {
    await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.getForUpdate(id);
      if (!row) throw cityBrainError('dataset_not_found');
      const owner = await this.owner(row);
      await this.platform.authz.assertCovers(ctx.actor, P.manage, owner.regionCode);
      const now = this.platform.clock.now();
      await this.repo.update(id, { ...patch, uncatalogued: false, updatedAt: now });
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.dataset.update',
        objectType: DATASET,
        objectId: id,
        before: pick(row, Object.keys(patch)),
        after: patch,
      });
    });
    return this.get(ctx, id);
  }

  /** 申请: for conditional data only (unconditional data needs none, unshared data cannot be had). */
  async request(ctx: RequestContext, datasetId: string, input: DataRequestInput): Promise<DataRequest> {
    this.platform.authz.require(ctx.actor, P.read);
    const actor = ctx.actor;
    const now = this.platform.clock.now();
    if (new Date(input.until) <= now)
      throw cityBrainError('request_until_past', undefined, [{ path: 'until', message: 'must be in the future' }]);
    const id = crypto.randomUUID();
    await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.getForUpdate(datasetId);
      if (!row) throw cityBrainError('dataset_not_found');
      if (row.sharingClass !== 'conditional') throw cityBrainError('request_only_conditional');
      const unknown = input.fields.filter((f) => !row.fields.some((x) => x.name === f));
      if (unknown.length)
        throw cityBrainError('dataset_not_found', { zh: '没有这些字段', en: 'no such fields' }, [
          { path: 'fields', message: unknown.join(', ') },
        ]);
      await this.repo.insertRequest({
        id,
        datasetId,
        requesterUserId: actor.userId,
        requesterName: actor.displayName,
        unit: input.unit,
        purpose: input.purpose,
        fields: input.fields,
        until: new Date(input.until),
        status: 'pending',
        createdAt: now,
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.data-request.create',
        objectType: REQUEST,
        objectId: id,
        after: { datasetId, ...input },
      });
    });
    return this.presentRequest(ctx, id);
  }

  /** 审批: an approver of the owner's region grants or refuses; never the one who asked. */
  async decide(ctx: RequestContext, id: string, d: DataRequestDecision): Promise<DataRequest> {
    await this.platform.db.transaction(async (tx) => {
      const r = await this.repo.requestForUpdate(id);
      if (!r) throw cityBrainError('request_not_found');
      const row = (await this.repo.get(r.datasetId))!;
      const owner = await this.owner(row);
      const actor = await this.platform.authz.assertCovers(ctx.actor, P.approveData, owner.regionCode);
      if (r.status !== 'pending') throw cityBrainError('request_decided');
      await assertNotOwnWork(this.platform.db, ctx, { type: REQUEST, id, editActions: REQUEST_EDITS });
      const status = d.approve ? 'approved' : 'rejected';
      await this.repo.decide(id, {
        status,
        decidedByUserId: actor.userId,
        decidedBy: actor.displayName,
        decidedAt: this.platform.clock.now(),
        decisionNote: d.note ?? null,
      });
      await this.platform.audit.record(tx, ctx, {
        action: `city-brain.data-request.${d.approve ? 'approve' : 'reject'}`,
        objectType: REQUEST,
        objectId: id,
        before: { status: r.status },
        after: { status, note: d.note },
      });
    });
    return this.presentRequest(ctx, id);
  }

  async requests(ctx: RequestContext, q: DataRequestQuery) {
    this.platform.authz.require(ctx.actor, P.read);
    const actor = ctx.actor;
    const decides = actor.permissions.has(P.approveData)
      ? await this.platform.authz.scopeCodes(actor, P.approveData)
      : [];
    const { rows, total } = await this.repo.requests(
      {
        mine: q.view === 'toDecide' ? undefined : actor.userId,
        ownerRegions: q.view === 'mine' ? null : decides,
        status: q.view === 'toDecide' ? 'pending' : q.status,
      },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return {
      items: rows.map((x) => requestOf(x.r, x.d, x.s.code, actor.userId)),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /**
   * 使用登记: takes the dataset for a purpose and records it. Unconditional data is free to use; conditional data only
   * under the caller's own approved request that has not expired (and only its fields); unshared data never.
   */
  async use(ctx: RequestContext, datasetId: string, input: DataUseInput): Promise<DataUse> {
    this.platform.authz.require(ctx.actor, P.read);
    const actor = ctx.actor;
    const now = this.platform.clock.now();
    const use = await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.get(datasetId);
      if (!row) throw cityBrainError('dataset_not_found');
      if (row.sharingClass === 'not_shared') throw cityBrainError('dataset_not_shared');
      let fields = row.fields.map((f) => f.name);
      if (row.sharingClass === 'conditional') {
        const r = input.requestId ? await this.repo.request(input.requestId) : undefined;
        if (
          !r ||
          r.datasetId !== datasetId ||
          r.requesterUserId !== actor.userId ||
          r.status !== 'approved' ||
          r.until <= now
        )
          throw cityBrainError('data_request_required', undefined, [
            { path: 'requestId', message: 'an approved, unexpired request of yours for this dataset' },
          ]);
        if (r.fields.length) fields = r.fields;
      }
      const u = await this.repo.insertUse({
        datasetId,
        requestId: row.sharingClass === 'conditional' ? input.requestId! : null,
        userId: actor.userId,
        userName: actor.displayName,
        purpose: input.purpose,
        fields,
        version: row.version,
        at: now,
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.dataset.use',
        objectType: DATASET,
        objectId: datasetId,
        after: { useId: u.id, purpose: input.purpose, requestId: u.requestId, fields },
      });
      return u;
    });
    return useOf(use);
  }

  /** The use records of a dataset, for its owner's region. */
  async uses(ctx: RequestContext, datasetId: string, p: { page: number; pageSize: number }) {
    const row = await this.repo.get(datasetId);
    if (!row) throw cityBrainError('dataset_not_found');
    await this.platform.authz.assertCovers(ctx.actor, P.read, (await this.owner(row)).regionCode);
    const { rows, total } = await this.repo.uses(datasetId, { limit: p.pageSize, offset: (p.page - 1) * p.pageSize });
    return { items: rows.map(useOf), total, page: p.page, pageSize: p.pageSize };
  }

  /** Intake's part: dataset-update messages keep the entries' versions and record counts current. */
  intakeHandlers(): IntakeHandlers {
    return {
      accept: async (items) => {
        const newest = new Map<string, { subPlatformId: string; u: DatasetUpdateV1 }>();
        for (const a of items) {
          if (a.entity.type !== 'DatasetUpdate') continue;
          const key = `${a.sender.id}|${a.entity.datasetCode}`;
          const prev = newest.get(key);
          if (!prev || Date.parse(a.entity.observedAt) > Date.parse(prev.u.observedAt))
            newest.set(key, { subPlatformId: a.sender.id, u: a.entity });
        }
        await this.repo.applyUpdates(
          [...newest.values()].map(({ subPlatformId, u }) => ({
            id: crypto.randomUUID(),
            subPlatformId,
            code: u.datasetCode,
            version: u.version,
            records: u.records,
            at: new Date(u.observedAt),
          })),
        );
      },
    };
  }

  private async owner(row: DatasetRow): Promise<SubPlatformRow> {
    const sp = await this.registry.get(row.subPlatformId);
    if (!sp) throw cityBrainError('sub_platform_not_found');
    return sp;
  }

  private async presentRequest(ctx: RequestContext, id: string): Promise<DataRequest> {
    const r = (await this.repo.request(id))!;
    const d = (await this.repo.get(r.datasetId))!;
    const sp = await this.owner(d);
    return requestOf(r, d, sp.code, ctx.actor?.userId);
  }

  async present(rows: DatasetRow[]): Promise<Dataset[]> {
    const subs = new Map<string, SubPlatformRow>();
    for (const id of new Set(rows.map((r) => r.subPlatformId))) {
      const sp = await this.registry.get(id);
      if (sp) subs.set(id, sp);
    }
    return rows.map((r) => {
      const sp = subs.get(r.subPlatformId)!;
      return {
        id: r.id,
        subPlatformId: r.subPlatformId,
        subPlatformCode: sp.code,
        subPlatformName: sp.name,
        ownerUnit: sp.ownerUnit,
        regionCode: sp.regionCode,
        code: r.code,
        name: r.name,
        description: r.description,
        fields: r.fields,
        updateCycle: r.updateCycle,
        sharingClass: r.sharingClass,
        sharingConditions: r.sharingConditions,
        version: r.version,
        records: r.records,
        lastUpdatedAt: r.lastUpdatedAt?.toISOString() ?? null,
        uncatalogued: r.uncatalogued,
        demo: r.isDemo,
      };
    });
  }
}

function pick(row: DatasetRow, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k as keyof DatasetRow]]));
}

function requestOf(
  r: DataRequestRow,
  d: { name: string; code: string },
  subPlatformCode: string,
  me: string | undefined,
): DataRequest {
  return {
    id: r.id,
    datasetId: r.datasetId,
    datasetName: d.name,
    datasetCode: d.code,
    subPlatformCode,
    requesterName: r.requesterName,
    unit: r.unit,
    purpose: r.purpose,
    fields: r.fields,
    until: r.until.toISOString(),
    status: r.status,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt.toISOString(),
    mine: r.requesterUserId === me,
  };
}

function useOf(u: {
  id: number;
  datasetId: string;
  requestId: string | null;
  userName: string;
  purpose: string;
  fields: string[];
  version: string | null;
  at: Date;
}): DataUse {
  return { ...u, at: u.at.toISOString() };
}
