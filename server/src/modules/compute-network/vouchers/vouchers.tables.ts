import {
  bigint,
  bigserial,
  boolean,
  char,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { RuleResult } from '@zhicheng/contracts/compute-network';
import { marketOrder } from '../market/market.tables.ts';
import { computeSchema } from '../registry/registry.tables.ts';

const fen = (name: string) => bigint(name, { mode: 'number' });

export const voucherPolicy = computeSchema.table('voucher_policy', {
  id: uuid('id').primaryKey(),
  year: integer('year').notNull(),
  name: text('name').notNull(),
  poolFen: fen('pool_fen').notNull(),
  ratioBasisPoints: integer('ratio_basis_points').notNull(),
  perEnterpriseCapFen: fen('per_enterprise_cap_fen').notNull(),
  splitWindowDays: integer('split_window_days').notNull(),
  status: text('status').notNull(),
  committedFen: fen('committed_fen').notNull().default(0),
  redeemedFen: fen('redeemed_fen').notNull().default(0),
  paidFen: fen('paid_fen').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const partyProfile = computeSchema.table(
  'party_profile',
  {
    organisationId: uuid('organisation_id').primaryKey(),
    organisationName: text('organisation_name').notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    legalRepSealed: text('legal_rep_sealed').notNull(),
    legalRepMasked: text('legal_rep_masked').notNull(),
    legalRepDigest: text('legal_rep_digest').notNull(),
    shareholderDigests: text('shareholder_digests').array().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('party_profile_credit_idx').on(t.creditCode)],
);

export const voucherClaim = computeSchema.table(
  'voucher_claim',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull().unique(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => voucherPolicy.id),
    applicantOrgId: uuid('applicant_org_id').notNull(),
    applicantName: text('applicant_name').notNull(),
    supplierOrgId: uuid('supplier_org_id').notNull(),
    supplierName: text('supplier_name').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => marketOrder.id),
    contractNumber: text('contract_number').notNull(),
    contractAmountFen: fen('contract_amount_fen').notNull(),
    contractSignedOn: date('contract_signed_on').notNull(),
    contractSha256: char('contract_sha256', { length: 64 }).notNull(),
    voucherFen: fen('voucher_fen').notNull(),
    redeemFen: fen('redeem_fen'),
    status: text('status').notNull(),
    checks: jsonb('checks').$type<RuleResult[]>().notNull(),
    flagged: boolean('flagged').notNull(),
    invoiceNumber: text('invoice_number'),
    invoiceAmountFen: fen('invoice_amount_fen'),
    paymentReference: text('payment_reference'),
    usageCardHours: doublePrecision('usage_card_hours'),
    thirdPartyCheck: text('third_party_check'),
    thirdPartyPassed: boolean('third_party_passed'),
    thirdPartyBy: text('third_party_by'),
    thirdPartyAt: timestamp('third_party_at', { withTimezone: true }),
    financeReference: text('finance_reference'),
    reviewScore: integer('review_score'),
    reviewNote: text('review_note'),
    simulated: boolean('simulated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('voucher_claim_applicant_idx').on(t.applicantOrgId, t.policyId),
    index('voucher_claim_status_idx').on(t.status, t.createdAt),
  ],
);

export const voucherClaimEvent = computeSchema.table(
  'voucher_claim_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => voucherClaim.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    actor: text('actor').notNull(),
    note: text('note'),
  },
  (t) => [index('voucher_claim_event_claim_idx').on(t.claimId, t.id)],
);

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite hands back a Uint8Array, node-postgres a Buffer: both become a Buffer.
  fromDriver: (v) => Buffer.from(v),
});

/** The signed contract a claim was made with: the file itself, its type sniffed from its content, its SHA-256. */
export const voucherContractFile = computeSchema.table('voucher_contract_file', {
  claimId: uuid('claim_id')
    .primaryKey()
    .references(() => voucherClaim.id, { onDelete: 'cascade' }),
  filename: text('filename').notNull(),
  type: text('type').notNull(),
  size: integer('size').notNull(),
  sha256: char('sha256', { length: 64 }).notNull(),
  data: bytea('data').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
});

export type PolicyRow = typeof voucherPolicy.$inferSelect;
export type ProfileRow = typeof partyProfile.$inferSelect;
export type ClaimRow = typeof voucherClaim.$inferSelect;
