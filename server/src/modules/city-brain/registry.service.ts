import crypto from 'node:crypto';
import {
  CITY_BRAIN_PERMISSIONS as P,
  subjectsOf,
  type IssuedCredentials,
  type SubPlatform,
  type SubPlatformInput,
  type SubPlatformPatch,
  type SubPlatformQuery,
} from '@zhicheng/contracts/city-brain';
import type { RequestContext } from '../../platform/authorization/index.ts';
import { maskName } from '../../platform/crypto/index.ts';
import { natsPasswordHash } from '../../platform/messaging/index.ts';
import { maskContactPhone } from './contact.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { cityBrainError } from './city-brain.errors.ts';
import type { SubPlatformRow } from './city-brain.tables.ts';
import { heartbeatRange, linkStatus, RATE_WINDOW_MINUTES, minuteOf } from './link-status.ts';
import { RegistryRepository } from './registry.repository.ts';

/** Called after the registry changes, so the exchange follows (the NATS server's users, the intake's sources). */
export type RegistryChanged = () => Promise<void>;

/**
 * The sub-platform registry: each city brain and domain platform, who owns it, whom to call, what it may publish and
 * receive, the NATS key it connects with, and its link as the heartbeats show it.
 */
export class RegistryService {
  readonly repo: RegistryRepository;
  private changed: RegistryChanged = async () => {};

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
  ) {
    this.repo = new RegistryRepository(platform.db);
  }

  onChanged(fn: RegistryChanged): void {
    this.changed = fn;
  }

  async list(ctx: RequestContext, q: SubPlatformQuery) {
    this.platform.authz.require(ctx.actor, P.read);
    const scope = await this.scope(ctx, q.region);
    const now = this.platform.clock.now();
    const { rows, total } = await this.repo.page(
      scope,
      { kind: q.kind, q: q.q, heartbeat: q.status ? heartbeatRange(q.status, now) : undefined },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    return { items: await this.present(rows), total, page: q.page, pageSize: q.pageSize };
  }

  /** Every sub-platform in the caller's scope, for the network view (a province has a few dozen). */
  async network(ctx: RequestContext, region?: string): Promise<SubPlatform[]> {
    this.platform.authz.require(ctx.actor, P.read);
    return this.present(await this.repo.all(await this.scope(ctx, region)));
  }

  /** The platform's own read for other modules (the one-screen view): no caller to check. */
  async networkOf(regionCodes: string[]): Promise<SubPlatform[]> {
    return this.present(await this.repo.all(regionCodes));
  }

  async get(ctx: RequestContext, id: string): Promise<SubPlatform> {
    const row = await this.repo.get(id);
    if (!row) throw cityBrainError('sub_platform_not_found');
    await this.platform.authz.assertCovers(ctx.actor, P.read, row.regionCode);
    return (await this.present([row]))[0]!;
  }

  async create(ctx: RequestContext, input: SubPlatformInput): Promise<SubPlatform> {
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.manage, input.regionCode);
    return this.insert(ctx, input, actor.userId, false);
  }

  /** The demo loader's entry: the same rules, run as the platform (its context is a system one). */
  async createDemo(ctx: RequestContext, input: SubPlatformInput): Promise<SubPlatform> {
    return this.insert(ctx, input, null, true);
  }

  async update(ctx: RequestContext, id: string, patch: SubPlatformPatch): Promise<SubPlatform> {
    await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.getForUpdate(id);
      if (!row) throw cityBrainError('sub_platform_not_found');
      await this.platform.authz.assertCovers(ctx.actor, P.manage, row.regionCode);
      const domain = patch.domain === undefined ? row.domain : patch.domain;
      if (row.kind === 'domain' && !domain)
        throw cityBrainError('domain_required', undefined, [{ path: 'domain', message: 'required' }]);
      const p = this.platform.protector;
      await this.repo.update(id, {
        ...(patch.name !== undefined && { name: patch.name }),
        domain,
        ...(patch.ownerUnit !== undefined && { ownerUnit: patch.ownerUnit }),
        ...(patch.contactName !== undefined && {
          contactNameEnc: p.encrypt(patch.contactName),
          contactNameMasked: maskName(patch.contactName),
        }),
        ...(patch.contactPhone !== undefined && {
          contactPhoneEnc: p.encrypt(patch.contactPhone),
          contactPhoneMasked: maskContactPhone(patch.contactPhone),
        }),
        ...(patch.publishes !== undefined && { publishes: [...new Set(patch.publishes)] }),
        ...(patch.receives !== undefined && { receives: [...new Set(patch.receives)] }),
        updatedAt: this.platform.clock.now(),
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.sub-platform.update',
        objectType: 'city-brain.sub-platform',
        objectId: id,
        before: row,
        after: patch,
      });
    });
    await this.changed();
    return this.get(ctx, id);
  }

  /**
   * Issues a new NATS login (user = the sub-platform's code): the password goes to the caller once and is never
   * stored; the hub keeps its bcrypt hash, which the NATS server's user list carries with this sub-platform's subjects
   * and no others. A new password replaces the old one (a leaked one is revoked by issuing again).
   */
  async issueCredentials(ctx: RequestContext, id: string): Promise<IssuedCredentials> {
    const password = crypto.randomBytes(24).toString('base64url');
    const hash = natsPasswordHash(password);
    const issuedAt = this.platform.clock.now();
    const code = await this.platform.db.transaction(async (tx) => {
      const row = await this.repo.getForUpdate(id);
      if (!row) throw cityBrainError('sub_platform_not_found');
      const actor = await this.platform.authz.assertCovers(ctx.actor, P.manage, row.regionCode);
      await this.repo.update(id, {
        natsPasswordHash: hash,
        credentialsIssuedAt: issuedAt,
        credentialsIssuedBy: actor.userId,
        updatedAt: issuedAt,
      });
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.sub-platform.issue-credentials',
        objectType: 'city-brain.sub-platform',
        objectId: id,
        before: { issuedAt: row.credentialsIssuedAt },
        after: { issuedAt },
      });
      return row.code;
    });
    await this.changed();
    return {
      subPlatformId: id,
      user: code,
      password,
      leafUrl: this.platform.messaging.hub?.leafUrl ?? null,
      jetStreamDomain: code,
      subjects: subjectsOf(code),
      issuedAt: issuedAt.toISOString(),
    };
  }

  /**
   * Demo mode's simulated cities: a login for each demo (示例) sub-platform named, issued in one transaction and one
   * reload of the hub's users (issuing one by one would reload sixteen times). Refuses anything not made by the demo.
   */
  async issueDemoLogins(
    ctx: RequestContext,
    ids: string[],
  ): Promise<Map<string, { password: string; issuedAt: Date }>> {
    const out = new Map<string, { password: string; issuedAt: Date }>();
    if (!ids.length) return out;
    const issuedAt = this.platform.clock.now();
    for (const id of ids) out.set(id, { password: crypto.randomBytes(24).toString('base64url'), issuedAt });
    const hashes = new Map([...out].map(([id, l]) => [id, natsPasswordHash(l.password)]));
    await this.platform.db.transaction(async (tx) => {
      for (const id of ids) {
        const row = await this.repo.getForUpdate(id);
        if (!row?.isDemo) throw cityBrainError('sub_platform_not_found');
        await this.repo.update(id, {
          natsPasswordHash: hashes.get(id)!,
          credentialsIssuedAt: issuedAt,
          updatedAt: issuedAt,
        });
      }
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.sub-platform.issue-demo-logins',
        objectType: 'city-brain.sub-platform',
        objectId: 'demo',
        after: { subPlatforms: ids, issuedAt },
      });
    });
    // The logins are committed: the caller keeps them even if the hub's reload fails now (it follows at the next sync).
    await this.changed().catch((err: unknown) =>
      this.platform.log.warn({ err }, 'city-brain: the hub did not take the demo logins yet'),
    );
    return out;
  }

  private async scope(ctx: RequestContext, region: string | undefined): Promise<string[]> {
    if (!region) return this.platform.authz.scopeCodes(ctx.actor!, P.read);
    await this.platform.authz.assertCovers(ctx.actor, P.read, region);
    return this.regions.subtree(region);
  }

  private async insert(
    ctx: RequestContext,
    input: SubPlatformInput,
    by: string | null,
    isDemo: boolean,
  ): Promise<SubPlatform> {
    if (input.kind === 'city_brain' && (await this.regions.levelOf(input.regionCode)) !== 'city')
      throw cityBrainError('city_brain_region', undefined, [{ path: 'regionCode', message: 'not a city' }]);
    if (input.kind === 'domain' && !input.domain)
      throw cityBrainError('domain_required', undefined, [{ path: 'domain', message: 'required' }]);
    const now = this.platform.clock.now();
    const p = this.platform.protector;
    const row: SubPlatformRow = {
      id: crypto.randomUUID(),
      code: input.code,
      kind: input.kind,
      name: input.name,
      regionCode: input.regionCode,
      domain: input.domain ?? null,
      ownerUnit: input.ownerUnit,
      contactNameEnc: p.encrypt(input.contactName),
      contactNameMasked: maskName(input.contactName),
      contactPhoneEnc: p.encrypt(input.contactPhone),
      contactPhoneMasked: maskContactPhone(input.contactPhone),
      publishes: [...new Set(input.publishes)],
      receives: [...new Set(input.receives)],
      natsPasswordHash: null,
      credentialsIssuedAt: null,
      credentialsIssuedBy: null,
      lastHeartbeatAt: null,
      connectedSince: null,
      lastLagMs: null,
      receivedTotal: 0,
      sentTotal: 0,
      isDemo,
      createdBy: by,
      createdAt: now,
      updatedAt: now,
    };
    await this.platform.db.transaction(async (tx) => {
      if (await this.repo.byCode(input.code))
        throw cityBrainError('sub_platform_exists', undefined, [{ path: 'code', message: 'already in use' }]);
      await this.repo.insert(row);
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.sub-platform.create',
        objectType: 'city-brain.sub-platform',
        objectId: row.id,
        after: { ...input, contactName: undefined, contactPhone: undefined },
      });
    });
    await this.changed();
    return (await this.present([row]))[0]!;
  }

  private async present(rows: SubPlatformRow[]): Promise<SubPlatform[]> {
    const now = this.platform.clock.now();
    const from = new Date(minuteOf(now).getTime() - (RATE_WINDOW_MINUTES - 1) * 60_000);
    const [names, rates] = await Promise.all([
      this.regions.nameOf([...new Set(rows.map((r) => r.regionCode))]),
      this.repo.trafficSince(
        rows.map((r) => r.id),
        from,
      ),
    ]);
    return rows.map((r) => toSubPlatform(r, names, rates.get(r.id) ?? { up: 0, down: 0 }, now));
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const perMinute = (n: number) => Math.round((n / RATE_WINDOW_MINUTES) * 10) / 10;

function toSubPlatform(
  r: SubPlatformRow,
  names: Map<string, string>,
  traffic: { up: number; down: number },
  now: Date,
): SubPlatform {
  const status = linkStatus(r.lastHeartbeatAt, now);
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    name: r.name,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? r.regionCode,
    domain: r.domain,
    ownerUnit: r.ownerUnit,
    contactName: r.contactNameMasked,
    contactPhone: r.contactPhoneMasked,
    publishes: r.publishes as SubPlatform['publishes'],
    receives: r.receives as SubPlatform['receives'],
    credentials: r.natsPasswordHash ? { user: r.code, issuedAt: r.credentialsIssuedAt!.toISOString() } : null,
    subjects: subjectsOf(r.code),
    link: {
      status,
      lastHeartbeatAt: iso(r.lastHeartbeatAt),
      connectedSince: status === 'online' || status === 'stale' ? iso(r.connectedSince) : null,
      lagSeconds: r.lastLagMs === null ? null : Math.round(r.lastLagMs / 100) / 10,
      upPerMinute: perMinute(traffic.up),
      downPerMinute: perMinute(traffic.down),
      receivedTotal: r.receivedTotal,
      sentTotal: r.sentTotal,
    },
    demo: r.isDemo,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
