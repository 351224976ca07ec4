import { z } from 'zod';
import { PageQuery, pageOf, RegionCode } from '../common.contract.ts';
import { EventCategory, EventSeverity, GeoPoint } from './messages.ts';

/**
 * 事件流转闭环 after GB/T 30428's seven steps: 上报 (reported) → 立案 (registered) → 派遣 (dispatched) → 处置 (handling)
 * → 反馈 (fed back) → 核查结案 (closed) → 评价 (evaluated). An event not taken on is 不予立案 (rejected); a
 * verification that fails sends it back to dispatched (返工).
 */
export const EVENT_STEPS = [
  'reported',
  'registered',
  'dispatched',
  'handling',
  'fed_back',
  'closed',
  'evaluated',
] as const;
export const EventStatus = z.enum([...EVENT_STEPS, 'rejected']);
export type EventStatus = z.infer<typeof EventStatus>;
export const EVENT_STEP_LABEL: Record<EventStatus, { zh: string; en: string }> = {
  reported: { zh: '上报', en: 'Reported' },
  registered: { zh: '立案', en: 'Registered' },
  dispatched: { zh: '派遣', en: 'Dispatched' },
  handling: { zh: '处置', en: 'Handling' },
  fed_back: { zh: '反馈', en: 'Fed back' },
  closed: { zh: '核查结案', en: 'Closed' },
  evaluated: { zh: '评价', en: 'Evaluated' },
  rejected: { zh: '不予立案', en: 'Not taken on' },
};

export const EventLevel = z.enum(['province', 'city', 'county']);
export type EventLevel = z.infer<typeof EventLevel>;

/** One entry of an event's history: a step taken, a transfer, a reminder or an escalation. */
export const EventHistoryEntry = z.object({
  action: z.enum([
    'reported',
    'registered',
    'rejected',
    'dispatched',
    'handling',
    'fed_back',
    'verify_failed',
    'closed',
    'evaluated',
    'reminder',
    'escalation',
  ]),
  at: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
  /** For a step: whether it was taken within its time limit. */
  onTime: z.boolean().nullable(),
});
export type EventHistoryEntry = z.infer<typeof EventHistoryEntry>;

/** 督办: once a step is overdue, a reminder (催办); past half its limit again, an escalation one level up. */
export const SupervisionLevel = z.enum(['reminder', 'escalation']);

export const CityEvent = z.object({
  id: z.uuid(),
  source: z.enum(['city', 'province']),
  subPlatformCode: z.string().nullable(),
  regionCode: RegionCode,
  regionName: z.string(),
  category: EventCategory,
  severity: EventSeverity,
  title: z.string(),
  description: z.string().nullable(),
  location: GeoPoint.nullable(),
  status: EventStatus,
  /** Where the event is handled now: region and department (routing across levels and departments). */
  handlerRegionCode: z.string().nullable(),
  handlerRegionName: z.string().nullable(),
  handlerLevel: EventLevel.nullable(),
  handlerDepartment: z.string().nullable(),
  /** When the current step must be done; null once closed. */
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  supervision: SupervisionLevel.nullable(),
  result: z.string().nullable(),
  rating: z.number().int().nullable(),
  reportedAt: z.string(),
  closedAt: z.string().nullable(),
  demo: z.boolean(),
});
export type CityEvent = z.infer<typeof CityEvent>;

export const CityEventDetail = CityEvent.extend({ history: z.array(EventHistoryEntry) });
export type CityEventDetail = z.infer<typeof CityEventDetail>;

export const EventQuery = PageQuery.extend({
  region: RegionCode.optional(),
  status: EventStatus.optional(),
  category: EventCategory.optional(),
  /** Only events whose current step is past its limit. */
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type EventQuery = z.infer<typeof EventQuery>;
export const EventPage = pageOf(CityEvent);

const Note = z.string().trim().max(1000).optional();

/** An event raised at the province or a city desk (not from a city platform). */
export const EventInput = z.object({
  regionCode: RegionCode,
  category: EventCategory,
  severity: EventSeverity,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
});
export type EventInput = z.infer<typeof EventInput>;

export const RegisterInput = z.object({ accept: z.boolean(), note: Note });
export const DispatchInput = z.object({
  /** The region that handles it: the event's own region, one above it, or one below it. */
  regionCode: RegionCode,
  department: z.string().trim().min(1).max(100),
  note: Note,
});
export type DispatchInput = z.infer<typeof DispatchInput>;
export const FeedbackInput = z.object({
  stage: z.enum(['handling', 'handled']),
  result: z.string().trim().min(1).max(2000),
});
export const VerifyInput = z.object({ passed: z.boolean(), note: Note });
export const EvaluateInput = z.object({ rating: z.number().int().min(1).max(5), note: Note });

/** On-time and closure rates by city and by category. */
export const EventStatistics = z.object({
  byCity: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      total: z.number().int(),
      open: z.number().int(),
      closed: z.number().int(),
      overdue: z.number().int(),
      closureRate: z.number().nullable(),
      onTimeRate: z.number().nullable(),
    }),
  ),
  byCategory: z.array(
    z.object({
      category: EventCategory,
      total: z.number().int(),
      closed: z.number().int(),
      closureRate: z.number().nullable(),
      onTimeRate: z.number().nullable(),
    }),
  ),
});
export type EventStatistics = z.infer<typeof EventStatistics>;
