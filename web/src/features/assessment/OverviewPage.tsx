import { useMemo, useState } from 'react';
import { Button, Col, Row, Select } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { download } from '../../api/client';
import { useProblemHandler } from '../../api/hooks';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { resultsExportUrl, useCampaigns, useStatistics } from './api';
import { SampleHint } from './components/labels';
import { RankingCard } from './overview/RankingCard';
import { ResultCharts } from './overview/ResultCharts';
import { StarMapCard } from './overview/StarMapCard';
import { StatisticsCards } from './overview/StatisticsCards';
import { overviewYears } from './overview/overviewYear';

/** 评估总览: the published results of a year — targets, map, charts and ranking. */
export default function OverviewPage() {
  const { t } = useI18n();
  const problem = useProblemHandler();
  const campaigns = useCampaigns();
  const { years, initial } = useMemo(() => overviewYears(campaigns.data?.items ?? []), [campaigns.data]);
  const [picked, setYear] = useState<number | null>(null);
  const year = picked ?? initial ?? new Date().getFullYear() - 1;
  const stats = useStatistics(year);

  return (
    <div>
      <PageHeader
        title={
          <>
            {t('评估总览', 'Assessment overview')} <SampleHint sample={stats.data?.sample} />
          </>
        }
        sub={t('已发布的年度星级评估结果、目标达成、地图与排名', 'Published star ratings, targets, map and rankings')}
        extra={
          <>
            <Select
              aria-label={t('评估年度', 'Year')}
              data-testid="year-select"
              value={year}
              style={{ width: 110 }}
              onChange={setYear}
              options={[...new Set([...years, year])].map((y) => ({ value: y, label: `${y}${t('年', '')}` }))}
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(resultsExportUrl(year), `assessment-results-${year}.xlsx`).catch(problem)}
            >
              {t('导出Excel', 'Export Excel')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <StatisticsCards stats={stats.data} />
        <Col xs={24} xl={12}>
          <StarMapCard year={year} />
        </Col>
        <Col xs={24} xl={12}>
          <ResultCharts year={year} stats={stats.data} />
        </Col>
        <Col span={24}>
          <RankingCard year={year} />
        </Col>
      </Row>
    </div>
  );
}
