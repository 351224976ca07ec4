import {
  AckPolicy,
  connect,
  DeliverPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type NatsConnection,
} from 'nats';
import {
  CITY_DOWN_STREAM,
  CITY_UP_STREAM,
  DownMessageV1,
  upSubject,
  type UpKind,
  type UpMessage,
} from '@zhicheng/contracts/city-brain';
import { startNatsServer, type NatsServerHandle } from '../../../platform/messaging/index.ts';

const DAY_NS = 24 * 3600 * 1e9;

export interface CityPlatformOptions {
  /** The sub-platform's code: its JetStream domain and its subjects' token. */
  code: string;
  /** Folder for its own nats-server (config, log, JetStream store). */
  dir: string;
  /** `nats-leaf://<user>:<password>@host:port` of the hub, with the login the province issued. */
  hubLeafUrl: string;
}

/**
 * What a city's own platform runs to join the province: its own nats-server with JetStream in its own domain, joined
 * to the hub as a leaf node; CITY_UP keeps what it sends up (the hub sources it, so nothing is lost while the link is
 * down) and CITY_DOWN receives what the province sends down. The simulator and the tests use exactly this.
 */
export class CityPlatform {
  private constructor(
    readonly code: string,
    readonly server: NatsServerHandle,
    readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
  ) {}

  static async start(o: CityPlatformOptions): Promise<CityPlatform> {
    const server = await startNatsServer({
      dir: o.dir,
      serverName: `city-${o.code}`,
      domain: o.code,
      remotes: [o.hubLeafUrl],
    });
    const nc = await connect({ servers: server.url, name: `city-${o.code}`, maxReconnectAttempts: -1 });
    const jsm = await nc.jetstreamManager();
    const streams = [
      { name: CITY_UP_STREAM, subjects: [`zc.up.${o.code}.>`] },
      { name: CITY_DOWN_STREAM, subjects: [`zc.down.${o.code}.>`] },
    ];
    for (const s of streams) {
      if (await jsm.streams.info(s.name).catch(() => null)) continue;
      await jsm.streams.add({
        ...s,
        storage: StorageType.File,
        max_age: 7 * DAY_NS,
        // A city offline for a day still drops a second copy of what the province re-sends after reconnecting.
        duplicate_window: DAY_NS,
      });
    }
    if (!(await jsm.consumers.info(CITY_DOWN_STREAM, 'city-app').catch(() => null)))
      await jsm.consumers.add(CITY_DOWN_STREAM, {
        durable_name: 'city-app',
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
      });
    return new CityPlatform(o.code, server, nc, nc.jetstream());
  }

  /** Stores a message in the city's own stream (works with the link down); the id makes a resend harmless. */
  async publish(kind: UpKind, entity: UpMessage | unknown, msgId: string): Promise<number> {
    const ack = await this.js.publish(upSubject(this.code, kind), JSON.stringify(entity), { msgID: msgId });
    return ack.seq;
  }

  /** Raw bytes, for tests of what the hub refuses. */
  async publishRaw(subject: string, data: string, msgId?: string): Promise<void> {
    await this.js.publish(subject, data, msgId ? { msgID: msgId } : {});
  }

  /** Hands every message the province sent down to `handle`, acknowledged after it returns. */
  async onDown(handle: (m: DownMessageV1, subject: string) => Promise<void>): Promise<() => Promise<void>> {
    const consumer = await this.js.consumers.get(CITY_DOWN_STREAM, 'city-app');
    const messages: ConsumerMessages = await consumer.consume({ max_messages: 100 });
    const done = (async () => {
      for await (const m of messages) {
        const parsed = DownMessageV1.safeParse(m.json());
        if (parsed.success) await handle(parsed.data, m.subject).catch(() => undefined);
        m.ack();
      }
    })();
    return async () => {
      await messages.close();
      await done;
    };
  }

  async stop(): Promise<void> {
    await this.nc.drain().catch(() => this.nc.close());
    await this.server.stop();
  }
}
