import { Card } from 'antd';
import {
  SUBMISSION_STATUS_NAMES,
  type AssessmentSubmissionStatus,
  type SubmissionRadar,
} from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { ReactEChartsCore, echarts } from '../../../components/charts';
import { StatusTag } from '../components/labels';

/** 填报进度雷达: submissions by status, and who has not submitted yet. */
export function RadarCard({ radar }: { radar: SubmissionRadar | undefined }) {
  const { t, pick } = useI18n();
  const option = radar && {
    tooltip: {},
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['35%', '58%'],
        center: ['50%', '42%'],
        label: { formatter: '{c}', fontSize: 11 },
        data: Object.entries(radar.byStatus).map(([k, v]) => ({
          name: pick(SUBMISSION_STATUS_NAMES[k as AssessmentSubmissionStatus]),
          value: v,
        })),
      },
    ],
  };
  const notSubmitted = radar?.notSubmitted ?? [];
  return (
    <Card size="small" title={t('填报进度雷达', 'Progress radar')} data-testid="radar">
      {option && <ReactEChartsCore echarts={echarts} option={option} style={{ height: 220 }} />}
      <div style={{ fontWeight: 600, margin: '8px 0' }}>
        {t(`未提交 ${notSubmitted.length} 个`, `${notSubmitted.length} not submitted`)}
      </div>
      {/* A scrolling list is a focusable region, so a keyboard can scroll it too. */}
      <div
        style={{ maxHeight: 300, overflow: 'auto' }}
        tabIndex={0}
        role="region"
        aria-label={t('未提交的区划', 'Regions not submitted')}
      >
        {notSubmitted.map((n) => (
          <div key={n.regionCode} style={{ fontSize: 12 }}>
            {n.regionName} <StatusTag s={n.status} /> {n.filled}/{n.indicatorCount}
          </div>
        ))}
      </div>
    </Card>
  );
}
