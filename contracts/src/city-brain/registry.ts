import { z } from 'zod';
import { PageQuery, pageOf, RegionCode } from '../common.contract.ts';

/** A city's own platform (城市大脑) or a provincial domain platform (政法, 公安, 公共卫生, …). */
export const SubPlatformKind = z.enum(['city_brain', 'domain']);
export type SubPlatformKind = z.infer<typeof SubPlatformKind>;

/** What travels up (city → province) and down (province → city); each is one token of the NATS subject. */
export const UP_KINDS = ['vital-sign', 'event', 'dataset-update', 'heartbeat'] as const;
export const DOWN_KINDS = ['task', 'notice', 'alert'] as const;
export const UpKind = z.enum(UP_KINDS);
export type UpKind = z.infer<typeof UpKind>;
export const DownKind = z.enum(DOWN_KINDS);
export type DownKind = z.infer<typeof DownKind>;

/**
 * The sub-platform's code is a token of every subject it uses (`zc.up.<code>.<kind>`), its NATS consumer's name
 * and its JetStream domain, so it may hold only what all three accept: lowercase letters and digits.
 */
export const SubPlatformCode = z
  .string()
  .regex(/^[a-z][a-z0-9]{1,31}$/, { message: 'lowercase letters and digits, starting with a letter (2–32)' });

/** A contact's phone: a mobile number or a landline with its area code (0531-86001234). */
export const ContactPhone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, { message: 'a mobile number or a landline with its area code' });

/**
 * The link as the hub sees it, from heartbeats: online (one within 60 s), stale (within 5 min), offline (older),
 * never (no heartbeat yet).
 */
export const LinkStatus = z.enum(['never', 'online', 'stale', 'offline']);
export type LinkStatus = z.infer<typeof LinkStatus>;

export const SubjectGrants = z.object({ publish: z.array(z.string()), subscribe: z.array(z.string()) });
export type SubjectGrants = z.infer<typeof SubjectGrants>;

export const SubPlatformLink = z.object({
  status: LinkStatus,
  lastHeartbeatAt: z.string().nullable(),
  connectedSince: z.string().nullable(),
  /** Seconds between a message's observedAt and its commit at the hub, for the newest message. */
  lagSeconds: z.number().nullable(),
  /** Messages per minute over the last 5 minutes. */
  upPerMinute: z.number(),
  downPerMinute: z.number(),
  receivedTotal: z.number().int(),
  sentTotal: z.number().int(),
});
export type SubPlatformLink = z.infer<typeof SubPlatformLink>;

export const SubPlatform = z.object({
  id: z.uuid(),
  code: SubPlatformCode,
  kind: SubPlatformKind,
  name: z.string(),
  regionCode: RegionCode,
  regionName: z.string(),
  domain: z.string().nullable(),
  ownerUnit: z.string(),
  /** Masked (张*); the full name and number are stored encrypted and never leave the server. */
  contactName: z.string(),
  contactPhone: z.string(),
  publishes: z.array(UpKind),
  receives: z.array(DownKind),
  /** The NATS login issued here (its password was shown once) and the subjects the hub lets it reach. */
  credentials: z.object({ user: z.string(), issuedAt: z.string() }).nullable(),
  subjects: SubjectGrants,
  link: SubPlatformLink,
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SubPlatform = z.infer<typeof SubPlatform>;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const SubPlatformInput = z.object({
  code: SubPlatformCode,
  kind: SubPlatformKind,
  name: Text(100),
  regionCode: RegionCode,
  domain: Text(50).optional(),
  ownerUnit: Text(100),
  contactName: Text(50),
  contactPhone: ContactPhone,
  publishes: z.array(UpKind).max(UP_KINDS.length),
  receives: z.array(DownKind).max(DOWN_KINDS.length),
});
export type SubPlatformInput = z.infer<typeof SubPlatformInput>;

export const SubPlatformPatch = z
  .object({
    name: Text(100),
    domain: Text(50).nullable(),
    ownerUnit: Text(100),
    contactName: Text(50),
    contactPhone: ContactPhone,
    publishes: z.array(UpKind).max(UP_KINDS.length),
    receives: z.array(DownKind).max(DOWN_KINDS.length),
  })
  .partial();
export type SubPlatformPatch = z.infer<typeof SubPlatformPatch>;

export const SubPlatformQuery = PageQuery.extend({
  region: RegionCode.optional(),
  kind: SubPlatformKind.optional(),
  status: LinkStatus.optional(),
  q: z.string().trim().max(50).optional(),
});
export type SubPlatformQuery = z.infer<typeof SubPlatformQuery>;

export const SubPlatformPage = pageOf(SubPlatform);

/**
 * Shown once: the hub keeps only a bcrypt hash of the password; issuing again replaces it. The city's own nats-server
 * joins the hub as a leaf node with this login, and runs JetStream in its own domain (the sub-platform's code).
 */
export const IssuedCredentials = z.object({
  subPlatformId: z.uuid(),
  user: z.string(),
  password: z.string(),
  /** `nats-leaf://…` the city's leaf node joins; null when the deployment does not know its public address. */
  leafUrl: z.string().nullable(),
  jetStreamDomain: z.string(),
  subjects: SubjectGrants,
  issuedAt: z.string(),
});
export type IssuedCredentials = z.infer<typeof IssuedCredentials>;

export const IdParam = z.object({ id: z.uuid() });

/** The stream each city keeps in its own JetStream domain: what it sends up, and what the province sent down. */
export const CITY_UP_STREAM = 'CITY_UP';
export const CITY_DOWN_STREAM = 'CITY_DOWN';
/** The hub's own reply prefix: leaf nodes may answer into it, never into anyone else's inboxes. */
export const HUB_INBOX_PREFIX = '_ZCHUB';

export const upSubject = (code: string, kind: UpKind) => `zc.up.${code}.${kind}`;
export const downSubject = (code: string, kind: DownKind) => `zc.down.${code}.${kind}`;

/**
 * What a sub-platform's login may do on the hub (its leaf connection), seen from the hub: publish is what flows up
 * from the city, subscribe what flows down to it. Only its own subjects and its own JetStream domain: the hub sources
 * its CITY_UP stream through `$JS.<code>.API` into `zc-src.<code>`, and delivers `zc.down.<code>.*` into its
 * CITY_DOWN stream. Another city's subjects are neither published nor delivered to it.
 */
export function subjectsOf(code: string): SubjectGrants {
  return {
    publish: [`zc-src.${code}.>`, '$JSC.R.>', `${HUB_INBOX_PREFIX}.>`, '$JS.FC.>'],
    subscribe: [`zc.down.${code}.>`, `$JS.${code}.API.>`, '$JS.FC.>', `_INBOX_${code}.>`],
  };
}
