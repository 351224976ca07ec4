import { z } from 'zod';
import { IsoDateTime, PageQuery, pageOf, RegionCode } from '../common.contract.ts';

/**
 * 数据资源目录: the datasets each sub-platform offers, with their fields, how often they are updated and how they may
 * be shared (无条件共享 / 有条件共享 / 不予共享, after the national 政务数据共享 rules). A sub-platform's
 * `dataset-update` messages keep each entry's version and record count current; its owner edits the rest. Conditional
 * data is used only after a request the owner's approver grants (never the requester), and every use is recorded.
 */
export const SHARING_CLASSES = {
  unconditional: { zh: '无条件共享', en: 'Shared without conditions' },
  conditional: { zh: '有条件共享', en: 'Shared on conditions' },
  not_shared: { zh: '不予共享', en: 'Not shared' },
} as const;
export const SharingClass = z.enum(Object.keys(SHARING_CLASSES) as [keyof typeof SHARING_CLASSES]);
export type SharingClass = z.infer<typeof SharingClass>;

export const UPDATE_CYCLES = {
  realtime: { zh: '实时', en: 'Real time' },
  hourly: { zh: '每小时', en: 'Hourly' },
  daily: { zh: '每日', en: 'Daily' },
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  yearly: { zh: '每年', en: 'Yearly' },
  irregular: { zh: '不定期', en: 'Irregular' },
} as const;
export const UpdateCycle = z.enum(Object.keys(UPDATE_CYCLES) as [keyof typeof UPDATE_CYCLES]);
export type UpdateCycle = z.infer<typeof UpdateCycle>;

export const DatasetField = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { message: 'lowercase letters, digits and _' }),
    label: z.string().trim().min(1).max(100),
    type: z.enum(['string', 'number', 'date', 'datetime', 'boolean', 'geometry']),
    /** Personal data (a name, an ID number, a phone): shared masked at most. */
    personal: z.boolean().default(false),
  })
  .strict();
export type DatasetField = z.infer<typeof DatasetField>;

export const Dataset = z.object({
  id: z.uuid(),
  subPlatformId: z.uuid(),
  subPlatformCode: z.string(),
  subPlatformName: z.string(),
  ownerUnit: z.string(),
  regionCode: RegionCode,
  code: z.string(),
  name: z.string(),
  description: z.string(),
  fields: z.array(DatasetField),
  updateCycle: UpdateCycle,
  sharingClass: SharingClass,
  /** For conditional data: what a requester must meet (用途, 安全要求). */
  sharingConditions: z.string(),
  version: z.string().nullable(),
  records: z.number().int().nullable(),
  /** When the sub-platform last reported a new version. */
  lastUpdatedAt: z.string().nullable(),
  /** Made from a dataset-update message and not yet described by its owner (待编目). */
  uncatalogued: z.boolean(),
  demo: z.boolean(),
});
export type Dataset = z.infer<typeof Dataset>;

export const DatasetQuery = PageQuery.extend({
  sharingClass: SharingClass.optional(),
  subPlatformId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
});
export type DatasetQuery = z.infer<typeof DatasetQuery>;
export const DatasetPage = pageOf(Dataset);

/** What the owner describes (the version and the records come from the sub-platform's messages). */
export const DatasetPatch = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000),
    fields: z.array(DatasetField).max(200),
    updateCycle: UpdateCycle,
    sharingClass: SharingClass,
    sharingConditions: z.string().trim().max(2000),
  })
  .partial()
  .strict();
export type DatasetPatch = z.infer<typeof DatasetPatch>;

export const REQUEST_STATUSES = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
} as const;
export const RequestStatus = z.enum(Object.keys(REQUEST_STATUSES) as [keyof typeof REQUEST_STATUSES]);
export type RequestStatus = z.infer<typeof RequestStatus>;

/** 申请使用有条件共享数据: who, for what, which fields, until when. */
export const DataRequestInput = z
  .object({
    purpose: z.string().trim().min(5).max(1000),
    unit: z.string().trim().min(2).max(200),
    /** The fields needed (by name); empty means all. */
    fields: z.array(z.string().max(63)).max(200).default([]),
    until: IsoDateTime,
  })
  .strict();
export type DataRequestInput = z.infer<typeof DataRequestInput>;

export const DataRequest = z.object({
  id: z.uuid(),
  datasetId: z.uuid(),
  datasetName: z.string(),
  datasetCode: z.string(),
  subPlatformCode: z.string(),
  requesterName: z.string(),
  unit: z.string(),
  purpose: z.string(),
  fields: z.array(z.string()),
  until: z.string(),
  status: RequestStatus,
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  /** This caller made it (so cannot decide it). */
  mine: z.boolean(),
});
export type DataRequest = z.infer<typeof DataRequest>;
export const DataRequestQuery = PageQuery.extend({
  status: RequestStatus.optional(),
  /** mine: what I asked for; toDecide: what waits for my decision. */
  view: z.enum(['mine', 'toDecide', 'all']).default('all'),
});
export type DataRequestQuery = z.infer<typeof DataRequestQuery>;
export const DataRequestPage = pageOf(DataRequest);

export const DataRequestDecision = z
  .object({ approve: z.boolean(), note: z.string().trim().max(1000).optional() })
  .strict();
export type DataRequestDecision = z.infer<typeof DataRequestDecision>;

/** 使用登记: one use of a dataset (what was taken, for what, under which approval). */
export const DataUseInput = z
  .object({
    purpose: z.string().trim().min(2).max(500),
    /** Required for conditional data: the approved request it is used under. */
    requestId: z.uuid().optional(),
  })
  .strict();
export type DataUseInput = z.infer<typeof DataUseInput>;

export const DataUse = z.object({
  id: z.number().int(),
  datasetId: z.uuid(),
  requestId: z.uuid().nullable(),
  userName: z.string(),
  purpose: z.string(),
  /** The fields released to this use (personal ones named but flagged: shared masked). */
  fields: z.array(z.string()),
  version: z.string().nullable(),
  at: z.string(),
});
export type DataUse = z.infer<typeof DataUse>;
export const DataUsePage = pageOf(DataUse);
