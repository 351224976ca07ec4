import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { AuditLog } from './audit/index.ts';
import type { Authorizer, PermissionGrants } from './authorization/index.ts';
import type { Clock } from './clock/index.ts';
import type { DataProtector } from './crypto/index.ts';
import type { Database, Db } from './database/index.ts';
import type { EventBus } from './events/index.ts';
import type { IdentityService } from './identity/identity.service.ts';
import type { SessionService } from './identity/session.service.ts';
import type { RateLimiter } from './ratelimit/index.ts';
import type { SettingsStore } from './settings.ts';

/** Fastify with Zod schemas as types: what a module's routes() receives, already prefixed with /api/v1. */
export type ZodApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** Everything a module may use from the platform. */
export interface Platform {
  config: Config;
  database: Database;
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
  log: FastifyBaseLogger;
}

/** Passed to a module's seedDemo() on every start in demo mode. */
export interface DemoContext {
  platform: Platform;
  /** Runs `fn` once per data set (kept in platform.setting), so restarts keep the data and skip the work. */
  once(key: string, fn: () => Promise<void>): Promise<void>;
  /** A line printed on the start-up banner, e.g. `demo ingest token: <id> <token>`. */
  print(line: string): void;
  /** Creates (once) a demo user and prints `demo account: <role> <username> <password>`. */
  demoUser(input: { username: string; displayName: string; role: import('@zhicheng/contracts').Role; regionCode: string; organisation: { name: string; kind: import('@zhicheng/contracts').OrganisationKind } }): Promise<string>;
}

export interface ModuleInstance<Api> {
  /** The service other modules may call (through this module's index.ts types). */
  api: Api;
  /** Registers HTTP routes; every route sets `config.permission`. */
  routes(app: ZodApp): void | Promise<void>;
  /** Subscribes to other modules' events, starts background work. */
  start?(): void | Promise<void>;
  /** Stops background work started by start(); called when the app closes. */
  stop?(): void | Promise<void>;
  seedDemo?(ctx: DemoContext): Promise<void>;
}

export interface ModuleDefinition<Deps, Api> {
  name: string;
  /** Permission → roles. Every permission a route or service checks must be declared by some module. */
  permissions: PermissionGrants;
  init(platform: Platform, deps: Deps): ModuleInstance<Api>;
}
