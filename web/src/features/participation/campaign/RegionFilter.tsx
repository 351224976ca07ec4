import { Input } from 'antd';
import { useI18n } from '../../../app/i18n';

/** Narrows a tab to a region by its code; blank: the user's own. */
export function RegionFilter({ value, onChange }: { value?: string; onChange(v?: string): void }) {
  const { t } = useI18n();
  return (
    <Input.Search
      placeholder={t('区划代码(留空为本级)', 'Region code (blank: yours)')}
      allowClear
      style={{ width: 240 }}
      defaultValue={value}
      onSearch={(v) => onChange(v || undefined)}
    />
  );
}
