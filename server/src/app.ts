import crypto from 'node:crypto';
import zlib from 'node:zlib';
import Fastify, { type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import helmet from 'helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { AuditKey, AuditLog, CheckpointFile, CheckpointWriter } from './platform/audit/index.ts';
import { AUDIT_GRANTS, auditRoutes } from './platform/audit/audit.routes.ts';
import { Authorizer, PUBLIC, RegionDirectoryPort, type PermissionGrants } from './platform/authorization/index.ts';
import { systemClock, type Clock } from './platform/clock/index.ts';
import { smsFromConfig, type SmsSender } from './platform/sms/index.ts';
import { checkModules, composeModules, JobRunner, subscribeHandlers } from './platform/compose.ts';
import { DataProtector } from './platform/crypto/index.ts';
import type { Database } from './platform/database/index.ts';
import { EventBus } from './platform/events/index.ts';
import { registerRequestGuard } from './platform/http/guard.ts';
import { errorHandler } from './platform/http/problem.ts';
import { clientError, frameworkError } from './platform/http/framework-errors.ts';
import { refuseUnstorableInput } from './platform/http/input.ts';
import { documentUpload } from './platform/http/upload.ts';
import { serveWeb } from './platform/http/web.ts';
import { IdentityService } from './platform/identity/identity.service.ts';
import { LoginThrottle } from './platform/identity/login-throttle.ts';
import { SessionService } from './platform/identity/session.service.ts';
import { IDENTITY_GRANTS, identityRoutes, SESSION_COOKIE } from './platform/identity/identity.routes.ts';
import type { ModuleDefinition, Platform, ZodApp } from './platform/module.ts';
import type { Messaging } from './platform/messaging/index.ts';
import { RateLimiter } from './platform/ratelimit/index.ts';
import { SettingsStore } from './platform/settings.ts';
import { PLATFORM_ROLES } from '@zhicheng/contracts';
import { directoryModule } from './modules/directory/index.ts';
import { workLedgerModule } from './modules/work-ledger/index.ts';
import { screenModule } from './modules/screen/index.ts';
import { scenariosModule } from './modules/scenarios/index.ts';
import { cityBrainModule } from './modules/city-brain/index.ts';
import { communitiesModule } from './modules/communities/index.ts';
import { regionsModule } from './modules/regions/index.ts';
import { assessmentModule } from './modules/assessment/index.ts';
import { computeNetworkModule } from './modules/compute-network/index.ts';
import { participationModule } from './modules/participation/index.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  protector?: DataProtector;
  auditKey?: AuditKey;
  logger?: boolean | object;
  /** The message exchange (main.ts passes the local nats-server it started); else NATS_URL from the config. */
  messaging?: Messaging;
  sms?: SmsSender;
}

/**
 * Every module, in dependency order (a module after those it `needs`). The only place that lists them; `npm run
 * new:module` adds a line here.
 */
const MODULES: readonly ModuleDefinition[] = [
  regionsModule,
  directoryModule,
  assessmentModule,
  computeNetworkModule,
  participationModule,
  scenariosModule,
  cityBrainModule,
  communitiesModule,
  workLedgerModule,
  screenModule,
  // (modules are added here, one line each)
];

const PLATFORM_GRANTS: PermissionGrants[] = [IDENTITY_GRANTS, AUDIT_GRANTS];

export async function buildApp(opts: BuildOptions) {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const protector = opts.protector ?? DataProtector.fromConfig(config);

  const app = Fastify({
    logger: opts.logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    genReqId: () => crypto.randomUUID(),
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    bodyLimit: 2 * 1024 * 1024,
    // Errors before a route runs (bad URL encoding, an overlong path parameter, what Node's parser refuses) are
    // problem+json too. (Fastify types frameworkErrors for every server kind, HTTP/2 included; ours is plain HTTP.)
    frameworkErrors: (error, req, reply) =>
      frameworkError(error, req as unknown as FastifyRequest, reply as unknown as FastifyReply),
    clientErrorHandler: clientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  const db = database.db;
  const auditKey = opts.auditKey ?? AuditKey.fromConfig(config);
  const checkpointFile = new CheckpointFile(config.auditCheckpointFile, auditKey);
  const audit = new AuditLog(clock, protector, auditKey, checkpointFile);
  // Started by main.ts (like event delivery), not here: tests and the CLI write no checkpoints of their own.
  const auditCheckpoints = new CheckpointWriter(db, checkpointFile, auditKey, clock, app.log as FastifyBaseLogger);
  checkModules(MODULES, PLATFORM_GRANTS, Object.keys(PLATFORM_ROLES));
  const regions = new RegionDirectoryPort();
  const authz = new Authorizer([...PLATFORM_GRANTS, ...MODULES.map((m) => m.permissions)], regions);
  const throttle = new LoginThrottle(db, clock);
  const identity = new IdentityService(db, clock, audit, authz, regions, throttle);
  const platform: Platform = {
    config,
    database,
    db,
    clock,
    audit,
    authz,
    events: new EventBus(db, clock, app.log as FastifyBaseLogger),
    rateLimiter: new RateLimiter(db, clock),
    protector,
    identity,
    sessions: new SessionService(db, clock, audit, identity, throttle),
    settings: new SettingsStore(db, clock),
    messaging: opts.messaging ?? messagingFromConfig(config),
    sms: opts.sms ?? smsFromConfig(config, app.log as FastifyBaseLogger),
    log: app.log,
  };
  const modules = composeModules(MODULES, platform, regions);
  subscribeHandlers(modules, platform.events);
  const jobs = JobRunner.of(modules, platform.log);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  // Security headers from helmet's middleware, built once: @fastify/helmet builds it again on every request (the CSP
  // parsed each time, about 5 % of a busy public endpoint's CPU). A route may still set its own header after it
  // (the assessment's evidence preview sets its frame-ancestors): headers the reply sets win over these.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design and ECharts set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)),
  );
  // API answers (JSON, CSV, problem+json) go brotli or gzip to clients that accept it; a fast brotli level, since
  // they are compressed on every request (the built web app's files are compressed once, at build time, and sent
  // as they are: @fastify/compress leaves an answer that already has a Content-Encoding alone). Streams the route
  // hijacks (the screen's server-sent events) are not touched.
  await app.register(compress, {
    // Answers only: request bodies are never decompressed here (Prometheus remote-write sends
    // `Content-Encoding: snappy`, which its own route decodes; the plugin would refuse it with 415).
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Zhicheng 智城 API',
        version: '1.0.0',
        description: 'Errors are application/problem+json with a stable `code` and `message.zh` / `message.en`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: (arg) => documentUpload(jsonSchemaTransform(arg)),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const routes = registerRequestGuard(app as unknown as ZodApp, platform);

  // Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused once, here, naming the field.
  app.addHook('preValidation', refuseUnstorableInput);

  app.get(
    '/api/health',
    {
      config: { permission: PUBLIC },
      schema: {
        tags: ['platform'],
        summary: 'Liveness and which database is in use',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.object({ kind: z.string(), location: z.string() }),
            demo: z.boolean(),
            time: z.string(),
          }),
        },
      },
    },
    async () => {
      await platform.settings.get('health');
      return {
        status: 'ok' as const,
        database: { kind: database.kind, location: database.location },
        demo: config.demo,
        time: clock.now().toISOString(),
      };
    },
  );

  await app.register(
    async (api) => {
      const zapi = api as unknown as ZodApp;
      identityRoutes(zapi, platform);
      auditRoutes(zapi, platform);
      for (const m of modules.values()) await m.parts.routes(zapi);
    },
    { prefix: '/api/v1' },
  );
  await serveWeb(app as unknown as ZodApp, config.webDist);

  for (const m of modules.values()) await m.parts.start?.();
  app.addHook('onClose', async () => {
    await jobs.stop();
    await platform.events.stop();
    // Last, so the final checkpoint covers what the others wrote while stopping.
    await auditCheckpoints.stop();
  });

  return { app, platform, modules, routes, auditCheckpoints, jobs };
}

/** NATS_URL (the province's server) when set; otherwise no exchange unless main.ts passes the one it started. */
function messagingFromConfig(config: Config): Messaging {
  const n = config.nats;
  return n.url ? { hub: { url: n.url, user: n.user, password: n.password, leafUrl: n.leafUrl } } : {};
}

/** The public API of one module, for the composition layer (main, CLI, tests, benchmarks). */
export function moduleApi<N extends keyof import('./platform/module.ts').ModuleApis>(
  built: BuiltApp,
  name: N,
): import('./platform/module.ts').ModuleApis[N] {
  const m = built.modules.get(name);
  if (!m) throw new Error(`no module ${name}`);
  return m.parts.api as import('./platform/module.ts').ModuleApis[N];
}

export type BuiltApp = Awaited<ReturnType<typeof buildApp>>;
