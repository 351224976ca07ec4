import crypto from 'node:crypto';
import {
  VITAL_INDICATORS,
  type CityEventV1,
  type DownMessageV1,
  type EventCategory,
  type EventFeedbackV1,
  type EventSeverity,
  type HeartbeatV1,
  type VitalSignV1,
} from '@zhicheng/contracts/city-brain';
import { CityPlatform } from './city-platform.ts';

/**
 * Resident population in 万人 (rounded, 2023 yearbook order of magnitude) of Shandong's 16 cities: the scale of what
 * each simulated city reports. Unknown cities get 500. The values the simulator sends are made up (示例).
 */
const POPULATION: Record<string, number> = {
  '370100': 941,
  '370200': 1037,
  '370300': 470,
  '370400': 385,
  '370500': 220,
  '370600': 705,
  '370700': 938,
  '370800': 836,
  '370900': 547,
  '371000': 291,
  '371100': 297,
  '371300': 1099,
  '371400': 561,
  '371500': 592,
  '371600': 393,
  '371700': 874,
};

/** What a city-management centre typically finds (示例 titles); a county of the city is picked at random. */
export const EVENT_KINDS: { category: EventCategory; severity: EventSeverity; title: string }[] = [
  { category: 'city_appearance', severity: 'low', title: '主干道两侧暴露垃圾未及时清运(示例)' },
  { category: 'city_appearance', severity: 'medium', title: '店外经营占道,影响行人通行(示例)' },
  { category: 'road_facility', severity: 'medium', title: '窨井盖缺失,存在安全隐患(示例)' },
  { category: 'road_facility', severity: 'low', title: '路灯成片不亮(示例)' },
  { category: 'public_safety', severity: 'high', title: '老旧小区燃气管道泄漏报警(示例)' },
  { category: 'environment', severity: 'medium', title: '河道出现不明漂浮物(示例)' },
  { category: 'traffic', severity: 'high', title: '早高峰路口信号灯故障,车辆拥堵(示例)' },
  { category: 'public_health', severity: 'medium', title: '农贸市场冷链食品检测异常(示例)' },
];

export interface CitySimulatorOptions {
  /** The city's region code (370200); the sub-platform code defaults to `c<region>` as the demo registers it. */
  regionCode: string;
  code?: string;
  /** Folder of the city's own nats-server. */
  dir: string;
  /** `nats-leaf://<user>:<password>@host:port` of the hub. */
  hubLeafUrl: string;
  /** Counties (or districts) of the city; events are raised in one of them. Default: the city itself. */
  counties?: string[];
  /** One set of vital signs (all indicators) this often. 0 sends none. */
  vitalEveryMs?: number;
  heartbeatEveryMs?: number;
  /** One event on average this often (exponential gaps). 0 raises none on its own. */
  eventEveryMs?: number;
  /** How long the city takes to start work on a task (处置) and again to report it handled (反馈). */
  handleAfterMs?: number;
  /** Random source, for repeatable runs. */
  random?: () => number;
  log?: (line: string) => void;
}

/**
 * A simulated city brain: what a city's own platform does, over the same path — its own nats-server as a leaf node in
 * its own JetStream domain (CityPlatform). It reports vital signs (城市体征) and heartbeats on a timer, raises events now
 * and then, and answers every task the province sends down: work started (处置), then handled (反馈). Everything it
 * sends is made up and labelled 示例. Used by the CLI (`npm run simulate:city`), demo mode and the e2e journey.
 */
export class CitySimulator {
  readonly code: string;
  readonly regionCode: string;
  private platform: CityPlatform | null = null;
  private timers: NodeJS.Timeout[] = [];
  private stopDown: (() => Promise<void>) | null = null;
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly started = Date.now();
  private readonly random: () => number;
  private readonly log: (line: string) => void;
  /** Counts what was sent and answered (the CLI prints it). */
  readonly sent = { vitalSigns: 0, heartbeats: 0, events: 0, feedback: 0, tasks: 0 };

  constructor(private readonly o: CitySimulatorOptions) {
    this.regionCode = o.regionCode;
    this.code = o.code ?? `c${o.regionCode}`;
    this.random = o.random ?? Math.random;
    this.log = o.log ?? (() => undefined);
  }

  get nats(): CityPlatform | null {
    return this.platform;
  }

  async start(): Promise<void> {
    this.platform = await CityPlatform.start({ code: this.code, dir: this.o.dir, hubLeafUrl: this.o.hubLeafUrl });
    this.stopDown = await this.platform.onDown((m) => this.onDown(m));
    const every = (ms: number | undefined, fn: () => Promise<unknown>) => {
      if (!ms) return;
      const t = setInterval(() => void fn().catch((err: Error) => this.log(`${this.code}: ${err.message}`)), ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.o.heartbeatEveryMs ?? 15_000, () => this.heartbeat());
    every(this.o.vitalEveryMs ?? 10_000, () => this.vitalSigns());
    await this.heartbeat();
    if (this.o.vitalEveryMs !== 0) await this.vitalSigns();
    if (this.o.eventEveryMs) this.scheduleEvent(this.o.eventEveryMs);
  }

  async stop(): Promise<void> {
    for (const t of [...this.timers, ...this.pending]) clearTimeout(t);
    this.timers = [];
    this.pending.clear();
    await this.stopDown?.().catch(() => undefined);
    await this.platform?.stop();
    this.platform = null;
  }

  async heartbeat(at = new Date()): Promise<void> {
    const hb: HeartbeatV1 = {
      id: `urn:ngsi-ld:Heartbeat:${this.code}:${at.getTime()}`,
      type: 'Heartbeat',
      schemaVersion: 1,
      observedAt: at.toISOString(),
      regionCode: this.regionCode,
      uptimeSeconds: Math.floor((Date.now() - this.started) / 1000),
    };
    await this.publish('heartbeat', hb);
    this.sent.heartbeats++;
  }

  /** One value of every indicator, following the hour of the day in Shandong (UTC+8). */
  async vitalSigns(at = new Date()): Promise<void> {
    for (const v of vitalSignsOf(this.code, this.regionCode, at, this.random)) {
      await this.publish('vital-sign', v);
      this.sent.vitalSigns++;
    }
  }

  /** 上报: raises one event (a random kind unless given) in one of the city's counties; returns its entity. */
  async raiseEvent(e: Partial<Pick<CityEventV1, 'category' | 'severity' | 'title' | 'regionCode'>> = {}) {
    const pick = EVENT_KINDS[Math.floor(this.random() * EVENT_KINDS.length)]!;
    const counties = this.o.counties?.length ? this.o.counties : [this.regionCode];
    const regionCode = e.regionCode ?? counties[Math.floor(this.random() * counties.length)]!;
    const at = new Date();
    const event: CityEventV1 = {
      id: `urn:ngsi-ld:CityEvent:${this.code}:${crypto.randomUUID()}`,
      type: 'CityEvent',
      schemaVersion: 1,
      observedAt: at.toISOString(),
      regionCode,
      category: e.category ?? pick.category,
      severity: e.severity ?? pick.severity,
      title: e.title ?? pick.title,
      description: '城市运行管理中心自动发现(示例)',
    };
    await this.publish('event', event);
    this.sent.events++;
    this.log(`${this.code}: raised ${event.title} in ${regionCode}`);
    return event;
  }

  private scheduleEvent(mean: number) {
    const gap = Math.min(mean * 5, -Math.log(1 - this.random()) * mean);
    const t = setTimeout(() => {
      this.pending.delete(t);
      void this.raiseEvent()
        .catch((err: Error) => this.log(`${this.code}: ${err.message}`))
        .finally(() => this.platform && this.scheduleEvent(mean));
    }, gap);
    t.unref();
    this.pending.add(t);
  }

  /** A task for an event: start work after a while, report it handled after as long again. */
  private async onDown(m: DownMessageV1): Promise<void> {
    this.log(`${this.code}: received ${m.type} ${m.title}`);
    if (m.type !== 'Task' || !m.eventId) return;
    this.sent.tasks++;
    const eventId = m.eventId;
    const region = m.regionCode.startsWith(this.regionCode.slice(0, 4)) ? m.regionCode : this.regionCode;
    const after = this.o.handleAfterMs ?? 30_000;
    const later = (ms: number, fn: () => Promise<void>) => {
      const t = setTimeout(() => {
        this.pending.delete(t);
        void fn().catch((err: Error) => this.log(`${this.code}: ${err.message}`));
      }, ms);
      t.unref();
      this.pending.add(t);
    };
    later(after, async () => {
      await this.feedback(eventId, region, 'handling', '已安排处置力量赶赴现场(示例)');
      later(after, () => this.feedback(eventId, region, 'handled', '现场已处置完毕,照片已上传(示例)'));
    });
  }

  /** 处置 / 反馈 for an event the province dispatched. */
  async feedback(eventId: string, regionCode: string, stage: 'handling' | 'handled', result: string): Promise<void> {
    const at = new Date();
    const f: EventFeedbackV1 = {
      id: `urn:ngsi-ld:EventFeedback:${this.code}:${eventId}:${stage}`,
      type: 'EventFeedback',
      schemaVersion: 1,
      observedAt: at.toISOString(),
      regionCode,
      eventId,
      stage,
      result,
    };
    // The id makes a repeat harmless: the same event's same stage is one message, however often it is sent.
    await this.publish('event', f, `${this.code}-feedback-${eventId}-${stage}`);
    this.sent.feedback++;
    this.log(`${this.code}: ${stage} ${eventId}`);
  }

  private async publish(kind: Parameters<CityPlatform['publish']>[0], entity: object, msgId?: string) {
    if (!this.platform) throw new Error('the simulator is not started');
    await this.platform.publish(kind, entity, msgId ?? `${this.code}-${crypto.randomUUID()}`);
  }
}

/**
 * One value of each indicator for a city at a moment: the shape of a day (commuting peaks, a night low, cumulative
 * counters that restart at midnight) scaled by the city's population, with a little noise. 示例 figures.
 */
export function vitalSignsOf(code: string, regionCode: string, at: Date, random: () => number = Math.random) {
  const pop = POPULATION[regionCode] ?? 500;
  const hour = (at.getUTCHours() + 8 + at.getUTCMinutes() / 60) % 24;
  const dayShare = hour / 24;
  const peak = (h: number, width: number) => Math.exp(-(((hour - h) / width) ** 2));
  const noise = (spread: number) => 1 + (random() - 0.5) * spread;
  const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
  const values: Record<keyof typeof VITAL_INDICATORS, number> = {
    'air.aqi': round((55 + 25 * peak(8, 3) + 20 * peak(19, 3)) * noise(0.3), 0),
    'traffic.congestion': round((1.1 + 0.9 * peak(8, 1.2) + 1.0 * peak(18, 1.5)) * noise(0.1), 2),
    'water.supply': round(pop * 0.03 * dayShare * noise(0.05)),
    'power.load': round(pop * (0.7 + 0.35 * peak(11, 4) + 0.4 * peak(20, 3)) * noise(0.05)),
    'population.active': round(pop * (0.88 + 0.07 * peak(14, 6)) * noise(0.02)),
    'hotline.calls': Math.round(pop * 3 * dayShare * noise(0.1)),
  };
  const stamp = at.toISOString().replace(/[-:.]/g, '');
  return Object.entries(values).map(([indicator, value]): VitalSignV1 => ({
    id: `urn:ngsi-ld:VitalSign:${code}:${indicator}:${stamp}`,
    type: 'VitalSign',
    schemaVersion: 1,
    observedAt: at.toISOString(),
    regionCode,
    indicator,
    value,
    unit: VITAL_INDICATORS[indicator as keyof typeof VITAL_INDICATORS].unit,
  }));
}
