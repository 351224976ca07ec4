import { useEffect, useState } from 'react';
import { useRegionFilter } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { RegionTreePicker } from '../../../components/RegionTreePicker';

/**
 * The region a tab shows: the header's region (当前区划) until one is picked here; cleared, the header's again.
 * Switching the header's region drops what was picked.
 */
export function useTabRegion(): [string | undefined, (code?: string) => void] {
  const chosen = useRegionFilter();
  const [picked, setPicked] = useState<string | undefined>();
  useEffect(() => setPicked(undefined), [chosen]);
  return [picked ?? chosen, setPicked];
}

/** Narrows a tab to a region chosen by name; cleared: the header's region (or the user's own). */
export function RegionFilter({ value, onChange }: { value?: string; onChange(v?: string): void }) {
  const { t } = useI18n();
  return (
    <RegionTreePicker
      data-testid="region-filter"
      placeholder={t('地区(留空为当前区划)', 'Region (blank: the header’s)')}
      allowClear
      style={{ width: 240 }}
      value={value}
      onChange={(v) => onChange(v)}
    />
  );
}
