import { Badge, Card, Col, Empty, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useProvince } from '../../api/province';
import { useAuth } from '../../app/auth';
import {
  CITY_BRAIN_PERMISSIONS as P,
  DEAD_LETTER_REASONS,
  VITAL_INDICATORS,
  type DeadLetter,
  type DeadLetterReason,
  type SubPlatform,
} from '@zhicheng/contracts/city-brain';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useDeadLetters, useExchangeStatus, useSubPlatforms, useVitalSigns } from './api';
import { STATUS_LABEL } from './labels';
import { chinaTime } from '../../app/chinaDay';

const time = (v: string | null) => (v ? v.slice(11, 19) : '—');

function CityCard({ s }: { s: SubPlatform }) {
  const { t, pick, lang } = useI18n();
  const signs = useVitalSigns(s.id);
  const st = STATUS_LABEL[s.link.status];
  return (
    <Card
      size="small"
      title={
        <Space>
          <Badge status={st.color as 'success'} />
          <Link to={`/city-brain/cities/${s.id}`}>{s.regionName}</Link> {s.demo && <SampleTag en={lang === 'en'} />}
        </Space>
      }
      extra={<Typography.Text type="secondary">{pick(st)}</Typography.Text>}
      data-testid={`city-${s.code}`}
    >
      <Space size="large" wrap>
        <Statistic title={t('上行 条/分', 'Up /min')} value={s.link.upPerMinute} />
        <Statistic title={t('延迟 秒', 'Lag s')} value={s.link.lagSeconds ?? '—'} />
        <Statistic title={t('最近心跳', 'Heartbeat')} value={time(s.link.lastHeartbeatAt)} />
      </Space>
      {signs.data?.length ? (
        <Table
          size="small"
          rowKey={(r) => `${r.regionCode}-${r.indicator}`}
          pagination={false}
          dataSource={signs.data.filter((v) => v.regionCode === s.regionCode)}
          columns={[
            {
              title: t('城市体征', 'Vital sign'),
              dataIndex: 'indicator',
              render: (i: string) =>
                i in VITAL_INDICATORS ? pick(VITAL_INDICATORS[i as keyof typeof VITAL_INDICATORS]) : i,
            },
            { title: t('数值', 'Value'), render: (_, v) => `${Math.round(v.value * 10) / 10} ${v.unit}` },
            { title: t('时间', 'At'), dataIndex: 'observedAt', render: time },
          ]}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无体征数据', 'No vital signs yet')} />
      )}
    </Card>
  );
}

/** 接入网络: each city brain's link and latest vital signs; the exchange's state and its dead letters. */
export default function NetworkPage() {
  const { t, pick } = useI18n();
  const { can, region } = useAuth();
  const province = useProvince();
  const [page, setPage] = useState(1);
  const atProvince = !!province && region === province.code && can(P.read);
  const status = useExchangeStatus(atProvince);
  const cities = useSubPlatforms({ kind: 'city_brain', page: 1 });
  const dead = useDeadLetters(page);
  const s = status.data;
  return (
    <div>
      <PageHeader
        title={t('城市大脑接入网络', 'City brain network')}
        sub={t('各市连接状态、速率、延迟与最新城市体征', 'Each city’s link, rate, lag and latest vital signs')}
      />
      {s && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Space size="large" wrap>
            <Statistic
              title={t('省级交换中心', 'Exchange')}
              valueRender={() => (
                <Badge
                  status={s.connected ? 'success' : 'error'}
                  text={s.connected ? t('已连接', 'Connected') : t('未连接', 'Down')}
                />
              )}
            />
            <Statistic title={t('待入库消息', 'Waiting for intake')} value={s.pending ?? '—'} />
            <Statistic title={t('死信', 'Dead letters')} value={s.deadLetters} />
            <Statistic title={t('待下发', 'Undelivered')} value={s.outboundPending} />
          </Space>
        </Card>
      )}
      <Row gutter={[16, 16]}>
        {(cities.data?.items ?? []).map((c) => (
          <Col key={c.id} xs={24} md={12} xl={8}>
            <CityCard s={c} />
          </Col>
        ))}
      </Row>
      <Card title={t('死信(被拒收的上行消息)', 'Dead letters (refused upward messages)')} style={{ marginTop: 16 }}>
        <Table<DeadLetter>
          size="small"
          rowKey="id"
          loading={dead.isLoading}
          dataSource={dead.data?.items ?? []}
          pagination={{ current: page, pageSize: 10, total: dead.data?.total ?? 0, onChange: setPage }}
          expandable={{ expandedRowRender: (d) => <Typography.Text code>{d.raw}</Typography.Text> }}
          columns={[
            {
              title: t('时间', 'At'),
              dataIndex: 'receivedAt',
              render: (v: string) => chinaTime(v, true),
            },
            {
              title: t('子平台', 'Sub-platform'),
              dataIndex: 'subPlatformCode',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('主题', 'Subject'),
              dataIndex: 'subject',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('原因', 'Reason'),
              dataIndex: 'reason',
              render: (r: string) => (
                <Tag color="red">{r in DEAD_LETTER_REASONS ? pick(DEAD_LETTER_REASONS[r as DeadLetterReason]) : r}</Tag>
              ),
            },
            {
              title: t('明细', 'Detail'),
              dataIndex: 'detail',
              render: (d: DeadLetter['detail']) => d.map((x) => `${x.path}: ${x.message}`).join('; '),
            },
          ]}
        />
      </Card>
    </div>
  );
}
