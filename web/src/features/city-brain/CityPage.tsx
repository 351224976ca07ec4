import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Badge, Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import {
  EVENT_CATEGORIES,
  EVENT_STEP_LABEL,
  SHARING_CLASSES,
  UPDATE_CYCLES,
  VITAL_INDICATORS,
  type CityEvent,
  type Dataset,
  type VitalSignLatest,
} from '@zhicheng/contracts/city-brain';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useDatasets, useEvents, useSubPlatform, useVitalSigns } from './api';
import { DOWN_LABEL, SHARING_COLOR, STATUS_LABEL, UP_LABEL } from './labels';
import { chinaTime } from '../../app/chinaDay';

const time = (v: string | null) => chinaTime(v, true);
const indicatorLabel = (i: string) =>
  i in VITAL_INDICATORS ? VITAL_INDICATORS[i as keyof typeof VITAL_INDICATORS] : null;
const round = (v: number) => Math.round(v * 100) / 100;

/** 城市页: one city brain — its link, its latest vital signs (城市体征), its events and the datasets it offers. */
export default function CityPage() {
  const { id } = useParams();
  const { t, pick, lang } = useI18n();
  const [page, setPage] = useState(1);
  const sp = useSubPlatform(id);
  const signs = useVitalSigns(id ?? '');
  const s = sp.data;
  const events = useEvents({ region: s?.regionCode, page });
  const datasets = useDatasets({ subPlatformId: id, page: 1 });
  if (!s) return <Card loading={sp.isLoading} />;
  const st = STATUS_LABEL[s.link.status];
  const own = (signs.data ?? []).filter((v) => v.regionCode === s.regionCode);
  const below = (signs.data ?? []).filter((v) => v.regionCode !== s.regionCode);
  const newest = (signs.data ?? []).reduce<string | null>((a, v) => (!a || v.observedAt > a ? v.observedAt : a), null);

  return (
    <div>
      <PageHeader
        title={
          <Space>
            {s.name}
            {s.demo && <SampleTag en={lang === 'en'} />}
          </Space>
        }
        sub={`${s.regionName} · ${s.ownerUnit}`}
        extra={<Badge status={st.color as 'success'} text={pick(st)} data-testid="city-link-status" />}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space size="large" wrap>
          <Statistic title={t('上行 条/分', 'Up /min')} value={s.link.upPerMinute} />
          <Statistic title={t('下行 条/分', 'Down /min')} value={s.link.downPerMinute} />
          <Statistic title={t('延迟 秒', 'Lag s')} value={s.link.lagSeconds ?? '—'} />
          <Statistic title={t('累计接收', 'Received')} value={s.link.receivedTotal} />
          <Statistic title={t('累计下发', 'Sent down')} value={s.link.sentTotal} />
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('最近心跳', 'Last heartbeat')}>{time(s.link.lastHeartbeatAt)}</Descriptions.Item>
          <Descriptions.Item label={t('连接起始', 'Connected since')}>{time(s.link.connectedSince)}</Descriptions.Item>
          <Descriptions.Item label={t('接入编码', 'Code')}>
            <Typography.Text code>{s.code}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('上行内容', 'Sends up')}>
            <Space size={2} wrap>
              {s.publishes.map((k) => (
                <Tag key={k}>{pick(UP_LABEL[k])}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('下行内容', 'Receives')}>
            <Space size={2} wrap>
              {s.receives.map((k) => (
                <Tag key={k} color="geekblue">
                  {pick(DOWN_LABEL[k])}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('联系人', 'Contact')}>
            {s.contactName} {s.contactPhone}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={t('最新城市体征', 'Latest vital signs')}
        extra={<Typography.Text type="secondary">{`${t('截至', 'As of')} ${time(newest)}`}</Typography.Text>}
        style={{ marginBottom: 16 }}
        data-testid="vital-signs"
      >
        {own.length ? (
          <Row gutter={[16, 16]}>
            {own.map((v) => {
              const l = indicatorLabel(v.indicator);
              return (
                <Col key={v.indicator} xs={12} md={8} xl={4}>
                  <Statistic
                    title={l ? pick(l) : v.indicator}
                    value={round(v.value)}
                    suffix={<span style={{ fontSize: 14 }}>{v.unit}</span>}
                  />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {time(v.observedAt).slice(11)}
                  </Typography.Text>
                </Col>
              );
            })}
          </Row>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无体征数据', 'No vital signs yet')} />
        )}
        {below.length > 0 && (
          <Table<VitalSignLatest>
            size="small"
            style={{ marginTop: 16 }}
            rowKey={(r) => `${r.regionCode}-${r.indicator}`}
            pagination={false}
            dataSource={below}
            columns={[
              { title: t('区划', 'Region'), dataIndex: 'regionCode' },
              {
                title: t('指标', 'Indicator'),
                dataIndex: 'indicator',
                render: (i: string) => {
                  const l = indicatorLabel(i);
                  return l ? pick(l) : i;
                },
              },
              { title: t('数值', 'Value'), render: (_, v) => `${round(v.value)} ${v.unit}` },
              { title: t('时间', 'At'), dataIndex: 'observedAt', render: time },
            ]}
          />
        )}
      </Card>
      <Card title={t('本市事件', 'Events in the city')} style={{ marginBottom: 16 }}>
        <Table<CityEvent>
          size="small"
          rowKey="id"
          loading={events.isLoading}
          dataSource={events.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: events.data?.total ?? 0, onChange: setPage }}
          columns={[
            {
              title: t('事件', 'Event'),
              dataIndex: 'title',
              render: (v: string, e) => <Link to={`/city-brain/events/${e.id}`}>{v}</Link>,
            },
            { title: t('区划', 'Region'), dataIndex: 'regionName' },
            {
              title: t('类别', 'Category'),
              dataIndex: 'category',
              render: (c: CityEvent['category']) => pick(EVENT_CATEGORIES[c]),
            },
            {
              title: t('环节', 'Step'),
              dataIndex: 'status',
              render: (x: CityEvent['status'], e) => (
                <Space size={2}>
                  <Tag>{pick(EVENT_STEP_LABEL[x])}</Tag>
                  {e.overdue && <Tag color="red">{t('超时', 'Late')}</Tag>}
                </Space>
              ),
            },
            { title: t('上报时间', 'Reported'), dataIndex: 'reportedAt', render: time },
          ]}
        />
      </Card>
      <Card title={t('提供的数据资源', 'Datasets it offers')}>
        <Table<Dataset>
          size="small"
          rowKey="id"
          pagination={false}
          loading={datasets.isLoading}
          dataSource={datasets.data?.items ?? []}
          columns={[
            { title: t('数据资源', 'Dataset'), dataIndex: 'name' },
            {
              title: t('共享属性', 'Sharing'),
              dataIndex: 'sharingClass',
              render: (c: Dataset['sharingClass']) => <Tag color={SHARING_COLOR[c]}>{pick(SHARING_CLASSES[c])}</Tag>,
            },
            {
              title: t('更新周期', 'Updated'),
              dataIndex: 'updateCycle',
              render: (c: Dataset['updateCycle']) => pick(UPDATE_CYCLES[c]),
            },
            { title: t('版本', 'Version'), dataIndex: 'version' },
            { title: t('最近更新', 'Last update'), dataIndex: 'lastUpdatedAt', render: time },
          ]}
        />
      </Card>
    </div>
  );
}
