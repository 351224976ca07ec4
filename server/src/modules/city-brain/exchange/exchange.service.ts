import crypto from 'node:crypto';
import {
  CITY_BRAIN_PERMISSIONS as P,
  CITY_DOWN_STREAM,
  DOWN_TYPE,
  MESSAGE_SCHEMA_VERSION,
  downSubject,
  type DeadLetter,
  type DeadLetterQuery,
  type DownMessageInput,
  type DownMessageV1,
  type ExchangeStatus,
  type OutboundMessage,
  type VitalSignLatest,
} from '@zhicheng/contracts/city-brain';
import { systemContext, type RequestContext } from '../../../platform/authorization/index.ts';
import type { Platform } from '../../../platform/module.ts';
import { cityBrainError } from '../city-brain.errors.ts';
import type { OutboundRow } from '../city-brain.tables.ts';
import { minuteOf } from '../link-status.ts';
import type { RegistryService } from '../registry.service.ts';
import type { HubLink } from './hub-link.ts';
import type { IntakeService } from './intake.service.ts';

/** How long the hub waits for a city's stream to acknowledge a message sent down before trying again later. */
const DELIVERY_TIMEOUT_MS = 2_000;

/**
 * The exchange as people use it: its state, the dead letters, the latest vital signs of a city, and messages sent
 * down (stored first, then delivered into the city's CITY_DOWN stream whenever its link is up, oldest first).
 */
export class ExchangeService {
  constructor(
    private readonly platform: Platform,
    private readonly registry: RegistryService,
    private readonly intake: IntakeService,
    private readonly link: HubLink,
  ) {}

  private get repo() {
    return this.intake.repo;
  }

  /** The NATS authorization block for a province whose server is run by someone else (province managers only). */
  async authorizationBlock(ctx: RequestContext) {
    await this.platform.authz.assertCovers(ctx.actor, P.manage, this.platform.config.provinceCode);
    const out = await this.link.authorizationBlock();
    await this.platform.db.transaction(async (tx) => {
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.exchange.export-authorization',
        objectType: 'city-brain.exchange',
        objectId: 'authorization',
        after: { users: out.users },
      });
    });
    return {
      ...out,
      managedHere: !!this.platform.messaging.managed,
      generatedAt: this.platform.clock.now().toISOString(),
    };
  }

  /** The exchange as a whole is the province's view: a city sees its own sub-platform's link instead. */
  async status(ctx: RequestContext): Promise<ExchangeStatus> {
    await this.platform.authz.assertCovers(ctx.actor, P.read, this.platform.config.provinceCode);
    const [p, dead, outbound] = await Promise.all([
      this.link.pending(),
      this.repo.countDeadLetters(),
      this.repo.countPendingOutbound(),
    ]);
    return {
      connected: this.link.connected,
      server: this.link.server,
      pending: p?.pending ?? null,
      streamMessages: p?.messages ?? null,
      deadLetters: dead,
      outboundPending: outbound,
    };
  }

  async deadLetters(ctx: RequestContext, q: DeadLetterQuery) {
    this.platform.authz.require(ctx.actor, P.read);
    let codes: string[] | null = null;
    if (q.code) {
      const sp = await this.registry.repo.byCode(q.code);
      if (!sp) throw cityBrainError('sub_platform_not_found');
      await this.platform.authz.assertCovers(ctx.actor, P.read, sp.regionCode);
    } else if (!(await this.platform.authz.covers(ctx.actor, P.read, this.platform.config.provinceCode))) {
      // Below the province one sees the dead letters of one's own sub-platforms only.
      const mine = await this.registry.repo.all(await this.platform.authz.scopeCodes(ctx.actor, P.read));
      codes = mine.map((s) => s.code);
    }
    const { rows, total } = await this.repo.deadLetters(
      { codes, code: q.code, reason: q.reason },
      { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
    );
    const items: DeadLetter[] = rows.map((r) => ({
      id: r.id,
      subPlatformCode: r.subPlatformCode,
      subject: r.subject,
      msgId: r.msgId,
      reason: r.reason,
      detail: r.detail,
      raw: r.raw,
      receivedAt: r.receivedAt.toISOString(),
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async vitalSigns(ctx: RequestContext, subPlatformId: string): Promise<VitalSignLatest[]> {
    await this.registry.get(ctx, subPlatformId);
    return (await this.repo.latestVitalSigns([subPlatformId])).map((r) => ({
      subPlatformId: r.subPlatformId,
      regionCode: r.regionCode,
      indicator: r.indicator,
      value: r.value,
      unit: r.unit,
      observedAt: r.observedAt.toISOString(),
    }));
  }

  /** The platform's read for other modules: every city's latest values. */
  async latestVitalSigns(subPlatformIds: string[]) {
    return this.repo.latestVitalSigns(subPlatformIds);
  }

  async outbound(
    ctx: RequestContext,
    subPlatformId: string,
    q: { status?: 'pending' | 'delivered'; page: number; pageSize: number },
  ) {
    await this.registry.get(ctx, subPlatformId);
    const { rows, total } = await this.repo.outbound(subPlatformId, q.status, {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    return { items: rows.map(toOutbound), total, page: q.page, pageSize: q.pageSize };
  }

  async send(ctx: RequestContext, subPlatformId: string, input: DownMessageInput): Promise<OutboundMessage> {
    const sp = await this.registry.repo.get(subPlatformId);
    if (!sp) throw cityBrainError('sub_platform_not_found');
    const actor = await this.platform.authz.assertCovers(ctx.actor, P.manage, sp.regionCode);
    const row = await this.platform.db.transaction(async (tx) => {
      const r = await this.enqueue(subPlatformId, input, { by: actor.userId });
      await this.platform.audit.record(tx, ctx, {
        action: 'city-brain.outbound.create',
        objectType: 'city-brain.outbound',
        objectId: r.id,
        after: { subPlatformId, kind: input.kind, title: input.title },
      });
      return r;
    });
    void this.deliver().catch((err: unknown) => this.platform.log.warn({ err }, 'delivery deferred'));
    return toOutbound(row);
  }

  /**
   * Stores a message for delivery, inside the caller's transaction (the event loop's dispatch sends its task this
   * way, so the task exists exactly when the dispatch does). The caller audits.
   */
  async enqueue(
    subPlatformId: string,
    input: DownMessageInput,
    o: { by: string | null; eventId?: string },
  ): Promise<OutboundRow> {
    const sp = await this.registry.repo.get(subPlatformId);
    if (!sp) throw cityBrainError('sub_platform_not_found');
    const now = this.platform.clock.now();
    const id = crypto.randomUUID();
    const payload: DownMessageV1 = {
      id: `urn:ngsi-ld:${DOWN_TYPE[input.kind]}:${id}`,
      type: DOWN_TYPE[input.kind],
      schemaVersion: MESSAGE_SCHEMA_VERSION,
      issuedAt: now.toISOString(),
      regionCode: sp.regionCode,
      title: input.title,
      body: input.body,
      ...(o.eventId && { eventId: o.eventId }),
      ...(input.dueAt && { dueAt: input.dueAt }),
    };
    const row: OutboundRow = {
      id,
      subPlatformId,
      kind: input.kind,
      subject: downSubject(sp.code, input.kind),
      title: input.title,
      payload,
      eventId: o.eventId ?? null,
      status: 'pending',
      attempts: 0,
      lastError: null,
      createdBy: o.by,
      createdAt: now,
      deliveredAt: null,
    };
    await this.repo.insertOutbound(row);
    return row;
  }

  /**
   * Delivers pending messages, oldest first, into each city's CITY_DOWN stream; a city whose stream does not answer
   * keeps the rest of its queue for the next run (order per city holds). The message id is the row's id, so the
   * city's stream drops a second copy if two instances deliver the same row. No transaction spans a network call.
   */
  async deliver(): Promise<number> {
    const js = this.link.client();
    if (!js) return 0;
    const ctx = systemContext('city-brain.deliver');
    const blocked = new Set<string>();
    let delivered = 0;
    for (const r of await this.repo.pendingOutbound(200)) {
      if (blocked.has(r.subPlatformId)) continue;
      try {
        await js.publish(r.subject, JSON.stringify(r.payload), {
          msgID: r.id,
          expect: { streamName: CITY_DOWN_STREAM },
          timeout: DELIVERY_TIMEOUT_MS,
        });
      } catch (err) {
        blocked.add(r.subPlatformId);
        await this.repo.markFailed(r.id, (err as Error).message);
        continue;
      }
      const at = this.platform.clock.now();
      await this.platform.db.transaction(async (tx) => {
        await this.repo.markDelivered(r.id, at);
        await this.repo.addSent(r.subPlatformId, 1);
        await this.registry.repo.countTraffic(r.subPlatformId, minuteOf(at), 'down', 1);
        await this.platform.audit.record(tx, ctx, {
          action: 'city-brain.outbound.deliver',
          objectType: 'city-brain.outbound',
          objectId: r.id,
          after: { status: 'delivered' },
        });
      });
      delivered++;
    }
    return delivered;
  }
}

const toOutbound = (r: OutboundRow): OutboundMessage => ({
  id: r.id,
  subPlatformId: r.subPlatformId,
  kind: r.kind,
  title: r.title,
  status: r.status,
  attempts: r.attempts,
  lastError: r.lastError,
  createdAt: r.createdAt.toISOString(),
  deliveredAt: r.deliveredAt?.toISOString() ?? null,
  eventId: r.eventId,
});
