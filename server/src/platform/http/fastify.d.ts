import 'fastify';
import type { Permission } from '@zhicheng/contracts';
import type { RequestContext } from '../authorization/index.ts';
import type { SessionInfo } from '../identity/session.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every /api route: a declared permission, 'public' or 'authenticated'. */
    permission?: Permission | 'public' | 'authenticated';
    /** Optional per-route limit, counted per client address in the database. */
    rateLimit?: { max: number; windowSeconds: number };
  }
  interface FastifyRequest {
    ctx: RequestContext;
    session: SessionInfo | null;
  }
}
