import crypto from 'node:crypto';
import { SHANDONG_VOUCHER_POLICY } from '@zhicheng/contracts/compute-network';
import { systemContext } from '../../../platform/authorization/index.ts';
import type { DemoContext } from '../../../platform/module.ts';
import type { ComputeServices } from '../compute-network.services.ts';
import { demoUuid } from '../demo-ids.ts';
import { DEMO_OPERATORS } from '../demo-calibration.ts';
import { DEMO_ENTERPRISES } from '../market/market.demo.ts';
import { result, subsidyFen } from './voucher-rules.ts';
import type { ClaimRow, PolicyRow } from './vouchers.tables.ts';

const DEMO_FINANCE = { username: 'finance.demo', org: '山东省财政厅(示例)', display: '财政厅经办(示例)' };
/** The third party the bureau engaged for redemption checks (第三方核查), outside the bureau. */
export const DEMO_VOUCHER_AUDITOR = {
  username: 'auditor.demo',
  org: '齐鲁会计师事务所(示例)',
  display: '第三方核查员(示例)',
};

/** A small signed-contract PDF for a demo claim (示例): its SHA-256 is the one the claim records. */
const demoContractPdf = (contractNumber: string) =>
  Buffer.from(`%PDF-1.4\n% demo contract ${contractNumber} (示例)\n%%EOF\n`, 'latin1');

/**
 * Demo vouchers (示例): this year's policy with Shandong's published figures (the facts), sample profiles for the
 * demo parties (made-up credit codes and names), and one claim per stage from the demo orders, with the ledger moved
 * as the real flow would have moved it.
 */
export async function seedVouchersDemo(ctx: DemoContext, s: ComputeServices): Promise<void> {
  const { platform } = ctx;
  await ctx.demoUser({
    username: DEMO_FINANCE.username,
    displayName: DEMO_FINANCE.display,
    role: 'finance_officer',
    regionCode: platform.config.provinceCode,
    organisation: { name: DEMO_FINANCE.org, kind: 'bureau' },
  });
  await ctx.demoUser({
    username: DEMO_VOUCHER_AUDITOR.username,
    displayName: DEMO_VOUCHER_AUDITOR.display,
    role: 'voucher_auditor',
    regionCode: platform.config.provinceCode,
    organisation: { name: DEMO_VOUCHER_AUDITOR.org, kind: 'expert_unit' },
  });
  await ctx.once('compute-network.vouchers.v1', async () => {
    const now = platform.clock.now();
    const year = now.getUTCFullYear();
    const sys = systemContext('demo.compute-network');
    const orgs = await platform.identity.listOrganisations();
    const names = [...DEMO_ENTERPRISES.map((e) => e.org), ...DEMO_OPERATORS.map((o) => o.org)];
    const pr = platform.protector;
    const policy: PolicyRow = {
      id: demoUuid(`voucher-policy:${year}`),
      year,
      name: `${year} 年山东省算力券(示例配置,额度依 2025 年公开政策)`,
      poolFen: SHANDONG_VOUCHER_POLICY.poolFen,
      ratioBasisPoints: SHANDONG_VOUCHER_POLICY.ratioBasisPoints,
      perEnterpriseCapFen: SHANDONG_VOUCHER_POLICY.perEnterpriseCapFen,
      splitWindowDays: 90,
      status: 'active',
      committedFen: 0,
      redeemedFen: 0,
      paidFen: 0,
      createdAt: now,
    };
    // Paid, billed and active demo orders of the demo enterprises, a claim each at a different stage.
    const orders = (await s.market.listOrders({ centres: { all: true } }, {}, { limit: 500, offset: 0 })).rows.filter(
      (o) => o.simulated && ['paid', 'billed', 'active', 'confirmed'].includes(o.status),
    );
    const stages = ['settled', 'paid', 'audited', 'verified', 'issued', 'submitted'] as const;
    const claims: ClaimRow[] = orders.slice(0, stages.length).map((o, i) => {
      const stage = o.status === 'paid' ? stages[i]! : i % 2 ? 'issued' : 'submitted';
      const contract = o.estimateFen;
      const voucherFen = subsidyFen(contract, policy.ratioBasisPoints);
      const redeemFen = o.billedFen ? Math.min(voucherFen, subsidyFen(o.billedFen, policy.ratioBasisPoints)) : null;
      const redeemed = ['verified', 'audited', 'paid', 'settled'].includes(stage);
      return {
        id: demoUuid(`voucher-claim:${o.id}`),
        number: `SLQ${year}-${demoUuid(`voucher-claim:${o.id}`).slice(0, 8).toUpperCase()}`,
        policyId: policy.id,
        applicantOrgId: o.buyerOrgId,
        applicantName: o.buyerName,
        supplierOrgId: o.supplierOrgId,
        supplierName: o.supplierName,
        orderId: o.id,
        contractNumber: `HT-${year}-DEMO-${i + 1}`,
        contractAmountFen: contract,
        contractSignedOn: o.createdAt.toISOString().slice(0, 10),
        contractSha256: crypto
          .createHash('sha256')
          .update(demoContractPdf(`HT-${year}-DEMO-${i + 1}`))
          .digest('hex'),
        voucherFen,
        redeemFen: redeemed ? redeemFen : null,
        status: stage,
        checks: [result('policy_open', true), result('not_affiliated', true), result('enterprise_cap', true)],
        flagged: false,
        invoiceNumber: redeemed ? `FP-DEMO-${i + 1}` : null,
        invoiceAmountFen: redeemed ? o.billedFen : null,
        paymentReference: redeemed ? o.paymentReference : null,
        usageCardHours: redeemed ? o.meteredCardHours : null,
        thirdPartyCheck: redeemed ? '示例:第三方核查一致' : null,
        thirdPartyPassed: redeemed ? true : null,
        thirdPartyBy: redeemed ? DEMO_VOUCHER_AUDITOR.username : null,
        thirdPartyAt: redeemed ? now : null,
        financeReference: ['paid', 'settled'].includes(stage) ? `CZ-DEMO-${i + 1}` : null,
        reviewScore: stage === 'settled' ? 90 : null,
        reviewNote: stage === 'settled' ? '示例绩效评价' : null,
        simulated: true,
        createdAt: o.createdAt,
        updatedAt: now,
      };
    });
    const sum = (f: (c: ClaimRow) => number) => claims.reduce((a, c) => a + f(c), 0);
    policy.committedFen = sum((c) =>
      ['issued', 'redemption_submitted', 'verified'].includes(c.status) ? c.voucherFen : 0,
    );
    policy.redeemedFen = sum((c) => (c.status === 'audited' ? (c.redeemFen ?? 0) : 0));
    policy.paidFen = sum((c) => (['paid', 'settled'].includes(c.status) ? (c.redeemFen ?? 0) : 0));
    await platform.db.transaction(async (tx) => {
      await s.vouchersRepo.insertPolicy(policy);
      for (const [i, name] of names.entries()) {
        const org = orgs.find((o) => o.name === name);
        if (!org) continue;
        const rep = `示例法人${i + 1}`;
        const code = `9137${String(100 + i).padStart(4, '0')}MA3DEMO${String(i).padStart(3, '0')}`;
        await s.vouchersRepo.saveProfile({
          organisationId: org.id,
          organisationName: org.name,
          creditCode: code,
          legalRepSealed: pr.encrypt(rep),
          legalRepMasked: `示${'*'.repeat([...rep].length - 1)}`,
          legalRepDigest: pr.digest(rep.toUpperCase()),
          shareholderDigests: [],
          updatedAt: now,
        });
      }
      for (const c of claims) {
        await s.vouchersRepo.insertClaim(c);
        const pdf = demoContractPdf(c.contractNumber);
        await s.vouchersRepo.saveContractFile({
          claimId: c.id,
          filename: `${c.contractNumber}.pdf`,
          type: 'pdf',
          size: pdf.length,
          sha256: c.contractSha256,
          data: pdf,
          uploadedBy: 'demo',
          uploadedAt: c.createdAt,
        });
        await s.vouchersRepo.addEvent({
          claimId: c.id,
          at: c.createdAt,
          status: 'submitted',
          actor: 'demo',
          note: null,
        });
        if (c.status !== 'submitted')
          await s.vouchersRepo.addEvent({ claimId: c.id, at: now, status: c.status, actor: 'demo', note: '示例' });
      }
      await platform.audit.record(tx, sys, {
        action: 'compute.voucher.demo',
        objectType: 'voucher_policy',
        objectId: policy.id,
        after: { claims: claims.length },
      });
    });
  });
}
