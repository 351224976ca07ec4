import { useState } from 'react';
import { Button, Card } from 'antd';
import { useProvince } from '../../../api/province';
import { useI18n } from '../../../app/i18n';
import { RegionMap } from '../../../components/RegionMap';
import { useResults } from '../api';
import { STAR_PIECES } from '../components/labels';

/** 星级地图: the province's cities by published stars; a city drills into its counties. */
export function StarMapCard({ year }: { year: number }) {
  const { t } = useI18n();
  const province = useProvince();
  const [city, setCity] = useState<{ code: string; name: string } | null>(null);
  const results = useResults(city ? { year, level: 'county', parent: city.code } : { year, level: 'city' });
  const values = Object.fromEntries((results.data?.items ?? []).map((r) => [r.regionCode, r.stars]));
  if (!province) return <Card title={t('星级地图', 'Star map')} loading />;
  const top = { code: province.code, name: province.name };
  // A city of this province: same first two digits, ends in 00, and not the province itself.
  const isCity = (code: string) =>
    code !== province.code && code.startsWith(province.code.slice(0, 2)) && /^\d{4}00$/.test(code);
  return (
    <Card
      title={t('星级地图', 'Star map')}
      extra={
        city && (
          <Button size="small" onClick={() => setCity(null)}>
            {t('返回全省', 'Back to province')}
          </Button>
        )
      }
    >
      <div data-testid="assessment-map">
        <RegionMap
          code={city?.code ?? province.code}
          trail={city ? [top, city] : [top]}
          values={values}
          visual={{ pieces: STAR_PIECES }}
          tooltip={(_code, name, v) => `${name}: ${v ? `${v}★` : t('无结果', 'no result')}`}
          onDrill={(code, name) => {
            if (code === province.code) setCity(null);
            else if (isCity(code)) setCity({ code, name });
          }}
          height={460}
        />
      </div>
    </Card>
  );
}
