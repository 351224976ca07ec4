import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Input, Segmented, Space, Table, Tag } from 'antd';
import type { AssessmentResultRow } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { useRegionFilter } from '../../../app/auth';
import { useResults } from '../api';
import { Stars } from '../components/labels';

/** 排名: published results ranked by the server, searchable, each region linking to its report. */
export function RankingCard({ year }: { year: number }) {
  const { t } = useI18n();
  const [level, setLevel] = useState<'city' | 'county'>('county');
  const [search, setSearch] = useState('');
  // Under a city chosen in the header, the ranking is that city's counties (GB/T 2260: a city's code ends in 00).
  const chosen = useRegionFilter();
  const parent = chosen?.endsWith('00') ? chosen : undefined;
  const ranking = useResults({ year, level: parent ? 'county' : level, parent });
  const rows = (ranking.data?.items ?? []).filter(
    (r) => !search || r.regionName.includes(search) || r.regionCode.startsWith(search),
  );
  return (
    <Card
      title={t('排名', 'Ranking')}
      extra={
        <Space>
          <Segmented
            value={level}
            onChange={(v) => setLevel(v as 'city' | 'county')}
            options={[
              { value: 'county', label: t('县(市、区)', 'Counties') },
              { value: 'city', label: t('设区市', 'Cities') },
            ]}
          />
          <Input.Search
            allowClear
            placeholder={t('名称或代码', 'Name or code')}
            onSearch={setSearch}
            style={{ width: 180 }}
          />
        </Space>
      }
    >
      <Table<AssessmentResultRow>
        data-testid="ranking-table"
        size="small"
        rowKey="regionCode"
        loading={ranking.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 15, showTotal: (n) => t(`共 ${n} 个`, `${n} in all`) }}
        columns={[
          { title: t('名次', 'Rank'), dataIndex: 'rank', width: 70 },
          {
            title: t('区划', 'Region'),
            dataIndex: 'regionName',
            render: (v, r) => <Link to={`/assessment/report/${r.regionCode}`}>{v}</Link>,
          },
          {
            title: t('星级', 'Level'),
            dataIndex: 'stars',
            width: 220,
            render: (v, r) => <Stars n={v} subGrade={r.subGrade} />,
            sorter: (a, b) => a.stars - b.stars,
          },
          { title: t('得分', 'Score'), dataIndex: 'score', width: 90, sorter: (a, b) => a.score - b.score },
          { title: t('加分', 'Bonus'), dataIndex: 'bonus', width: 70 },
          {
            title: t('较上年', 'vs last year'),
            width: 100,
            render: (_, r) =>
              r.previousStars === null ? (
                '—'
              ) : r.stars > r.previousStars ? (
                <Tag color="green">↑ {r.stars - r.previousStars}</Tag>
              ) : r.stars < r.previousStars ? (
                <Tag color="red">↓ {r.previousStars - r.stars}</Tag>
              ) : (
                <Tag>—</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
