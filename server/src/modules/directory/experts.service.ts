import crypto from 'node:crypto';
import {
  DIRECTORY_PERMISSIONS as P,
  ExpertInput as ExpertInputSchema,
  type Expert,
  type ExpertUpdate,
  type ExpertField,
  type ExpertInput,
  type ExpertQuery,
} from '@zhicheng/contracts/directory';
import type { ImportReport } from '@zhicheng/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { maskPhone } from '../../platform/crypto/index.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import type { PoolExpert } from './conflicts.ts';
import { directoryError } from './directory.errors.ts';
import type { ExpertRelationRow, ExpertRow } from './directory.tables.ts';
import { ExpertsRepository } from './experts.repository.ts';

const EXPERT_WHAT = { zh: '专家', en: 'Expert' };

/** a***@example.com: enough to recognise, not to write to. */
const maskEmail = (e: string) => {
  const [user, domain] = e.split('@');
  return `${user!.slice(0, 1)}***@${domain}`;
};

/**
 * The expert library (专家库): only the keeper reads and writes it, within their region. Contact is sealed at rest
 * and masked in every answer.
 */
export class ExpertsService {
  readonly repo: ExpertsRepository;

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
  ) {
    this.repo = new ExpertsRepository(platform.db);
  }

  async list(ctx: RequestContext, q: ExpertQuery) {
    this.platform.authz.require(ctx.actor, P.expertManage);
    let scope: string[];
    if (q.region) {
      await this.platform.authz.assertCovers(ctx.actor, P.expertManage, q.region);
      scope = await this.regions.subtree(q.region);
    } else scope = await this.platform.authz.scopeCodes(ctx.actor, P.expertManage);
    const { rows, total } = await this.repo.page(scope, {
      q: q.q,
      field: q.field,
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: await this.toExperts(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<Expert> {
    const row = await this.repo.byId(id);
    if (!row) throw notFound(EXPERT_WHAT);
    await this.platform.authz.assertCovers(ctx.actor, P.expertManage, row.regionCode);
    return (await this.toExperts([row]))[0]!;
  }

  /** A keeper adds an expert in a region they cover. */
  async create(ctx: RequestContext, input: ExpertInput): Promise<Expert> {
    await this.platform.authz.assertCovers(ctx.actor, P.expertManage, input.regionCode);
    return this.insert(ctx, input, false);
  }

  /**
   * The module API's entry (other modules enrol the experts they know, the demo loader seeds): the caller authorizes
   * its user; audited as `ctx`. Idempotent on the linked account: an account already in the library is returned.
   */
  async enrol(ctx: RequestContext, raw: z.input<typeof ExpertInputSchema>, demo = false): Promise<Expert> {
    const input = ExpertInputSchema.parse(raw);
    if (input.userId) {
      const existing = await this.repo.byUserId(input.userId);
      if (existing) return (await this.toExperts([existing]))[0]!;
    }
    return this.insert(ctx, input, demo);
  }

  /** Availability (leave, travel): the keeper switches an expert out of draws and back. */
  async setAvailability(
    ctx: RequestContext,
    id: string,
    input: { available: boolean; unavailableUntil?: string | null },
  ): Promise<Expert> {
    await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.byId(id);
      if (!row) throw notFound(EXPERT_WHAT);
      await this.platform.authz.assertCovers(ctx.actor, P.expertManage, row.regionCode);
      const patch = {
        available: input.available,
        unavailableUntil: input.unavailableUntil ?? null,
        updatedAt: this.platform.clock.now(),
      };
      await this.repo.update(id, patch);
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.expert.availability',
        objectType: 'directory.expert',
        objectId: id,
        before: { available: row.available, unavailableUntil: row.unavailableUntil },
        after: { available: patch.available, unavailableUntil: patch.unavailableUntil },
      });
    });
    return this.get(ctx, id);
  }

  /**
   * The keeper corrects an expert or declares relations found after creation (新增任职、持股…). Relations are
   * replaced as a whole; the audit row keeps the earlier list, so what was declared when stays on record.
   */
  async update(ctx: RequestContext, id: string, input: ExpertUpdate): Promise<Expert> {
    const { protector, clock } = this.platform;
    await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.byId(id);
      if (!row) throw notFound(EXPERT_WHAT);
      await this.platform.authz.assertCovers(ctx.actor, P.expertManage, row.regionCode);
      await this.platform.authz.assertCovers(ctx.actor, P.expertManage, input.regionCode);
      const before = (await this.repo.relationsOf([id])).get(id) ?? [];
      await this.repo.update(id, {
        name: input.name,
        title: input.title,
        fields: [...new Set(input.fields)],
        unitName: input.unitName,
        unitCreditCode: input.unitCreditCode ?? null,
        regionCode: input.regionCode,
        ...(input.phone ? { phoneSealed: protector.encrypt(input.phone), phoneMasked: maskPhone(input.phone) } : {}),
        ...(input.email === null
          ? { emailSealed: null, emailMasked: null }
          : input.email
            ? { emailSealed: protector.encrypt(input.email), emailMasked: maskEmail(input.email) }
            : {}),
        updatedAt: clock.now(),
      });
      await this.repo.replaceRelations(
        id,
        input.relations.map((r) => relationRow(id, r)),
      );
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.expert.update',
        objectType: 'directory.expert',
        objectId: id,
        before: {
          name: row.name,
          title: row.title,
          fields: row.fields,
          unitName: row.unitName,
          regionCode: row.regionCode,
          relations: before.map(({ id: _id, expertId: _e, ...r }) => r),
        },
        after: { ...input, phone: input.phone ? 'changed' : undefined, email: input.email ? 'changed' : undefined },
      });
    });
    return this.get(ctx, id);
  }

  /**
   * The Excel import: every row checked (contract, region in scope, same name at the same unit in the file or the
   * library), and nothing imported unless every row is good.
   */
  async importRows(
    ctx: RequestContext,
    rows: { row: number; input: unknown; errors: ImportReport['errors'] }[],
  ): Promise<ImportReport> {
    this.platform.authz.require(ctx.actor, P.expertManage);
    const errors: ImportReport['errors'] = [];
    const good: ExpertInput[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      errors.push(...r.errors);
      const parsed = ExpertInputSchema.safeParse(r.input);
      if (!parsed.success) {
        // Every bad cell once: a cell the sheet reader already named is not reported again by the contract.
        const named = new Set(r.errors.map((e) => e.field));
        for (const i of parsed.error.issues) {
          const field = String(i.path[0] ?? '');
          if (!named.has(field)) errors.push({ row: r.row, field, message: i.message });
          named.add(field);
        }
        continue;
      }
      const e = parsed.data;
      const key = `${e.name}|${e.unitName}`;
      if (seen.has(key)) errors.push({ row: r.row, field: 'name', message: `same expert as row ${seen.get(key)}` });
      seen.set(key, r.row);
      const regionNamed = r.errors.some((x) => x.field === 'regionCode');
      if (!regionNamed && !(await this.platform.authz.covers(ctx.actor, P.expertManage, e.regionCode)))
        errors.push({ row: r.row, field: 'regionCode', message: 'outside your region' });
      good.push(e);
    }
    if (!rows.length) errors.push({ row: 1, field: 'name', message: 'no expert rows' });
    const listed = await this.repo.namesAtUnits(good);
    for (const r of rows) {
      const p = ExpertInputSchema.safeParse(r.input);
      if (p.success && listed.has(`${p.data.name}|${p.data.unitName}`))
        errors.push({ row: r.row, field: 'name', message: 'already in the library' });
    }
    if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
    await this.platform.db.transaction(async (tx) => {
      for (const e of good) await this.insert(ctx, e, false);
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.expert.import',
        objectType: 'directory.expert',
        after: { rows: good.length },
      });
    });
    return { imported: good.length, errors: [] };
  }

  /** Every expert in the keeper's regions, for the Excel export (contact masked). */
  async exportAll(ctx: RequestContext): Promise<Expert[]> {
    this.platform.authz.require(ctx.actor, P.expertManage);
    return this.toExperts(await this.repo.all(await this.platform.authz.scopeCodes(ctx.actor, P.expertManage)));
  }

  private async insert(ctx: RequestContext, input: ExpertInput, demo: boolean): Promise<Expert> {
    const { protector, clock } = this.platform;
    if (input.userId) {
      try {
        await this.platform.identity.actorOf(this.platform.db, input.userId);
      } catch {
        throw directoryError('directory_unknown_account', undefined, [{ path: 'userId', message: 'no such account' }]);
      }
    }
    const id = crypto.randomUUID();
    const now = clock.now();
    await this.platform.db.transaction(async (tx) => {
      if (input.userId && (await this.repo.byUserId(input.userId)))
        throw directoryError('directory_expert_exists', undefined, [{ path: 'userId', message: 'already linked' }]);
      const code = await this.repo.nextCode();
      await this.repo.insert(
        {
          id,
          code,
          name: input.name,
          title: input.title,
          fields: [...new Set(input.fields)],
          unitName: input.unitName,
          unitCreditCode: input.unitCreditCode ?? null,
          regionCode: input.regionCode,
          phoneSealed: protector.encrypt(input.phone),
          phoneMasked: maskPhone(input.phone),
          emailSealed: input.email ? protector.encrypt(input.email) : null,
          emailMasked: input.email ? maskEmail(input.email) : null,
          available: input.available,
          unavailableUntil: input.unavailableUntil ?? null,
          userId: input.userId ?? null,
          active: true,
          isDemo: demo,
          createdAt: now,
          updatedAt: now,
        },
        input.relations.map((r) => relationRow(id, r)),
      );
      // Digest only: the audit trail never holds the contact.
      await this.platform.audit.record(tx, ctx, {
        action: 'directory.expert.create',
        objectType: 'directory.expert',
        objectId: id,
        after: { ...input, phone: undefined, email: undefined },
      });
    });
    const row = await this.repo.byId(id);
    return (await this.toExperts([row!]))[0]!;
  }

  /** The pool as the draw rules see it: every active expert of the fields, with declared relations. */
  async pool(fields: string[], anyField: boolean): Promise<(PoolExpert & { userId: string | null })[]> {
    const rows = await this.repo.pool(fields, anyField);
    const rel = await this.repo.relationsOf(rows.map((r) => r.id));
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      fields: r.fields,
      unitName: r.unitName,
      unitCreditCode: r.unitCreditCode,
      regionCode: r.regionCode,
      available: r.available,
      unavailableUntil: r.unavailableUntil,
      hasAccount: r.userId !== null,
      userId: r.userId,
      relations: (rel.get(r.id) ?? []).map((x) => ({
        kind: x.kind as PoolExpert['relations'][number]['kind'],
        partyName: x.partyName,
        partyCreditCode: x.partyCreditCode,
        partyRegionCode: x.partyRegionCode,
        endedOn: x.endedOn,
      })),
    }));
  }

  private async toExperts(rows: ExpertRow[]): Promise<Expert[]> {
    const names = await this.regions.nameOf([...new Set(rows.map((r) => r.regionCode))]);
    const rel = await this.repo.relationsOf(rows.map((r) => r.id));
    return rows.map((r) => toExpert(r, names, rel.get(r.id) ?? []));
  }
}

const relationRow = (expertId: string, r: ExpertInput['relations'][number]) => ({
  id: crypto.randomUUID(),
  expertId,
  kind: r.kind,
  partyName: r.partyName,
  partyCreditCode: r.partyCreditCode ?? null,
  partyRegionCode: r.partyRegionCode ?? null,
  startedOn: r.startedOn ?? null,
  endedOn: r.endedOn ?? null,
  note: r.note ?? null,
});

const toExpert = (r: ExpertRow, names: Map<string, string>, relations: ExpertRelationRow[]): Expert => ({
  id: r.id,
  code: r.code,
  name: r.name,
  title: r.title as Expert['title'],
  fields: r.fields as ExpertField[],
  unitName: r.unitName,
  unitCreditCode: r.unitCreditCode,
  regionCode: r.regionCode,
  regionName: names.get(r.regionCode) ?? r.regionCode,
  phoneMasked: r.phoneMasked,
  emailMasked: r.emailMasked,
  available: r.available,
  unavailableUntil: r.unavailableUntil,
  hasAccount: r.userId !== null,
  active: r.active,
  relations: relations.map((x) => ({
    id: x.id,
    kind: x.kind as Expert['relations'][number]['kind'],
    partyName: x.partyName,
    partyCreditCode: x.partyCreditCode,
    partyRegionCode: x.partyRegionCode,
    startedOn: x.startedOn,
    endedOn: x.endedOn,
    note: x.note,
  })),
  demo: r.isDemo,
});
