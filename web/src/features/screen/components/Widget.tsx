import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { Progress, Tooltip } from 'antd';
import type { EChartsOption } from 'echarts';
import type { Figure } from '@zhicheng/contracts/screen';
import { echarts, ReactEChartsCore } from '../../../components/charts';
import { useI18n } from '../../../app/i18n';
import { formatAsOf, formatValue, progressOf } from '../format';

const AXIS = { axisLabel: { color: '#9fb3d1', fontSize: 11 }, axisLine: { lineStyle: { color: '#36507a' } } };

function chartOf(f: Figure): EChartsOption | null {
  const items = f.items ?? [];
  if (!items.length || (f.kind !== 'bars' && f.kind !== 'trend')) return null;
  const pct = f.unit === '%';
  return {
    grid: { left: 36, right: 8, top: 12, bottom: 22 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: items.map((i) => i.label), ...AXIS },
    yAxis: {
      type: 'value',
      ...AXIS,
      splitLine: { lineStyle: { color: '#1d3357' } },
      axisLabel: { ...AXIS.axisLabel, formatter: pct ? (v: number) => `${Math.round(v * 100)}%` : undefined },
    },
    series: [
      f.kind === 'trend'
        ? {
            type: 'line',
            smooth: true,
            data: items.map((i) => i.value),
            areaStyle: { opacity: 0.15 },
            ...(f.target !== null
              ? { markLine: { symbol: 'none', data: [{ yAxis: f.target }], lineStyle: { color: '#f5a623' } } }
              : {}),
          }
        : { type: 'bar', data: items.map((i) => i.value), itemStyle: { color: '#3aa0ff' }, barMaxWidth: 22 },
    ] as never,
  };
}

/**
 * One figure on the screen: the number (against its target), its items or chart, and always where it comes from,
 * as of when and whether it is made up (示例). A click on the widget opens the page the figure comes from.
 */
export function Widget({ figure: f }: { figure: Figure }) {
  const { t, pick, lang } = useI18n();
  const navigate = useNavigate();
  const option = useMemo(() => chartOf(f), [f]);
  const progress = progressOf(f);
  const wide = f.kind !== 'stat';
  return (
    <section
      className={`zc-screen-widget${wide ? ' wide' : ''}`}
      data-testid={`widget-${f.key}`}
      data-value={f.value ?? ''}
      role="link"
      tabIndex={0}
      onClick={() => navigate(f.source.href)}
      onKeyDown={(e) => e.key === 'Enter' && navigate(f.source.href)}
    >
      <header>
        <span className="title">{pick(f.title)}</span>
        {f.source.simulated && <span className="zc-sample-tag">{t('示例', 'sample')}</span>}
      </header>
      {f.kind === 'stat' || f.value !== null ? (
        <div className="value">
          <strong>{formatValue(f.value, f.unit, lang)}</strong>
          {f.unit !== '%' && <small>{f.unit}</small>}
          {f.target !== null && (
            <span className="target">
              {t('目标', 'target')} {formatValue(f.target, f.unit, lang)}
            </span>
          )}
        </div>
      ) : null}
      {progress !== null && (
        <Progress
          aria-label={`${pick(f.title)}:${Math.round(progress * 100)}%`}
          percent={Math.round(progress * 100)}
          size="small"
          showInfo={false}
          strokeColor={progress >= 1 ? '#52c41a' : '#f5a623'}
        />
      )}
      {f.caption && <div className="caption">{f.caption}</div>}
      {option && (
        <ReactEChartsCore
          echarts={echarts}
          option={option}
          notMerge
          style={{ height: 150 }}
          opts={{ renderer: 'canvas' }}
        />
      )}
      {f.kind === 'list' && (
        <ol className="items">
          {(f.items ?? []).slice(0, 8).map((i) => (
            <li
              key={i.label}
              onClick={(e) => {
                if (!i.href) return;
                e.stopPropagation();
                navigate(i.href);
              }}
              className={i.href ? 'drill' : undefined}
            >
              <span>{i.label}</span>
              <span>
                {formatValue(i.value, i.unit ?? '', lang)}
                {i.unit && i.unit !== '%' ? i.unit : ''}
                {i.note && <em> {i.note}</em>}
              </span>
            </li>
          ))}
          {!f.items?.length && <li className="empty">{t('暂无数据', 'No data')}</li>}
        </ol>
      )}
      <Tooltip title={t('点击打开数据来源页面', 'Click to open the page this figure comes from')}>
        <footer data-testid="figure-source">
          {t('来源', 'Source')}: {pick(f.source.label)} · {formatAsOf(f.source.asOf)}
          {f.source.simulated ? ` · ${t('模拟数据', 'simulated')}` : ''}
        </footer>
      </Tooltip>
    </section>
  );
}
