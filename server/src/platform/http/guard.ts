import type { FastifyRequest } from 'fastify';
import { AUTHENTICATED, PUBLIC, type Authorizer } from '../authorization/index.ts';
import { SESSION_COOKIE } from '../identity/identity.routes.ts';
import type { SessionService } from '../identity/session.service.ts';
import type { RateLimiter } from '../ratelimit/index.ts';
import type { ZodApp } from '../module.ts';
import { platformError } from './errors.ts';

export interface RouteInfo {
  method: string;
  url: string;
  permission: string;
}

/**
 * The checks every request passes before its handler, attached to the matched route (never to the URL's shape):
 * the route's declared permission, the session, the same-origin proof and the route's rate limit. Returns the list
 * of /api/v1 routes with their permissions, filled as routes register (tests sweep it).
 */
export function registerRequestGuard(
  app: ZodApp,
  deps: { authz: Authorizer; sessions: SessionService; rateLimiter: RateLimiter },
): RouteInfo[] {
  // Every API route declares a permission the platform knows; a typo stops the start, not a request. Swagger's own
  // pages under /api/docs are the only API routes without one (they serve the public OpenAPI description).
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (route) => {
    const p = route.config?.permission;
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) {
      if (p) throw new Error(`route ${route.method} ${route.url} declares a permission outside /api`);
      return;
    }
    if (!p) throw new Error(`route ${route.method} ${route.url} declares no permission`);
    if (!deps.authz.isKnownPermission(p))
      throw new Error(`route ${route.method} ${route.url} uses undeclared permission ${p}`);
    if (route.url.startsWith('/api/v1/'))
      for (const m of [route.method].flat())
        if (m !== 'HEAD') routes.push({ method: m, url: route.url, permission: p });
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
    assertSameOrigin(req);
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.session = await deps.sessions.resolveSession(token);
      req.ctx.actor = req.session?.actor ?? null;
    }
    if (cfg.rateLimit) {
      await deps.rateLimiter.consume(
        `${req.routeOptions.url}:${req.ctx.ip}`,
        cfg.rateLimit.max,
        cfg.rateLimit.windowSeconds,
      );
    }
    if (permission === PUBLIC) return;
    if (!req.ctx.actor) throw platformError(token ? 'session_expired' : 'unauthenticated');
    // A one-time password (set by an administrator) opens nothing but its own change, reading who one is, and
    // signing out: the account's holder is the only one who ever knows the password it works with.
    if (req.session?.mustChangePassword && !ONE_TIME_PASSWORD_ROUTES.test(req.routeOptions.url ?? ''))
      throw platformError('password_change_required');
    if (permission !== AUTHENTICATED && !req.ctx.actor.permissions.has(permission)) throw platformError('forbidden');
  });

  // Answers of API routes may carry personal data or a user's view: never kept by a browser or a proxy cache.
  app.addHook('onSend', async (req, reply) => {
    if (req.routeOptions.config?.permission && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
  return routes;
}

const ONE_TIME_PASSWORD_ROUTES = /\/auth\/(me|password|logout)$/;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery: a state-changing request must prove it comes from our own pages. A browser names the
 * page's origin in `Origin`, which must be this host; a request without `Origin` that carries the session cookie
 * must send `X-Requested-With` (our web client always does; a cross-site form cannot set it). Machine clients
 * (ingest tokens, remote-write) send neither a cookie nor an Origin and need no proof.
 */
function assertSameOrigin(req: FastifyRequest): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | null = null;
    try {
      host = new URL(origin).host;
    } catch {
      host = null;
    }
    if (host !== req.host) throw platformError('forbidden', { zh: '拒绝跨站请求', en: 'Cross-site request refused' });
    return;
  }
  if (String(req.headers.cookie ?? '').includes(`${SESSION_COOKIE}=`) && !req.headers['x-requested-with']) {
    throw platformError('forbidden', {
      zh: '请求缺少同源证明(Origin 或 X-Requested-With)',
      en: 'The request lacks a same-origin proof (Origin or X-Requested-With)',
    });
  }
}
