import { z } from 'zod';
import { IsoDate, PageQuery, RegionCode } from '../common.contract.ts';

/** The board (动态打榜): rounds, expert reviews, public votes, explained ranks. */

export const RoundWeights = z
  .object({
    expert: z.number().min(0).max(1),
    votes: z.number().min(0).max(1),
    replication: z.number().min(0).max(1),
    growth: z.number().min(0).max(1),
  })
  .refine((w) => w.expert + w.votes + w.replication + w.growth > 0, { message: 'at least one weight above 0' });
export type RoundWeights = z.infer<typeof RoundWeights>;

export const RoundInput = z
  .object({
    name: z.string().trim().min(2).max(60),
    kind: z.enum(['quarter', 'final']),
    startsOn: IsoDate,
    endsOn: IsoDate,
    weights: RoundWeights,
    /** How many reviews' worth the round mean weighs in a case's expert score (shrinkage). */
    priorReviews: z.number().int().min(0).max(100).default(3),
  })
  .refine((r) => r.endsOn >= r.startsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] });
export type RoundInput = z.infer<typeof RoundInput>;

export const Round = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['quarter', 'final']),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(['open', 'closed']),
  weights: z.object({ expert: z.number(), votes: z.number(), replication: z.number(), growth: z.number() }),
  priorReviews: z.number().int(),
  previousRoundId: z.uuid().nullable(),
  demo: z.boolean(),
  computedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type Round = z.infer<typeof Round>;
export const RoundList = z.object({ items: z.array(Round) });

export const RoundIdParams = z.object({ id: z.uuid() });

/** The review criteria, each scored 0–10 by the expert; the total (0–100) is their mean × 10. */
export const REVIEW_CRITERIA = ['innovation', 'effectiveness', 'replicability', 'sustainability', 'benefit'] as const;
export const CRITERIA_NAMES: Record<(typeof REVIEW_CRITERIA)[number], { zh: string; en: string }> = {
  innovation: { zh: '创新性', en: 'Innovation' },
  effectiveness: { zh: '实效性', en: 'Effectiveness' },
  replicability: { zh: '可复制性', en: 'Replicability' },
  sustainability: { zh: '可持续性', en: 'Sustainability' },
  benefit: { zh: '群众获得感', en: 'Benefit to citizens' },
};
const Mark = z.number().min(0).max(10);
export const ReviewInput = z.object({
  scores: z.object({
    innovation: Mark,
    effectiveness: Mark,
    replicability: Mark,
    sustainability: Mark,
    benefit: Mark,
  }),
  comment: z.string().trim().max(1000).default(''),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

export const DrawInput = z.object({
  /** The cases to draw experts for (accepted cases of the open round). */
  caseIds: z.array(z.uuid()).min(1).max(500),
  perCase: z.number().int().min(1).max(9).default(3),
  /** Public entropy from the province (salt of the directory's draw); omitted: a fresh one, recorded with it. */
  seed: z.number().int().min(0).max(4_294_967_295).optional(),
});
export type DrawInput = z.infer<typeof DrawInput>;

export const DrawResult = z.object({
  /** The province's public number, mixed into each directory draw beside the directory's committed seed. */
  seed: z.number().int(),
  /** Per case: how many experts, and the directory draw (its public verification page: /verify/draw/:drawId). */
  assigned: z.array(z.object({ caseId: z.uuid(), experts: z.number().int(), drawId: z.uuid() })),
  /** Cases with fewer eligible experts than asked (everyone else is from the case's own city). */
  short: z.array(z.uuid()),
});
export type DrawResult = z.infer<typeof DrawResult>;

export const ReviewTask = z.object({
  roundId: z.uuid(),
  roundName: z.string(),
  caseId: z.uuid(),
  title: z.string(),
  domainName: z.string(),
  summary: z.string(),
  approach: z.string(),
  results: z.string(),
  scores: ReviewInput.shape.scores.nullable(),
  comment: z.string(),
  total: z.number().nullable(),
});
export type ReviewTask = z.infer<typeof ReviewTask>;
export const ReviewTaskList = z.object({ items: z.array(ReviewTask) });
export const ReviewParams = z.object({ roundId: z.uuid(), caseId: z.uuid() });

export const COMPONENT_NAMES = {
  expert: { zh: '专家评审', en: 'Expert review' },
  votes: { zh: '公众投票', en: 'Public votes' },
  replication: { zh: '复制推广', en: 'Replications' },
  growth: { zh: '使用增长', en: 'Usage growth' },
} as const;
export const ComponentKey = z.enum(['expert', 'votes', 'replication', 'growth']);
export type ComponentKey = z.infer<typeof ComponentKey>;

const Part = z.object({ value: z.number(), points: z.number() });
export const Standing = z.object({
  rank: z.number().int(),
  caseId: z.uuid(),
  title: z.string(),
  regionName: z.string(),
  cityName: z.string(),
  domain: z.string(),
  domainName: z.string(),
  score: z.number(),
  low: z.number(),
  high: z.number(),
  components: z.object({ expert: Part, votes: Part, replication: Part, growth: Part }),
  votesUp: z.number().int(),
  votesTotal: z.number().int(),
  votesHeld: z.number().int(),
  reviewCount: z.number().int(),
  replications: z.number().int(),
  /** Places moved since the previous round (positive: up); null: not ranked then. */
  movement: z.number().int().nullable(),
  demo: z.boolean(),
});
export type Standing = z.infer<typeof Standing>;

export const Why = z.object({
  neighbour: z.object({ caseId: z.uuid(), title: z.string(), rank: z.number().int() }).nullable(),
  margin: z.number(),
  tie: z.boolean(),
  differences: z.array(z.object({ component: ComponentKey, points: z.number() })),
  /** The same in words, for people. */
  text: z.object({ zh: z.string(), en: z.string() }),
});
export type Why = z.infer<typeof Why>;

export const BoardQuery = PageQuery.extend({
  round: z.uuid().optional(),
  domain: z.string().max(40).optional(),
  city: RegionCode.optional(),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const Board = z.object({
  round: Round.nullable(),
  items: z.array(Standing.extend({ why: Why.nullable() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type Board = z.infer<typeof Board>;

export const VoteInput = z.object({ approve: z.boolean() });
export type VoteInput = z.infer<typeof VoteInput>;
export const VoteReceipt = z.object({
  recorded: z.boolean(),
  /** Every vote is checked for bursts before it counts; the board shows it within a second or so. */
  status: z.enum(['pending', 'duplicate']),
  /** Cast from a device that verified a phone (one vote per phone per case per round; never held as a fresh device). */
  verified: z.boolean(),
});
export type VoteReceipt = z.infer<typeof VoteReceipt>;

/** A mainland mobile number, 11 digits. */
export const VoterPhone = z.string().regex(/^1[3-9]\d{9}$/, { message: '11-digit mobile number' });
export const PhoneCodeInput = z.object({ phone: VoterPhone });
export type PhoneCodeInput = z.infer<typeof PhoneCodeInput>;
export const PhoneCodeSent = z.object({
  expiresInSeconds: z.number().int(),
  resendInSeconds: z.number().int(),
  /**
   * Demo mode without an SMS gateway only: the code, because no text message is sent (the page labels it as the
   * demo's). Never present when a gateway is configured.
   */
  demoCode: z.string().optional(),
});
export type PhoneCodeSent = z.infer<typeof PhoneCodeSent>;
export const PhoneVerifyInput = z.object({
  phone: VoterPhone,
  code: z.string().regex(/^\d{6}$/, { message: '6 digits' }),
});
export type PhoneVerifyInput = z.infer<typeof PhoneVerifyInput>;
/** This device's verified phone, masked (138****5678), or none. */
export const VoterPhoneStatus = z.object({ verified: z.boolean(), phone: z.string().nullable() });
export type VoterPhoneStatus = z.infer<typeof VoterPhoneStatus>;

export const HeldGroup = z.object({
  caseId: z.uuid(),
  title: z.string(),
  reason: z.string(),
  votes: z.number().int(),
  first: z.string(),
  last: z.string(),
});
export const HeldList = z.object({ items: z.array(HeldGroup) });
export const HeldDecision = z.object({
  caseId: z.uuid(),
  reason: z.enum(['network_burst', 'fresh_devices']),
  decision: z.enum(['release', 'reject']),
});
export type HeldDecision = z.infer<typeof HeldDecision>;
export const HeldOutcome = z.object({ changed: z.number().int() });

export const RecomputeResult = z.object({ cases: z.number().int(), ms: z.number() });

export const PublicSearchQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  domain: z.string().max(40).optional(),
  city: RegionCode.optional(),
  operatingModel: z.string().max(40).optional(),
});
export type PublicSearchQuery = z.infer<typeof PublicSearchQuery>;
