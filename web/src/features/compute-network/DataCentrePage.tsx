import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Modal,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import type { EChartsOption } from 'echarts';
import { COMPUTE_PERMISSIONS as P, LIVE_METRICS, type Report } from '@zhicheng/contracts/compute-network';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { echarts, ReactEChartsCore } from '../../components/charts';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { useCentre, useCentreMetrics, useIssueToken, useReports } from './api';
import { fmt, StatusTag, ZoneTag } from './common';
import { ReportForm } from './ReportForm';

export default function DataCentrePage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const nav = useNavigate();
  const [token, setToken] = useState<string | null>(null);
  const dc = useCentre(id);
  const reports = useReports({ dataCentreId: id, pageSize: 36 });
  const metrics = useCentreMetrics(id);
  const issueToken = useIssueToken();

  const trend = useMemo<EChartsOption | null>(() => {
    const rs = (reports.data?.items ?? [])
      .filter((r) => r.status === 'approved')
      .sort((a, b) => a.period.localeCompare(b.period));
    if (!rs.length) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 60, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: rs.map((r) => r.period) },
      yAxis: [
        { type: 'value', name: t('机架', 'Racks') },
        { type: 'value', name: '%', max: 100 },
      ],
      series: [
        {
          name: t('在用机架', 'Racks in use'),
          type: 'bar',
          data: rs.map((r) => r.racksInUse),
          itemStyle: { color: '#5b8ff9' },
        },
        {
          name: t('利用率 %', 'Utilisation %'),
          type: 'line',
          yAxisIndex: 1,
          data: rs.map((r) => r.utilisationPct),
          itemStyle: { color: '#f6bd16' },
        },
        {
          name: 'PUE×50',
          type: 'line',
          yAxisIndex: 1,
          data: rs.map((r) => Math.round(r.measuredPue * 50 * 10) / 10),
          itemStyle: { color: '#e8684a' },
          lineStyle: { type: 'dashed' },
        },
      ],
    };
  }, [reports.data, t]);

  const gpuChart = useMemo<EChartsOption | null>(() => {
    const util = (metrics.data?.series ?? []).filter((s) => s.labels.__name__ === LIVE_METRICS.gpuUtil);
    if (!util.length) return null;
    const byT = new Map<string, number[]>();
    for (const s of util) for (const p of s.points) byT.set(p.t, [...(byT.get(p.t) ?? []), p.avg]);
    const ts = [...byT.keys()].sort();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 30 },
      xAxis: {
        type: 'category',
        data: ts.map((x) =>
          new Date(x).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' }),
        ),
      },
      yAxis: { type: 'value', max: 100, name: '%' },
      series: [
        {
          type: 'line',
          smooth: true,
          areaStyle: { opacity: 0.15 },
          data: ts.map((x) => Math.round((byT.get(x)!.reduce((a, b) => a + b, 0) / byT.get(x)!.length) * 10) / 10),
        },
      ],
    };
  }, [metrics.data, lang]);

  const issue = () => issueToken.mutate(id, { onSuccess: (r) => setToken(r.token) });

  if (dc.error) return <Alert type="error" message={problemText(dc.error, lang)} />;
  const c = dc.data;
  if (!c) return <Card loading />;
  const live = metrics.data?.live;
  return (
    <div>
      <PageHeader
        title={
          <span data-testid="centre-name">
            {c.name} {c.simulated && <SampleTag en={lang === 'en'} />}
          </span>
        }
        sub={`${c.operatorName} · ${c.cityName} ${c.countyName} · ${c.address}`}
        extra={
          <>
            <Button onClick={() => nav('/compute')}>{t('返回地图', 'Back to map')}</Button>
            {(can(P.report) || can(P.manage)) && (
              <Button icon={<KeyOutlined />} onClick={issue} data-testid="issue-token">
                {t('生成接入令牌', 'Issue ingest token')}
              </Button>
            )}
          </>
        }
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={10}>
          <Card title={t('登记信息', 'Registry')} size="small">
            <Descriptions
              size="small"
              column={2}
              items={[
                {
                  label: t('分区', 'Zone'),
                  children: (
                    <>
                      {c.zoneName ?? '—'} <ZoneTag type={c.zoneType} />
                    </>
                  ),
                },
                { label: t('状态', 'Status'), children: c.status },
                { label: t('设计机架', 'Design racks'), children: fmt(c.designRacks, 0) },
                {
                  label: t('在用机架', 'Racks in use'),
                  children: <span data-testid="centre-racks">{c.racksInUse}</span>,
                },
                { label: t('电力容量', 'Power'), children: `${fmt(c.powerCapacityKw / 1000, 1)} MW` },
                { label: t('设计 PUE', 'Design PUE'), children: c.designPue },
                { label: t('存储', 'Storage'), children: `${fmt(c.storagePb, 1)} PB` },
                { label: t('最近月报', 'Last report'), children: c.lastReportPeriod ?? '—' },
                { label: t('坐标', 'Location'), children: `${c.lng}, ${c.lat}` },
                {
                  label: t('指标接入', 'Metrics'),
                  children: c.lastIngestAt ? new Date(c.lastIngestAt).toLocaleString() : t('未接入', 'none'),
                },
              ]}
            />
          </Card>
          <Card
            title={t('算力(按设备型号峰值计算)', 'Compute (from device peaks)')}
            size="small"
            style={{ marginTop: 12 }}
          >
            <Row gutter={8}>
              <Col span={6}>
                <Statistic
                  title={t('总算力', 'Total')}
                  value={c.capacity.totalPflops}
                  precision={1}
                  suffix="PF"
                  valueStyle={{ fontSize: 18 }}
                />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('通用 FP32', 'General FP32')}
                  value={c.capacity.generalPflops}
                  precision={1}
                  valueStyle={{ fontSize: 18 }}
                />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('智能 FP16', 'AI FP16')}
                  value={c.capacity.intelligentPflops}
                  precision={1}
                  valueStyle={{ fontSize: 18 }}
                />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('超算 FP64', 'Super FP64')}
                  value={c.capacity.superPflops}
                  precision={1}
                  valueStyle={{ fontSize: 18 }}
                />
              </Col>
            </Row>
            <div style={{ margin: '8px 0' }}>
              {t('加速卡', 'Accelerators')} {fmt(c.capacity.accelerators, 0)}({t('国产', 'domestic')}{' '}
              {fmt(c.capacity.domesticAccelerators, 0)}){' '}
              {c.capacity.clusters.map((k) => (
                <Tag key={k.name} color={k.tier === '10k' ? 'magenta' : k.tier === '1k' ? 'geekblue' : undefined}>
                  {k.name} · {fmt(k.cards, 0)} {t('卡', 'cards')}
                  {k.tier === '10k' ? ' 万卡' : k.tier === '1k' ? ' 千卡' : ''}
                </Tag>
              ))}
            </div>
            <Table
              size="small"
              rowKey={(r) => `${r.kind}-${r.modelId}-${r.clusterName ?? ''}`}
              pagination={false}
              dataSource={c.inventory}
              columns={[
                {
                  title: t('类别', 'Kind'),
                  dataIndex: 'kind',
                  width: 64,
                  render: (k: string) =>
                    ({
                      general: t('通用', 'General'),
                      intelligent: t('智能', 'AI'),
                      supercomputing: t('超算', 'Super'),
                    })[k],
                },
                {
                  title: t('型号', 'Model'),
                  dataIndex: 'modelName',
                  render: (n: string, r) => (
                    <>
                      {n}{' '}
                      {r.kind === 'intelligent' && (
                        <Tag>{r.domestic ? t('国产', 'domestic') : t('进口', 'imported')}</Tag>
                      )}
                    </>
                  ),
                },
                { title: t('数量', 'Count'), dataIndex: 'count', align: 'right', render: (v) => fmt(v, 0) },
                { title: 'PFLOPS', dataIndex: 'pflops', align: 'right', render: (v) => fmt(v, 2) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            title={
              <>
                {t('实时指标(Prometheus 远程写入)', 'Live metrics (Prometheus remote-write)')}{' '}
                {live?.at && <Tag color="green">{new Date(live.at).toLocaleTimeString()}</Tag>}
              </>
            }
            size="small"
            data-testid="live-metrics"
          >
            <Row gutter={8}>
              <Col span={6}>
                <Statistic
                  title={t('GPU 利用率', 'GPU util.')}
                  value={live?.gpuUtilPct ?? '—'}
                  suffix={live?.gpuUtilPct !== null && live?.gpuUtilPct !== undefined ? '%' : ''}
                  valueStyle={{ fontSize: 18 }}
                />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('GPU 功率', 'GPU power')}
                  value={
                    live?.gpuPowerW !== null && live?.gpuPowerW !== undefined ? fmt(live.gpuPowerW / 1000, 1) : '—'
                  }
                  suffix="kW"
                  valueStyle={{ fontSize: 18 }}
                />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('整机功率', 'Node power')}
                  value={
                    live?.nodePowerW !== null && live?.nodePowerW !== undefined ? fmt(live.nodePowerW / 1000, 1) : '—'
                  }
                  suffix="kW"
                  valueStyle={{ fontSize: 18 }}
                />
              </Col>
              <Col span={6}>
                <Statistic
                  title={t('序列 / 上限', 'Series / limit')}
                  value={`${metrics.data?.seriesCount ?? 0} / ${fmt(metrics.data?.seriesLimit ?? 0, 0)}`}
                  valueStyle={{ fontSize: 18 }}
                />
              </Col>
            </Row>
            {gpuChart ? (
              <ReactEChartsCore echarts={echarts} option={gpuChart} style={{ height: 180 }} notMerge />
            ) : (
              <Empty description={t('近 6 小时无 GPU 指标', 'No GPU metrics in the last 6 hours')} />
            )}
          </Card>
          <Card
            title={t('月度趋势(已审核月报)', 'Monthly trend (approved reports)')}
            size="small"
            style={{ marginTop: 12 }}
          >
            {trend ? <ReactEChartsCore echarts={echarts} option={trend} style={{ height: 260 }} notMerge /> : <Empty />}
          </Card>
        </Col>
      </Row>
      {can(P.report) && (
        <Card title={t('填报本中心月报', 'File this centre’s report')} size="small" style={{ marginTop: 12 }}>
          <ReportForm centres={[c]} initialCentre={c.id} />
        </Card>
      )}
      <Card title={t('月报', 'Reports')} size="small" style={{ marginTop: 12 }}>
        <Table<Report>
          size="small"
          rowKey="id"
          dataSource={reports.data?.items ?? []}
          pagination={{ pageSize: 12 }}
          columns={[
            { title: t('月份', 'Month'), dataIndex: 'period' },
            { title: t('在用机架', 'Racks'), dataIndex: 'racksInUse', align: 'right' },
            { title: t('利用率', 'Util.'), dataIndex: 'utilisationPct', align: 'right', render: (v) => `${v}%` },
            { title: 'PUE', dataIndex: 'measuredPue', align: 'right' },
            { title: t('能耗 MWh', 'Energy MWh'), dataIndex: 'energyMwh', align: 'right', render: (v) => fmt(v, 0) },
            { title: t('状态', 'Status'), key: 's', render: (_, r) => <StatusTag status={r.status} late={r.late} /> },
          ]}
        />
      </Card>
      <Modal
        open={!!token}
        title={t('接入令牌(只显示一次)', 'Ingest token (shown once)')}
        onCancel={() => setToken(null)}
        footer={null}
        width={720}
      >
        <Typography.Paragraph copyable={{ text: token ?? '' }} code data-testid="token-value">
          {token}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t('Prometheus 配置示例:', 'Prometheus configuration:')}
        </Typography.Paragraph>
        <pre style={{ background: '#f6f8fa', padding: 12, fontSize: 12 }}>{`remote_write:
  - url: ${location.origin}/api/v1/compute/remote-write
    authorization:
      credentials: ${token}
    # DCGM exporter: DCGM_FI_DEV_GPU_UTIL, DCGM_FI_DEV_POWER_USAGE
    # ipmi_exporter: ipmi_dcmi_power_consumption_watts; racks: zc_racks_in_use, zc_racks_total`}</pre>
        <Space>
          <Typography.Text type="secondary">
            {t(
              '月报 API:POST /api/v1/compute/reports/ingest,同一令牌(Authorization: Bearer)',
              'Report API: POST /api/v1/compute/reports/ingest with the same Bearer token',
            )}
          </Typography.Text>
        </Space>
      </Modal>
    </div>
  );
}
