import { useMemo } from 'react';
import type { EChartsOption } from 'echarts';
import type { Replication } from '@zhicheng/contracts/scenarios';
import { useProvince } from '../../api/province';
import { useI18n } from '../../app/i18n';
import { echarts, ReactEChartsCore } from '../../components/charts';
import { RegionMap } from '../../components/RegionMap';

/** The city a region belongs to (a county's first four digits, then 00). */
const cityOf = (code: string) => `${code.slice(0, 4)}00`;

/**
 * Where a case spread (由点及面): a province map with the number of confirmed adoptions per city (the case's own city
 * marked), and a timeline of adoptions with the promotion events they followed, so one sees whether the spread came
 * after a 现场会 or 巡讲.
 */
export default function SpreadCharts({ items, homeCity }: { items: Replication[]; homeCity: string }) {
  const { t } = useI18n();
  const province = useProvince();
  const byCity = useMemo(() => {
    const m: Record<string, number> = {};
    for (const r of items) m[cityOf(r.adopterRegion)] = (m[cityOf(r.adopterRegion)] ?? 0) + 1;
    return m;
  }, [items]);

  const timeline = useMemo<EChartsOption>(() => {
    const sorted = [...items].sort((a, b) => a.adoptedOn.localeCompare(b.adoptedOn));
    const events = new Map<string, { title: string; heldOn: string }>();
    for (const r of sorted) for (const e of r.followedEvents) events.set(e.id, e);
    return {
      grid: { left: 36, right: 12, top: 24, bottom: 28 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', minInterval: 1, name: t('累计', 'Total') },
      series: [
        {
          type: 'line',
          step: 'end',
          name: t('累计复制推广', 'Adoptions so far'),
          data: sorted.map((r, i) => ({ value: [r.adoptedOn, i + 1], name: r.adopterName })),
          tooltip: {
            formatter: (p: unknown) => {
              const d = p as { name: string; value: [string, number] };
              return `${d.name} · ${d.value[0]}`;
            },
          },
          markLine: {
            symbol: 'none',
            label: { formatter: '{b}', fontSize: 10 },
            lineStyle: { type: 'dashed', color: '#d46b08' },
            data: [...events.values()].map((e) => ({ name: e.title, xAxis: e.heldOn })),
          },
        },
      ],
    };
  }, [items, t]);

  if (!items.length) return null;
  return (
    <div data-testid="spread-charts">
      {province && (
        <RegionMap
          code={province.code}
          height={300}
          values={{ ...byCity, [homeCity]: byCity[homeCity] ?? 0 }}
          tooltip={(code, name, v) =>
            code === homeCity
              ? `${name}:${t('案例所在地', 'home of the case')}${v ? `,${v}` : ''}`
              : `${name}:${v ?? 0} ${t('处复制推广', 'adoptions')}`
          }
        />
      )}
      <ReactEChartsCore echarts={echarts} option={timeline} style={{ height: 200 }} notMerge />
    </div>
  );
}
