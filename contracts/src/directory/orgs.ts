import { z } from 'zod';
import { IsoDate, MAX_YEAR, MIN_YEAR, PageQuery, pageOf, RegionCode } from '../common.contract.ts';
import { CreditCode, MobilePhone } from './experts.ts';

/** 项目团队库 (teams that build smart-city projects) and 服务商库 (providers of convenience facilities and services). */
export const OrgKind = z.enum(['project_team', 'provider']);
export type OrgKind = z.infer<typeof OrgKind>;
export const ORG_KINDS: Record<OrgKind, { zh: string; en: string }> = {
  project_team: { zh: '项目团队', en: 'Project team' },
  provider: { zh: '服务商', en: 'Provider' },
};

export const Qualification = z
  .object({
    name: z.string().trim().min(2).max(100),
    level: z.string().trim().max(40).optional(),
    /** The certificate number as issued. */
    number: z.string().trim().max(60).optional(),
    validUntil: IsoDate.optional(),
  })
  .strict();
export type Qualification = z.infer<typeof Qualification>;

export const OrgInput = z.object({
  kind: OrgKind,
  name: z.string().trim().min(2).max(100),
  creditCode: CreditCode,
  regionCode: RegionCode,
  contactName: z.string().trim().min(2).max(40),
  phone: MobilePhone,
  /** What they do: 智慧社区平台, 适老化改造, 智能快递柜, 数据治理 … */
  services: z.array(z.string().trim().min(2).max(40)).min(1).max(20),
  qualifications: z.array(Qualification).max(30).default([]),
});
export type OrgInput = z.infer<typeof OrgInput>;

/** What a keeper may change: all but the kind; the phone stays sealed as it was when left out. */
export const OrgUpdate = OrgInput.omit({ kind: true, phone: true }).extend({ phone: MobilePhone.optional() }).strict();
export type OrgUpdate = z.infer<typeof OrgUpdate>;

export const DeliveryInput = z.object({
  title: z.string().trim().min(2).max(200),
  kind: z.enum(['case', 'facility', 'project']),
  regionCode: RegionCode,
  year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
  /** Performance as the client rated it, 1 (poor) to 5 (excellent); absent until rated. */
  rating: z.number().int().min(1).max(5).optional(),
  note: z.string().trim().max(500).optional(),
});
export type DeliveryInput = z.infer<typeof DeliveryInput>;

export const Delivery = DeliveryInput.extend({
  id: z.uuid(),
  rating: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

/** 失信: a dishonesty record (e.g. 严重失信主体名单 published on 信用中国) that blocks new work while in force. */
export const DishonestyInput = z
  .object({
    reason: z.string().trim().min(4).max(500),
    /** Where it was decided: document number or list, e.g. 鲁发改财金〔2026〕12号. */
    source: z.string().trim().min(2).max(200),
    listedOn: IsoDate,
    /** Absent: until lifted. */
    until: IsoDate.optional(),
  })
  .refine((d) => !d.until || d.until >= d.listedOn, { message: 'ends before it starts', path: ['until'] });
export type DishonestyInput = z.infer<typeof DishonestyInput>;

export const Dishonesty = z.object({
  id: z.uuid(),
  reason: z.string(),
  source: z.string(),
  listedOn: z.string(),
  until: z.string().nullable(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
  inForce: z.boolean(),
});
export type Dishonesty = z.infer<typeof Dishonesty>;

export const Org = z.object({
  id: z.uuid(),
  kind: OrgKind,
  name: z.string(),
  creditCode: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  contactName: z.string(),
  phoneMasked: z.string(),
  services: z.array(z.string()),
  qualifications: z.array(Qualification),
  deliveries: z.number().int(),
  /** Mean of rated deliveries, one decimal; null when none is rated. */
  rating: z.number().nullable(),
  /** A dishonesty record in force: no new work. */
  blocked: z.boolean(),
  demo: z.boolean(),
});
export type Org = z.infer<typeof Org>;

export const OrgDetail = Org.extend({
  deliveryList: z.array(Delivery),
  dishonesty: z.array(Dishonesty),
});
export type OrgDetail = z.infer<typeof OrgDetail>;

export const OrgQuery = PageQuery.extend({
  kind: OrgKind.optional(),
  q: z.string().trim().max(50).optional(),
  service: z.string().trim().max(40).optional(),
  blocked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type OrgQuery = z.infer<typeof OrgQuery>;
export const OrgPage = pageOf(Org);

export const LiftInput = z.object({ reason: z.string().trim().min(4).max(500) });

/** What another module gets when it asks whether an organisation may take new work. */
export const OrgEligibility = z.object({
  known: z.boolean(),
  eligible: z.boolean(),
  orgId: z.uuid().nullable(),
  name: z.string().nullable(),
  /** The records in force, when blocked. */
  blockedBy: z.array(z.object({ reason: z.string(), source: z.string(), listedOn: z.string() })),
});
export type OrgEligibility = z.infer<typeof OrgEligibility>;
