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
  const manage = can(P.campaignManage);
  const waiting = useSubmissions((approve || manage) && open ? open.id : null, { page: 1, pageSize: 500 });
  const reviews = useApiQuery<{ items: ReviewTask[] }>(
    assessmentKeys.reviews,
    score ? '/api/v1/assessment/reviews' : null,
  );
  if (!open) return [];
  const out: Todo[] = [];
  const d = open.deadlines;
  const s = mine.data;
  // The region's own deadline: the campaign's, or the province's reopening (a closed one says whom to ask).
  if (s && (s.status === 'draft' || s.status === 'returned'))
    out.push({
      key: 'assessment-fill',
      title:
        s.status === 'returned'
          ? { zh: `修改被退回的${open.year}年度自评`, en: `Fix the ${open.year} self-assessment sent back` }
          : { zh: `填报${open.year}年度自评`, en: `Fill in the ${open.year} self-assessment` },
      path: '/assessment/fill',
      since: s.updatedAt,
      due: s.deadline ?? d.selfAssessment ?? null,
      note: s.fillingClosed
        ? { zh: '填报已截止,须由省级重新开放', en: 'Filling in closed; the province must reopen it' }
        : s.reopenedUntil
          ? {
              zh: `省级已重新开放至 ${s.reopenedUntil},提交将标记为逾期`,
              en: `Reopened until ${s.reopenedUntil}; marked late`,
            }
          : undefined,
    });
  const items = waiting.data?.items ?? [];
  const mineToApprove = items.filter((x) => x.actions.includes('approve'));
  if (mineToApprove.length) {
    out.push({
      key: 'assessment-approve',
      title: { zh: '审核下级填报', en: 'Approve submissions' },
      path: '/assessment/review',
      count: mineToApprove.length,
      since: mineToApprove.map((x) => x.updatedAt).sort()[0] ?? null,
      due: earliest(mineToApprove.map((x) => x.stageWindow?.deadline)),
    });
  }
  // Review steps of mine whose deadline passed: they wait for the province to reopen them.
  const cityApprover = me?.roles.some((r) => r.role === 'city_approver') ?? false;
  const provinceApprover = me?.roles.some((r) => r.role === 'province_approver') ?? false;
  const closedForMe = items.filter(
    (x) =>
      x.stageWindow?.closed &&
      ((x.stageWindow.stage === 'cityApproval' && cityApprover) ||
        (x.stageWindow.stage === 'provinceApproval' && provinceApprover)),
  );
  if (closedForMe.length)
    out.push({
      key: 'assessment-approve-closed',
      title: { zh: '审核已逾期', en: 'Reviews past their deadline' },
      path: '/assessment/review',
      count: closedForMe.length,
      due: earliest(closedForMe.map((x) => x.stageWindow?.deadline)),
      note: { zh: '须由省级重新开放后才能审核', en: 'The province must reopen them before you can act' },
    });
  // The province: regions whose stage closed, for it to reopen (or leave behind).
  const closed = can(P.campaignManage) ? items.filter((x) => x.fillingClosed || x.stageWindow?.closed) : [];
  if (closed.length)
    out.push({
      key: 'assessment-closed',
      title: { zh: '逾期未完成的区划', en: 'Regions past a deadline' },
      path: '/assessment/review',
      count: closed.length,
      due: earliest(closed.map((x) => (x.fillingClosed ? x.deadline : x.stageWindow?.deadline))),
      note: { zh: '可重新开放(须填写原因)', en: 'Reopen them with a reason if needed' },
    });
  const toScore = (reviews.data?.items ?? []).filter((r) => r.scorable && r.myScore === null);
  if (toScore.length)
    out.push({
      key: 'assessment-expert',
      title: { zh: '专家评审打分', en: 'Score blind reviews' },
      path: '/assessment/expert',
      count: toScore.length,
      due: earliest(toScore.map((r) => r.stageWindow?.deadline)) ?? d.expertReview ?? null,
      note: toScore.some((r) => r.stageWindow?.closed)
        ? { zh: '评分已截止,须由省级重新开放', en: 'Scoring closed; the province must reopen it' }
        : undefined,
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

/** The earliest of some deadline days (ISO dates sort as strings). */
function earliest(days: readonly (string | null | undefined)[]): string | null {
  return days.filter((x): x is string => !!x).sort()[0] ?? null;
}
