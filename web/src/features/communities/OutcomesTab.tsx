import { useState } from 'react';
import { Card, Col, Row, Segmented, Statistic, Table, Typography } from 'antd';
import type { OutcomeRow } from '@zhicheng/contracts/communities';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/PageHeader';
import { useOutcomes } from './api';
import { pct } from './labels';

type By = 'byCounty' | 'byProvider' | 'byModel' | 'byDomain';

/** 对接成效 (public): fill rate, days to installation, satisfaction and survival, by county, provider, model, domain. */
export function OutcomesTab({ root }: { root: string }) {
  const { t } = useI18n();
  const [by, setBy] = useState<By>('byCounty');
  const o = useOutcomes(root);
  if (!o.data) return <Card loading={o.isLoading} />;
  const d = o.data;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t(
          '对接成效向社会公开:需求满足率(已落地/需求)、从提出到落地的天数(中位数)、居民满意度(1–5)、落地满一年后仍在运营的比例。',
          'Public outcomes: fill rate (installed / needs), median days from need to installation, residents’ satisfaction (1–5), and the share still running a year after installation.',
        )}{' '}
        {d.demo && <SampleTag />}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Statistic title={t('需求满足率 · Fill rate', 'Fill rate')} value={pct(d.total.fillRate)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('提出到落地(天) · Days to install', 'Days to installation')}
            value={d.total.medianDaysToInstall ?? '—'}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('居民满意度 · Satisfaction', 'Satisfaction')}
            value={d.total.satisfactionMean ?? '—'}
            suffix={`(${d.total.satisfactionAnswers})`}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t('满一年仍运营 · Running after a year', 'Running after a year')}
            value={pct(d.total.runningAfterYearRate)}
            suffix={`(${d.total.runningAfterYear}/${d.total.yearOld})`}
          />
        </Col>
      </Row>
      <Segmented<By>
        style={{ margin: '12px 0' }}
        value={by}
        onChange={setBy}
        options={[
          { value: 'byCounty', label: t('按区县 · County', 'By county') },
          { value: 'byProvider', label: t('按企业 · Provider', 'By provider') },
          { value: 'byModel', label: t('按运营模式 · Model', 'By operating model') },
          { value: 'byDomain', label: t('按领域 · Domain', 'By domain') },
        ]}
      />
      <Table<OutcomeRow>
        rowKey="key"
        size="small"
        dataSource={d[by]}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('需求', 'Needs'), dataIndex: 'needs', sorter: (a, b) => a.needs - b.needs },
          { title: t('已落地', 'Installed'), dataIndex: 'installed' },
          {
            title: t('满足率', 'Fill rate'),
            dataIndex: 'fillRate',
            render: pct,
            sorter: (a, b) => (a.fillRate ?? -1) - (b.fillRate ?? -1),
          },
          { title: t('落地天数', 'Days'), dataIndex: 'medianDaysToInstall', render: (x: number | null) => x ?? '—' },
          {
            title: t('满意度', 'Satisfaction'),
            dataIndex: 'satisfactionMean',
            render: (x: number | null, r) => (x === null ? '—' : `${x} (${r.satisfactionAnswers})`),
            sorter: (a, b) => (a.satisfactionMean ?? 0) - (b.satisfactionMean ?? 0),
          },
          {
            title: t('满一年仍运营', 'Running after a year'),
            dataIndex: 'runningAfterYearRate',
            render: (x: number | null, r) => (x === null ? '—' : `${pct(x)} (${r.runningAfterYear}/${r.yearOld})`),
          },
        ]}
      />
    </>
  );
}
