import type { Bilingual } from '@zhicheng/contracts';
import type {
  AssessmentCampaignStage as Stage,
  AssessmentSubmissionStatus as Status,
  CampaignAction,
  SubmissionAction,
} from '@zhicheng/contracts/assessment';

/**
 * The review workflow (自评填报 → 市级审核 → 省级审核 → 专家评审 → 监督共评 → 公示 → 发布) as pure rules: which
 * status allows what, and where each step leads. Services ask these and then write; the web shows the actions
 * the server computed from them (never a copy of the rules).
 */

/** Experts score while the submission is in expert review. */
export const isScorable = (status: Status) => status === 'expert_review';

/** A region may edit and submit only while its submission is a draft or was sent back. */
export const EDITABLE: readonly Status[] = ['draft', 'returned'];

/** Sent back (with a reason) at any stage after submitting and before publication. */
export const RETURNABLE: readonly Status[] = [
  'submitted',
  'city_approved',
  'province_approved',
  'expert_review',
  'expert_reviewed',
  'co_evaluation',
  'public_notice',
];

/** A county counts as approved for its city's province step once the province has approved it. */
export const APPROVED_BY_PROVINCE: readonly Status[] = [
  'province_approved',
  'expert_review',
  'expert_reviewed',
  'co_evaluation',
  'public_notice',
  'published',
];

export const isEditable = (status: Status) => EDITABLE.includes(status);

/** Which approval step a submission waits for: the city's (counties first), the province's, or none. */
export function pendingApproval(s: { status: Status; regionLevel: string }): 'city' | 'province' | null {
  if (s.status === 'submitted' && s.regionLevel === 'county') return 'city';
  if (
    (s.status === 'city_approved' && s.regionLevel === 'county') ||
    (s.status === 'submitted' && s.regionLevel === 'city')
  )
    return 'province';
  return null;
}

export type Refusal = { refused: Bilingual };
const refuse = (zh: string, en: string): Refusal => ({ refused: { zh, en } });

/**
 * One approval step by an approver who is a city approver and/or a province approver over the region: the city
 * approves its counties, then the province; a city itself goes straight to the province. Children are checked
 * apart (childrenPending).
 */
export function approvalStep(
  s: { status: Status; regionLevel: string },
  approver: { city: boolean; province: boolean },
): { to: Status } | Refusal {
  const step = pendingApproval(s);
  if (step === 'city')
    return approver.city
      ? { to: 'city_approved' }
      : refuse('县级填报须先由市级审核', 'A county submission is approved by its city first');
  if (step === 'province')
    return approver.province ? { to: 'province_approved' } : refuse('此步须由省级审核', 'This step is the province’s');
  return refuse(`当前状态(${s.status})不能审核`, `Cannot approve in status ${s.status}`);
}

/** How many of a city's counties the province has not approved yet (the city waits for them). */
export const childrenPending = (children: readonly { status: Status }[]) =>
  children.filter((c) => !APPROVED_BY_PROVINCE.includes(c.status)).length;

/**
 * Who may send back at which stage: the province (approver or operator) at any returnable stage; a city approver
 * only its counties while they wait for the city or the province.
 */
export function sendBackCheck(
  s: { status: Status; regionLevel: string },
  by: { province: boolean; city: boolean },
): Refusal | null {
  if (!RETURNABLE.includes(s.status))
    return refuse(`当前状态(${s.status})不能退回`, `Cannot send back in status ${s.status}`);
  const cityStep = s.regionLevel === 'county' && (s.status === 'submitted' || s.status === 'city_approved') && by.city;
  if (!by.province && !cityStep) return refuse('此阶段只能由省级退回', 'Only the province can send back at this stage');
  return null;
}

/** What a submission's status allows (the web shows these; the permission and region checks come on top). */
export function submissionActions(s: { status: Status; regionLevel: string }): SubmissionAction[] {
  const out: SubmissionAction[] = [];
  if (isEditable(s.status)) out.push('edit', 'submit');
  if (pendingApproval(s)) out.push('approve');
  if (RETURNABLE.includes(s.status)) out.push('send_back');
  if (s.status === 'public_notice') out.push('object');
  return out;
}

/**
 * The province's campaign actions: the stages each is allowed in, the submissions it moves (all in `from` go to
 * `to`) and the stage the campaign reaches. Repeating an action in the stage it leads to picks up stragglers.
 */
export const CAMPAIGN_STEPS: Record<
  CampaignAction,
  { stages: readonly Stage[]; from: Status; to: Status; stage: Stage }
> = {
  draw_experts: {
    stages: ['self_assessment', 'review', 'expert_review'],
    from: 'province_approved',
    to: 'expert_review',
    stage: 'expert_review',
  },
  start_co_evaluation: {
    stages: ['expert_review', 'co_evaluation'],
    from: 'expert_reviewed',
    to: 'co_evaluation',
    stage: 'co_evaluation',
  },
  open_notice: {
    stages: ['co_evaluation', 'public_notice'],
    from: 'co_evaluation',
    to: 'public_notice',
    stage: 'public_notice',
  },
  publish: { stages: ['public_notice'], from: 'public_notice', to: 'published', stage: 'published' },
};

export const campaignActions = (stage: Stage): CampaignAction[] =>
  (Object.keys(CAMPAIGN_STEPS) as CampaignAction[]).filter((a) => CAMPAIGN_STEPS[a].stages.includes(stage));

/** Publishing waits for the notice period to end and every objection to be resolved. */
export const noticeOpen = (now: Date, noticeEndsAt: Date | null, openObjections: number) =>
  (noticeEndsAt !== null && now < noticeEndsAt) || openObjections > 0;
