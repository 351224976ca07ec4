import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download } from '../../../api/client';
import { useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../components/PageHeader';
import { FINANCE_EXPORT_URL } from './api';
import { ClaimsTable } from './ClaimsTable';
import { LedgerCard } from './LedgerCard';

/** The finance department's view: only claims the bureau has audited, payment confirmation, Excel for its ledgers. */
export default function FinancePage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeader
        title={t('算力券财政拨付', 'Voucher payments (finance)')}
        sub={t(
          '仅显示经大数据局审计通过的兑付;确认拨付后记入资金池台账',
          'Only redemptions the bureau audited; a confirmed payment enters the pool ledger',
        )}
        extra={
          <Button
            icon={<DownloadOutlined />}
            data-testid="finance-export"
            onClick={() => void download(FINANCE_EXPORT_URL, 'compute-vouchers.xlsx')}
          >
            {t('导出 Excel', 'Export Excel')}
          </Button>
        }
      />
      <LedgerCard />
      <ClaimsTable title={t('待拨付与已拨付', 'To pay and paid')} />
    </div>
  );
}
