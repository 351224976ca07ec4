import { useMemo } from 'react';
import { useProvince } from '../../../api/province';
import { useBindableRegions } from '../api';

export interface RegionNode {
  value: string;
  title: string;
  children?: RegionNode[];
}

/**
 * The province with its cities and counties as a tree for region pickers (officials choose a region by name,
 * never type a code), and the same nodes flat for showing a code's name.
 */
export function useRegionTree(): { data: RegionNode[]; flat: RegionNode[] } {
  const province = useProvince();
  const regions = useBindableRegions(province?.code);
  return useMemo(() => {
    if (!province) return { data: [], flat: [] };
    const items = (regions.data?.items ?? []).filter((r) => r.level === 'city' || r.level === 'county');
    const byParent = new Map<string, RegionNode[]>();
    const flat: RegionNode[] = [{ value: province.code, title: province.name }];
    for (const r of items) {
      const node = { value: r.code, title: r.name };
      flat.push(node);
      byParent.set(r.parentCode ?? '', [...(byParent.get(r.parentCode ?? '') ?? []), node]);
    }
    const build = (n: RegionNode): RegionNode => {
      const children = byParent.get(n.value);
      return children ? { ...n, children: children.map(build) } : n;
    };
    return { data: [build(flat[0]!)], flat };
  }, [province, regions.data]);
}
