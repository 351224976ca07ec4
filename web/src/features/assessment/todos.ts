import { ASSESSMENT_PERMISSIONS as P, type ReviewTask } from '@zhicheng/contracts/assessment';
import { useApiQuery } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import type { Todo } from '../../app/feature';
import { assessmentKeys, useCampaigns, useRegionSubmission, useSubmissions } from './api';

/**
 * What waits for the signed-in user in the year's open campaign: their own region's self-assessment (draft or sent
 * back), submissions waiting for their approval, blind reviews to score, and the province's next campaign step —
 * each with the campaign's deadline. Queries run only for holders of the permission.
 */
export function useAssessmentTodos(): Todo[] {
  const { can, me, region } = useAuth();
  const campaigns = useCampaigns();
  const open = campaigns.data?.items.find((c) => c.stage !== 'published') ?? null;
  const fill = can(P.submissionFill);
  const approve = can(P.submissionApprove);
  const score = can(P.reviewScore);
  const mine = useRegionSubmission(
    fill && open ? open.id : null,
    fill ? (region ?? me?.roles[0]?.regionCode ?? null) : null,
  );
  const waiting = useSubmissions(approve && open ? open.id : null, { page: 1, pageSize: 500 });
  const reviews = useApiQuery<{ items: ReviewTask[] }>(
    assessmentKeys.reviews,
    score ? '/api/v1/assessment/reviews' : null,
  );
  if (!open) return [];
  const out: Todo[] = [];
  const d = open.deadlines;
  const s = mine.data;
  if (s && (s.status === 'draft' || s.status === 'returned'))
    out.push({
      key: 'assessment-fill',
      title:
        s.status === 'returned'
          ? { zh: `修改被退回的${open.year}年度自评`, en: `Fix the ${open.year} self-assessment sent back` }
          : { zh: `填报${open.year}年度自评`, en: `Fill in the ${open.year} self-assessment` },
      path: '/assessment/fill',
      since: s.updatedAt,
      due: d.selfAssessment ?? null,
    });
  const mineToApprove = (waiting.data?.items ?? []).filter((x) => x.actions.includes('approve'));
  if (mineToApprove.length) {
    const province = mineToApprove.some((x) => x.status === 'city_approved' || x.regionLevel === 'city');
    out.push({
      key: 'assessment-approve',
      title: { zh: '审核下级填报', en: 'Approve submissions' },
      path: '/assessment/review',
      count: mineToApprove.length,
      since: mineToApprove.map((x) => x.updatedAt).sort()[0] ?? null,
      due: (province ? d.provinceApproval : d.cityApproval) ?? null,
    });
  }
  const toScore = (reviews.data?.items ?? []).filter((r) => r.scorable && r.myScore === null);
  if (toScore.length)
    out.push({
      key: 'assessment-expert',
      title: { zh: '专家评审打分', en: 'Score blind reviews' },
      path: '/assessment/expert',
      count: toScore.length,
      due: d.expertReview ?? null,
    });
  if (can(P.campaignManage) && open.actions.length)
    out.push({
      key: 'assessment-campaign',
      title: { zh: `推进${open.year}年度评估活动`, en: `Move the ${open.year} campaign on` },
      path: '/assessment/campaigns',
      due:
        open.stage === 'self_assessment' || open.stage === 'review'
          ? (d.provinceApproval ?? null)
          : open.stage === 'co_evaluation'
            ? (d.coEvaluation ?? null)
            : null,
    });
  return out;
}
