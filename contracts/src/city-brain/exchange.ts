import { z } from 'zod';
import { IsoDateTime, PageQuery, pageOf, RegionCode } from '../common.contract.ts';
import { DownKind, SubPlatformCode } from './registry.ts';

export const DeadLetter = z.object({
  id: z.uuid(),
  subPlatformCode: z.string().nullable(),
  subject: z.string(),
  msgId: z.string().nullable(),
  reason: z.string(),
  /** The schema's own words on what was wrong, field by field. */
  detail: z.array(z.object({ path: z.string(), message: z.string() })),
  /** The message as it arrived (cut at 4 KB). */
  raw: z.string(),
  receivedAt: z.string(),
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterQuery = PageQuery.extend({
  code: SubPlatformCode.optional(),
  reason: z.string().max(50).optional(),
});
export type DeadLetterQuery = z.infer<typeof DeadLetterQuery>;
export const DeadLetterPage = pageOf(DeadLetter);

/** A task, notice or alert for one sub-platform; delivered into its CITY_DOWN stream when its link is up. */
export const DownMessageInput = z.object({
  kind: DownKind,
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().max(4000).default(''),
  dueAt: IsoDateTime.optional(),
});
export type DownMessageInput = z.infer<typeof DownMessageInput>;

export const OutboundMessage = z.object({
  id: z.uuid(),
  subPlatformId: z.uuid(),
  kind: DownKind,
  title: z.string(),
  status: z.enum(['pending', 'delivered']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  eventId: z.uuid().nullable(),
});
export type OutboundMessage = z.infer<typeof OutboundMessage>;
export const OutboundQuery = PageQuery.extend({ status: z.enum(['pending', 'delivered']).optional() });
export const OutboundPage = pageOf(OutboundMessage);

/** The latest value of each indicator a city reports (城市体征). */
export const VitalSignLatest = z.object({
  subPlatformId: z.uuid(),
  regionCode: RegionCode,
  indicator: z.string(),
  value: z.number(),
  unit: z.string(),
  observedAt: z.string(),
});
export type VitalSignLatest = z.infer<typeof VitalSignLatest>;

/** The exchange as a whole: whether the hub is connected, and what JetStream holds. */
export const ExchangeStatus = z.object({
  connected: z.boolean(),
  server: z.string().nullable(),
  /** Messages in the hub's intake stream not yet committed to the database. */
  pending: z.number().int().nullable(),
  streamMessages: z.number().int().nullable(),
  deadLetters: z.number().int(),
  outboundPending: z.number().int(),
});
export type ExchangeStatus = z.infer<typeof ExchangeStatus>;

/**
 * For a province whose hub nats-server someone else runs (NATS_URL): the `authorization { … }` block to paste into its
 * config (and reload) after each login issued here. Passwords appear only as bcrypt hashes.
 */
export const AuthorizationExport = z.object({
  block: z.string(),
  users: z.number().int(),
  /** False when this process does not know the hub's own password: its entry must be added by hand. */
  hubIncluded: z.boolean(),
  /** True when this process runs the hub itself (npm start without NATS_URL) and reloads it on its own. */
  managedHere: z.boolean(),
  generatedAt: z.string(),
});
export type AuthorizationExport = z.infer<typeof AuthorizationExport>;
