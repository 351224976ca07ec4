import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import type { Region } from '@zhicheng/contracts';
import { useAuth } from '../app/auth';
import { useApiQuery } from '../api/hooks';

interface Node {
  value: string;
  title: string;
  disabled?: boolean;
  children?: Node[];
}

/**
 * A region chosen by name from a tree (the user's regions and the cities and counties under them, or those under
 * `root`), never a typed code. `levels` limits what may be chosen (e.g. counties only); the rest stays to open.
 */
export function RegionTreePicker({
  value,
  onChange,
  root,
  levels,
  placeholder,
  allowClear,
  style,
  id,
  disabled,
  'aria-label': ariaLabel,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  root?: string;
  levels?: Region['level'][];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  disabled?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const { me } = useAuth();
  // The widest of the user's regions (a shorter code without its trailing zeros lies higher up).
  const top =
    root ??
    [...new Set(me?.roles.map((r) => r.regionCode) ?? [])].sort(
      (a, b) => a.replace(/0+$/, '').length - b.replace(/0+$/, '').length,
    )[0];
  const self = useApiQuery<Region>(['region', top ?? ''], top ? `/api/v1/regions/${top}` : null, {
    staleTime: 10 * 60_000,
  });
  const below = useApiQuery<{ items: Region[] }>(
    ['regions-under', top ?? ''],
    top ? `/api/v1/regions?parent=${top}&descendants=true` : null,
    { staleTime: 10 * 60_000 },
  );
  const tree = useMemo<Node[]>(() => {
    if (!self.data) return [];
    const items = (below.data?.items ?? []).filter((r) => r.level === 'city' || r.level === 'county');
    const byParent = new Map<string, Region[]>();
    for (const r of items) byParent.set(r.parentCode ?? '', [...(byParent.get(r.parentCode ?? '') ?? []), r]);
    const build = (r: Region): Node => {
      const children = (byParent.get(r.code) ?? []).map(build);
      return {
        value: r.code,
        title: r.name,
        disabled: levels ? !levels.includes(r.level) : undefined,
        ...(children.length ? { children } : {}),
      };
    };
    return [build(self.data)];
  }, [self.data, below.data, levels]);
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel ?? placeholder}
      data-testid={testId}
      style={style ?? { width: 220 }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={tree as never}
      treeDefaultExpandedKeys={top ? [top] : []}
      showSearch
      treeNodeFilterProp="title"
      allowClear={allowClear}
      placeholder={placeholder}
      disabled={disabled}
      loading={self.isLoading || below.isLoading}
      popupMatchSelectWidth={280}
    />
  );
}
