import { Form, Select } from 'antd';
import type { Region } from '@zhicheng/contracts';
import { useApiQuery } from '../../api/hooks';
import { useI18n } from '../../app/i18n';

/**
 * An event's optional street or community (街道/社区) under the county chosen above, by name. Only the streets and
 * communities registered under that county are offered (the regions import adds them); with none, nothing is shown,
 * and the event stays at the county.
 */
export function CommunityField({ county }: { county?: string }) {
  const { t } = useI18n();
  const isCounty = !!county && /^\d{6}$/.test(county) && !county.endsWith('00');
  const below = useApiQuery<{ items: Region[] }>(
    ['regions-under', county ?? ''],
    isCounty ? `/api/v1/regions?parent=${county}&descendants=true` : null,
    { staleTime: 10 * 60_000 },
  );
  const items = (below.data?.items ?? []).filter((r) => r.level === 'street' || r.level === 'community');
  if (!isCounty || items.length === 0) return null;
  const streets = new Map(items.filter((r) => r.level === 'street').map((r) => [r.code, r.name]));
  return (
    <Form.Item name="communityCode" label={t('街道或社区(选填)', 'Street or community (optional)')}>
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        data-testid="event-community"
        placeholder={t('不填则为整个区县', 'Leave empty for the whole county')}
        options={items.map((r) => ({
          value: r.code,
          label: r.level === 'community' ? `${streets.get(r.parentCode ?? '') ?? ''}${r.name}` : r.name,
        }))}
      />
    </Form.Item>
  );
}
