import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { AuditLog } from './platform/audit/index.ts';
import { AUDIT_GRANTS, auditRoutes } from './platform/audit/audit.routes.ts';
import { AUTHENTICATED, Authorizer, PUBLIC, type PermissionGrants } from './platform/authorization/index.ts';
import { systemClock, type Clock } from './platform/clock/index.ts';
import { DataProtector } from './platform/crypto/index.ts';
import type { Database } from './platform/database/index.ts';
import { EventBus } from './platform/events/index.ts';
import { errorHandler } from './platform/http/problem.ts';
import { clientError, frameworkError } from './platform/http/framework-errors.ts';
import { refuseUnstorableInput } from './platform/http/input.ts';
import { platformError } from './platform/http/errors.ts';
import { documentUpload } from './platform/http/upload.ts';
import { IdentityService } from './platform/identity/identity.service.ts';
import { IDENTITY_PERMISSIONS, identityRoutes, SESSION_COOKIE } from './platform/identity/identity.routes.ts';
import type { ModuleDefinition, ModuleInstance, Platform, ZodApp } from './platform/module.ts';
import { RateLimiter } from './platform/ratelimit/index.ts';
import { SettingsStore } from './platform/settings.ts';
import { createRegionsService, regionsModule } from './modules/regions/index.ts';
import { participationModule } from './modules/participation/index.ts';
import { computeNetworkModule } from './modules/compute-network/index.ts';
import { assessmentModule } from './modules/assessment/index.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  protector?: DataProtector;
  logger?: boolean | object;
}

/**
 * Every module, in dependency order. The only place that lists them. Each module's init receives
 * `{ regions, api }` (see depsFor): the regions service, and `api(name)` for a module listed before it.
 */
const MODULES = [
  regionsModule,
  assessmentModule,
  computeNetworkModule,
  participationModule,
  // (modules are added here, one line each)
] as ModuleDefinition<never, unknown>[];

export async function buildApp(opts: BuildOptions) {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const protector = opts.protector ?? DataProtector.fromConfig(config);

  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] },
    genReqId: () => crypto.randomUUID(),
    trustProxy: true,
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
  const audit = new AuditLog(clock, protector);
  // eslint-disable-next-line prefer-const -- assigned after the regions service that needs a reference to it
  let authz: Authorizer | undefined;
  const regions = createRegionsService(db, audit, () => authz!);
  const grants: PermissionGrants[] = [IDENTITY_PERMISSIONS, AUDIT_GRANTS, ...MODULES.map((m) => m.permissions)];
  authz = new Authorizer(grants, regions);
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
    identity: new IdentityService(db, clock, audit, authz, regions),
    settings: new SettingsStore(db, clock),
    log: app.log,
  };

  // Modules get what they declared as dependencies from the instances made before them.
  const instances = new Map<string, ModuleInstance<unknown>>();
  const depsFor = (name: string): unknown => {
    const api = (n: string) => instances.get(n)?.api;
    switch (name) {
      case 'regions':
        return { service: regions };
      default:
        return { regions, api };
    }
  };
  for (const m of MODULES) instances.set(m.name, m.init(platform, depsFor(m.name) as never));

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(helmet, {
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
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Zhicheng 智城 API', version: '1.0.0', description: 'Errors are application/problem+json with a stable `code` and `message.zh` / `message.en`.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: (arg) => documentUpload(jsonSchemaTransform(arg)),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // Every API route declares a permission the platform knows; a typo stops the start, not a request. Swagger's own
  // pages under /api/docs are the only API routes without one (they serve the public OpenAPI description).
  const routes: { method: string; url: string; permission: string }[] = [];
  app.addHook('onRoute', (route) => {
    const p = route.config?.permission;
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) {
      if (p) throw new Error(`route ${route.method} ${route.url} declares a permission outside /api`);
      return;
    }
    if (!p) throw new Error(`route ${route.method} ${route.url} declares no permission`);
    if (!authz!.isKnownPermission(p)) throw new Error(`route ${route.method} ${route.url} uses undeclared permission ${p}`);
    if (route.url.startsWith('/api/v1/')) for (const m of [route.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: route.url, permission: p });
  });

  // Authorization belongs to the matched route, never to the shape of the URL: the router decodes `/%61pi/v1/…` to
  // the same route, so a check keyed on the raw URL could be walked around. A route without a declared permission
  // (static files, the API description) runs without a session; every other one runs its check or does not run.
  app.addHook('onRequest', async (req) => {
    req.ctx = { actor: null, requestId: req.id, ip: req.ip };
    req.session = null;
    const cfg = req.routeOptions.config;
    const permission = cfg?.permission;
    if (!permission) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.session = await platform.identity.resolveSession(token);
      req.ctx.actor = req.session?.actor ?? null;
    }
    if (cfg.rateLimit) {
      await platform.rateLimiter.consume(`${req.routeOptions.url}:${req.ip}`, cfg.rateLimit.max, cfg.rateLimit.windowSeconds);
    }
    if (permission === PUBLIC) return;
    if (!req.ctx.actor) throw platformError(token ? 'session_expired' : 'unauthenticated');
    if (permission !== AUTHENTICATED && !req.ctx.actor.permissions.has(permission)) throw platformError('forbidden');
  });

  // Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused once, here, naming the field.
  app.addHook('preValidation', refuseUnstorableInput);

  app.get('/api/health', {
    config: { permission: PUBLIC },
    schema: { tags: ['platform'], summary: 'Liveness and which database is in use', response: { 200: z.object({ status: z.literal('ok'), database: z.object({ kind: z.string(), location: z.string() }), demo: z.boolean(), time: z.string() }) } },
  }, async () => {
    await platform.settings.get('health');
    return { status: 'ok' as const, database: { kind: database.kind, location: database.location }, demo: config.demo, time: clock.now().toISOString() };
  });

  await app.register(
    async (api) => {
      const zapi = api as unknown as ZodApp;
      identityRoutes(zapi, platform);
      auditRoutes(zapi, platform);
      for (const inst of instances.values()) await inst.routes(zapi);
    },
    { prefix: '/api/v1' },
  );

  // The built web app, with client-side routes falling back to index.html.
  if (fs.existsSync(path.join(config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.webDist, prefix: '/', wildcard: false, maxAge: '1h', index: false });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') return reply.status(404).type('application/problem+json').send({ type: 'https://zhicheng.dev/problems/not_found', title: 'Not found', status: 404, code: 'not_found', message: { zh: '接口不存在', en: 'No such endpoint' } });
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).type('application/problem+json').send({ type: 'https://zhicheng.dev/problems/not_found', title: 'Not found', status: 404, code: 'not_found', message: { zh: '接口不存在', en: 'No such endpoint' }, requestId: req.id }),
    );
  }

  for (const inst of instances.values()) await inst.start?.();
  app.addHook('onClose', async () => {
    for (const inst of instances.values()) await inst.stop?.();
    await platform.events.stop();
  });

  return { app, platform, regions, modules: instances, routes };
}

export type BuiltApp = Awaited<ReturnType<typeof buildApp>>;
