import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OrganisationKind, Role, RoleDefinitions } from '@zhicheng/contracts';
import type { Config } from '../config.ts';
import type { AuditLog } from './audit/index.ts';
import type { Authorizer, PermissionGrants, RegionDirectory, RequestContext } from './authorization/index.ts';
import type { Clock } from './clock/index.ts';
import type { DataProtector } from './crypto/index.ts';
import type { Database, Db } from './database/index.ts';
import type { EventBus } from './events/index.ts';
import type { IdentityService } from './identity/identity.service.ts';
import type { SessionService } from './identity/session.service.ts';
import type { Messaging } from './messaging/index.ts';
import type { SmsSender } from './sms/index.ts';
import type { RateLimiter } from './ratelimit/index.ts';
import type { SettingsStore } from './settings.ts';

/** Fastify with Zod schemas as types: what a module's routes() receives, already prefixed with /api/v1. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Everything a module may use from the platform. */
export interface Platform {
  config: Config;
  database: Database;
  /** Joins the caller's transaction (see database/ambient.ts): `platform.db.transaction(fn)` and every query in fn. */
  db: Db;
  clock: Clock;
  audit: AuditLog;
  authz: Authorizer;
  events: EventBus;
  rateLimiter: RateLimiter;
  protector: DataProtector;
  identity: IdentityService;
  sessions: SessionService;
  settings: SettingsStore;
  /** The province's message exchange (NATS), when there is one. */
  messaging: Messaging;
  /** Text messages to phones (verification codes); the development outbox without a gateway. */
  sms: SmsSender;
  log: FastifyBaseLogger;
}

/**
 * The public API of every module, by name. Each module adds its own entry from its index.ts:
 *
 *     declare module '../../platform/module.ts' { interface ModuleApis { assessment: AssessmentApi } }
 *
 * so a module that `needs: ['assessment']` gets `deps.assessment` typed, and the platform still imports no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ModuleApis {}

export type ModuleName = keyof ModuleApis;

/** Passed to a module's seedDemo() on every start in demo mode. */
export interface DemoContext {
  platform: Platform;
  /** Runs `fn` once per data set (kept in platform.setting), so restarts keep the data and skip the work. */
  once(key: string, fn: () => Promise<void>): Promise<void>;
  /** A line printed on the start-up banner, e.g. `demo ingest token: <id> <token>`. */
  print(line: string): void;
  /** Creates (once) a demo user and prints `demo account: <role> <username> <password>`. */
  demoUser(input: {
    username: string;
    displayName: string;
    role: Role;
    regionCode: string;
    organisation: { name: string; kind: OrganisationKind };
  }): Promise<string>;
}

/**
 * An event handler. It runs inside the delivery transaction (write through `platform.db`: it joins it), with a
 * system context naming the event, so what it writes is audited as `system:event:<topic>`.
 */
export type ModuleEventHandler = (
  payload: unknown,
  ctx: RequestContext,
  meta: { id: number; createdAt: Date; module: string },
) => Promise<void>;

/** Background work the platform runs every `everyMs` (and once at start), with a system context naming the job. */
export interface ModuleJob {
  name: string;
  everyMs: number;
  /** Idempotent: with several instances each may run it. */
  run(ctx: RequestContext): Promise<unknown>;
}

/** What a module's init returns. */
export interface ModuleParts<Api> {
  /** The service other modules may call, typed through ModuleApis. */
  api: Api;
  /** Registers HTTP routes under /api/v1; every route sets `config.permission`. */
  routes(app: ZodApp): void | Promise<void>;
  /** One-off work before serving (load a catalogue the module needs), run once at start. */
  start?(): Promise<void>;
  /**
   * Long-running work (a message consumer) begun when the server starts serving, with `jobs`; main.ts starts it,
   * tests that want it call it. Stopped, awaited, when the app closes.
   */
  run?(): Promise<void>;
  stop?(): Promise<void>;
  /** Other modules' events this module reacts to, by topic. */
  on?: Record<string, ModuleEventHandler>;
  jobs?: ModuleJob[];
  /** Demo data, only in demo mode; idempotent (use ctx.once). */
  seedDemo?(ctx: DemoContext): Promise<void>;
  /** Platform services the module implements (the regions module provides the region directory). */
  provides?: { regionDirectory?: RegionDirectory };
}

export interface ModuleDefinition<Name extends string = string, Needs extends ModuleName = ModuleName, Api = unknown> {
  /** Same as the folder, the web feature and the route prefix. */
  name: Name;
  /** Modules whose public API this one calls. They must come before it in app.ts's list. */
  needs: readonly Needs[];
  /** Roles this module brings (names and levels from its contract). */
  roles?: RoleDefinitions;
  /** Permission → roles. Every permission a route or service checks must be declared by some module. */
  permissions: PermissionGrants;
  /** Topics of the events it publishes (payload schemas live in its contract). */
  publishes?: readonly string[];
  init(platform: Platform, deps: Pick<ModuleApis, Needs>): ModuleParts<Api>;
}

/** Declares a module; the types of `deps` follow from `needs`. */
export function defineModule<const Name extends string, Api, Needs extends ModuleName = never>(
  def: ModuleDefinition<Name, Needs, Api>,
): ModuleDefinition<Name, Needs, Api> {
  return def;
}
