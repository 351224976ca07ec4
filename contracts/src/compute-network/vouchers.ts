import { z } from 'zod';
import { IsoDate } from '../common.contract.ts';
import { Fen } from './market.ts';

/**
 * Compute vouchers (算力券), run by the big-data bureau with the finance department (省财政厅). Shandong 2025: a CNY
 * 30 million pool, at most 5% of a qualifying contract, at most CNY 5 million per enterprise, only AI compute located
 * in Shandong. Flow: eligibility → claim with the signed contract → use → pay the supplier → redeem with invoice and
 * usage proof → bureau audit (four eyes) → finance pays → performance review. Money in integer fen.
 */

/** Shandong's published policy, as the province's first configuration. */
export const SHANDONG_VOUCHER_POLICY = {
  poolFen: 30_000_000 * 100,
  ratioBasisPoints: 500,
  perEnterpriseCapFen: 5_000_000 * 100,
} as const;

/** Unified social credit code (统一社会信用代码): 18 characters, digits and capitals without I, O, Z, S, V. */
export const CreditCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}$/, {
    message: '18-character unified social credit code',
  });

export const PolicyInput = z.object({
  year: z.number().int().min(2020).max(2100),
  name: z.string().trim().min(1).max(128),
  poolFen: Fen.min(1),
  /** Share of the contract subsidised, in basis points (500 = 5%). */
  ratioBasisPoints: z.number().int().min(1).max(10_000),
  perEnterpriseCapFen: Fen.min(1),
  /** Claims between the same buyer and supplier within this many days are looked at together (split contracts). */
  splitWindowDays: z.number().int().min(1).max(366).default(90),
});
export type PolicyInput = z.infer<typeof PolicyInput>;

/** The pool's ledger: committed (vouchers issued), redeemed (audited, awaiting finance), paid, remaining. */
export const Ledger = z.object({
  poolFen: z.number().int(),
  committedFen: z.number().int(),
  redeemedFen: z.number().int(),
  paidFen: z.number().int(),
  remainingFen: z.number().int(),
});
export type Ledger = z.infer<typeof Ledger>;

export const Policy = PolicyInput.extend({ id: z.uuid(), status: z.enum(['active', 'closed']), ledger: Ledger });
export type Policy = z.infer<typeof Policy>;

/** What the affiliation rule compares: the organisation's registration, its legal representative, its shareholders. */
export const PartyProfileInput = z.object({
  creditCode: CreditCode,
  legalRepresentative: z.string().trim().min(2).max(64),
  /** Shareholders: credit codes of companies or names of people, one per entry. */
  shareholders: z.array(z.string().trim().min(2).max(64)).max(50),
});
export type PartyProfileInput = z.infer<typeof PartyProfileInput>;
export const PartyProfile = z.object({
  organisationId: z.uuid(),
  organisationName: z.string(),
  creditCode: z.string(),
  /** Masked: 张*三. */
  legalRepresentative: z.string(),
  shareholderCount: z.number().int(),
});
export type PartyProfile = z.infer<typeof PartyProfile>;

export const ClaimStatus = z.enum([
  'submitted',
  'rejected',
  'issued',
  'redemption_submitted',
  'third_party_checked',
  'verified',
  'audited',
  'redemption_rejected',
  'paid',
  'settled',
]);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

export const ClaimInput = z.object({
  orderId: z.uuid(),
  contractNumber: z.string().trim().min(3).max(64),
  contractAmountFen: Fen.min(1),
  contractSignedOn: IsoDate,
  /**
   * SHA-256 of the signed contract's file, so the document audited later is the one claimed on. The file itself is
   * uploaded next (`POST claims/:id/contract`) and must hash to this; the bureau cannot approve before it is in.
   */
  contractSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ClaimInput = z.infer<typeof ClaimInput>;

/** The eligibility rules, each with a stable name; a refusal names every rule that failed. */
export const VOUCHER_RULES = {
  policy_open: { zh: '当年算力券政策已开放申领', en: 'A voucher policy is open this year' },
  profile_complete: { zh: '申请企业与供应方已登记统一社会信用代码等信息', en: 'Both parties have registered profiles' },
  applicant_is_buyer: { zh: '仅由算力订单的买方申领(买卖双方不得同时申领)', en: 'Only the buyer of the order claims' },
  not_affiliated: {
    zh: '供需双方无关联关系(同一信用代码、法定代表人或股东)',
    en: 'Buyer and supplier are not affiliated (credit code, legal representative, shareholder)',
  },
  in_province_ai: { zh: '仅限省内智能算力', en: 'Only AI compute located in the province' },
  order_matches: {
    zh: '合同与算力超市订单一致(买方、供方、金额、订单状态)',
    en: 'The contract matches the supermarket order (parties, amount, status)',
  },
  one_claim_per_contract: { zh: '一份合同只能申领一次', en: 'One claim per contract' },
  no_double_subsidy: { zh: '同一订单不得重复补贴', en: 'No double subsidy of one order' },
  enterprise_cap: { zh: '未超过单个企业累计补贴上限', en: 'Within the per-enterprise cap across all claims' },
  split_contract: {
    zh: '疑似拆分合同(同一供需双方短期内多份小额合同)',
    en: 'Possibly a split contract (several small contracts between the same parties)',
  },
} as const;
export type VoucherRule = keyof typeof VOUCHER_RULES;

export const RuleResult = z.object({
  rule: z.string(),
  ok: z.boolean(),
  /** A flag does not refuse: it sends the claim to the bureau marked. */
  flag: z.boolean().optional(),
  detail: z.string().optional(),
});
export type RuleResult = z.infer<typeof RuleResult>;

export const EligibilityResult = z.object({
  eligible: z.boolean(),
  voucherFen: z.number().int(),
  checks: z.array(RuleResult),
});
export type EligibilityResult = z.infer<typeof EligibilityResult>;

export const RedemptionInput = z.object({
  invoiceNumber: z.string().trim().min(4).max(64),
  invoiceAmountFen: Fen.min(1),
  paymentReference: z.string().trim().min(4).max(64),
  usageCardHours: z.number().min(0).max(100_000_000),
});
export type RedemptionInput = z.infer<typeof RedemptionInput>;

export const Claim = z.object({
  id: z.uuid(),
  number: z.string(),
  policyId: z.uuid(),
  year: z.number().int(),
  applicantOrgId: z.uuid(),
  applicantName: z.string(),
  supplierName: z.string(),
  orderId: z.uuid(),
  orderNumber: z.string(),
  contractNumber: z.string(),
  contractAmountFen: z.number().int(),
  contractSignedOn: z.string(),
  contractSha256: z.string(),
  voucherFen: z.number().int(),
  redeemFen: z.number().int().nullable(),
  status: ClaimStatus,
  checks: z.array(RuleResult),
  flagged: z.boolean(),
  invoiceNumber: z.string().nullable(),
  invoiceAmountFen: z.number().int().nullable(),
  paymentReference: z.string().nullable(),
  usageCardHours: z.number().nullable(),
  /** The third party's finding (第三方核查), who recorded it and whether it passed. */
  thirdPartyCheck: z.string().nullable(),
  thirdPartyPassed: z.boolean().nullable(),
  thirdPartyBy: z.string().nullable(),
  thirdPartyAt: z.string().nullable(),
  /** The stored signed contract (download: GET claims/:id/contract). */
  contractFile: z
    .object({ filename: z.string(), type: z.string(), size: z.number().int(), uploadedAt: z.string() })
    .nullable(),
  financeReference: z.string().nullable(),
  reviewScore: z.number().int().nullable(),
  reviewNote: z.string().nullable(),
  simulated: z.boolean(),
  createdAt: z.string(),
  history: z.array(z.object({ at: z.string(), status: z.string(), by: z.string(), note: z.string().nullable() })),
});
export type Claim = z.infer<typeof Claim>;

export const ClaimListQuery = z.object({
  status: ClaimStatus.optional(),
  year: z.coerce.number().int().min(2020).max(2100).optional(),
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ClaimDecision = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string().trim().max(500).optional(),
});
/** The third party's check of a redemption (第三方核查): its finding, and whether invoice, payment and usage hold. */
export const ThirdPartyCheck = z.object({
  passed: z.boolean(),
  finding: z.string().trim().min(2).max(500),
});
export type ThirdPartyCheck = z.infer<typeof ThirdPartyCheck>;
/** The bureau's operator verifies the documents after the third party (its own note). */
export const Verification = z.object({ note: z.string().trim().min(2).max(500) });
/** Signed contracts: a scan or the signed PDF, type read from the content. */
export const CONTRACT_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const CONTRACT_FILE_TYPES = ['pdf', 'png', 'jpg'] as const;
export const FinancePayment = z.object({ financeReference: z.string().trim().min(4).max(64) });
export const PerformanceReview = z.object({
  score: z.number().int().min(0).max(100),
  note: z.string().trim().min(2).max(1000),
});
