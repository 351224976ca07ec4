import { useEffect, useMemo, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Breadcrumb, Button, Segmented, Select, Spin } from 'antd';
import type { Figure, Layer } from '@zhicheng/contracts/screen';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useProvince } from '../../api/province';
import { RegionMap } from '../../components/RegionMap';
import { loadBoundaries } from '../../components/mapSource';
import { problemText } from '../../components/problem';
import { useLiveOverview, useOverview, useThemes } from './api';
import { Warnings } from './components/Warnings';
import { Widget } from './components/Widget';
import { formatAsOf, formatValue } from './format';
import './screen.css';

const STAR_PIECES = [
  { value: 1, label: '1★', color: '#6b7a90' },
  { value: 2, label: '2★', color: '#4f86c6' },
  { value: 3, label: '3★', color: '#2fb3a6' },
  { value: 4, label: '4★', color: '#f5a623' },
  { value: 5, label: '5★', color: '#f5222d' },
];

const STATUS_PIECES = [
  { value: 3, label: '在线', color: '#52c41a' },
  { value: 2, label: '延迟', color: '#f5a623' },
  { value: 1, label: '离线', color: '#f5222d' },
  { value: 0, label: '未接入', color: '#6b7a90' },
];

/**
 * 一屏看山东: the province (or a city, or a county) on one screen. Laid out for a 1920×1080 wall, stacked on a
 * phone. The theme chooses the widgets and their order; the map's layer is picked here; figures arrive live.
 */
export default function ScreenPage() {
  const { me, loading, region: chosen } = useAuth();
  const { t, pick, lang, setLang } = useI18n();
  const province = useProvince();
  const params = useParams();
  const loc = useLocation();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  // /screen opens the region chosen in the header (a county official's own county), /screen/<code> that region.
  const region = params.region ?? chosen ?? province?.code ?? null;
  // A province's or city's boundaries are fetched beside its figures, not after them (the map waits for both).
  useEffect(() => {
    if (region?.endsWith('00')) loadBoundaries(region).catch(() => undefined);
  }, [region]);
  const overview = useOverview(me ? region : null);
  const themes = useThemes(me ? region : null);
  const live = useLiveOverview(me ? region : null);
  const [layerKey, setLayerKey] = useState<string | null>(null);

  const theme = useMemo(() => {
    const chosen = search.get('theme');
    return themes.data?.items.find((x) => (x.id ?? 'builtin') === chosen) ?? themes.data?.active;
  }, [themes.data, search]);

  const figures = useMemo<Figure[]>(() => {
    const o = overview.data;
    if (!o) return [];
    if (!theme) return o.figures;
    const byKey = new Map(o.figures.map((f) => [f.key, f]));
    return theme.widgets.flatMap((k) => byKey.get(k) ?? []);
  }, [overview.data, theme]);

  const layers = useMemo<Layer[]>(() => {
    const all = overview.data?.layers ?? [];
    if (!theme) return all;
    return theme.layers.flatMap((k) => all.find((l) => l.key === k) ?? []);
  }, [overview.data, theme]);
  const layer = layers.find((l) => l.key === layerKey) ?? layers[0];

  if (loading) return <Spin fullscreen />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} replace />;

  const o = overview.data;
  // Stat tiles first on the left, charts and lists on the right; what does not fit scrolls inside its column.
  const half = Math.ceil(figures.length / 2);
  const left = figures.slice(0, half);
  const right = figures.slice(half);
  const hasValues = layer && Object.keys(layer.values).length > 0;

  return (
    <div className="zc-screen" data-testid="screen" data-version={o?.version ?? ''}>
      <header className="zc-screen-head">
        <div className="brand">
          <h1>
            {t('一屏看山东', 'Shandong on one screen')}
            {o && o.region.level !== 'province' ? ` · ${o.region.name}` : ''}
          </h1>
          {o && (
            <Breadcrumb
              className="trail"
              items={o.region.trail.map((x, i) => ({
                title:
                  i < o.region.trail.length - 1 ? (
                    <Link to={`/screen/${x.code}${loc.search}`}>{x.name}</Link>
                  ) : (
                    <span>{x.name}</span>
                  ),
              }))}
            />
          )}
        </div>
        <div className="controls">
          {o?.simulated && (
            <span className="zc-sample-tag" data-testid="screen-simulated">
              {t('含示例数据,非官方统计', 'Includes sample data, not official')}
            </span>
          )}
          <span className={`live ${live}`} data-testid="live-state" data-state={live}>
            ●{' '}
            {live === 'live'
              ? t('实时', 'Live')
              : live === 'connecting'
                ? t('连接中', 'Connecting')
                : t('离线', 'Offline')}
          </span>
          {o && <span className="time">{formatAsOf(o.generatedAt)}</span>}
          <Select
            size="small"
            style={{ minWidth: 160 }}
            aria-label={t('主题', 'Theme')}
            data-testid="theme-select"
            value={theme ? (theme.id ?? 'builtin') : undefined}
            options={(themes.data?.items ?? []).map((x) => ({ value: x.id ?? 'builtin', label: x.name }))}
            onChange={(v) => setSearch((s) => (s.set('theme', v), s))}
          />
          <Button size="small" ghost data-testid="open-forecasts" onClick={() => navigate('/screen/forecasts')}>
            {t('趋势预测', 'Forecasts')}
          </Button>
          <Button size="small" ghost onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'EN' : '中文'}
          </Button>
          <Button size="small" ghost onClick={() => navigate('/')}>
            {t('返回', 'Back')}
          </Button>
        </div>
      </header>
      {overview.error ? (
        <Alert type="error" showIcon message={problemText(overview.error, lang)} style={{ margin: 24 }} />
      ) : !o ? (
        <div className="zc-screen-loading">
          <Spin size="large" />
        </div>
      ) : (
        <main className="zc-screen-body">
          <div className="col left" data-testid="screen-left">
            {left.map((f) => (
              <Widget key={f.key} figure={f} />
            ))}
          </div>
          <div className="centre">
            <div className="layers">
              <Segmented
                size="small"
                data-testid="layer-switch"
                value={layer?.key}
                options={layers.map((l) => ({ value: l.key, label: pick(l.title) }))}
                onChange={(v) => setLayerKey(String(v))}
              />
            </div>
            <RegionMap
              code={o.mapCode}
              values={hasValues ? layer.values : undefined}
              visual={
                layer?.scale === 'stars'
                  ? { pieces: STAR_PIECES }
                  : layer?.scale === 'status'
                    ? { pieces: STATUS_PIECES }
                    : {
                        colors: ['#12335e', '#3aa0ff', '#9be7ff'],
                        max: Math.max(1, ...Object.values(layer?.values ?? {})),
                      }
              }
              tooltip={(code, name, v) =>
                `${name}${code === o.region.code ? ` (${t('当前', 'here')})` : ''}<br/>${layer ? pick(layer.title) : ''}: ${
                  v === undefined ? '—' : formatValue(v, layer?.unit === '★' ? '' : '', lang)
                }${layer?.unit ?? ''}`
              }
              onDrill={(code) => {
                // A county's map is its city's: clicking it opens that county (drilling ends at county level).
                if (code !== o.region.code) navigate(`/screen/${code}${loc.search}`);
              }}
              height={typeof window !== 'undefined' && window.innerWidth < 900 ? 380 : 720}
            />
            <Warnings warnings={o.warnings} region={o.region.code} />
            {layer && (
              <Link className="layer-source" data-testid="layer-source" to={layer.source.href}>
                {t('图层来源', 'Layer source')}: {pick(layer.source.label)} · {formatAsOf(layer.source.asOf)}
                {layer.source.simulated ? ` · ${t('模拟数据', 'simulated')}` : ''}
                {!hasValues ? ` · ${t('本级无此图层数据', 'no values at this level')}` : ''}
              </Link>
            )}
          </div>
          <div className="col right" data-testid="screen-right">
            {right.map((f) => (
              <Widget key={f.key} figure={f} />
            ))}
          </div>
        </main>
      )}
    </div>
  );
}
