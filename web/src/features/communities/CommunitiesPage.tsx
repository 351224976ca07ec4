import { Tabs } from 'antd';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useProvince } from '../../api/province';
import { PageHeader } from '../../components/PageHeader';
import { CoverageTab } from './CoverageTab';
import { RegistryTab } from './RegistryTab';
import { DataTab } from './DataTab';
import { ExchangeTab } from './ExchangeTab';
import { OutcomesTab } from './OutcomesTab';

/** 智慧社区: coverage against the real universe and progress to target, and the registry of communities. */
export default function CommunitiesPage() {
  const { t } = useI18n();
  const { region } = useAuth();
  const province = useProvince();
  const root = region ?? province?.code;
  if (!root) return null;
  // The exchange runs county by county: its board shows where the region chosen is a county.
  const isCounty = /^\d{4}(?!00)\d{2}$/.test(root);
  return (
    <div>
      <PageHeader
        title={t('智慧社区', 'Smart communities')}
        sub={t(
          '基础型、成长型、标杆型社区覆盖与进度',
          'Coverage and progress of basic, growth and benchmark communities',
        )}
      />
      <Tabs
        items={[
          { key: 'coverage', label: t('覆盖与进度', 'Coverage & progress'), children: <CoverageTab root={root} /> },
          { key: 'registry', label: t('社区名录', 'Registry'), children: <RegistryTab root={root} /> },
          { key: 'data', label: t('数据上报与汇总', 'Data upward'), children: <DataTab root={root} /> },
          ...(isCounty
            ? [
                {
                  key: 'exchange',
                  label: t('便民设施供需对接', 'Facility exchange'),
                  children: <ExchangeTab county={root} />,
                },
              ]
            : []),
          { key: 'outcomes', label: t('对接成效', 'Exchange outcomes'), children: <OutcomesTab root={root} /> },
        ]}
      />
    </div>
  );
}
