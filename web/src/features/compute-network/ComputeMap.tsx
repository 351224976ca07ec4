import { useMemo } from 'react';
import { Empty, Spin } from 'antd';
import type { EChartsOption } from 'echarts';
import type { MapPoint, Zone } from '@zhicheng/contracts/compute-network';
import { echarts, ReactEChartsCore } from '../../components/charts';
import { mapName, useBoundaries } from '../../components/useBoundaries';
import { useI18n } from '../../app/i18n';
import { fmt, utilColor, ZONE_COLORS } from './common';

/**
 * The compute map: region boundaries tinted by the zone layout, each data centre a circle sized by design racks and
 * coloured by utilisation. Clicking a city drills in; clicking a centre opens it.
 */
export function ComputeMap({
  code,
  points,
  zones,
  onCity,
  onCentre,
  height = 560,
}: {
  code: string;
  points: MapPoint[];
  zones: Zone[];
  onCity?: (code: string, name: string) => void;
  onCentre?: (id: string) => void;
  height?: number;
}) {
  const { t } = useI18n();
  const { geo, error } = useBoundaries(code);

  const option = useMemo<EChartsOption | null>(() => {
    if (!geo) return null;
    // A region takes the type of the zone covering it (province map: the zone covering most of the city's counties).
    const typeOf = new Map<string, string>();
    for (const z of zones)
      for (const c of z.countyCodes) {
        typeOf.set(c, z.type);
        const city = `${c.slice(0, 4)}00`;
        if (!typeOf.has(city) || z.type === 'core') typeOf.set(city, z.type);
      }
    const regions = [...geo.names].map(([c, name]) => ({
      name,
      itemStyle: { areaColor: ZONE_COLORS[(typeOf.get(c) ?? 'none') as keyof typeof ZONE_COLORS] ?? '#eef2f8' },
    }));
    const max = Math.max(1, ...points.map((p) => p.designRacks));
    return {
      tooltip: { trigger: 'item' },
      geo: {
        map: mapName(code),
        roam: true,
        label: { show: true, fontSize: 10, color: '#52606d' },
        itemStyle: { areaColor: '#eef2f8', borderColor: '#9aa9c2' },
        emphasis: { itemStyle: { areaColor: '#ffe58f' } },
        regions,
      },
      series: [
        {
          type: 'scatter',
          coordinateSystem: 'geo',
          data: points.map((p) => ({
            name: p.name,
            id: p.id,
            value: [p.lng, p.lat, p.designRacks, p.utilisationPct ?? -1],
            itemStyle: { color: utilColor(p.utilisationPct), opacity: 0.8, borderColor: '#fff', borderWidth: 1 },
            p,
          })),
          symbolSize: (v: number[]) => 6 + 34 * Math.sqrt((v[2] ?? 0) / max),
          tooltip: {
            formatter: (x: unknown) => {
              const p = (x as { data: { p: MapPoint } }).data.p;
              return `<b>${p.name}</b><br/>${t('设计/在用机架', 'Racks design/in use')}: ${fmt(p.designRacks)} / ${fmt(p.racksInUse)}<br/>${t('总算力', 'Total')}: ${fmt(p.totalPflops)} PFLOPS<br/>${t('智能算力', 'AI')}: ${fmt(p.intelligentPflops)} PFLOPS<br/>${t('利用率', 'Utilisation')}: ${p.utilisationPct === null ? '—' : `${p.utilisationPct}%`}`;
            },
          },
        },
      ] as never,
    };
  }, [geo, code, points, zones, t]);

  if (error) return <Empty description={t('该区划暂无边界数据', 'No boundary data for this region')} />;
  return (
    <div data-testid="compute-map" data-map-code={code} data-points={points.length}>
      {!option ? (
        <div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin />
        </div>
      ) : (
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          notMerge
          style={{ height }}
          onEvents={{
            click: (e: { componentType: string; name: string; data?: { id?: string } }) => {
              if (e.componentType === 'series' && e.data?.id) onCentre?.(e.data.id);
              else if (e.componentType === 'geo') {
                const hit = [...(geo?.names ?? [])].find(([, n]) => n === e.name);
                if (hit) onCity?.(hit[0], hit[1]);
              }
            },
          }}
        />
      )}
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', fontSize: 12, color: '#52606d', marginTop: 4 }}>
        {(['core', 'cluster', 'edge'] as const).map((z) => (
          <span key={z}>
            <span
              style={{
                display: 'inline-block',
                width: 12,
                height: 12,
                background: ZONE_COLORS[z],
                border: '1px solid #9aa9c2',
                marginRight: 4,
                verticalAlign: -2,
              }}
            />
            {z === 'core' ? t('核心区', 'Core') : z === 'cluster' ? t('集聚区', 'Cluster') : t('边缘节点', 'Edge')}
          </span>
        ))}
        {[
          [80, '≥75%'],
          [65, '60–75%'],
          [50, '45–60%'],
          [30, '<45%'],
        ].map(([u, l]) => (
          <span key={String(l)}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                borderRadius: 5,
                background: utilColor(u as number),
                marginRight: 4,
              }}
            />
            {t('利用率', 'Util.')} {l}
          </span>
        ))}
        <span>{t('圆大小 = 设计机架', 'Circle size = design racks')}</span>
      </div>
    </div>
  );
}
