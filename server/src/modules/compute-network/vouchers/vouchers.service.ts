import crypto from 'node:crypto';
import {
  COMPUTE_PERMISSIONS as P,
  type Claim,
  type ClaimInput,
  type ClaimStatus,
  type EligibilityResult,
  type PartyProfile,
  type PartyProfileInput,
  type Policy,
  type PolicyInput,
  type RedemptionInput,
  type RuleResult,
  type ThirdPartyCheck,
} from '@zhicheng/contracts/compute-network';
import { assertNotOwnWork } from '../../../platform/authorization/four-eyes.ts';
import type { Actor, RequestContext } from '../../../platform/authorization/index.ts';
import { maskName } from '../../../platform/crypto/index.ts';
import { invalidField, notFound, platformError } from '../../../platform/http/errors.ts';
import type { Db } from '../../../platform/database/index.ts';
import type { Platform } from '../../../platform/module.ts';
import { computeError } from '../compute-network.errors.ts';
import type { MarketRepository } from '../market/market.repository.ts';
import type { OrderRow } from '../market/market.tables.ts';
import { affiliation, looksSplit, redemptionMismatches, result, subsidyFen, type PartyFacts } from './voucher-rules.ts';
import type { VouchersRepository } from './vouchers.repository.ts';
import type { ClaimRow, PolicyRow, ProfileRow } from './vouchers.tables.ts';

const CLAIM = { zh: '算力券申请', en: 'voucher claim' };
/** What finance sees: only claims the bureau has audited. */
export const FINANCE_STATUSES = ['audited', 'paid', 'settled'] as const;
const CLAIM_EDITS = [
  'compute.voucher.apply',
  'compute.voucher.contract',
  'compute.voucher.redeem',
  'compute.voucher.third-party',
  'compute.voucher.verify',
];
/** What the third party sees: redemptions from the moment they are filed. */
export const THIRD_PARTY_STATUSES = [
  'redemption_submitted',
  'third_party_checked',
  'verified',
  'audited',
  'redemption_rejected',
  'paid',
  'settled',
] as const;
/** The file's SHA-256, hex, as the client's Web Crypto computes it. */
const sha256Hex = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** Names compared by digest: spacing and letter case do not make two names different. */
const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();

export const toLedger = (p: PolicyRow) => ({
  poolFen: p.poolFen,
  committedFen: p.committedFen,
  redeemedFen: p.redeemedFen,
  paidFen: p.paidFen,
  remainingFen: p.poolFen - p.committedFen - p.redeemedFen - p.paidFen,
});

/** Compute vouchers: the policy and its pool, the parties' profiles, claims from application to settlement. */
export class VouchersService {
  constructor(
    private readonly platform: Platform,
    private readonly repo: VouchersRepository,
    private readonly market: MarketRepository,
  ) {}

  private get db() {
    return this.platform.db;
  }
  private get province() {
    return this.platform.config.provinceCode;
  }

  private toPolicy(p: PolicyRow): Policy {
    return {
      id: p.id,
      year: p.year,
      name: p.name,
      poolFen: p.poolFen,
      ratioBasisPoints: p.ratioBasisPoints,
      perEnterpriseCapFen: p.perEnterpriseCapFen,
      splitWindowDays: p.splitWindowDays,
      status: p.status as Policy['status'],
      ledger: toLedger(p),
    };
  }

  // ── policy ──

  async policies(ctx: RequestContext): Promise<Policy[]> {
    this.platform.authz.require(ctx.actor, P.voucherRead);
    return (await this.repo.policies()).map((p) => this.toPolicy(p));
  }

  async createPolicy(ctx: RequestContext, input: PolicyInput): Promise<Policy> {
    await this.platform.authz.assertCovers(ctx.actor, P.voucherReview, this.province);
    const row: PolicyRow = {
      id: crypto.randomUUID(),
      ...input,
      status: 'active',
      committedFen: 0,
      redeemedFen: 0,
      paidFen: 0,
      createdAt: this.platform.clock.now(),
    };
    await this.db.transaction(async (tx) => {
      if (await this.repo.activePolicy(input.year))
        throw computeError('policy_exists', undefined, [{ path: 'year', message: 'exists' }]);
      await this.repo.insertPolicy(row);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.voucher.policy',
        objectType: 'voucher_policy',
        objectId: row.id,
        after: row,
      });
    });
    return this.toPolicy(row);
  }

  // ── profiles ──

  private toProfile(r: ProfileRow): PartyProfile {
    return {
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      creditCode: r.creditCode,
      legalRepresentative: r.legalRepMasked,
      shareholderCount: r.shareholderDigests.length,
    };
  }

  async myProfile(ctx: RequestContext): Promise<PartyProfile | null> {
    this.platform.authz.require(ctx.actor, P.party);
    const r = await this.repo.profile(ctx.actor.organisationId);
    return r ? this.toProfile(r) : null;
  }

  /** An organisation registers itself; the legal representative is personal data: sealed, masked, digested. */
  async saveProfile(ctx: RequestContext, input: PartyProfileInput): Promise<PartyProfile> {
    this.platform.authz.require(ctx.actor, P.party);
    const actor = ctx.actor;
    const org = await this.platform.identity.organisationOf(actor.organisationId);
    const pr = this.platform.protector;
    const row: ProfileRow = {
      organisationId: org.id,
      organisationName: org.name,
      creditCode: input.creditCode,
      legalRepSealed: pr.encrypt(input.legalRepresentative),
      legalRepMasked: maskName(input.legalRepresentative),
      legalRepDigest: pr.digest(norm(input.legalRepresentative)),
      shareholderDigests: [...new Set(input.shareholders.map((s) => pr.digest(norm(s))))],
      updatedAt: this.platform.clock.now(),
    };
    await this.db.transaction(async (tx) => {
      const before = await this.repo.profile(org.id, true);
      await this.repo.saveProfile(row);
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.party.save',
        objectType: 'party_profile',
        objectId: org.id,
        before: before && { creditCode: before.creditCode, legalRep: before.legalRepMasked },
        after: {
          creditCode: row.creditCode,
          legalRep: row.legalRepMasked,
          shareholders: row.shareholderDigests.length,
        },
      });
    });
    return this.toProfile(row);
  }

  private facts(p: ProfileRow): PartyFacts {
    return {
      creditCode: p.creditCode,
      legalRepDigest: p.legalRepDigest,
      shareholderDigests: p.shareholderDigests,
      creditCodeDigest: this.platform.protector.digest(norm(p.creditCode)),
    };
  }

  // ── eligibility ──

  /**
   * Every rule, in order, with what it found. The order and the policy are read (the applicant's profile locked by
   * the caller when it writes), so a check and the claim that follows see the same facts.
   */
  private async evaluate(
    actor: Actor,
    input: ClaimInput,
  ): Promise<{ checks: RuleResult[]; voucherFen: number; policy?: PolicyRow; order: OrderRow; flagged: boolean }> {
    const order = await this.market.order(input.orderId);
    if (!order) throw invalidField('orderId', '算力订单不存在', 'unknown order');
    const checks: RuleResult[] = [];
    const year = this.platform.clock.now().getUTCFullYear();
    const policy = await this.repo.activePolicy(year);
    checks.push(result('policy_open', !!policy, policy ? policy.name : `no active policy for ${year}`));
    const buyer = await this.repo.profile(actor.organisationId);
    const supplier = await this.repo.profile(order.supplierOrgId);
    checks.push(
      result('profile_complete', !!buyer && !!supplier, !buyer ? 'applicant' : !supplier ? 'supplier' : undefined),
    );
    checks.push(
      result(
        'applicant_is_buyer',
        order.buyerOrgId === actor.organisationId &&
          !(await this.repo.claimsAsApplicantOn(order.id, order.supplierOrgId)),
      ),
    );
    const link = buyer && supplier ? affiliation(this.facts(buyer), this.facts(supplier)) : null;
    checks.push(result('not_affiliated', !link, link ?? undefined));
    checks.push(result('in_province_ai', order.voucherEligible));
    const statusOk = ['confirmed', 'active', 'billed', 'paid'].includes(order.status);
    const amountOk = input.contractAmountFen <= Math.max(order.estimateFen, order.billedFen ?? 0);
    checks.push(
      result(
        'order_matches',
        statusOk && amountOk,
        !statusOk ? `order status ${order.status}` : !amountOk ? `order worth ${order.estimateFen} fen` : undefined,
      ),
    );
    checks.push(
      result(
        'one_claim_per_contract',
        !(await this.repo.liveClaimOnContract(order.supplierOrgId, input.contractNumber)),
      ),
    );
    checks.push(result('no_double_subsidy', !(await this.repo.liveClaimOnOrder(order.id))));
    let voucherFen = 0;
    let flagged = false;
    if (policy) {
      const held = await this.repo.enterpriseTotal(policy.id, actor.organisationId);
      const left = Math.max(0, policy.perEnterpriseCapFen - held);
      const want = subsidyFen(input.contractAmountFen, policy.ratioBasisPoints);
      voucherFen = Math.min(want, left);
      checks.push(
        result(
          'enterprise_cap',
          left > 0,
          want > left ? `reduced to the ${left} fen left under the cap (${held} held)` : undefined,
        ),
      );
      flagged = looksSplit(
        input.contractSignedOn,
        await this.repo.sameParties(actor.organisationId, order.supplierOrgId),
        policy.splitWindowDays,
      );
      checks.push(result('split_contract', true, flagged ? 'flagged for the bureau' : undefined, flagged || undefined));
    }
    return { checks, voucherFen, policy, order, flagged };
  }

  async check(ctx: RequestContext, input: ClaimInput): Promise<EligibilityResult> {
    this.platform.authz.require(ctx.actor, P.voucherApply);
    const e = await this.evaluate(ctx.actor, input);
    return { eligible: e.checks.every((c) => c.ok) && e.voucherFen > 0, voucherFen: e.voucherFen, checks: e.checks };
  }

  // ── claims ──

  async apply(ctx: RequestContext, input: ClaimInput): Promise<Claim> {
    this.platform.authz.require(ctx.actor, P.voucherApply);
    const actor = ctx.actor;
    const id = crypto.randomUUID();
    await this.db.transaction(async (tx) => {
      // The applicant's profile lock serialises its claims: two at once cannot both fit under its cap.
      if (!(await this.repo.profile(actor.organisationId, true))) throw computeError('profile_missing');
      const e = await this.evaluate(actor, input);
      const failed = e.checks.filter((c) => !c.ok);
      if (failed.length || !e.policy || e.voucherFen <= 0)
        throw computeError(
          'voucher_ineligible',
          { zh: failed.map((f) => f.rule).join(', '), en: failed.map((f) => f.rule).join(', ') },
          failed.map((f) => ({ path: f.rule, message: f.detail ?? 'failed' })),
        );
      const now = this.platform.clock.now();
      const row: ClaimRow = {
        id,
        number: `SLQ${e.policy.year}-${id.slice(0, 8).toUpperCase()}`,
        policyId: e.policy.id,
        applicantOrgId: actor.organisationId,
        applicantName: e.order.buyerName,
        supplierOrgId: e.order.supplierOrgId,
        supplierName: e.order.supplierName,
        orderId: e.order.id,
        contractNumber: input.contractNumber,
        contractAmountFen: input.contractAmountFen,
        contractSignedOn: input.contractSignedOn,
        contractSha256: input.contractSha256,
        voucherFen: e.voucherFen,
        redeemFen: null,
        status: 'submitted',
        checks: e.checks,
        flagged: e.flagged,
        invoiceNumber: null,
        invoiceAmountFen: null,
        paymentReference: null,
        usageCardHours: null,
        thirdPartyCheck: null,
        thirdPartyPassed: null,
        thirdPartyBy: null,
        thirdPartyAt: null,
        financeReference: null,
        reviewScore: null,
        reviewNote: null,
        simulated: false,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insertClaim(row);
      await this.event(tx, ctx, row, 'compute.voucher.apply', null, row.flagged ? 'split_contract flagged' : null);
    });
    return this.get(ctx, id);
  }

  private async event(
    tx: Db,
    ctx: RequestContext,
    after: ClaimRow,
    action: string,
    before: Partial<ClaimRow> | null,
    note: string | null,
  ): Promise<void> {
    await this.repo.addEvent({
      claimId: after.id,
      at: this.platform.clock.now(),
      status: after.status,
      actor: ctx.actor?.username ?? 'system',
      note,
    });
    await this.platform.audit.record(tx, ctx, {
      action,
      objectType: 'voucher_claim',
      objectId: after.id,
      before: before ?? undefined,
      after,
    });
  }

  /** Who sees a claim: the applicant its own, finance what the bureau audited, the bureau every one. */
  private visible(actor: Actor): { applicantOrgId?: string; statuses?: readonly string[] } | null {
    if (actor.permissions.has(P.voucherReview) || actor.permissions.has(P.voucherApprove)) return {};
    if (actor.permissions.has(P.voucherFinance)) return { statuses: FINANCE_STATUSES };
    if (actor.permissions.has(P.voucherThirdParty)) return { statuses: THIRD_PARTY_STATUSES };
    if (actor.permissions.has(P.voucherApply)) return { applicantOrgId: actor.organisationId };
    return null;
  }

  private async toClaim(c: ClaimRow, year?: number): Promise<Claim> {
    const order = await this.market.order(c.orderId);
    const y = year ?? (await this.repo.policy(c.policyId))?.year ?? 0;
    return {
      id: c.id,
      number: c.number,
      policyId: c.policyId,
      year: y,
      applicantOrgId: c.applicantOrgId,
      applicantName: c.applicantName,
      supplierName: c.supplierName,
      orderId: c.orderId,
      orderNumber: order?.number ?? '',
      contractNumber: c.contractNumber,
      contractAmountFen: c.contractAmountFen,
      contractSignedOn: String(c.contractSignedOn),
      contractSha256: c.contractSha256,
      voucherFen: c.voucherFen,
      redeemFen: c.redeemFen,
      status: c.status as ClaimStatus,
      checks: c.checks,
      flagged: c.flagged,
      invoiceNumber: c.invoiceNumber,
      invoiceAmountFen: c.invoiceAmountFen,
      paymentReference: c.paymentReference,
      usageCardHours: c.usageCardHours,
      thirdPartyCheck: c.thirdPartyCheck,
      thirdPartyPassed: c.thirdPartyPassed,
      thirdPartyBy: c.thirdPartyBy,
      thirdPartyAt: c.thirdPartyAt?.toISOString() ?? null,
      contractFile: await this.repo
        .contractFileMeta(c.id)
        .then((f) =>
          f ? { filename: f.filename, type: f.type, size: f.size, uploadedAt: f.uploadedAt.toISOString() } : null,
        ),
      financeReference: c.financeReference,
      reviewScore: c.reviewScore,
      reviewNote: c.reviewNote,
      simulated: c.simulated,
      createdAt: c.createdAt.toISOString(),
      history: (await this.repo.events(c.id)).map((e) => ({
        at: e.at.toISOString(),
        status: e.status,
        by: e.actor,
        note: e.note,
      })),
    };
  }

  async list(
    ctx: RequestContext,
    q: { status?: ClaimStatus; year?: number; q?: string; page: number; pageSize: number },
  ) {
    this.platform.authz.require(ctx.actor, P.voucherRead);
    const scope = this.visible(ctx.actor);
    if (!scope) throw platformError('forbidden');
    const { rows, total } = await this.repo.list(scope, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    const items: Claim[] = [];
    for (const r of rows) items.push(await this.toClaim(r, r.year));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(ctx: RequestContext, id: string): Promise<Claim> {
    this.platform.authz.require(ctx.actor, P.voucherRead);
    const scope = this.visible(ctx.actor);
    const c = await this.repo.claim(id);
    if (
      !c ||
      !scope ||
      (scope.applicantOrgId && c.applicantOrgId !== scope.applicantOrgId) ||
      (scope.statuses && !scope.statuses.includes(c.status))
    )
      throw notFound(CLAIM);
    return this.toClaim(c);
  }

  /** Locks the claim, checks its state, runs `fn` and records the step, all in one transaction. */
  private async step(
    ctx: RequestContext,
    id: string,
    from: ClaimStatus[],
    action: string,
    fn: (c: ClaimRow) => Promise<{ set: Partial<ClaimRow>; note?: string | null }>,
  ): Promise<Claim> {
    await this.db.transaction(async (tx) => {
      const before = await this.repo.claim(id, true);
      if (!before) throw notFound(CLAIM);
      if (!from.includes(before.status as ClaimStatus))
        throw computeError('bad_transition', { zh: `当前状态 ${before.status}`, en: `status is ${before.status}` });
      const { set, note } = await fn(before);
      const after = { ...before, ...set, updatedAt: this.platform.clock.now() };
      await this.repo.updateClaim(id, { ...set, updatedAt: after.updatedAt });
      await this.event(tx, ctx, after, action, before, note ?? null);
    });
    return this.get(ctx, id);
  }

  /** The bureau approves (issues the voucher, committing it from the pool) or rejects; never its own filing. */
  async decide(ctx: RequestContext, id: string, decision: 'approve' | 'reject', note?: string): Promise<Claim> {
    await this.platform.authz.assertCovers(ctx.actor, P.voucherApprove, this.province);
    return this.step(ctx, id, ['submitted'], `compute.voucher.${decision}`, async (c) => {
      await assertNotOwnWork(this.db, ctx, { type: 'voucher_claim', id, editActions: CLAIM_EDITS });
      if (decision === 'reject') return { set: { status: 'rejected' }, note: note ?? null };
      // The voucher is issued on the signed contract itself, not on a fingerprint of it.
      if (!(await this.repo.contractFileMeta(id))) throw computeError('contract_missing');
      if (!(await this.repo.moveLedger(c.policyId, { committed: c.voucherFen })))
        throw computeError('pool_exhausted', {
          zh: `需 ${c.voucherFen} 分`,
          en: `${c.voucherFen} fen needed`,
        });
      return { set: { status: 'issued' }, note: note ?? null };
    });
  }

  /**
   * The applicant uploads the signed contract it claimed on (type sniffed and size limited by the route): its SHA-256
   * must be the one in the claim. Until the bureau decides, a wrong upload can be replaced by the right file.
   */
  async uploadContract(
    ctx: RequestContext,
    id: string,
    file: { filename: string; type: string; data: Buffer },
  ): Promise<Claim> {
    this.platform.authz.require(ctx.actor, P.voucherApply);
    const actor = ctx.actor;
    await this.db.transaction(async (tx) => {
      const c = await this.repo.claim(id, true);
      if (!c || c.applicantOrgId !== actor.organisationId) throw notFound(CLAIM);
      if (c.status !== 'submitted')
        throw computeError('bad_transition', { zh: `当前状态 ${c.status}`, en: `status is ${c.status}` });
      const sha256 = sha256Hex(file.data);
      if (sha256 !== c.contractSha256)
        throw computeError('contract_mismatch', undefined, [
          { path: 'file', message: `SHA-256 ${sha256} ≠ claimed ${c.contractSha256}` },
        ]);
      const at = this.platform.clock.now();
      await this.repo.saveContractFile({
        claimId: id,
        filename: file.filename.slice(0, 200),
        type: file.type,
        size: file.data.length,
        sha256,
        data: file.data,
        uploadedBy: actor.username,
        uploadedAt: at,
      });
      await this.repo.addEvent({ claimId: id, at, status: c.status, actor: actor.username, note: 'contract file' });
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.voucher.contract',
        objectType: 'voucher_claim',
        objectId: id,
        after: { filename: file.filename, type: file.type, size: file.data.length, sha256 },
      });
    });
    return this.get(ctx, id);
  }

  /** The stored contract, for whoever may see the claim. */
  async contractFile(ctx: RequestContext, id: string) {
    await this.get(ctx, id);
    const f = await this.repo.contractFile(id);
    if (!f) throw notFound({ zh: '合同文件', en: 'contract file' });
    return f;
  }

  /** The enterprise redeems after using and paying: invoice, payment proof and usage must match the order. */
  async redeem(ctx: RequestContext, id: string, r: RedemptionInput): Promise<Claim> {
    this.platform.authz.require(ctx.actor, P.voucherApply);
    const actor = ctx.actor;
    return this.step(ctx, id, ['issued'], 'compute.voucher.redeem', async (c) => {
      if (c.applicantOrgId !== actor.organisationId) throw notFound(CLAIM);
      const order = await this.market.order(c.orderId);
      const bad = order ? redemptionMismatches(r, order) : [{ field: 'orderId', message: 'order gone' }];
      if (bad.length)
        throw computeError(
          'redemption_mismatch',
          undefined,
          bad.map((b) => ({ path: b.field, message: b.message })),
        );
      const policy = (await this.repo.policy(c.policyId))!;
      const redeemFen = Math.min(c.voucherFen, subsidyFen(r.invoiceAmountFen, policy.ratioBasisPoints));
      return { set: { ...r, redeemFen, status: 'redemption_submitted' } };
    });
  }

  /**
   * The third party's check (第三方核查): someone outside the bureau (role voucher_auditor, never a bureau user nor a
   * holder of the bureau's voucher roles) records whether invoice, payment and metering hold, and its finding.
   */
  async thirdPartyCheck(ctx: RequestContext, id: string, check: ThirdPartyCheck): Promise<Claim> {
    await this.platform.authz.assertCovers(ctx.actor, P.voucherThirdParty, this.province);
    const actor = ctx.actor!;
    if (
      actor.organisationKind === 'bureau' ||
      [P.voucherReview, P.voucherApprove, P.voucherFinance, P.voucherApply].some((p) => actor.permissions.has(p))
    )
      throw computeError('not_third_party');
    return this.step(ctx, id, ['redemption_submitted'], 'compute.voucher.third-party', async () => ({
      set: {
        thirdPartyCheck: check.finding,
        thirdPartyPassed: check.passed,
        thirdPartyBy: actor.username,
        thirdPartyAt: this.platform.clock.now(),
        status: 'third_party_checked',
      },
      note: `${check.passed ? 'passed' : 'failed'} · ${check.finding}`,
    }));
  }

  /** The bureau's operator verifies the documents once the third party has recorded its finding. */
  async verify(ctx: RequestContext, id: string, note: string): Promise<Claim> {
    await this.platform.authz.assertCovers(ctx.actor, P.voucherReview, this.province);
    return this.step(ctx, id, ['third_party_checked'], 'compute.voucher.verify', async () => ({
      set: { status: 'verified' },
      note,
    }));
  }

  /**
   * The bureau's approver audits the verified redemption (four eyes: not whoever verified it). Approval moves the
   * voucher out of "committed" and the redeemed amount into "redeemed" (any difference returns to the pool); a
   * refusal releases the voucher.
   */
  async audit(ctx: RequestContext, id: string, decision: 'approve' | 'reject', note?: string): Promise<Claim> {
    await this.platform.authz.assertCovers(ctx.actor, P.voucherApprove, this.province);
    return this.step(ctx, id, ['verified'], `compute.voucher.audit-${decision}`, async (c) => {
      await assertNotOwnWork(this.db, ctx, { type: 'voucher_claim', id, editActions: CLAIM_EDITS });
      if (decision === 'approve' && c.thirdPartyPassed !== true) throw computeError('third_party_failed');
      const ok =
        decision === 'approve'
          ? await this.repo.moveLedger(c.policyId, { committed: -c.voucherFen, redeemed: c.redeemFen ?? 0 })
          : await this.repo.moveLedger(c.policyId, { committed: -c.voucherFen });
      if (!ok) throw computeError('pool_exhausted');
      return { set: { status: decision === 'approve' ? 'audited' : 'redemption_rejected' }, note: note ?? null };
    });
  }

  /** Finance confirms it paid the enterprise: "redeemed" becomes "paid". */
  async pay(ctx: RequestContext, id: string, financeReference: string): Promise<Claim> {
    await this.platform.authz.assertCovers(ctx.actor, P.voucherFinance, this.province);
    return this.step(ctx, id, ['audited'], 'compute.voucher.pay', async (c) => {
      const x = c.redeemFen ?? 0;
      if (!(await this.repo.moveLedger(c.policyId, { redeemed: -x, paid: x }))) throw computeError('pool_exhausted');
      return { set: { financeReference, status: 'paid' }, note: financeReference };
    });
  }

  /** The bureau's performance review (绩效评价) closes the claim. */
  async review(ctx: RequestContext, id: string, score: number, note: string): Promise<Claim> {
    await this.platform.authz.assertCovers(ctx.actor, P.voucherReview, this.province);
    return this.step(ctx, id, ['paid'], 'compute.voucher.review', async () => ({
      set: { reviewScore: score, reviewNote: note, status: 'settled' },
      note,
    }));
  }

  /** Finance's Excel: every claim that reached it, with amounts in yuan for their ledgers. */
  async financeRows(ctx: RequestContext): Promise<Record<string, unknown>[]> {
    await this.platform.authz.assertCovers(ctx.actor, P.voucherFinance, this.province);
    const { rows } = await this.repo.list({ statuses: FINANCE_STATUSES }, {}, { limit: 100_000, offset: 0 });
    return rows.map((c) => ({
      number: c.number,
      year: c.year,
      applicant: c.applicantName,
      supplier: c.supplierName,
      contract: c.contractNumber,
      contractYuan: c.contractAmountFen / 100,
      invoice: c.invoiceNumber,
      invoiceYuan: (c.invoiceAmountFen ?? 0) / 100,
      redeemYuan: (c.redeemFen ?? 0) / 100,
      status: c.status,
      financeReference: c.financeReference ?? '',
    }));
  }
}
