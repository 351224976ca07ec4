import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Input, Progress, Row, Statistic, Table, Typography } from 'antd';
import { COMMUNITY_FACTS, type CoverageRow } from '@zhicheng/contracts/communities';
import { useProvince } from '../../api/province';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/PageHeader';
import { RegionMap } from '../../components/RegionMap';
import { useCoverage } from './api';
import { COVERAGE_PIECES, pct } from './labels';

type Sums = Pick<
  CoverageRow,
  'units' | 'residentsCommittees' | 'registered' | 'basic' | 'growth' | 'benchmark' | 'smart'
>;
const add = (a: Sums, b: Sums): Sums => ({
  units: a.units + b.units,
  residentsCommittees: a.residentsCommittees + b.residentsCommittees,
  registered: a.registered + b.registered,
  basic: a.basic + b.basic,
  growth: a.growth + b.growth,
  benchmark: a.benchmark + b.benchmark,
  smart: a.smart + b.smart,
});
const ZERO: Sums = { units: 0, residentsCommittees: 0, registered: 0, basic: 0, growth: 0, benchmark: 0, smart: 0 };

/** Coverage of smart communities against the real universe of residents' committees, by city and county. */
export function CoverageTab({ root }: { root: string }) {
  const { t } = useI18n();
  const province = useProvince();
  const [city, setCity] = useState<{ code: string; name: string } | null>(null);
  const [filter, setFilter] = useState('');
  const coverage = useCoverage(root);
  const data = coverage.data;
  const isProvince = province?.code === root;

  // The map shows cities at province level (their counties summed) and counties inside a city.
  const values = useMemo(() => {
    if (!data) return {};
    const mapCode = city?.code ?? root;
    if (isProvince && !city) {
      const byCity = new Map<string, Sums>();
      for (const r of data.counties) byCity.set(r.cityCode, add(byCity.get(r.cityCode) ?? ZERO, r));
      return Object.fromEntries(
        [...byCity].map(([c, s]) => [c, s.residentsCommittees ? s.smart / s.residentsCommittees : 0]),
      );
    }
    return Object.fromEntries(
      data.counties
        .filter((r) => r.cityCode === mapCode || r.countyCode === mapCode)
        .map((r) => [r.countyCode, r.coverage ?? 0]),
    );
  }, [data, city, root, isProvince]);

  if (!data) return <Card loading={coverage.isLoading} />;
  const tot = data.totals;
  const basicGrowth = tot.basic + tot.growth;
  const rows = data.counties.filter(
    (r) =>
      (!city || r.cityCode === city.code) && (!filter || r.countyName.includes(filter) || r.cityName.includes(filter)),
  );
  const mapRoot = city?.code ?? (root.endsWith('00') ? root : null);

  return (
    <>
      {data.demo && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t(
            '示例数据:智慧社区名单与分型为演示生成,并非官方认定结果;社区总数取自国家统计局统计用区划代码。',
            'Sample data: which communities are smart and their tiers are generated for the demo, not official; the universe of communities is the national statistics division list.',
          )}
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('村级单位(居委会+村委会)', 'Village-level units')} value={tot.units} />
            <Typography.Text type="secondary">
              {t('其中居委会', 'residents’ committees')} {tot.residentsCommittees}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={
                <>
                  {t('智慧社区', 'Smart communities')} {data.demo && <SampleTag />}
                </>
              }
              value={tot.smart}
              suffix={
                <small>
                  / {t('覆盖率', 'coverage')} {pct(tot.coverage)}
                </small>
              }
            />
            <Typography.Text type="secondary">
              {t('已登记', 'registered')} {tot.registered}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="progress-basic-growth">
            <Typography.Text>
              {t('基础型+成长型 / 目标', 'Basic + growth / target')} {basicGrowth} / {data.targets.basicGrowth}
            </Typography.Text>
            <Progress
              aria-label={t('基础型+成长型 / 目标', 'Basic + growth / target')}
              percent={Math.round((basicGrowth / data.targets.basicGrowth) * 1000) / 10}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Typography.Text>
              {t('标杆型 / 目标', 'Benchmark / target')} {tot.benchmark} / {data.targets.benchmark}
            </Typography.Text>
            <Progress
              aria-label={t('标杆型 / 目标', 'Benchmark / target')}
              percent={Math.round((tot.benchmark / data.targets.benchmark) * 1000) / 10}
              strokeColor="#d4380d"
            />
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t(
          `公开数字:全省智慧社区 ${COMMUNITY_FACTS.smartPublished} 个,其中标杆型 ${COMMUNITY_FACTS.benchmarkPublished} 个(2024年9月);目标约3500个基础型/成长型、约50个标杆型。覆盖率 = 智慧社区数 ÷ 居委会数。数据来源:${data.source}。`,
          `Published: ${COMMUNITY_FACTS.smartPublished} smart communities, ${COMMUNITY_FACTS.benchmarkPublished} benchmark (Sept 2024); targets about 3,500 basic/growth and 50 benchmark. Coverage = smart communities ÷ residents’ committees. Universe: ${data.source}.`,
        )}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          {mapRoot && (
            <Card
              size="small"
              title={t('覆盖率地图', 'Coverage map')}
              extra={
                city && (
                  <Button size="small" onClick={() => setCity(null)}>
                    {t('返回全省', 'Back to province')}
                  </Button>
                )
              }
            >
              <div data-testid="communities-map">
                <RegionMap
                  code={mapRoot}
                  values={values}
                  visual={{ pieces: COVERAGE_PIECES }}
                  tooltip={(_c, name, v) => `${name}: ${pct(v)}`}
                  onDrill={(code, name) => {
                    if (isProvince && code !== root && /^\d{4}00$/.test(code)) setCity({ code, name });
                  }}
                  height={420}
                />
              </div>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={mapRoot ? 12 : 24}>
          <Card
            size="small"
            title={t('各县(市、区)覆盖', 'Coverage by county')}
            extra={
              <Input.Search
                allowClear
                size="small"
                placeholder={t('按市县名称筛选', 'Filter by name')}
                onSearch={setFilter}
                style={{ width: 180 }}
              />
            }
          >
            <Table<CoverageRow>
              rowKey="countyCode"
              size="small"
              dataSource={rows}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              columns={[
                { title: t('市', 'City'), dataIndex: 'cityName' },
                { title: t('县(市、区)', 'County'), dataIndex: 'countyName' },
                {
                  title: t('居委会', 'Committees'),
                  dataIndex: 'residentsCommittees',
                  sorter: (a, b) => a.residentsCommittees - b.residentsCommittees,
                },
                { title: t('基础型', 'Basic'), dataIndex: 'basic' },
                { title: t('成长型', 'Growth'), dataIndex: 'growth' },
                { title: t('标杆型', 'Benchmark'), dataIndex: 'benchmark' },
                {
                  title: t('覆盖率', 'Coverage'),
                  dataIndex: 'coverage',
                  defaultSortOrder: 'descend',
                  sorter: (a, b) => (a.coverage ?? 0) - (b.coverage ?? 0),
                  render: (v: number | null) => pct(v),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
