import { Rate, Tag, Tooltip } from 'antd';
import {
  DEADLINE_STAGE_NAMES,
  SUBMISSION_STATUS_NAMES,
  type AssessmentSubmissionSummary,
  type AssessmentSubmissionStatus,
  type SubGrade,
} from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';

/** Star-level colours, shared by the map, charts and tags (0★ grey). */
export const STAR_COLORS = ['#bfbfbf', '#f4c7a1', '#f0a35e', '#5b9bd5', '#2f6fb5', '#163f7a'];

export const STAR_PIECES = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${n}★`, color: STAR_COLORS[n]! }));

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A star level as the server gave it, with the sub-grade (成长型/基础型) where there is one. */
export function Stars({ n, subGrade }: { n: number | null | undefined; subGrade?: SubGrade | null }) {
  const { t } = useI18n();
  if (n === null || n === undefined) return <span style={{ color: '#666' }}>—</span>;
  return (
    <span data-testid="stars" data-stars={n}>
      <Rate disabled count={5} value={n} style={{ fontSize: 13, color: STAR_COLORS[Math.max(3, n)] }} />{' '}
      {subGrade && (
        <Tag color={subGrade === 'growth' ? 'blue' : 'default'}>
          {subGrade === 'growth' ? t('成长型', 'growth') : t('基础型', 'basic')}
        </Tag>
      )}
    </span>
  );
}

const STATUS_COLORS: Record<AssessmentSubmissionStatus, string> = {
  draft: 'default',
  returned: 'red',
  submitted: 'gold',
  city_approved: 'lime',
  province_approved: 'green',
  expert_review: 'cyan',
  expert_reviewed: 'blue',
  co_evaluation: 'geekblue',
  public_notice: 'purple',
  published: 'success',
};

export function StatusTag({ s }: { s: AssessmentSubmissionStatus }) {
  const { pick } = useI18n();
  return (
    <Tag color={STATUS_COLORS[s]} data-testid="status-tag" data-status={s}>
      {pick(SUBMISSION_STATUS_NAMES[s])}
    </Tag>
  );
}

/** Marks simulated data and sample thresholds/weights (示例), never shown as official. */
export function SampleHint({ sample }: { sample?: boolean }) {
  const { t } = useI18n();
  if (!sample) return null;
  return (
    <Tooltip
      title={t('模拟数据与示例阈值/权重,非官方结果', 'Simulated data and sample thresholds/weights, not official')}
    >
      <span className="zc-sample-tag" data-testid="sample-tag">
        {t('示例', 'sample')}
      </span>
    </Tooltip>
  );
}

/**
 * The review stage's deadline of a submission: closed (only the province reopens it), reopened until a day, or due
 * within a week. Nothing when the stage has no deadline or it is further off.
 */
export function StageDeadlineTag({ sub }: { sub: Pick<AssessmentSubmissionSummary, 'stageWindow'> }) {
  const { t, pick } = useI18n();
  const w = sub.stageWindow;
  if (!w?.deadline) return null;
  const name = pick(DEADLINE_STAGE_NAMES[w.stage]);
  if (w.closed)
    return (
      <Tag color="red" data-testid="stage-closed">
        {t(`${name}已截止`, `${name} closed`)}
      </Tag>
    );
  if (w.reopenedUntil)
    return <Tag color="blue">{t(`${name}延至 ${w.reopenedUntil}`, `${name} reopened to ${w.reopenedUntil}`)}</Tag>;
  const days = Math.round((Date.parse(w.deadline) - Date.parse(chinaTodayIso())) / 86_400_000);
  if (days > 7) return null;
  return <Tag color="orange">{t(`${name} ${days} 天后截止`, `${name} due in ${days} d`)}</Tag>;
}

const chinaTodayIso = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
