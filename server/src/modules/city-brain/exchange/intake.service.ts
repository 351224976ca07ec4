import crypto from 'node:crypto';
import type { DeadLetterReason, VitalSignV1 } from '@zhicheng/contracts/city-brain';
import type { RequestContext } from '../../../platform/authorization/index.ts';
import type { Platform } from '../../../platform/module.ts';
import type { RegionsService } from '../../regions/index.ts';
import { connectedSinceAfterHeartbeat, minuteOf } from '../link-status.ts';
import type { RegistryRepository } from '../registry.repository.ts';
import { ExchangeRepository } from './exchange.repository.ts';
import { judge, type Judged, type RawUpMessage, type Sender } from './intake-rules.ts';

export type Accepted = Extract<Judged, { ok: true }>;
export type Refused = Extract<Judged, { ok: false }>;

/** What other parts of the module do with accepted messages (the event loop, the catalogue). */
export interface IntakeHandlers {
  /** Before anything is stored: reasons to refuse some messages (feedback naming an unknown event). */
  precheck?(items: Accepted[]): Promise<Map<Accepted, DeadLetterReason>>;
  /** Inside the intake transaction, for the messages seen for the first time. */
  accept?(items: Accepted[], receivedAt: Date, ctx: RequestContext): Promise<void>;
}

export interface IntakeResult {
  accepted: number;
  duplicates: number;
  dead: Refused[];
}

/** Senders are re-read this often, so a newly registered sub-platform's messages are judged by its registration. */
const SENDERS_TTL_MS = 5_000;

/**
 * Commits a batch of upward messages to PostgreSQL exactly once: judged against the registry and the schemas, new
 * ones inserted (a message id already stored is skipped), their effects applied (latest vital signs, the sender's
 * link, traffic counts, the handlers) and the refused ones kept as dead letters, all in one transaction with one
 * audit row. The caller acknowledges the batch to JetStream only after this returns.
 */
export class IntakeService {
  readonly repo: ExchangeRepository;
  private handlers: IntakeHandlers[] = [];
  private cache: { at: number; senders: Map<string, Sender> } | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly registry: RegistryRepository,
    private readonly regions: RegionsService,
  ) {
    this.repo = new ExchangeRepository(platform.db);
  }

  use(h: IntakeHandlers): void {
    this.handlers.push(h);
  }

  /** Forget the cached registry (after a registration or an edit). */
  invalidate(): void {
    this.cache = null;
  }

  async senders(): Promise<Map<string, Sender>> {
    if (this.cache && Date.now() - this.cache.at < SENDERS_TTL_MS) return this.cache.senders;
    const rows = await this.registry.all(await this.regions.subtree(this.platform.config.provinceCode));
    const senders = new Map<string, Sender>();
    for (const r of rows) {
      senders.set(r.code, {
        id: r.id,
        code: r.code,
        publishes: r.publishes,
        regions: new Set(await this.regions.subtree(r.regionCode)),
      });
    }
    this.cache = { at: Date.now(), senders };
    return senders;
  }

  async commit(ctx: RequestContext, raw: RawUpMessage[]): Promise<IntakeResult> {
    if (!raw.length) return { accepted: 0, duplicates: 0, dead: [] };
    const senders = await this.senders();
    const judged = raw.map((m) => judge(m, senders));
    let ok = judged.filter((j): j is Accepted => j.ok);
    const dead = judged.filter((j): j is Refused => !j.ok);
    for (const h of this.handlers) {
      const refused = (await h.precheck?.(ok)) ?? new Map<Accepted, DeadLetterReason>();
      if (!refused.size) continue;
      for (const [a, reason] of refused) dead.push(refusal(a, reason));
      ok = ok.filter((a) => !refused.has(a));
    }
    const receivedAt = this.platform.clock.now();
    let fresh: Accepted[] = [];
    await this.platform.db.transaction(async (tx) => {
      const inserted = await this.repo.insertInbound(
        ok.map((a) => ({
          subPlatformId: a.sender.id,
          msgId: a.msgId,
          kind: a.kind,
          hubSeq: a.hubSeq,
          entityId: a.entity.id,
          regionCode: a.entity.regionCode,
          observedAt: a.entity.observedAt,
          payload: a.text,
        })),
        receivedAt,
      );
      fresh = ok.filter((a) => inserted.has(a.hubSeq));
      await this.repo.upsertVitalSigns(newestVitalSigns(fresh));
      for (const h of this.handlers) await h.accept?.(fresh, receivedAt, ctx);
      await this.updateLinks(fresh, receivedAt);
      await this.repo.insertDeadLetters(
        dead.map((d) => ({
          id: crypto.randomUUID(),
          subPlatformCode: d.code,
          subject: d.subject,
          msgId: d.msgId,
          reason: d.reason,
          detail: d.detail,
          raw: d.raw,
          hubSeq: d.hubSeq,
          receivedAt,
        })),
      );
      if (fresh.length || dead.length) {
        const seqs = raw.map((m) => m.hubSeq);
        await this.platform.audit.record(tx, ctx, {
          action: 'city-brain.intake.commit',
          objectType: 'city-brain.intake',
          objectId: `${Math.min(...seqs)}-${Math.max(...seqs)}`,
          after: { accepted: fresh.length, duplicates: ok.length - fresh.length, dead: dead.length },
        });
      }
    });
    return { accepted: fresh.length, duplicates: ok.length - fresh.length, dead };
  }

  /** Heartbeats move the link; every message counts toward the rate, and the newest one's age is the lag. */
  private async updateLinks(fresh: Accepted[], receivedAt: Date): Promise<void> {
    const by = new Map<string, { n: number; newest: number; heartbeat: number }>();
    for (const a of fresh) {
      const e = by.get(a.sender.id) ?? { n: 0, newest: 0, heartbeat: 0 };
      const t = Date.parse(a.entity.observedAt);
      e.n++;
      e.newest = Math.max(e.newest, t);
      if (a.entity.type === 'Heartbeat') e.heartbeat = Math.max(e.heartbeat, t);
      by.set(a.sender.id, e);
    }
    // Locked in id order, so two instances' batches update the same senders in turn.
    const rows = await this.repo.lockSenders([...by.keys()]);
    await this.repo.updateLinks(
      rows.map((row) => {
        const e = by.get(row.id)!;
        const hb = e.heartbeat ? new Date(e.heartbeat) : null;
        const newer = hb && (!row.lastHeartbeatAt || hb > row.lastHeartbeatAt) ? hb : null;
        return {
          id: row.id,
          lastHeartbeatAt: newer,
          connectedSince: newer ? connectedSinceAfterHeartbeat(row, newer) : null,
          lastLagMs: Math.max(0, receivedAt.getTime() - e.newest),
          received: e.n,
        };
      }),
    );
    await this.repo.countTraffic(
      minuteOf(receivedAt),
      'up',
      rows.map((r) => ({ id: r.id, messages: by.get(r.id)!.n })),
    );
  }
}

function refusal(a: Accepted, reason: DeadLetterReason): Refused {
  return {
    ok: false,
    code: a.sender.code,
    reason,
    detail: [{ path: 'eventId', message: reason }],
    raw: JSON.stringify(a.entity).slice(0, 4096),
    subject: `zc.up.${a.sender.code}.${a.kind}`,
    msgId: a.msgId,
    hubSeq: a.hubSeq,
  };
}

/** One row per (sub-platform, region, indicator): the newest in the batch (the upsert keeps the newest overall). */
function newestVitalSigns(fresh: Accepted[]) {
  const out = new Map<string, { sub: string; v: VitalSignV1 }>();
  for (const a of fresh) {
    if (a.entity.type !== 'VitalSign') continue;
    const v = a.entity;
    const key = `${a.sender.id}|${v.regionCode}|${v.indicator}`;
    const prev = out.get(key);
    if (!prev || Date.parse(v.observedAt) > Date.parse(prev.v.observedAt)) out.set(key, { sub: a.sender.id, v });
  }
  return [...out.values()].map(({ sub, v }) => ({
    subPlatformId: sub,
    regionCode: v.regionCode,
    indicator: v.indicator,
    value: v.value,
    unit: v.unit,
    observedAt: v.observedAt,
  }));
}
