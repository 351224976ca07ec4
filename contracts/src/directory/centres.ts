import { z } from 'zod';
import { IsoDate, MAX_YEAR, MIN_YEAR, RegionCode } from '../common.contract.ts';
import { CreditCode, MobilePhone } from './experts.ts';

/**
 * 科普展示中心: the bureau selects science-popularisation centres in yearly rounds. Cities apply, experts drawn from
 * the library (field science-popularisation, invite mode) score each application on the criteria below, the
 * province decides (not whoever drew or applied), a certificate (授牌) is issued, and certified centres appear on a
 * public map where visitors book a visit; each centre reports its visitors and events every quarter.
 */
export const CentreKind = z.enum(['exhibition', 'experience']);
export type CentreKind = z.infer<typeof CentreKind>;
export const CENTRE_KINDS: Record<CentreKind, { zh: string; en: string }> = {
  exhibition: { zh: '科普展示中心', en: 'Science exhibition centre' },
  experience: { zh: '科普体验中心', en: 'Science experience centre' },
};

/** The scoring criteria, with the most points each can give (100 in all). */
export const CENTRE_CRITERIA = {
  venue: { zh: '场馆条件(面积、设施、无障碍)', en: 'Venue (area, facilities, accessibility)', max: 25 },
  content: { zh: '展示内容(智慧城市成果、互动体验)', en: 'Exhibits (smart-city results, hands-on)', max: 30 },
  operation: { zh: '运营管理(开放、讲解、安全)', en: 'Operation (opening, guides, safety)', max: 25 },
  reach: { zh: '社会效益(接待人次、活动)', en: 'Reach (visitors, events)', max: 20 },
} as const;
export type CentreCriterion = keyof typeof CENTRE_CRITERIA;

export const CentreRoundInput = z
  .object({
    year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
    kind: CentreKind,
    title: z.string().trim().min(4).max(100),
    applyUntil: IsoDate,
    /** Experts drawn per application. */
    expertsPerApplication: z.number().int().min(1).max(7).default(3),
  })
  .strict();
export type CentreRoundInput = z.infer<typeof CentreRoundInput>;

export const CentreRound = z.object({
  id: z.uuid(),
  year: z.number().int(),
  kind: CentreKind,
  title: z.string(),
  applyUntil: z.string(),
  expertsPerApplication: z.number().int(),
  /** open: cities may apply (until applyUntil, China time); reviewing afterwards. */
  status: z.enum(['open', 'reviewing']),
  applications: z.number().int(),
  certified: z.number().int(),
  demo: z.boolean(),
});
export type CentreRound = z.infer<typeof CentreRound>;

/** Weekdays as ISO numbers: 1 Monday … 7 Sunday. */
export const OpeningHours = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    opens: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'HH:MM' }),
    closes: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'HH:MM' }),
  })
  .strict()
  .refine((h) => h.opens < h.closes, { message: 'closes before it opens', path: ['closes'] });
export type OpeningHours = z.infer<typeof OpeningHours>;

export const CentreApplicationInput = z
  .object({
    name: z.string().trim().min(4).max(100),
    /** The city or a county in it. */
    regionCode: RegionCode,
    address: z.string().trim().min(4).max(200),
    lng: z.number().min(114).max(123.5),
    lat: z.number().min(34).max(38.5),
    /** The unit that runs it: an expert working there is not drawn. */
    operatorUnit: z.string().trim().min(2).max(100),
    operatorCreditCode: CreditCode.optional(),
    areaSqm: z.number().int().min(50).max(200_000),
    hours: OpeningHours,
    /** Visitors per half-day booking slot. */
    slotCapacity: z.number().int().min(1).max(2000),
    description: z.string().trim().min(10).max(2000),
    contactName: z.string().trim().min(2).max(40),
    contactPhone: MobilePhone,
  })
  .strict();
export type CentreApplicationInput = z.infer<typeof CentreApplicationInput>;

export const CentreApplicationStatus = z.enum(['submitted', 'reviewing', 'scored', 'approved', 'rejected']);
export type CentreApplicationStatus = z.infer<typeof CentreApplicationStatus>;
export const CENTRE_APPLICATION_STATUSES: Record<CentreApplicationStatus, { zh: string; en: string }> = {
  submitted: { zh: '已申报', en: 'Submitted' },
  reviewing: { zh: '专家评审中', en: 'Under review' },
  scored: { zh: '评分完成', en: 'Scored' },
  approved: { zh: '已认定授牌', en: 'Certified' },
  rejected: { zh: '未通过', en: 'Not selected' },
};

export const CentreScoreInput = z
  .object({
    scores: z
      .object({
        venue: z.number().int().min(0).max(CENTRE_CRITERIA.venue.max),
        content: z.number().int().min(0).max(CENTRE_CRITERIA.content.max),
        operation: z.number().int().min(0).max(CENTRE_CRITERIA.operation.max),
        reach: z.number().int().min(0).max(CENTRE_CRITERIA.reach.max),
      })
      .strict(),
    comment: z.string().trim().min(2).max(500),
  })
  .strict();
export type CentreScoreInput = z.infer<typeof CentreScoreInput>;

export const CentreReport = z.object({
  year: z.number().int(),
  quarter: z.number().int(),
  visitors: z.number().int(),
  events: z.number().int(),
  note: z.string().nullable(),
});
export type CentreReport = z.infer<typeof CentreReport>;

export const CentreReportInput = z
  .object({
    year: z.number().int().min(MIN_YEAR).max(MAX_YEAR),
    quarter: z.number().int().min(1).max(4),
    visitors: z.number().int().min(0).max(10_000_000),
    events: z.number().int().min(0).max(100_000),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type CentreReportInput = z.infer<typeof CentreReportInput>;

/** An application as the bureau sees it (contact masked; expert names never: aliases and scores only). */
export const CentreApplication = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  roundTitle: z.string(),
  kind: CentreKind,
  year: z.number().int(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  operatorUnit: z.string(),
  areaSqm: z.number().int(),
  hours: OpeningHours,
  slotCapacity: z.number().int(),
  description: z.string(),
  contactName: z.string(),
  contactPhoneMasked: z.string(),
  status: CentreApplicationStatus,
  /** The expert draw (public record at /verify/draw/:id). */
  drawId: z.string().nullable(),
  scores: z.array(
    z.object({
      alias: z.string(),
      scores: z.record(z.string(), z.number()),
      total: z.number(),
      comment: z.string(),
    }),
  ),
  /** Mean of the experts' totals, one decimal. */
  meanScore: z.number().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  certificateNo: z.string().nullable(),
  certifiedOn: z.string().nullable(),
  reports: z.array(CentreReport),
  demo: z.boolean(),
});
export type CentreApplication = z.infer<typeof CentreApplication>;

export const CentreRoundDetail = CentreRound.extend({ applicationList: z.array(CentreApplication) });
export type CentreRoundDetail = z.infer<typeof CentreRoundDetail>;

export const CentreDecisionInput = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().min(2).max(500),
  })
  .strict();
export type CentreDecisionInput = z.infer<typeof CentreDecisionInput>;

/** What a drawn, accepted expert sees of an application to score it. */
export const CentreReview = z.object({
  applicationId: z.uuid(),
  roundTitle: z.string(),
  name: z.string(),
  regionName: z.string(),
  address: z.string(),
  areaSqm: z.number().int(),
  hours: OpeningHours,
  description: z.string(),
  status: CentreApplicationStatus,
  mine: z.object({ scores: z.record(z.string(), z.number()), total: z.number(), comment: z.string() }).nullable(),
});
export type CentreReview = z.infer<typeof CentreReview>;

/** A certified centre on the public map. */
export const PublicCentre = z.object({
  id: z.uuid(),
  kind: CentreKind,
  name: z.string(),
  regionName: z.string(),
  address: z.string(),
  lng: z.number(),
  lat: z.number(),
  hours: OpeningHours,
  slotCapacity: z.number().int(),
  certificateNo: z.string(),
  certifiedOn: z.string(),
  demo: z.boolean(),
});
export type PublicCentre = z.infer<typeof PublicCentre>;

export const BookingSlot = z.enum(['am', 'pm']);
export type BookingSlot = z.infer<typeof BookingSlot>;
export const BOOKING_SLOTS: Record<BookingSlot, { zh: string; en: string }> = {
  am: { zh: '上午', en: 'Morning' },
  pm: { zh: '下午', en: 'Afternoon' },
};

export const BookingInput = z
  .object({
    visitDate: IsoDate,
    slot: BookingSlot,
    partySize: z.number().int().min(1).max(50),
    name: z.string().trim().min(2).max(40),
    phone: MobilePhone,
  })
  .strict();
export type BookingInput = z.infer<typeof BookingInput>;

/** A booking as the booker and the centre see it: personal data masked. */
export const Booking = z.object({
  reference: z.string(),
  visitDate: z.string(),
  slot: BookingSlot,
  partySize: z.number().int(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  createdAt: z.string(),
});
export type Booking = z.infer<typeof Booking>;

/** How full a centre is over the next weeks, for the booking form. */
export const CentreAvailability = z.array(
  z.object({ date: z.string(), slot: BookingSlot, open: z.boolean(), left: z.number().int() }),
);
