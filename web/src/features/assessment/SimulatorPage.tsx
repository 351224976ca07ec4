import { useState } from 'react';
import { App, Button, Card, Col, InputNumber, Row, Select, Table } from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import { ROLE_LEVEL } from '@zhicheng/contracts';
import type { Indicator, SimulateResponse } from '@zhicheng/contracts/assessment';
import { useProblemHandler } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useCampaigns, useCatalogue, useCatalogues, useFetchRegionSubmission, useSimulate } from './api';
import { SampleHint } from './components/labels';
import { SimulationResult } from './simulator/SimulationResult';

/** 达星模拟: try values and see the level, and the cheapest set of improvements to the next level (HiGHS). */
export default function SimulatorPage() {
  const { t } = useI18n();
  const { region, me } = useAuth();
  const { message } = App.useApp();
  const problem = useProblemHandler();
  const cats = useCatalogues();
  // By default the catalogue of the level the user works at: a county's, or else a city's.
  const level = me?.roles.find((r) => r.regionCode === region)?.role;
  const myLevel = level ? ROLE_LEVEL[level] : null;
  const [catId, setCatId] = useState<string | null>(null);
  const items = cats.data?.items ?? [];
  const cid =
    catId ?? (items.find((c) => c.level === (myLevel === 'county' ? 'county' : 'city')) ?? items[0])?.id ?? null;
  const cat = useCatalogue(cid);
  const campaigns = useCampaigns();
  const fetchSubmission = useFetchRegionSubmission();
  const simulate = useSimulate();
  const [values, setValues] = useState<Record<string, number | null>>({});
  const [result, setResult] = useState<SimulateResponse | null>(null);

  const loadMine = async () => {
    const camp = campaigns.data?.items[0];
    if (!camp || !region) return;
    try {
      const sub = await fetchSubmission(camp.id, region);
      setCatId(sub.catalogueId);
      setValues(Object.fromEntries(Object.entries(sub.values).map(([k, v]) => [k, v.value ?? null])));
      message.success(t('已载入本地区填报数据', 'Loaded your region’s values'));
    } catch (e) {
      problem(e);
    }
  };
  const run = () => {
    if (!cid) return;
    const entered = Object.entries(values).filter((e): e is [string, number] => e[1] !== null && e[1] !== undefined);
    simulate.mutate({ catalogueId: cid, values: Object.fromEntries(entered) }, { onSuccess: setResult });
  };
  const apply = () => {
    if (!result?.gapToNext) return;
    setValues((v) => ({ ...v, ...Object.fromEntries(result.gapToNext!.improvements.map((i) => [i.code, i.to])) }));
  };
  const byCode = new Map((cat.data?.indicators ?? []).map((i) => [i.code, i]));

  return (
    <div>
      <PageHeader
        title={
          <>
            {t('达星模拟', 'Star simulator')} <SampleHint sample />
          </>
        }
        sub={t(
          '输入指标值,测算星级,并用优化求解(HiGHS)给出达到下一星级的最小改进组合',
          'Enter values, see the level, and the cheapest improvements to the next level, solved with HiGHS',
        )}
        extra={
          <>
            <Select
              aria-label={t('指标体系', 'Catalogue')}
              style={{ width: 360 }}
              value={cid ?? undefined}
              onChange={(v) => {
                setCatId(v);
                setResult(null);
              }}
              options={items.map((c) => ({ value: c.id, label: `${c.name} v${c.version}` }))}
            />
            {region && <Button onClick={() => void loadMine()}>{t('载入本地区数据', 'Load my region')}</Button>}
            <Button
              type="primary"
              icon={<ThunderboltOutlined />}
              loading={simulate.isPending}
              onClick={run}
              data-testid="simulate"
            >
              {t('测算', 'Simulate')}
            </Button>
          </>
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card size="small">
            <Table<Indicator>
              size="small"
              rowKey="code"
              dataSource={cat.data?.indicators ?? []}
              pagination={{ pageSize: 15 }}
              columns={[
                { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
                { title: t('指标', 'Indicator'), dataIndex: 'name' },
                {
                  title: t('阈值', 'Thresholds'),
                  width: 150,
                  render: (_, i) => (
                    <span style={{ fontSize: 12 }}>
                      {i.direction === 'lower' ? '≤' : '≥'} {i.thresholds.join('/')}
                    </span>
                  ),
                },
                {
                  title: t('值', 'Value'),
                  width: 120,
                  render: (_, i) => (
                    <InputNumber
                      size="small"
                      aria-label={`${i.name}(${i.code})`}
                      value={values[i.code] ?? null}
                      onChange={(v) => setValues((x) => ({ ...x, [i.code]: v === null ? null : Number(v) }))}
                      data-testid={`sim-${i.code}`}
                    />
                  ),
                },
                {
                  title: '★',
                  width: 50,
                  render: (_, i) => result?.indicators.find((o) => o.code === i.code)?.stars ?? '',
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          {result && <SimulationResult result={result} policy={cat.data?.policy} byCode={byCode} onApply={apply} />}
        </Col>
      </Row>
    </div>
  );
}
