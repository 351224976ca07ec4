import { z } from 'zod';
import { pageOf } from '@zhicheng/contracts';
import {
  COMPUTE_PERMISSIONS as P,
  Claim,
  ClaimDecision,
  ClaimInput,
  ClaimListQuery,
  EligibilityResult,
  FinancePayment,
  PartyProfile,
  PartyProfileInput,
  PerformanceReview,
  Policy,
  PolicyInput,
  RedemptionInput,
  CONTRACT_FILE_MAX_BYTES,
  CONTRACT_FILE_TYPES,
  ThirdPartyCheck,
  Verification,
} from '@zhicheng/contracts/compute-network';
import { readUpload } from '../../../platform/http/upload.ts';
import { writeWorkbook } from '../../../platform/excel.ts';
import type { ZodApp } from '../../../platform/module.ts';
import type { VouchersService } from './vouchers.service.ts';

const tags = ['compute-network'];
const Id = z.object({ id: z.uuid() });

const CONTRACT_MIME: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg' };

export const FINANCE_COLUMNS = [
  { key: 'number', header: '申请编号' },
  { key: 'year', header: '年度' },
  { key: 'applicant', header: '申请企业' },
  { key: 'supplier', header: '算力供应方' },
  { key: 'contract', header: '合同编号' },
  { key: 'contractYuan', header: '合同金额(元)' },
  { key: 'invoice', header: '发票号' },
  { key: 'invoiceYuan', header: '发票金额(元)' },
  { key: 'redeemYuan', header: '兑付金额(元)' },
  { key: 'status', header: '状态' },
  { key: 'financeReference', header: '财政支付凭证' },
];

/** HTTP only: voucher policy and ledger, party profiles, claims from application to settlement, finance export. */
export function vouchersRoutes(app: ZodApp, vouchers: VouchersService): void {
  app.get(
    '/compute/vouchers/policies',
    {
      config: { permission: P.voucherRead },
      schema: { tags, summary: 'Voucher policies with their pool ledger', response: { 200: z.array(Policy) } },
    },
    async (req) => vouchers.policies(req.ctx),
  );
  app.post(
    '/compute/vouchers/policies',
    {
      config: { permission: P.voucherReview },
      schema: { tags, summary: 'Configure the year’s voucher policy', body: PolicyInput, response: { 201: Policy } },
    },
    async (req, reply) => reply.status(201).send(await vouchers.createPolicy(req.ctx, req.body)),
  );

  app.get(
    '/compute/vouchers/profile',
    {
      config: { permission: P.party },
      schema: {
        tags,
        summary: "The caller's organisation profile (legal representative masked)",
        response: { 200: PartyProfile.nullable() },
      },
    },
    async (req) => vouchers.myProfile(req.ctx),
  );
  app.put(
    '/compute/vouchers/profile',
    {
      config: { permission: P.party },
      schema: {
        tags,
        summary: 'Register the credit code, legal representative and shareholders',
        body: PartyProfileInput,
        response: { 200: PartyProfile },
      },
    },
    async (req) => vouchers.saveProfile(req.ctx, req.body),
  );

  app.post(
    '/compute/vouchers/check',
    {
      config: { permission: P.voucherApply },
      schema: {
        tags,
        summary: 'Check eligibility without applying: every rule with what it found',
        body: ClaimInput,
        response: { 200: EligibilityResult },
      },
    },
    async (req) => vouchers.check(req.ctx, req.body),
  );

  app.get(
    '/compute/vouchers/claims',
    {
      config: { permission: P.voucherRead },
      schema: {
        tags,
        summary: 'Claims the caller may see (enterprise: own; finance: audited on; bureau: all)',
        querystring: ClaimListQuery,
        response: { 200: pageOf(Claim) },
      },
    },
    async (req) => vouchers.list(req.ctx, req.query),
  );
  app.post(
    '/compute/vouchers/claims',
    {
      config: { permission: P.voucherApply },
      schema: {
        tags,
        summary: 'Apply with the signed contract (refusals name every failed rule)',
        body: ClaimInput,
        response: { 201: Claim },
      },
    },
    async (req, reply) => reply.status(201).send(await vouchers.apply(req.ctx, req.body)),
  );
  app.get(
    '/compute/vouchers/claims/:id',
    {
      config: { permission: P.voucherRead },
      schema: { tags, summary: 'One claim with its history', params: Id, response: { 200: Claim } },
    },
    async (req) => vouchers.get(req.ctx, req.params.id),
  );
  app.post(
    '/compute/vouchers/claims/:id/decision',
    {
      config: { permission: P.voucherApprove },
      schema: {
        tags,
        summary: 'Approve (issue the voucher from the pool) or reject',
        params: Id,
        body: ClaimDecision,
        response: { 200: Claim },
      },
    },
    async (req) => vouchers.decide(req.ctx, req.params.id, req.body.decision, req.body.note),
  );
  app.post(
    '/compute/vouchers/claims/:id/redemption',
    {
      config: { permission: P.voucherApply },
      schema: {
        tags,
        summary: 'Redeem with invoice, payment proof and usage (cross-checked against the order)',
        params: Id,
        body: RedemptionInput,
        response: { 200: Claim },
      },
    },
    async (req) => vouchers.redeem(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/compute/vouchers/claims/:id/contract',
    {
      config: { permission: P.voucherApply },
      schema: {
        tags,
        summary: 'Upload the signed contract (pdf, png, jpg; ≤ 10 MB); its SHA-256 must be the claimed one',
        params: Id,
        consumes: ['multipart/form-data'],
        response: { 201: Claim },
      },
    },
    async (req, reply) => {
      const file = await readUpload(req, { maxBytes: CONTRACT_FILE_MAX_BYTES, types: [...CONTRACT_FILE_TYPES] });
      return reply.status(201).send(await vouchers.uploadContract(req.ctx, req.params.id, file));
    },
  );
  app.get(
    '/compute/vouchers/claims/:id/contract',
    {
      config: { permission: P.voucherRead },
      schema: { tags, summary: 'Download the signed contract of a claim', params: Id },
    },
    async (req, reply) => {
      const f = await vouchers.contractFile(req.ctx, req.params.id);
      return reply
        .type(CONTRACT_MIME[f.type] ?? 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${encodeURIComponent(f.filename)}"`)
        .header('x-content-sha256', f.sha256)
        .send(f.data);
    },
  );
  app.post(
    '/compute/vouchers/claims/:id/third-party-check',
    {
      config: { permission: P.voucherThirdParty },
      schema: {
        tags,
        summary: "The third party's check of a redemption (第三方核查; outside the bureau)",
        params: Id,
        body: ThirdPartyCheck,
        response: { 200: Claim },
      },
    },
    async (req) => vouchers.thirdPartyCheck(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/compute/vouchers/claims/:id/verification',
    {
      config: { permission: P.voucherReview },
      schema: {
        tags,
        summary: "Verify a redemption after the third party's check",
        params: Id,
        body: Verification,
        response: { 200: Claim },
      },
    },
    async (req) => vouchers.verify(req.ctx, req.params.id, req.body.note),
  );
  app.post(
    '/compute/vouchers/claims/:id/audit',
    {
      config: { permission: P.voucherApprove },
      schema: {
        tags,
        summary: 'Audit a verified redemption (not by whoever verified it)',
        params: Id,
        body: ClaimDecision,
        response: { 200: Claim },
      },
    },
    async (req) => vouchers.audit(req.ctx, req.params.id, req.body.decision, req.body.note),
  );
  app.post(
    '/compute/vouchers/claims/:id/payment',
    {
      config: { permission: P.voucherFinance },
      schema: {
        tags,
        summary: 'Finance confirms the payment',
        params: Id,
        body: FinancePayment,
        response: { 200: Claim },
      },
    },
    async (req) => vouchers.pay(req.ctx, req.params.id, req.body.financeReference),
  );
  app.post(
    '/compute/vouchers/claims/:id/review',
    {
      config: { permission: P.voucherReview },
      schema: {
        tags,
        summary: 'Performance review, which settles the claim',
        params: Id,
        body: PerformanceReview,
        response: { 200: Claim },
      },
    },
    async (req) => vouchers.review(req.ctx, req.params.id, req.body.score, req.body.note),
  );
  app.get(
    '/compute/vouchers/finance/export',
    {
      config: { permission: P.voucherFinance },
      schema: { tags, summary: 'Excel of every claim that reached finance' },
    },
    async (req, reply) => {
      const buf = await writeWorkbook([
        { name: '算力券兑付', columns: FINANCE_COLUMNS, rows: await vouchers.financeRows(req.ctx) },
      ]);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="compute-vouchers.xlsx"')
        .send(buf);
    },
  );
}
