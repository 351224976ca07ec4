import { z } from 'zod';
import { defineRoles, IsoDateTime, RegionCode } from './common.contract.ts';
import { EVENT_TOPICS } from './events.contract.ts';
import { MobilePhone } from './participation/surveys.ts';
import { Quotas, SupervisionSubject } from './participation/supervision.ts';

export * from './participation/surveys.ts';
export * from './participation/supervision.ts';

/**
 * 问需于民 surveys, 你提我办 action items and the 市民监督员 pool: roles, permissions, errors, the events the module
 * publishes and what other modules call. The schemas of its routes live in ./participation/ and are re-exported here.
 */

/** The participation module's own role: vetted citizens and media who co-evaluate (监督共评). */
export const PARTICIPATION_ROLES = defineRoles({
  citizen_supervisor: { zh: '市民监督员', en: 'Citizen supervisor', level: null, duty: 'participant' },
});

export const PARTICIPATION_PERMISSIONS = {
  /** Build, localise and publish surveys; run campaigns. */
  surveysManage: 'participation.surveys.manage',
  /** Read responses, statistics and demand topics of one's regions. */
  responsesRead: 'participation.responses.read',
  /** Enter paper (offline) responses. */
  responsesEnter: 'participation.responses.enter',
  /** Turn demands into action items and follow them up. */
  actionsManage: 'participation.actions.manage',
  /** Vet supervisors, create tasks, draw panels. */
  supervisorsManage: 'participation.supervisors.manage',
  /** A vetted citizen supervisor: see own tasks, score. */
  tasksScore: 'participation.tasks.score',
} as const;

export const PARTICIPATION_ERRORS = {
  survey_published: {
    zh: '问卷已发布,不能修改;请创建新版本',
    en: 'The survey is published and cannot change; create a new version',
  },
  survey_not_open: { zh: '问卷未发布或已关闭', en: 'The survey is not open for answers' },
  already_answered: { zh: '此设备已提交过本问卷', en: 'This device has already answered this survey' },
  verified_required: { zh: '本问卷需登录后填写', en: 'Please sign in to answer this survey' },
  mandatory_dropped: { zh: '不能删除上级设定的必答题', en: 'Mandatory questions of the template cannot be dropped' },
  invalid_answer: { zh: '答案不符合要求', en: 'Invalid answer' },
  panel_infeasible: { zh: '候选监督员不足,无法按配额抽取', en: 'Not enough eligible supervisors for the quotas' },
  not_panel_member: { zh: '您不是该任务的监督员', en: 'You are not on this task’s panel' },
  photo_required: { zh: '现场核验须先上传照片', en: 'Upload at least one photo before verifying on site' },
} as const;
export type ParticipationErrorCode = keyof typeof PARTICIPATION_ERRORS;

// ---------------------------------------------------------------- events the module publishes

export const PARTICIPATION_EVENTS = {
  /** A supervisor scored a bureau task: assessment's co-evaluation feed (payload in events.contract.ts). */
  supervisorScoreSubmitted: EVENT_TOPICS.supervisorScoreSubmitted,
  /** A panel member scored a site check another module asked for (ParticipationApi.createSupervisionTask). */
  subjectScored: 'participation.subject-scored',
  /** Someone asked about an object of another module answered (ParticipationApi.createSatisfactionFollowup). */
  satisfactionAnswered: 'participation.satisfaction-answered',
} as const;

/** One panel member's score on a task about another module's object; the module that asked subscribes to it. */
export const SubjectScored = z.object({
  /** Unique per score; subscribers use it to ignore redeliveries. */
  scoreId: z.uuid(),
  taskId: z.uuid(),
  subject: SupervisionSubject,
  regionCode: RegionCode,
  kind: z.enum(['service', 'site_check']),
  /** 0–100. */
  score: z.number().min(0).max(100),
  /** For a site check: was what the subject claims found on site. */
  confirmed: z.boolean().nullable(),
  /** Pseudonymous: the supervisor's id in the participation module, never a name or phone. */
  supervisorRef: z.string().max(64),
  media: z.boolean(),
  /** The panel with this score in: seats, scores so far, their median. */
  panel: z.object({ size: z.number().int(), scored: z.number().int(), median: z.number().nullable() }),
  submittedAt: IsoDateTime,
});
export type SubjectScored = z.infer<typeof SubjectScored>;

/** A satisfaction follow-up about another module's object was answered (no contact details in it). */
export const SatisfactionAnswered = z.object({
  followupId: z.uuid(),
  subject: SupervisionSubject,
  regionCode: RegionCode,
  /** 1–5. */
  satisfaction: z.number().int().min(1).max(5),
  answeredAt: IsoDateTime,
});
export type SatisfactionAnswered = z.infer<typeof SatisfactionAnswered>;

// ---------------------------------------------------------------- what other modules call (ParticipationApi)

/** A demand topic of a region, as other modules use it (no quotes: those are residents' own words). */
export const DemandTopicShare = z.object({
  label: z.string(),
  keywords: z.array(z.string()),
  /** Share of the region's free-text answers (0–1). */
  share: z.number(),
  count: z.number().int(),
});
export type DemandTopicShare = z.infer<typeof DemandTopicShare>;

/** A site check of another module's object by a drawn panel of citizen supervisors and media. */
export const SupervisionTaskRequest = z.object({
  subject: SupervisionSubject,
  /** The county or city whose pool the panel is drawn from (supervisors belong to a county or a city). */
  regionCode: RegionCode,
  panelSize: z.number().int().min(1).max(200),
  kind: z.enum(['service', 'site_check']).default('site_check'),
  /** Default: 现场核验:<subject title>. */
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).default(''),
  /** Default: this year. */
  year: z.number().int().min(2000).max(2100).optional(),
  quotas: Quotas.default({}),
  /** Recorded with the draw so it can be re-run; default random. */
  seed: z.number().int().min(0).max(4294967295).optional(),
});
export type SupervisionTaskRequest = z.input<typeof SupervisionTaskRequest>;

/**
 * Ask people whether they are satisfied with what was done about another module's object: the phones given, and/or
 * respondents of the latest campaign covering the region who left a phone and whose answers mention a demand word.
 */
export const SatisfactionFollowupRequest = z
  .object({
    subject: SupervisionSubject,
    regionCode: RegionCode,
    /** Who asks, shown on the follow-up page (e.g. 历下区民政局). */
    department: z.string().trim().min(1).max(100),
    /** What was done, shown to the person asked. */
    note: z.string().max(2000).default(''),
    phones: z.array(MobilePhone).max(1000).optional(),
    demandWords: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
  })
  .refine((r) => (r.phones?.length ?? 0) + (r.demandWords?.length ?? 0) > 0, {
    path: ['phones'],
    message: 'give phones or demand words',
  });
export type SatisfactionFollowupRequest = z.input<typeof SatisfactionFollowupRequest>;

/** The private links made (the SMS gateway that carries them is outside the platform). */
export const SatisfactionFollowupResult = z.object({
  created: z.number().int(),
  links: z.array(z.object({ token: z.string(), phoneMasked: z.string().nullable() })),
});
export type SatisfactionFollowupResult = z.infer<typeof SatisfactionFollowupResult>;

/**
 * What other modules read about participation in a region (the one-screen view): the latest campaign covering it,
 * its answers from the region's subtree counted by answering region, channel and day (China Standard Time).
 */
export const ParticipationSummary = z.object({
  regionCode: z.string(),
  campaign: z
    .object({
      id: z.uuid(),
      title: z.string(),
      year: z.number().int(),
      regionCode: z.string(),
      status: z.enum(['open', 'closed']),
    })
    .nullable(),
  responses: z.number().int(),
  byRegion: z.array(z.object({ code: z.string(), n: z.number().int() })),
  byChannel: z.array(z.object({ channel: z.string(), n: z.number().int() })),
  byDay: z.array(z.object({ day: z.string(), n: z.number().int() })),
  /** When the newest answer counted arrived (null: none yet); the counts are live. */
  asOf: z.string().nullable(),
  sample: z.boolean(),
});
export type ParticipationSummary = z.infer<typeof ParticipationSummary>;
