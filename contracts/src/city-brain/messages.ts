import { z } from 'zod';
import { IsoDateTime, Measure, RegionCode } from '../common.contract.ts';
import type { DownKind, UpKind } from './registry.ts';

/**
 * The messages that travel between the province and the city platforms, version 1. Each is an entity in the shape
 * NGSI-LD gives them (id, type, observedAt, and the region it is about), so a city can map its own model once.
 * A message that fails its schema goes to the dead-letter stream with the reason; nothing of it is stored.
 */
export const MESSAGE_SCHEMA_VERSION = 1;

/** urn:ngsi-ld:<Type>:<local id>, e.g. urn:ngsi-ld:VitalSign:c370200:air.aqi:20261130T0800 */
const EntityId = z.string().regex(/^urn:ngsi-ld:[A-Za-z]+:[\w.:\-]{1,150}$/, { message: 'urn:ngsi-ld:<Type>:<id>' });

const entity = <T extends string>(type: T) => ({
  id: EntityId,
  type: z.literal(type),
  schemaVersion: z.literal(MESSAGE_SCHEMA_VERSION),
  observedAt: IsoDateTime,
  regionCode: RegionCode,
});

/** 城市体征: the indicators a city brain reports; open-ended, named `<area>.<measure>`. */
export const VitalIndicator = z.string().regex(/^[a-z]+(\.[a-z-]+)+$/, { message: 'e.g. air.aqi' });
export const VITAL_INDICATORS = {
  'air.aqi': { zh: '空气质量指数', en: 'Air quality index', unit: '' },
  'traffic.congestion': { zh: '交通拥堵指数', en: 'Traffic congestion index', unit: '' },
  'water.supply': { zh: '日供水量', en: 'Water supplied today', unit: '万吨' },
  'power.load': { zh: '用电负荷', en: 'Power load', unit: '万千瓦' },
  'population.active': { zh: '实时活跃人口', en: 'Active population', unit: '万人' },
  'hotline.calls': { zh: '12345热线今日来电', en: '12345 hotline calls today', unit: '件' },
} as const;

export const VitalSignV1 = z
  .object({ ...entity('VitalSign'), indicator: VitalIndicator, value: Measure, unit: z.string().max(20) })
  .strict();
export type VitalSignV1 = z.infer<typeof VitalSignV1>;

/** GB/T 30428's event categories as city-management systems use them (部件 / 事件) plus public-safety classes. */
export const EVENT_CATEGORIES = {
  city_appearance: { zh: '市容环境', en: 'City appearance' },
  road_facility: { zh: '道路设施', en: 'Road facilities' },
  public_safety: { zh: '公共安全', en: 'Public safety' },
  environment: { zh: '生态环境', en: 'Environment' },
  traffic: { zh: '交通运行', en: 'Traffic' },
  public_health: { zh: '公共卫生', en: 'Public health' },
} as const;
export const EventCategory = z.enum(Object.keys(EVENT_CATEGORIES) as [keyof typeof EVENT_CATEGORIES]);
export type EventCategory = z.infer<typeof EventCategory>;
export const EventSeverity = z.enum(['low', 'medium', 'high']);
export type EventSeverity = z.infer<typeof EventSeverity>;

export const GeoPoint = z
  .object({
    type: z.literal('Point'),
    coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
  })
  .strict();

/** 上报: an event a city platform found (or a citizen reported to it). */
export const CityEventV1 = z
  .object({
    ...entity('CityEvent'),
    category: EventCategory,
    severity: EventSeverity,
    title: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    location: GeoPoint.optional(),
  })
  .strict();
export type CityEventV1 = z.infer<typeof CityEventV1>;

/** 处置 → 反馈: the city says how a dispatched event was handled (the province then verifies it). */
export const EventFeedbackV1 = z
  .object({
    ...entity('EventFeedback'),
    /** The province's event id (from the task sent down). */
    eventId: z.uuid(),
    /** 处置: work has started; 反馈: it is done and the result is reported. */
    stage: z.enum(['handling', 'handled']),
    result: z.string().trim().min(1).max(2000),
  })
  .strict();
export type EventFeedbackV1 = z.infer<typeof EventFeedbackV1>;

export const DatasetUpdateV1 = z
  .object({
    ...entity('DatasetUpdate'),
    datasetCode: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'lowercase letters, digits and -' }),
    version: z.string().min(1).max(50),
    records: z.number().int().min(0).max(1e12),
  })
  .strict();
export type DatasetUpdateV1 = z.infer<typeof DatasetUpdateV1>;

export const HeartbeatV1 = z
  .object({ ...entity('Heartbeat'), uptimeSeconds: z.number().int().min(0).max(1e10).optional() })
  .strict();
export type HeartbeatV1 = z.infer<typeof HeartbeatV1>;

/** The schema for each kind of upward message: the subject's last token names the kind. */
export const UP_MESSAGE = {
  'vital-sign': VitalSignV1,
  event: z.discriminatedUnion('type', [CityEventV1, EventFeedbackV1]),
  'dataset-update': DatasetUpdateV1,
  heartbeat: HeartbeatV1,
} as const satisfies Record<UpKind, z.ZodType>;
export type UpMessage = VitalSignV1 | CityEventV1 | EventFeedbackV1 | DatasetUpdateV1 | HeartbeatV1;

/** What the province sends down: a task (派遣 of an event, or work), a notice, or an alert. */
export const DownMessageV1 = z
  .object({
    id: EntityId,
    type: z.enum(['Task', 'Notice', 'Alert']),
    schemaVersion: z.literal(MESSAGE_SCHEMA_VERSION),
    issuedAt: IsoDateTime,
    regionCode: RegionCode,
    title: z.string().trim().min(1).max(200),
    body: z.string().max(4000),
    /** A dispatched event: the province's id, which the city's feedback names. */
    eventId: z.uuid().optional(),
    dueAt: IsoDateTime.optional(),
  })
  .strict();
export type DownMessageV1 = z.infer<typeof DownMessageV1>;
export const DOWN_TYPE: Record<DownKind, DownMessageV1['type']> = { task: 'Task', notice: 'Notice', alert: 'Alert' };

/** Why a message went to the dead-letter stream. */
export const DEAD_LETTER_REASONS = {
  unknown_sub_platform: { zh: '未登记的子平台', en: 'Unknown sub-platform' },
  unknown_kind: { zh: '未知的消息类型', en: 'Unknown message kind' },
  kind_not_granted: { zh: '该子平台未登记此上报内容', en: 'Kind not registered for this sub-platform' },
  missing_msg_id: { zh: '缺少消息编号 (Nats-Msg-Id)', en: 'No message id (Nats-Msg-Id)' },
  not_json: { zh: '不是合法的 JSON', en: 'Not valid JSON' },
  schema: { zh: '不符合消息格式', en: 'Does not match the message schema' },
  region_out_of_scope: { zh: '区划不属于该子平台', en: 'Region outside the sub-platform’s own' },
  unknown_event: { zh: '反馈的事件不存在或不属于该城市', en: 'Feedback for an unknown event or another city’s' },
} as const;
export type DeadLetterReason = keyof typeof DEAD_LETTER_REASONS;
