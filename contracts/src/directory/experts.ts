import { z } from 'zod';
import { IsoDate, PageQuery, pageOf, RegionCode } from '../common.contract.ts';

/** 专业领域: the fields experts are drawn by. Stable keys; the words users read beside them. */
export const EXPERT_FIELDS = {
  'smart-city-planning': { zh: '智慧城市规划', en: 'Smart-city planning' },
  'data-governance': { zh: '数据治理', en: 'Data governance' },
  'network-security': { zh: '网络与数据安全', en: 'Network and data security' },
  ai: { zh: '人工智能', en: 'Artificial intelligence' },
  compute: { zh: '算力与数据中心', en: 'Compute and data centres' },
  'e-government': { zh: '数字政府', en: 'Digital government' },
  'digital-economy': { zh: '数字经济', en: 'Digital economy' },
  'smart-community': { zh: '智慧社区', en: 'Smart communities' },
  'science-popularisation': { zh: '科学普及', en: 'Science popularisation' },
  'finance-audit': { zh: '财务审计', en: 'Finance and audit' },
} as const;
export const ExpertField = z.enum(
  Object.keys(EXPERT_FIELDS) as [keyof typeof EXPERT_FIELDS, ...(keyof typeof EXPERT_FIELDS)[]],
);
export type ExpertField = z.infer<typeof ExpertField>;

export const ExpertTitle = z.enum(['senior', 'associate-senior', 'intermediate', 'none']);
export const EXPERT_TITLES: Record<z.infer<typeof ExpertTitle>, { zh: string; en: string }> = {
  senior: { zh: '正高级', en: 'Senior (full)' },
  'associate-senior': { zh: '副高级', en: 'Associate senior' },
  intermediate: { zh: '中级', en: 'Intermediate' },
  none: { zh: '无职称', en: 'No title' },
};

/** 统一社会信用代码: 18 characters of digits and upper-case letters (GB 32100-2015, without I, O, S, V, Z). */
export const CreditCode = z
  .string()
  .trim()
  .regex(/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/, {
    message: '18-character unified social credit code',
  });

export const MobilePhone = z.string().regex(/^1\d{10}$/, { message: '11-digit mobile number' });

/** A unit or company, matched by credit code when both sides have one, else by its normalised name. */
export const Party = z.object({
  name: z.string().trim().min(2).max(100),
  creditCode: CreditCode.optional(),
});
export type Party = z.infer<typeof Party>;

/** What an expert declares: where they work or worked, companies they advise or hold shares in, kin, regions. */
export const RelationKind = z.enum(['employment', 'consulting', 'shareholding', 'kin', 'region', 'other']);
export type RelationKind = z.infer<typeof RelationKind>;
export const RELATION_KINDS: Record<RelationKind, { zh: string; en: string }> = {
  employment: { zh: '任职(含曾任职)', en: 'Employment (current or past)' },
  consulting: { zh: '顾问、咨询', en: 'Consulting' },
  shareholding: { zh: '持股', en: 'Shareholding' },
  kin: { zh: '近亲属任职', en: 'Close kin works there' },
  region: { zh: '地区关系(原籍、曾任职地)', en: 'Region (origin, former post)' },
  other: { zh: '其他利害关系', en: 'Other interest' },
};

export const ExpertRelationInput = z
  .object({
    kind: RelationKind,
    /** The unit, company or (for kind region) region name. */
    partyName: z.string().trim().min(2).max(100),
    partyCreditCode: CreditCode.optional(),
    /** For kind region: the region's code. */
    partyRegionCode: RegionCode.optional(),
    startedOn: IsoDate.optional(),
    /** Absent while the relation lasts; relations that ended more than three years before a draw no longer count. */
    endedOn: IsoDate.optional(),
    note: z.string().trim().max(200).optional(),
  })
  .refine((r) => r.kind !== 'region' || r.partyRegionCode, {
    message: 'a region relation names the region code',
    path: ['partyRegionCode'],
  })
  .refine((r) => !r.startedOn || !r.endedOn || r.startedOn <= r.endedOn, {
    message: 'ends before it starts',
    path: ['endedOn'],
  });
export type ExpertRelationInput = z.infer<typeof ExpertRelationInput>;

export const ExpertRelation = z.object({
  id: z.uuid(),
  kind: RelationKind,
  partyName: z.string(),
  partyCreditCode: z.string().nullable(),
  partyRegionCode: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type ExpertRelation = z.infer<typeof ExpertRelation>;

export const ExpertInput = z.object({
  name: z.string().trim().min(2).max(40),
  title: ExpertTitle,
  fields: z.array(ExpertField).min(1).max(5),
  unitName: z.string().trim().min(2).max(100),
  unitCreditCode: CreditCode.optional(),
  regionCode: RegionCode,
  phone: MobilePhone,
  email: z.email().max(100).optional(),
  available: z.boolean().default(true),
  /** Not drawn before this day (leave, travel). */
  unavailableUntil: IsoDate.optional(),
  /** The platform account the expert signs in with (to accept invitations and review online). */
  userId: z.uuid().optional(),
  relations: z.array(ExpertRelationInput).max(50).default([]),
});
export type ExpertInput = z.infer<typeof ExpertInput>;

/**
 * What a keeper may change after creation: everything but the linked account; relations are replaced as a whole
 * (the audit row keeps the earlier list). Contact stays as it was when left out.
 */
export const ExpertUpdate = ExpertInput.omit({
  userId: true,
  phone: true,
  email: true,
  available: true,
  unavailableUntil: true,
})
  .extend({ phone: MobilePhone.optional(), email: z.email().max(100).nullable().optional() })
  .strict();
export type ExpertUpdate = z.infer<typeof ExpertUpdate>;

/** An expert as the library keeper sees it: contact masked (the full number only on a separate, audited read). */
export const Expert = z.object({
  id: z.uuid(),
  /** The public pseudonym used in draw records (ZJ-0001): the public sees codes, never names. */
  code: z.string(),
  name: z.string(),
  title: ExpertTitle,
  fields: z.array(ExpertField),
  unitName: z.string(),
  unitCreditCode: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string(),
  phoneMasked: z.string(),
  emailMasked: z.string().nullable(),
  available: z.boolean(),
  unavailableUntil: z.string().nullable(),
  hasAccount: z.boolean(),
  active: z.boolean(),
  relations: z.array(ExpertRelation),
  demo: z.boolean(),
});
export type Expert = z.infer<typeof Expert>;

export const ExpertQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  field: ExpertField.optional(),
  region: RegionCode.optional(),
});
export type ExpertQuery = z.infer<typeof ExpertQuery>;
export const ExpertPage = pageOf(Expert);
