import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Card, Checkbox, Col, InputNumber, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useProvince } from '../../api/province';
import { PageHeader } from '../../components/PageHeader';
import { useWhatIf } from './api';
import { formatAsOf } from './format';
import { ActionLink } from '../../components/ActionLink';

/**
 * 辅助决策 · 达标推演: suppose some counties rise (or fall) a star, or change the target, and see the share and how
 * many more counties must rise. Nothing is stored; each county's cheapest path opens in the assessment simulator.
 */
export default function WhatIfPage() {
  const { t, pick } = useI18n();
  const { region: chosen } = useAuth();
  const province = useProvince();
  const region = chosen ?? province?.code ?? undefined;
  const [stars, setStars] = useState(4);
  const [targetPct, setTargetPct] = useState(40);
  const [risen, setRisen] = useState<string[]>([]);
  const run = useWhatIf();
  const { mutate } = run;

  useEffect(() => {
    if (!region) return;
    mutate({
      region,
      stars,
      targetShare: targetPct / 100,
      changes: risen.map((regionCode) => ({ regionCode, stars })),
    });
  }, [region, stars, targetPct, risen, mutate]);

  const r = run.data;
  const pct = (x: number | null | undefined) => (x == null ? '—' : `${(x * 100).toFixed(1)}%`);
  return (
    <div>
      <PageHeader
        title={t('达标推演', 'What-if')}
        sub={t(
          '假设部分县(市、区)升星或调整目标,查看占比变化和还需升星的数量;推演不写入任何数据',
          'Suppose counties rise a star or change the target; nothing is stored',
        )}
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="large">
          <span>
            {t('星级', 'Level')}{' '}
            <Select
              aria-label={t('星级', 'Level')}
              value={stars}
              style={{ width: 100 }}
              onChange={(v) => {
                setStars(v);
                setRisen([]);
              }}
              options={[3, 4, 5].map((s) => ({ value: s, label: `≥ ${s}★` }))}
            />
          </span>
          <span>
            {t('目标占比', 'Target share')}{' '}
            <InputNumber
              aria-label={t('目标占比', 'Target share')}
              data-testid="target-share"
              min={0}
              max={100}
              value={targetPct}
              onChange={(v) => setTargetPct(v ?? 0)}
              addonAfter="%"
            />
          </span>
          {r && (
            <Link to={r.source.href}>
              {t('来源', 'Source')}: {pick(r.source.label)} · {formatAsOf(r.source.asOf)}
              {r.source.simulated ? ` · ${t('模拟数据', 'simulated')}` : ''}
            </Link>
          )}
        </Space>
      </Card>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('当前占比', 'Share now')} value={pct(r?.shareBefore)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('推演后占比', 'Share supposed')} value={pct(r?.shareAfter)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('还需升星的县', 'Counties still to rise')}
              value={r?.needed ?? '—'}
              valueStyle={{ color: r && r.needed > 0 ? '#d46b08' : '#389e0d' }}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('县(市、区)总数', 'Counties')} value={r?.total ?? '—'} />
          </Card>
        </Col>
      </Row>
      <Card title={t('最接近的县(市、区):勾选即假设其升至目标星级', 'Closest counties: tick to suppose they rise')}>
        <Table
          rowKey="regionCode"
          size="small"
          loading={run.isPending}
          dataSource={r?.candidates ?? []}
          pagination={false}
          columns={[
            {
              title: t('假设升星', 'Suppose'),
              render: (_, c) => (
                <Checkbox
                  aria-label={t(`假设${c.regionName}升星`, `Suppose ${c.regionName} rises`)}
                  checked={risen.includes(c.regionCode)}
                  onChange={(e) =>
                    setRisen((x) => (e.target.checked ? [...x, c.regionCode] : x.filter((y) => y !== c.regionCode)))
                  }
                />
              ),
            },
            { title: t('县(市、区)', 'County'), dataIndex: 'regionName' },
            { title: t('现星级', 'Stars'), render: (_, c) => `${c.stars}★` },
            { title: t('得分', 'Score'), render: (_, c) => c.score.toFixed(1) },
            {
              title: '',
              render: (_, c) => (c.enough ? <Tag color="orange">{t('达标所需', 'Needed for the target')}</Tag> : null),
            },
            {
              title: t('达星路径', 'Path'),
              render: (_, c) => <Link to={`/assessment/report/${c.regionCode}`}>{t('查看指标', 'Indicators')}</Link>,
            },
          ]}
        />
        {risen.length > 0 && (
          <div style={{ marginTop: 8 }}>
            {t(`已假设 ${risen.length} 个县升星`, `${risen.length} supposed to rise`)} ·{' '}
            <ActionLink onClick={() => setRisen([])}>{t('清除假设', 'Clear')}</ActionLink>
          </div>
        )}
      </Card>
    </div>
  );
}
