import { useMemo } from 'react';
import { Breadcrumb, Empty, Spin } from 'antd';
import type { EChartsOption } from 'echarts';
import { echarts, ReactEChartsCore } from './charts';
import { mapName, useBoundaries } from './useBoundaries';
import { useI18n } from '../app/i18n';
import { ActionLink } from './ActionLink';

export interface RegionMapProps {
  /** The region whose children are drawn: 370000 draws the 16 cities, a city code draws its counties. */
  code: string;
  /** Trail shown above the map, root first; clicking an entry drills back up. */
  trail?: { code: string; name: string }[];
  /** Value per child region code, coloured by visualMap; omitted regions are grey. */
  values?: Record<string, number>;
  /** visualMap settings: pieces (levels) or a continuous range. */
  visual?: {
    pieces?: { value?: number; min?: number; max?: number; label: string; color: string }[];
    min?: number;
    max?: number;
    colors?: string[];
  };
  /** Points drawn on top (data centres): [lng, lat, size value, label]. */
  points?: { name: string; coord: [number, number]; value: number; color?: string }[];
  tooltip?: (regionCode: string, name: string, value: number | undefined) => string;
  onDrill?: (code: string, name: string) => void;
  height?: number;
}

/** A Shandong map: a city map when drilled in. Clicking a region calls onDrill with its code. */
export function RegionMap({ code, trail, values, visual, points, tooltip, onDrill, height = 520 }: RegionMapProps) {
  const { t } = useI18n();
  const { geo, error } = useBoundaries(code);

  const option = useMemo<EChartsOption | null>(() => {
    if (!geo) return null;
    const data = [...geo.names].map(([c, name]) => ({ name, code: c, value: values?.[c] }));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: unknown) => {
          const d = (p as { data?: { code?: string; name: string; value?: number }; name: string; seriesType: string })
            .data;
          if (!d?.code) return (p as { name: string }).name;
          return tooltip ? tooltip(d.code, d.name, d.value) : `${d.name}${d.value !== undefined ? `: ${d.value}` : ''}`;
        },
      },
      ...(values
        ? {
            visualMap: visual?.pieces
              ? { type: 'piecewise', pieces: visual.pieces, left: 10, bottom: 10, outOfRange: { color: '#e6e9ef' } }
              : {
                  type: 'continuous',
                  min: visual?.min ?? 0,
                  max: visual?.max ?? Math.max(1, ...Object.values(values)),
                  left: 10,
                  bottom: 10,
                  calculable: true,
                  inRange: { color: visual?.colors ?? ['#dbeafe', '#1256b0'] },
                },
          }
        : {}),
      geo: points?.length
        ? {
            map: mapName(code),
            roam: true,
            layoutCenter: ['50%', '50%'],
            layoutSize: '98%',
            itemStyle: { areaColor: '#eef2f8', borderColor: '#9aa9c2' },
            emphasis: { itemStyle: { areaColor: '#cfe0f7' } },
          }
        : undefined,
      series: [
        points?.length
          ? {
              type: 'scatter',
              coordinateSystem: 'geo',
              data: points.map((pt) => ({
                name: pt.name,
                value: [...pt.coord, pt.value],
                itemStyle: pt.color ? { color: pt.color } : undefined,
              })),
              symbolSize: (v: number[]) => Math.max(6, Math.min(40, Math.sqrt(v[2] ?? 0) / 4)),
              tooltip: { formatter: (p: { name: string; value: number[] }) => `${p.name}: ${p.value[2]}` },
            }
          : {
              type: 'map',
              map: mapName(code),
              roam: false,
              layoutCenter: ['50%', '50%'],
              layoutSize: '98%',
              label: { show: true, fontSize: 11, color: '#243b53' },
              itemStyle: { borderColor: '#fff', borderWidth: 1, areaColor: '#e6e9ef' },
              emphasis: { label: { show: true }, itemStyle: { areaColor: '#ffd666' } },
              select: { disabled: true },
              data,
            },
      ] as never,
    };
  }, [geo, code, values, visual, points, tooltip]);

  return (
    <div data-testid="region-map" data-map-code={code}>
      {trail && trail.length > 1 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={trail.map((c, i) => ({
            title:
              i < trail.length - 1 ? (
                <ActionLink onClick={() => onDrill?.(c.code, c.name)}>{c.name}</ActionLink>
              ) : (
                c.name
              ),
          }))}
        />
      )}
      {error ? (
        <Empty description={t('该区划暂无边界数据', 'No boundary data for this region')} />
      ) : !option ? (
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
            click: (p: { data?: { code?: string; name?: string }; name: string }) => {
              if (p.data?.code) onDrill?.(p.data.code, p.data.name ?? p.name);
            },
          }}
        />
      )}
    </div>
  );
}
