import { Card, Descriptions, Empty, Tag } from 'antd';
import { useParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useCommunity } from './api';
import { TierTag } from './RegistryTab';
import { TierCard } from './TierCard';
import { CommunityExchangeCard } from './CommunityExchangeCard';

/** One community: its figures (contact masked) and tier. */
export default function CommunityPage() {
  const { t } = useI18n();
  const { code } = useParams();
  const c = useCommunity(code);
  if (c.isLoading) return <Card loading />;
  if (!c.data) return <Empty />;
  const d = c.data;
  return (
    <div>
      <PageHeader
        title={
          <>
            {d.name} <TierTag tier={d.tier} /> {d.demo && <SampleTag />}
          </>
        }
        sub={`${d.countyName} · ${d.streetName} · ${d.code}`}
      />
      <Card size="small" title={t('基本情况', 'Figures')}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('户数', 'Households')}>{d.households}</Descriptions.Item>
          <Descriptions.Item label={t('人口', 'Population')}>{d.population}</Descriptions.Item>
          <Descriptions.Item label={t('60岁以上占比', 'Aged 60+')}>{d.elderlyPct}%</Descriptions.Item>
          <Descriptions.Item label={t('网格数', 'Grids')}>{d.grids}</Descriptions.Item>
          <Descriptions.Item label={t('物业公司', 'Property company')}>{d.propertyCompany ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('联系人', 'Contact')}>
            {d.contactName} {d.contactPhone}
          </Descriptions.Item>
          <Descriptions.Item label={t('类型', 'Kind')}>
            {d.urban ? t('居委会', 'Residents’ committee') : t('村委会', 'Village committee')}
          </Descriptions.Item>
          <Descriptions.Item label={t('在用信息系统', 'Systems in use')} span={2}>
            {d.systems.length ? d.systems.map((s) => <Tag key={s}>{s}</Tag>) : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <div style={{ marginTop: 12 }}>
        <TierCard code={d.code} year={d.tierYear ?? new Date().getFullYear()} />
      </div>
      <div style={{ marginTop: 12 }}>
        <CommunityExchangeCard code={d.code} />
      </div>
    </div>
  );
}
