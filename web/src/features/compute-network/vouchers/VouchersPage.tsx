import { COMPUTE_PERMISSIONS as P } from '@zhicheng/contracts/compute-network';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../components/PageHeader';
import { ApplyCard } from './ApplyCard';
import { ClaimsTable } from './ClaimsTable';
import { LedgerCard } from './LedgerCard';

/** 算力券: the pool's ledger, an enterprise's application, and the claims each role acts on. */
export default function VouchersPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  return (
    <div>
      <PageHeader
        title={t('算力券', 'Compute vouchers')}
        sub={t(
          '资格自动核验 → 凭已签合同申领 → 局审批发券 → 使用并付款 → 凭发票、付款与计量兑付 → 核验与审计(四眼)→ 财政拨付 → 绩效评价',
          'Automatic eligibility → claim with the signed contract → bureau issues → use and pay → redeem with invoice, payment and usage → verify and audit (four eyes) → finance pays → performance review',
        )}
      />
      <LedgerCard />
      {can(P.voucherApply) && <ApplyCard />}
      <ClaimsTable
        title={can(P.voucherApply) ? t('我的申请', 'My claims') : t('申请与兑付', 'Claims and redemptions')}
      />
    </div>
  );
}
