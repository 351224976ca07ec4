import type { Bilingual } from '@zhicheng/contracts';
import {
  SUBMISSION_STATUS_NAMES,
  type AssessmentCampaignStage as Stage,
  type AssessmentSubmissionStatus as Status,
  type CampaignAction,
  type CampaignDeadlines,
  type ReviewStage,
  type StageWindow,
  type SubmissionAction,
} from '@zhicheng/contracts/assessment';
import { chinaDay } from '../../platform/clock/index.ts';

/** Deadlines are days in China (UTC+8): the platform's chinaDay, re-exported for this module's callers. */
export { chinaDay };

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
  return refuse(
    `当前状态(${SUBMISSION_STATUS_NAMES[s.status].zh})不能审核`,
    `Cannot approve in status ${SUBMISSION_STATUS_NAMES[s.status].en}`,
  );
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
    return refuse(
      `当前状态(${SUBMISSION_STATUS_NAMES[s.status].zh})不能退回`,
      `Cannot send back in status ${SUBMISSION_STATUS_NAMES[s.status].en}`,
    );
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

/**
 * How far along the workflow a status is. A returned submission is back at the start; everything else follows
 * the order of the steps (a city skips city_approved, which the ordering does not mind).
 */
const STATUS_ORDER: Record<Status, number> = {
  draft: 0,
  returned: 0,
  submitted: 1,
  city_approved: 2,
  province_approved: 3,
  expert_review: 4,
  expert_reviewed: 5,
  co_evaluation: 6,
  public_notice: 7,
  published: 8,
};

export type CompletenessRow = { status: Status; regionCode: string; regionName: string; parentCode: string | null };

/**
 * What a campaign action would do to the campaign's submissions: `ready` ones move, `behind` ones have not reached
 * the step (a stage closed over them needs the province's recorded reason), `ahead` ones are past it. By city: a
 * county counts under its parent, a city under itself.
 */
export function stageCompleteness(
  rows: readonly (CompletenessRow & { regionLevel: string })[],
  action: CampaignAction,
  cityNames: ReadonlyMap<string, string>,
) {
  const from = STATUS_ORDER[CAMPAIGN_STEPS[action].from];
  const byCity = new Map<string, { code: string; name: string; total: number; ready: number; behind: number }>();
  let ready = 0;
  let behind = 0;
  let ahead = 0;
  const behindRegions: { regionCode: string; regionName: string; status: Status }[] = [];
  for (const r of rows) {
    const city = r.regionLevel === 'city' ? r.regionCode : (r.parentCode ?? r.regionCode);
    const c = byCity.get(city) ?? {
      code: city,
      name: cityNames.get(city) ?? (r.regionLevel === 'city' ? r.regionName : city),
      total: 0,
      ready: 0,
      behind: 0,
    };
    byCity.set(city, c);
    c.total++;
    const at = STATUS_ORDER[r.status];
    if (at === from) {
      ready++;
      c.ready++;
    } else if (at < from) {
      behind++;
      c.behind++;
      behindRegions.push({ regionCode: r.regionCode, regionName: r.regionName, status: r.status });
    } else ahead++;
  }
  return {
    total: rows.length,
    ready,
    behind,
    ahead,
    complete: behind === 0,
    byCity: [...byCity.values()].sort((a, b) => a.code.localeCompare(b.code)),
    behindRegions: behindRegions.sort((a, b) => a.regionCode.localeCompare(b.regionCode)).slice(0, 200),
  };
}

/** Which approving duties a caller holds over a submission's region (roles bound to it or above it). */
export type CallerDuties = { city: boolean; province: boolean; provinceReturn: boolean };

export function callerDuties(
  roles: readonly { role: string; regionCode: string }[],
  lineage: readonly string[],
): CallerDuties {
  const holds = (names: string[]) => roles.some((b) => names.includes(b.role) && lineage.includes(b.regionCode));
  return {
    city: holds(['city_approver']),
    province: holds(['province_approver']),
    provinceReturn: holds(['province_approver', 'province_operator']),
  };
}

/**
 * The actions a submission offers to this caller: the status's actions, with approve and send back kept only
 * where this caller's step it is — so the web never shows a button that can only end in a conflict.
 */
export function actionsFor(
  s: { status: Status; regionLevel: string },
  caller: CallerDuties | null,
): SubmissionAction[] {
  const all = submissionActions(s);
  if (!caller) return all;
  return all.filter((a) => {
    if (a === 'approve') return !('refused' in approvalStep(s, caller));
    if (a === 'send_back') return !sendBackCheck(s, { province: caller.provinceReturn, city: caller.city });
    return true;
  });
}

/** Whether a deadline day (inclusive) is over at `at`; no deadline never passes. */
export const pastDeadline = (deadline: string | null | undefined, at: Date) => !!deadline && chinaDay(at) > deadline;

/** Reminders go out this many days before a deadline (and on the day). */
export const REMIND_DAYS_BEFORE = 3;

/**
 * Where filling in stands for one submission: the day it closes (the campaign's self-assessment deadline, or the
 * province's reopening when later) and whether it is closed now. A submission a reviewer sent back stays open: the
 * return is itself a reopening (the region fixes what was asked).
 */
export function fillingWindow(
  s: { status: Status; reopenedUntil: string | null },
  selfAssessmentDeadline: string | null | undefined,
  at: Date,
): { deadline: string | null; closed: boolean } {
  const base = selfAssessmentDeadline ?? null;
  const deadline = s.reopenedUntil && (!base || s.reopenedUntil > base) ? s.reopenedUntil : base;
  return { deadline, closed: s.status === 'draft' && pastDeadline(deadline, at) };
}

/** Whether a reminder is due for a deadline on `day`: within REMIND_DAYS_BEFORE days before it, or on it. */
export function reminderDue(deadline: string | null, day: string): boolean {
  if (!deadline || day > deadline) return false;
  const days = (Date.parse(deadline) - Date.parse(day)) / 86_400_000;
  return days <= REMIND_DAYS_BEFORE;
}

/** The review stage a submission waits in now (whose deadline applies to the next step), if any. */
export function waitingStage(s: { status: Status; regionLevel: string }): ReviewStage | null {
  const step = pendingApproval(s);
  if (step === 'city') return 'cityApproval';
  if (step === 'province') return 'provinceApproval';
  if (isScorable(s.status)) return 'expertReview';
  return null;
}

/**
 * Where the review stage a submission waits in stands: its day (the campaign's deadline, or the province's reopening
 * of that stage when later) and whether it is closed now. Null when it waits in no review stage.
 */
export function stageWindow(
  s: { status: Status; regionLevel: string; stageReopened: Partial<Record<ReviewStage, string>> },
  deadlines: CampaignDeadlines,
  at: Date,
): StageWindow | null {
  const stage = waitingStage(s);
  if (!stage) return null;
  const base = deadlines[stage] ?? null;
  const reopened = s.stageReopened[stage] ?? null;
  const deadline = reopened && (!base || reopened > base) ? reopened : base;
  return { stage, deadline, closed: pastDeadline(deadline, at), reopenedUntil: reopened };
}

/** Whether an action in `stage` taken at `at` is late: after the campaign's own deadline of that stage. */
export const lateIn = (stage: ReviewStage | null, deadlines: CampaignDeadlines, at: Date) =>
  !!stage && pastDeadline(deadlines[stage], at);

/**
 * The caller's actions with what a closed review stage takes away: approving, and a city's send-back (the province
 * may still send back at any stage).
 */
export function withoutClosedStage(
  actions: SubmissionAction[],
  window: StageWindow | null,
  caller: CallerDuties | null,
): SubmissionAction[] {
  if (!window?.closed || window.stage === 'expertReview') return actions;
  return actions.filter((a) => a !== 'approve' && (a !== 'send_back' || !!caller?.provinceReturn));
}
