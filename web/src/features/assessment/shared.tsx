import { Rate, Tag, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import {
  ASSESSMENT_PERMISSIONS,
  STATUS_NAMES,
  type AssessmentCampaign,
  type AssessmentSubmissionStatus,
  type IndicatorCatalogue,
  type SubGrade,
} from '@zhicheng/contracts';
import { api } from '../../api/client';
import { useI18n } from '../../app/i18n';

/** The module's permission names, from the contract the server checks. */
export const P = ASSESSMENT_PERMISSIONS;

/** Star-level colours, shared by the map, charts and tags (0★ grey). */
export const STAR_COLORS = ['#bfbfbf', '#f4c7a1', '#f0a35e', '#5b9bd5', '#2f6fb5', '#163f7a'];

export const STAR_PIECES = [1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${n}★`, color: STAR_COLORS[n]! }));

export function Stars({ n, subGrade }: { n: number | null | undefined; subGrade?: SubGrade | null }) {
  const { t } = useI18n();
  if (n === null || n === undefined) return <span style={{ color: '#aaa' }}>—</span>;
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
      {pick(STATUS_NAMES[s])}
    </Tag>
  );
}

export const STAGE_NAMES: Record<AssessmentCampaign['stage'], { zh: string; en: string }> = {
  self_assessment: { zh: '自评填报', en: 'Self-assessment' },
  review: { zh: '审核', en: 'Review' },
  expert_review: { zh: '专家评审', en: 'Expert review' },
  co_evaluation: { zh: '监督共评', en: 'Co-evaluation' },
  public_notice: { zh: '公示', en: 'Public notice' },
  published: { zh: '已发布', en: 'Published' },
};

/** The citizen-facing domain co-evaluation covers unless the province chooses otherwise (as the server defaults). */
export const COEVAL_DEFAULT_DOMAIN = '数字惠民';

export function useCampaigns() {
  return useQuery({
    queryKey: ['assessment', 'campaigns'],
    queryFn: () => api.get<{ items: AssessmentCampaign[] }>('/api/v1/assessment/campaigns'),
  });
}

export function useCatalogue(id: string | null | undefined) {
  return useQuery({
    queryKey: ['assessment', 'catalogue', id],
    enabled: !!id,
    queryFn: () => api.get<IndicatorCatalogue>(`/api/v1/assessment/catalogues/${id}`),
    staleTime: 600_000,
  });
}

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

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
