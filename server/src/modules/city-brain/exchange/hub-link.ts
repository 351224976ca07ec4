import {
  AckPolicy,
  connect,
  DeliverPolicy,
  headers as natsHeaders,
  RetentionPolicy,
  StorageType,
  type Consumer,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
  type StreamSource,
} from 'nats';
import { CITY_UP_STREAM, HUB_INBOX_PREFIX } from '@zhicheng/contracts/city-brain';
import { systemContext } from '../../../platform/authorization/index.ts';
import type { Messaging } from '../../../platform/messaging/index.ts';
import { natsPasswordHash } from '../../../platform/messaging/index.ts';
import type { Platform } from '../../../platform/module.ts';
import type { RegistryRepository } from '../registry.repository.ts';
import type { IntakeService } from './intake.service.ts';
import { authorizationBody } from './nats-users.ts';

/** The hub's intake stream: it sources each sub-platform's CITY_UP stream from the sub-platform's own domain. */
export const HUB_UP_STREAM = 'CB_UP';
export const HUB_DEAD_STREAM = 'CB_DEAD';
export const INTAKE_CONSUMER = 'intake';
/** Messages fetched and committed together: one transaction, one multi-row insert, one audit row per batch. */
export const INTAKE_BATCH = 5000;
const DAY_NS = 24 * 3600 * 1e9;

/**
 * The intake's durable consumer: every message acknowledged on its own once its batch is committed, so one the client
 * never handled (dropped, or fetched by another instance that stopped) is delivered again after `ack_wait`.
 */
const INTAKE_CONSUMER_CONFIG = {
  durable_name: INTAKE_CONSUMER,
  ack_policy: AckPolicy.Explicit,
  max_ack_pending: 4 * INTAKE_BATCH,
  ack_wait: 30 * 1e9,
};

/** The source of one sub-platform: its own stream, read through its domain, and only its own subjects. */
export function sourceOf(code: string): StreamSource {
  return {
    name: CITY_UP_STREAM,
    external: { api: `$JS.${code}.API`, deliver: `zc-src.${code}` },
    filter_subject: `zc.up.${code}.>`,
  } as StreamSource;
}

/**
 * The hub's side of NATS: its connection, the intake stream sourcing every sub-platform, the durable consumer that
 * feeds intake (acknowledged only after the batch is committed), the dead-letter stream, and delivery of messages
 * down into each city's CITY_DOWN stream.
 */
export class HubLink {
  private nc: NatsConnection | null = null;
  private js: JetStreamClient | null = null;
  private jsm: JetStreamManager | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private hubHash: string | null = null;

  constructor(
    private readonly platform: Platform,
    private readonly messaging: Messaging,
    private readonly registry: RegistryRepository,
    private readonly intake: IntakeService,
  ) {}

  get connected(): boolean {
    return !!this.nc && !this.nc.isClosed();
  }

  get server(): string | null {
    return this.messaging.hub?.url ?? null;
  }

  client(): JetStreamClient | null {
    return this.js;
  }

  async start(): Promise<void> {
    const hub = this.messaging.hub;
    if (!hub || this.nc) return;
    this.stopping = false;
    // The users first: after a restart of a managed server its user list holds only the hub.
    await this.syncUsers();
    this.nc = await connect({
      servers: hub.url,
      user: hub.user,
      pass: hub.password,
      name: 'zhicheng-hub',
      inboxPrefix: HUB_INBOX_PREFIX,
      maxReconnectAttempts: -1,
    });
    this.js = this.nc.jetstream();
    this.jsm = await this.nc.jetstreamManager();
    await this.ensureStreams();
    this.loop = this.consume();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop?.catch(() => undefined);
    this.loop = null;
    const nc = this.nc;
    this.nc = this.js = this.jsm = null;
    await nc?.drain().catch(() => nc.close());
  }

  /** After a login is issued or a sub-platform registered: the server's users and the intake's sources follow. */
  async syncSubPlatforms(): Promise<void> {
    this.intake.invalidate();
    await this.syncUsers();
    // Right after a reload of the users, JetStream's API may not answer for a moment (503, or a timeout on a busy
    // machine): a few tries before giving up.
    for (let attempt = 1; this.jsm; attempt++) {
      try {
        return await this.ensureStreams();
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, attempt * 500));
      }
    }
  }

  private async syncUsers(): Promise<void> {
    const hub = this.messaging.hub;
    if (!this.messaging.managed || !hub?.user || !hub.password) return;
    this.hubHash ??= natsPasswordHash(hub.password);
    const logins = await this.registry.withLogins();
    await this.messaging.managed.reloadAuthorization(
      authorizationBody({ user: hub.user, passwordHash: this.hubHash }, logins),
    );
  }

  /**
   * The `authorization { … }` block for a hub nats-server someone else runs (NATS_URL set): the hub's login (when
   * this process knows its password) and each sub-platform's, only as bcrypt hashes, each city limited to its own
   * subjects. Its operator pastes it into the server's config and reloads it after every login issued here.
   */
  async authorizationBlock(): Promise<{ block: string; users: number; hubIncluded: boolean }> {
    const hub = this.messaging.hub;
    const logins = (await this.registry.withLogins()).filter((l) => l.natsPasswordHash);
    const hubLogin =
      hub?.user && hub.password
        ? { user: hub.user, passwordHash: (this.hubHash ??= natsPasswordHash(hub.password)) }
        : null;
    return {
      block: `authorization {\n${authorizationBody(hubLogin, logins)}\n}\n`,
      users: logins.length + (hubLogin ? 1 : 0),
      hubIncluded: !!hubLogin,
    };
  }

  private async ensureStreams(): Promise<void> {
    const jsm = this.jsm!;
    const logins = await this.registry.withLogins();
    const sources = logins.map((l) => sourceOf(l.code));
    const up = {
      name: HUB_UP_STREAM,
      subjects: [],
      sources,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      // What the hub received stays a week in JetStream (PostgreSQL keeps it for good).
      max_age: 7 * DAY_NS,
    };
    const info = await jsm.streams.info(HUB_UP_STREAM).catch(() => null);
    if (!info) await jsm.streams.add(up);
    else {
      const have = JSON.stringify((info.config.sources ?? []).map((s) => s.external?.api).sort());
      const want = JSON.stringify(sources.map((s) => s.external?.api).sort());
      if (have !== want) await jsm.streams.update(HUB_UP_STREAM, { ...info.config, sources });
    }
    if (!(await jsm.streams.info(HUB_DEAD_STREAM).catch(() => null)))
      await jsm.streams.add({
        name: HUB_DEAD_STREAM,
        subjects: ['zc.dead.>'],
        storage: StorageType.File,
        max_age: 30 * DAY_NS,
      });
    // Explicit acks, one per message after its batch is committed. (An earlier intake consumer acknowledged with
    // AckAll: a message the server delivered but the client dropped — a fetch ended by missed heartbeats on a busy
    // event loop — was acknowledged with the next batch and never delivered again. It is replaced, starting after
    // what it had acknowledged; anything delivered since comes again and is skipped as a duplicate.)
    const consumer = await jsm.consumers.info(HUB_UP_STREAM, INTAKE_CONSUMER).catch(() => null);
    if (consumer && consumer.config.ack_policy !== AckPolicy.Explicit) {
      await jsm.consumers.delete(HUB_UP_STREAM, INTAKE_CONSUMER);
      await jsm.consumers.add(HUB_UP_STREAM, {
        ...INTAKE_CONSUMER_CONFIG,
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: consumer.ack_floor.stream_seq + 1,
      });
    } else if (!consumer)
      await jsm.consumers.add(HUB_UP_STREAM, { ...INTAKE_CONSUMER_CONFIG, deliver_policy: DeliverPolicy.All });
  }

  /**
   * Fetch a batch, commit it, then acknowledge each message (the last one waits for the server's confirmation). A
   * batch whose commit fails is held and committed again before anything newer is fetched, so a city's messages are
   * committed in the order sent. A repeat is harmless (duplicates are skipped on sub-platform + message id, dead
   * letters on their hub sequence).
   */
  private async consume(): Promise<void> {
    const ctx = systemContext('city-brain.intake');
    let consumer: Consumer | null = null;
    let held: JsMsg[] = [];
    while (!this.stopping) {
      try {
        // Inside the loop: on a busy server the lookup can time out, and it is simply tried again.
        consumer ??= await this.js!.consumers.get(HUB_UP_STREAM, INTAKE_CONSUMER);
        if (!held.length) {
          const iter = await consumer.fetch({ max_messages: INTAKE_BATCH, expires: 1000 });
          for await (const m of iter) held.push(m);
        }
        if (!held.length || this.stopping) continue;
        const result = await this.intake.commit(
          ctx,
          held.map((m) => ({
            subject: m.subject,
            data: m.data,
            msgId: m.headers?.get('Nats-Msg-Id') || undefined,
            hubSeq: m.seq,
          })),
        );
        for (const d of result.dead) {
          const h = natsHeaders();
          h.set('Zc-Reason', d.reason);
          h.set('Zc-Subject', d.subject);
          await this.js!.publish(`zc.dead.${d.code ?? 'unknown'}`, new TextEncoder().encode(d.raw), {
            headers: h,
            msgID: `dead-${d.hubSeq}`,
          });
        }
        for (const m of held.slice(0, -1)) m.ack();
        await held.at(-1)!.ackAck();
        held = [];
      } catch (err) {
        if (this.stopping) break;
        this.platform.log.error(
          { err, held: held.length },
          'city-brain intake batch failed; the same batch is committed again',
        );
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** Messages in the intake stream not yet acknowledged (what the hub still has to commit). */
  async pending(): Promise<{ pending: number; messages: number } | null> {
    if (!this.jsm) return null;
    try {
      const [c, s] = await Promise.all([
        this.jsm.consumers.info(HUB_UP_STREAM, INTAKE_CONSUMER),
        this.jsm.streams.info(HUB_UP_STREAM),
      ]);
      return { pending: c.num_pending + c.num_ack_pending, messages: s.state.messages };
    } catch {
      return null;
    }
  }
}
