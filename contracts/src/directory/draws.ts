import { z } from 'zod';
import { PageQuery, pageOf, RegionCode } from '../common.contract.ts';
import { ExpertField, Party } from './experts.ts';

/**
 * Expert draws (专家抽取), after 财库〔2016〕198号: experts tied to a party of the object under review in the past three
 * years, their close kin, and any other relation affecting fairness are excluded; the operator never sees the pool
 * and names stay sealed until the expert accepts. Beyond it: every draw is verifiable. The seed's SHA-256 is written
 * to the audit chain before the draw, the seed is revealed when the draw completes, and anyone can re-run it.
 */

/** Which shared region excludes an expert: none; the same county; the same city or county (回避本地区). */
export const RegionRule = z.enum(['none', 'same_county', 'same_city']);
export type RegionRule = z.infer<typeof RegionRule>;

/** Why a candidate of the field was not in the lottery. */
export const ExclusionReason = z.enum([
  'same_unit',
  'same_region',
  'declared_unit',
  'declared_company',
  'declared_region',
  'kin',
  'unavailable',
  'no_account',
]);
export type ExclusionReason = z.infer<typeof ExclusionReason>;
export const EXCLUSION_REASONS: Record<ExclusionReason, { zh: string; en: string }> = {
  same_unit: { zh: '与被评审对象同单位', en: 'Same unit as a party' },
  same_region: { zh: '本地区回避', en: 'Same region' },
  declared_unit: { zh: '申报的单位关系(三年内)', en: 'Declared relation with a unit (within three years)' },
  declared_company: { zh: '申报的企业关系(三年内)', en: 'Declared relation with a company (within three years)' },
  declared_region: { zh: '申报的地区关系(三年内)', en: 'Declared relation with the region (within three years)' },
  kin: { zh: '近亲属关系', en: 'Close kin' },
  unavailable: { zh: '不可参加(请假、出差)', en: 'Unavailable' },
  no_account: { zh: '无平台账号(本次须在线评审)', en: 'No platform account (online review required)' },
};

/** What is under review, described by the module that asks for the draw. */
export const DrawObject = z.object({
  /** The asking module (assessment, scenarios, communities, directory). */
  module: z.string().regex(/^[a-z][a-z-]{1,39}$/),
  objectType: z.string().regex(/^[a-z][a-z_-]{1,39}$/),
  objectId: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(200),
  regionCode: RegionCode,
  /** Units on the object's side (the applicant, its superior): an expert working there is excluded. */
  units: z.array(Party).max(50).default([]),
  /** Companies on the object's side (builders, suppliers): experts with a declared tie are excluded. */
  companies: z.array(Party).max(50).default([]),
});
export type DrawObject = z.input<typeof DrawObject>;

export const DrawQuota = z
  .object({
    /** null: any field. */
    field: ExpertField.nullable(),
    count: z.number().int().min(1).max(20),
    /** Fewer than `count` will do, down to this many, when no more are eligible (default: exactly `count`). */
    atLeast: z.number().int().min(1).max(20).optional(),
  })
  .refine((q) => q.atLeast === undefined || q.atLeast <= q.count, { message: 'atLeast ≤ count', path: ['atLeast'] });
export type DrawQuota = z.infer<typeof DrawQuota>;

/**
 * invite: drawn experts are invited and accept or decline (a decline draws the replacement); names stay sealed until
 * acceptance, the seed is revealed when every place is accepted or the draw is closed.
 * assign: the asking module assigns the drawn experts itself (blind review with aliases); the draw completes at once.
 */
export const DrawMode = z.enum(['invite', 'assign']);
export type DrawMode = z.infer<typeof DrawMode>;

export const DrawRequest = z.object({
  object: DrawObject,
  quotas: z.array(DrawQuota).min(1).max(10),
  regionRule: RegionRule.default('same_city'),
  /** Only experts with a platform account (online review). */
  requireAccount: z.boolean().default(false),
  mode: DrawMode.default('invite'),
  /**
   * Public entropy from the asking side (a number the operator gives), mixed into every ticket with the server's
   * committed seed: neither side alone decides the draw.
   */
  salt: z
    .string()
    .regex(/^[0-9A-Za-z_-]{1,64}$/)
    .optional(),
  /** Required when the object already has a draw: why it is drawn again (the earlier one stays on record). */
  redrawReason: z.string().trim().min(2).max(200).optional(),
});
export type DrawRequest = z.input<typeof DrawRequest>;

export const PickStatus = z.enum(['invited', 'accepted', 'declined', 'assigned']);
export type PickStatus = z.infer<typeof PickStatus>;

/** One drawn place as the operator sees it: name and unit only once the expert accepted. */
export const DrawPick = z.object({
  position: z.number().int(),
  field: ExpertField.nullable(),
  alias: z.string(),
  status: PickStatus,
  /** The position this pick replaces (after a decline). */
  replaces: z.number().int().nullable(),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  name: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type DrawPick = z.infer<typeof DrawPick>;

export const DrawStatus = z.enum(['open', 'completed', 'closed', 'short']);
export type DrawStatus = z.infer<typeof DrawStatus>;

export const ExpertDraw = z.object({
  id: z.uuid(),
  module: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  title: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  regionRule: RegionRule,
  mode: DrawMode,
  quotas: z.array(DrawQuota),
  status: DrawStatus,
  attempt: z.number().int(),
  redrawReason: z.string().nullable(),
  seedHash: z.string(),
  /** null until revealed. */
  seed: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  revealedAt: z.string().nullable(),
  candidates: z.number().int(),
  exclusions: z.array(z.object({ reason: ExclusionReason, count: z.number().int() })),
  picks: z.array(DrawPick),
});
export type ExpertDraw = z.infer<typeof ExpertDraw>;

export const ExpertDrawQuery = PageQuery.extend({
  module: z.string().max(40).optional(),
  objectId: z.string().max(100).optional(),
  status: DrawStatus.optional(),
});
export type ExpertDrawQuery = z.infer<typeof ExpertDrawQuery>;
export const ExpertDrawPage = pageOf(ExpertDraw);

export const DrawResponseInput = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('accept') }),
  z.object({ answer: z.literal('decline'), reason: z.string().trim().min(2).max(200) }),
]);
export type DrawResponseInput = z.infer<typeof DrawResponseInput>;

/** An invitation as the drawn expert sees it (their own only). */
export const ExpertInvitation = z.object({
  drawId: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  module: z.string(),
  regionName: z.string(),
  field: ExpertField.nullable(),
  status: PickStatus,
  invitedAt: z.string(),
});
export type ExpertInvitation = z.infer<typeof ExpertInvitation>;

/** The public record of a draw: pseudonymous codes only, enough for anyone to re-run it. */
export const DrawVerification = z.object({
  id: z.uuid(),
  module: z.string(),
  title: z.string(),
  regionName: z.string(),
  attempt: z.number().int(),
  redrawReason: z.string().nullable(),
  status: DrawStatus,
  requestedAt: z.string(),
  quotas: z.array(DrawQuota),
  seedHash: z.string(),
  seed: z.string().nullable(),
  salt: z.string().nullable(),
  revealedAt: z.string().nullable(),
  /** The audit row that committed the seed's hash before the draw. */
  commitment: z.object({ seq: z.number().int(), at: z.string(), hash: z.string() }).nullable(),
  /** Every expert of the fields considered: in the lottery (ticket) or excluded (reason). */
  candidates: z.array(
    z.object({
      code: z.string(),
      fields: z.array(ExpertField),
      excluded: ExclusionReason.nullable(),
    }),
  ),
  picks: z.array(
    z.object({
      position: z.number().int(),
      field: ExpertField.nullable(),
      code: z.string(),
      status: PickStatus,
      replaces: z.number().int().nullable(),
    }),
  ),
  /** Each check; all true means the record is consistent. */
  checks: z.object({
    /** SHA-256 of the revealed seed equals the committed hash. */
    seedMatchesHash: z.boolean().nullable(),
    /** The commitment row precedes the draw in the audit chain. */
    committedBeforeDraw: z.boolean(),
    /** Re-running the draw from the seed over the candidates gives the recorded picks. */
    rerunMatches: z.boolean().nullable(),
  }),
  /** The rule, so anyone can re-run it by hand. */
  algorithm: z.string(),
});
export type DrawVerification = z.infer<typeof DrawVerification>;
