import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  doublePrecision,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { CaseStatus, TermKind } from '@zhicheng/contracts/scenarios';

/**
 * The scenarios schema, column for column as migration 0500 made it (platform/database/schema.db.test.ts checks
 * every column). No other module reads these tables: it calls ScenariosApi.
 */
export const scenariosSchema = pgSchema('scenarios');

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** Written with to_tsvector('simple', tokens) in SQL; never read back as a value. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** A 64-bit transaction id (PostgreSQL's xid8), as its decimal text. */
const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });
const count = (name: string) => bigint(name, { mode: 'number' });

export const term = scenariosSchema.table(
  'term',
  {
    kind: text('kind').$type<TermKind>().notNull(),
    code: text('code').notNull(),
    parent: text('parent'),
    zh: text('zh').notNull(),
    en: text('en').notNull(),
    active: boolean('active').notNull().default(true),
    sort: integer('sort').notNull().default(100),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.code] })],
);
export type TermRow = typeof term.$inferSelect;

export const scenarioCase = scenariosSchema.table(
  'scenario_case',
  {
    id: uuid('id').primaryKey(),
    regionCode: varchar('region_code', { length: 12 }).notNull(),
    cityCode: varchar('city_code', { length: 12 }).notNull(),
    title: text('title').notNull(),
    domain: text('domain').notNull(),
    category: text('category').notNull(),
    summary: text('summary').notNull(),
    problem: text('problem').notNull().default(''),
    approach: text('approach').notNull().default(''),
    results: text('results').notNull().default(''),
    usersServed: count('users_served').notNull().default(0),
    monthlyUsage: count('monthly_usage').notNull().default(0),
    savingsFen: count('savings_fen').notNull().default(0),
    operatingModel: text('operating_model').notNull(),
    operatingNote: text('operating_note').notNull().default(''),
    investmentFen: count('investment_fen').notNull().default(0),
    investmentSource: text('investment_source').notNull().default(''),
    goLive: date('go_live', { mode: 'string' }),
    responsibleUnit: text('responsible_unit').notNull().default(''),
    builder: text('builder').notNull().default(''),
    tags: text('tags').array().notNull().default([]),
    status: text('status').$type<CaseStatus>().notNull(),
    returnReason: text('return_reason'),
    searchTokens: text('search_tokens').notNull().default(''),
    search: tsvector('search').notNull(),
    isDemo: boolean('is_demo').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    submittedAt: ts('submitted_at'),
    acceptedAt: ts('accepted_at'),
  },
  (t) => [unique('scenario_case_region_title_key').on(t.regionCode, t.title)],
);
export type CaseRow = typeof scenarioCase.$inferSelect;

export const caseStep = scenariosSchema.table('case_step', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  caseId: uuid('case_id')
    .notNull()
    .references(() => scenarioCase.id),
  action: text('action').notNull(),
  fromStatus: text('from_status').$type<CaseStatus>(),
  toStatus: text('to_status').$type<CaseStatus>().notNull(),
  byUserId: uuid('by_user_id'),
  byName: text('by_name').notNull(),
  reason: text('reason'),
  at: ts('at').notNull(),
});
export type CaseStepRow = typeof caseStep.$inferSelect;

// ---------------------------------------------------------------------------------------------- board (0501)

export interface RoundWeights {
  expert: number;
  votes: number;
  replication: number;
  growth: number;
}

export const round = scenariosSchema.table('round', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').$type<'quarter' | 'final'>().notNull(),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  status: text('status').$type<'open' | 'closed'>().notNull(),
  weights: jsonb('weights').$type<RoundWeights>().notNull(),
  priorReviews: integer('prior_reviews').notNull().default(3),
  priorMean: doublePrecision('prior_mean'),
  priorSd: doublePrecision('prior_sd'),
  previousRoundId: uuid('previous_round_id'),
  /** The last vote its refresh classified, as (transaction, id): see arrivedVotes in board.repository.ts. */
  voteWatermarkTxid: xid8('vote_watermark_txid').notNull().default('0'),
  voteWatermark: bigint('vote_watermark', { mode: 'number' }).notNull().default(0),
  refreshGeneration: bigint('refresh_generation', { mode: 'number' }).notNull().default(0),
  isDemo: boolean('is_demo').notNull().default(false),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
  closedAt: ts('closed_at'),
  computedAt: ts('computed_at'),
});
export type RoundRow = typeof round.$inferSelect;

export const expertAssignment = scenariosSchema.table(
  'expert_assignment',
  {
    roundId: uuid('round_id').notNull(),
    caseId: uuid('case_id').notNull(),
    expertUserId: uuid('expert_user_id').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    drawnAt: ts('drawn_at').notNull(),
    /** The directory's draw (verifiable at /directory/draws/:id); null for the demo's earlier history. */
    drawId: uuid('draw_id'),
    /** 专家A, 专家B, …: what the province sees instead of a name. */
    alias: text('alias'),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.caseId, t.expertUserId] })],
);

export type ReviewScores = Record<string, number>;
export const review = scenariosSchema.table(
  'review',
  {
    roundId: uuid('round_id').notNull(),
    caseId: uuid('case_id').notNull(),
    expertUserId: uuid('expert_user_id').notNull(),
    scores: jsonb('scores').$type<ReviewScores>().notNull(),
    total: doublePrecision('total').notNull(),
    comment: text('comment').notNull().default(''),
    at: ts('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.caseId, t.expertUserId] })],
);

export const device = scenariosSchema.table('device', {
  digest: text('digest').primaryKey(),
  firstSeen: ts('first_seen').notNull(),
  lastSeen: ts('last_seen').notNull(),
  /** The verified phone (HMAC digest) and its masked form; null until the device verifies one. */
  phone: text('phone'),
  phoneMasked: text('phone_masked'),
  /** The first case the device voted for, and whether it has voted for another since (the burst rule's question). */
  firstCase: uuid('first_case'),
  severalCases: boolean('several_cases').notNull().default(false),
});

/** A verification code sent to a phone: both kept only as digests. */
export const phoneCode = scenariosSchema.table('phone_code', {
  phone: text('phone').primaryKey(),
  code: text('code').notNull(),
  sentAt: ts('sent_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
  attempts: integer('attempts').notNull().default(0),
  day: date('day', { mode: 'string' }).notNull(),
  sendsToday: integer('sends_today').notNull().default(1),
});

export type VoteStatus = 'pending' | 'counted' | 'held' | 'rejected';
export const vote = scenariosSchema.table('vote', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  roundId: uuid('round_id').notNull(),
  caseId: uuid('case_id').notNull(),
  device: text('device').notNull(),
  network: text('network').notNull(),
  approve: boolean('approve').notNull(),
  phoneVerified: boolean('phone_verified').notNull().default(false),
  /** The verified phone's digest: one vote per phone per case per round (vote_one_per_phone). */
  phone: text('phone'),
  status: text('status').$type<VoteStatus>().notNull(),
  holdReason: text('hold_reason'),
  deviceFirstSeen: ts('device_first_seen').notNull(),
  createdAt: ts('created_at').notNull(),
  /** The transaction that wrote it, for a vote the endpoint took (the refresh finds new votes by it); none in bulk. */
  txid: xid8('txid'),
});

export const dirtyCase = scenariosSchema.table(
  'dirty_case',
  { roundId: uuid('round_id').notNull(), caseId: uuid('case_id').notNull() },
  (t) => [primaryKey({ columns: [t.roundId, t.caseId] })],
);

export interface StandingComponents {
  expert: { value: number; points: number };
  votes: { value: number; points: number };
  replication: { value: number; points: number };
  growth: { value: number; points: number };
}
export const standing = scenariosSchema.table(
  'standing',
  {
    roundId: uuid('round_id').notNull(),
    caseId: uuid('case_id').notNull(),
    domain: text('domain').notNull(),
    cityCode: varchar('city_code', { length: 12 }).notNull(),
    score: doublePrecision('score').notNull(),
    low: doublePrecision('low').notNull(),
    high: doublePrecision('high').notNull(),
    components: jsonb('components').$type<StandingComponents>().notNull(),
    evidence: integer('evidence').notNull(),
    votesUp: integer('votes_up').notNull().default(0),
    votesTotal: integer('votes_total').notNull().default(0),
    reviewCount: integer('review_count').notNull().default(0),
    reviewSum: doublePrecision('review_sum').notNull().default(0),
    replications: integer('replications').notNull().default(0),
    monthlyUsage: bigint('monthly_usage', { mode: 'number' }).notNull().default(0),
    finalRank: integer('final_rank'),
    finalDomainRank: integer('final_domain_rank'),
    finalCityRank: integer('final_city_rank'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.caseId] })],
);
export type StandingRow = typeof standing.$inferSelect;

export const replication = scenariosSchema.table('replication', {
  id: uuid('id').primaryKey(),
  sourceCaseId: uuid('source_case_id').notNull(),
  adopterRegion: varchar('adopter_region', { length: 12 }).notNull(),
  adopterCity: varchar('adopter_city', { length: 12 }).notNull(),
  adopterCaseId: uuid('adopter_case_id'),
  evidence: text('evidence').notNull(),
  adoptedOn: date('adopted_on', { mode: 'string' }).notNull(),
  status: text('status').$type<'claimed' | 'confirmed' | 'rejected'>().notNull(),
  reason: text('reason'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
});
export type ReplicationRow = typeof replication.$inferSelect;

export const promotionEvent = scenariosSchema.table('promotion_event', {
  id: uuid('id').primaryKey(),
  kind: text('kind').$type<'onsite' | 'visit' | 'tour'>().notNull(),
  title: text('title').notNull(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  place: text('place').notNull(),
  hostRegion: varchar('host_region', { length: 12 }).notNull(),
  caseIds: uuid('case_ids').array().notNull(),
  attendingRegions: text('attending_regions').array().notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull(),
});
export type PromotionEventRow = typeof promotionEvent.$inferSelect;

export const caseBand = scenariosSchema.table(
  'case_band',
  { caseId: uuid('case_id').notNull(), bandKey: text('band_key').notNull() },
  (t) => [primaryKey({ columns: [t.caseId, t.bandKey] })],
);

export const similarCase = scenariosSchema.table(
  'similar_case',
  {
    caseId: uuid('case_id').notNull(),
    otherId: uuid('other_id').notNull(),
    similarity: doublePrecision('similarity').notNull(),
    status: text('status').$type<'open' | 'linked' | 'dismissed'>().notNull(),
    foundAt: ts('found_at').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.otherId] })],
);

const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite hands back a Uint8Array, node-postgres a Buffer: both become a Buffer.
  fromDriver: (v) => Buffer.from(v),
});

/** A case's photos (re-encoded as WebP for the phone) and documents (PDF as uploaded). */
export const caseAttachment = scenariosSchema.table(
  'case_attachment',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => scenarioCase.id),
    kind: varchar('kind', { length: 8 }).$type<'photo' | 'document'>().notNull(),
    filename: text('filename').notNull(),
    type: varchar('type', { length: 8 }).notNull(),
    size: integer('size').notNull(),
    width: integer('width'),
    height: integer('height'),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('case_attachment_case_idx').on(t.caseId)],
);
export type CaseAttachmentRow = typeof caseAttachment.$inferSelect;

/** A reviewer's proposal to retire `caseId` in favour of `intoId`; done only when both sides' authors consent. */
export const mergeProposal = scenariosSchema.table(
  'merge_proposal',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => scenarioCase.id),
    intoId: uuid('into_id')
      .notNull()
      .references(() => scenarioCase.id),
    reason: text('reason').notNull(),
    status: varchar('status', { length: 10 }).$type<'pending' | 'merged' | 'declined'>().notNull(),
    proposedBy: uuid('proposed_by'),
    proposedAt: ts('proposed_at').notNull(),
    caseConsentBy: uuid('case_consent_by'),
    caseConsentAt: ts('case_consent_at'),
    intoConsentBy: uuid('into_consent_by'),
    intoConsentAt: ts('into_consent_at'),
    declinedBy: uuid('declined_by'),
    declineNote: text('decline_note'),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('merge_proposal_case_idx').on(t.caseId), index('merge_proposal_into_idx').on(t.intoId)],
);
export type MergeProposalRow = typeof mergeProposal.$inferSelect;
