import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, InputNumber, List, Row, Select, Space, Statistic, Table, Tag, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import type { MapPoint } from '@zhicheng/contracts/compute-network';
import { useProvince } from '../../api/province';
import { useRegionFilter } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { useAlerts, useMapData, useModels, useStatistics } from './api';
import { ComputeMap } from './ComputeMap';
import { fmt, utilColor, ZoneTag } from './common';
import { ActionLink } from '../../components/ActionLink';

export default function ComputeMapPage() {
  const { t, lang } = useI18n();
  const nav = useNavigate();
  const province = useProvince();
  const [city, setCity] = useState<{ code: string; name: string } | null>(null);
  const [zoneId, setZoneId] = useState<string>();
  const [modelId, setModelId] = useState<string>();
  const [origin, setOrigin] = useState<'domestic' | 'imported'>();
  const [minFree, setMinFree] = useState<number | null>(null);
  const [period, setPeriod] = useState<string>();

  // A city clicked on the map narrows the header's region (当前区划); without one the page shows the header's region.
  const region = useRegionFilter();
  const cityCode = city?.code ?? region;
  const stats = useStatistics({ period, cityCode });
  const map = useMapData({ cityCode, zoneId, modelId, origin, minFreeRacks: minFree ?? undefined });
  const models = useModels();
  const alerts = useAlerts({ cityCode });
  const h = stats.data?.headline;
  const simulated = !!(stats.data?.simulated || map.data?.simulated);
  const cities = useMemo(() => stats.data?.byCity ?? [], [stats.data]);
  const alertCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const a of alerts.data?.items ?? []) m.set(a.kind, (m.get(a.kind) ?? 0) + 1);
    return m;
  }, [alerts.data]);
  const [alertKind, setAlertKind] = useState<string>();
  const ALERT_NAMES: Record<string, string> = {
    report_stale: t('报告逾期', 'Report overdue'),
    metrics_stale: t('指标中断', 'Metrics stale'),
    pue_above_limit: t('PUE 超限', 'PUE above limit'),
    utilisation_anomaly: t('利用率异常', 'Utilisation anomaly'),
  };

  return (
    <div>
      <PageHeader
        title={
          <>
            {t('算力地图', 'Compute map')} {simulated && <SampleTag en={lang === 'en'} />}
          </>
        }
        sub={t(
          '全省一体化算力网 “2+5+N”:核心区、集聚区、边缘节点;数据来自已审核的纳统月报与注册信息,算力由设备型号峰值计算',
          'The "2+5+N" compute network: core zones, cluster zones, edge nodes; figures from approved monthly reports and the registry, compute computed from device peaks',
        )}
        extra={
          <Select
            aria-label={t('统计月份', 'Month')}
            data-testid="period-select"
            style={{ width: 140 }}
            placeholder={t('统计月份', 'Month')}
            value={period ?? stats.data?.period ?? undefined}
            onChange={setPeriod}
            options={(stats.data?.trend ?? []).map((p) => ({ value: p.period, label: p.period })).reverse()}
          />
        }
      />
      {simulated && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t(
            '示例数据:数据中心、运营单位与数值均为模拟,按 2024 年 7 月公开数据校准,并非官方统计',
            'Simulated data: centres, operators and figures are made up, calibrated to the published July 2024 totals; not official statistics',
          )}
        />
      )}
      {stats.error && <Alert type="error" message={problemText(stats.error, lang)} />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="compute-headline">
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic
              title={t('在用标准机架', 'Racks in use')}
              value={h?.racksInUse ?? 0}
              groupSeparator=","
              valueStyle={{ fontSize: 20 }}
            />
            <span data-testid="stat-racks" style={{ display: 'none' }}>
              {h?.racksInUse}
            </span>
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic
              title={t('总算力 EFLOPS', 'Total EFLOPS')}
              value={h?.totalEflops ?? 0}
              precision={2}
              valueStyle={{ fontSize: 20 }}
            />
            <span data-testid="stat-total" style={{ display: 'none' }}>
              {h?.totalEflops}
            </span>
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic
              title={t('智能算力 EFLOPS', 'AI EFLOPS')}
              value={h?.aiEflops ?? 0}
              precision={2}
              suffix={<span style={{ fontSize: 12 }}>({fmt(h?.aiSharePct, 0)}%)</span>}
              valueStyle={{ fontSize: 20 }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic
              title={t('核心+集聚区 机架占比', 'Core+cluster racks')}
              value={h?.coreClusterRackSharePct ?? 0}
              precision={2}
              suffix="%"
              valueStyle={{ fontSize: 20 }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic
              title={t('核心+集聚区 算力占比', 'Core+cluster compute')}
              value={h?.coreClusterComputeSharePct ?? 0}
              precision={2}
              suffix="%"
              valueStyle={{ fontSize: 20 }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic
              title={t('千卡 / 万卡集群', '1k / 10k clusters')}
              value={`${h?.clusters1k ?? 0} / ${h?.clusters10k ?? 0}`}
              valueStyle={{ fontSize: 20 }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic
              title={t('平均 PUE', 'Average PUE')}
              value={h?.averagePue ?? 0}
              precision={2}
              valueStyle={{ fontSize: 20 }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic
              title={t('算力利用率', 'Compute utilisation')}
              value={h?.computeUtilisationPct ?? 0}
              precision={1}
              suffix="%"
              valueStyle={{ fontSize: 20 }}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card
            title={
              <Space>
                {city ? (
                  <>
                    <ActionLink onClick={() => setCity(null)}>{province?.name}</ActionLink> / {city.name}
                  </>
                ) : (
                  province?.name
                )}
                <Tag>{t(`${map.data?.points.length ?? 0} 个数据中心`, `${map.data?.points.length ?? 0} centres`)}</Tag>
              </Space>
            }
          >
            <div style={{ marginBottom: 8 }}>
              <Space wrap>
                <Select
                  aria-label={t('设区市', 'City')}
                  data-testid="filter-city"
                  allowClear
                  style={{ width: 110 }}
                  placeholder={t('设区市', 'City')}
                  value={city?.code}
                  onChange={(c) => setCity(c ? { code: c, name: cities.find((x) => x.code === c)?.name ?? c } : null)}
                  options={cities.map((c) => ({ value: c.code, label: c.name }))}
                />
                <Select
                  aria-label={t('分区', 'Zone')}
                  allowClear
                  style={{ width: 150 }}
                  placeholder={t('分区', 'Zone')}
                  value={zoneId}
                  onChange={setZoneId}
                  options={(map.data?.zones ?? []).map((z) => ({ value: z.id, label: z.name }))}
                />
                <Select
                  aria-label={t('加速卡型号', 'Accelerator')}
                  data-testid="filter-model"
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 170 }}
                  placeholder={t('加速卡型号', 'Accelerator')}
                  value={modelId}
                  onChange={setModelId}
                  options={(models.data?.items ?? [])
                    .filter((m) => m.kind === 'accelerator')
                    .map((m) => ({ value: m.id, label: `${m.vendor} ${m.name}` }))}
                />
                <Select
                  aria-label={t('国产/进口', 'Origin')}
                  data-testid="filter-origin"
                  allowClear
                  style={{ width: 110 }}
                  placeholder={t('国产/进口', 'Origin')}
                  value={origin}
                  onChange={setOrigin}
                  options={[
                    { value: 'domestic', label: t('国产', 'Domestic') },
                    { value: 'imported', label: t('进口', 'Imported') },
                  ]}
                />
                <InputNumber
                  aria-label={t('空闲机架 ≥', 'Free racks ≥')}
                  data-testid="filter-free"
                  min={0}
                  style={{ width: 130 }}
                  placeholder={t('空闲机架 ≥', 'Free racks ≥')}
                  value={minFree}
                  onChange={(v) => setMinFree(v)}
                />
              </Space>
            </div>
            {province && (
              <ComputeMap
                code={city?.code ?? province.code}
                points={map.data?.points ?? []}
                zones={map.data?.zones ?? []}
                onCity={(code, name) => code !== province.code && setCity({ code, name })}
                onCentre={(id) => nav(`/compute/data-centres/${id}`)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            title={t('告警', 'Alerts')}
            size="small"
            data-testid="compute-alerts"
            extra={
              <Space size={4} wrap>
                {[...alertCounts].map(([k, n]) => (
                  <Tag.CheckableTag key={k} checked={alertKind === k} onChange={(c) => setAlertKind(c ? k : undefined)}>
                    {ALERT_NAMES[k]} {n}
                  </Tag.CheckableTag>
                ))}
              </Space>
            }
          >
            <List
              size="small"
              loading={alerts.isLoading}
              dataSource={(alerts.data?.items ?? []).filter((a) => !alertKind || a.kind === alertKind)}
              pagination={{ pageSize: 8, size: 'small' }}
              locale={{ emptyText: t('暂无告警', 'No alerts') }}
              renderItem={(a) => (
                <List.Item>
                  <div>
                    <Tag
                      color={
                        a.kind === 'pue_above_limit' ? 'red' : a.kind === 'utilisation_anomaly' ? 'purple' : 'orange'
                      }
                    >
                      {ALERT_NAMES[a.kind]}
                    </Tag>
                    <ActionLink onClick={() => nav(`/compute/data-centres/${a.dataCentreId}`)}>
                      {a.dataCentreName}
                    </ActionLink>
                    <div style={{ color: '#666', fontSize: 12 }}>{a.message[lang]}</div>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
      <Card
        style={{ marginTop: 12 }}
        title={t('数据中心', 'Data centres')}
        extra={<Button onClick={() => nav('/compute/data-centres')}>{t('全部登记信息', 'Registry')}</Button>}
      >
        <Table<MapPoint>
          data-testid="map-table"
          size="small"
          rowKey="id"
          loading={map.isLoading}
          dataSource={map.data?.points ?? []}
          pagination={{ pageSize: 10, showTotal: (n) => t(`共 ${n} 个`, `${n} in all`) }}
          onRow={(r) => ({ onClick: () => nav(`/compute/data-centres/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('名称', 'Name'), dataIndex: 'name' },
            { title: t('分区', 'Zone'), dataIndex: 'zoneType', width: 100, render: (z) => <ZoneTag type={z} /> },
            {
              title: t('设计机架', 'Design racks'),
              dataIndex: 'designRacks',
              align: 'right',
              sorter: (a, b) => a.designRacks - b.designRacks,
            },
            { title: t('在用机架', 'In use'), dataIndex: 'racksInUse', align: 'right' },
            {
              title: t('空闲', 'Free'),
              dataIndex: 'freeRacks',
              align: 'right',
              sorter: (a, b) => a.freeRacks - b.freeRacks,
            },
            {
              title: 'PFLOPS',
              dataIndex: 'totalPflops',
              align: 'right',
              render: (v) => fmt(v, 1),
              sorter: (a, b) => a.totalPflops - b.totalPflops,
              defaultSortOrder: 'descend',
            },
            {
              title: t('智能 PFLOPS', 'AI PFLOPS'),
              dataIndex: 'intelligentPflops',
              align: 'right',
              render: (v) => fmt(v, 1),
            },
            {
              title: t('利用率', 'Util.'),
              dataIndex: 'utilisationPct',
              align: 'right',
              render: (v: number | null) => (
                <Tooltip title={t('最近一次已审核月报', 'latest approved report')}>
                  <span style={{ color: utilColor(v) }}>{v === null ? '—' : `${v}%`}</span>
                </Tooltip>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
