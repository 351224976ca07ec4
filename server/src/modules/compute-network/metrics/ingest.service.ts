import crypto from 'node:crypto';
import { COMPUTE_PERMISSIONS as P } from '@zhicheng/contracts/compute-network';
import type { RequestContext } from '../../../platform/authorization/index.ts';
import type { Platform } from '../../../platform/module.ts';
import { computeError } from '../compute-network.errors.ts';
import { isDataCentreOperator, type CentreAccess } from '../registry/centre-access.ts';
import type { MetricsRepository } from './metrics.repository.ts';

const TOKEN_CACHE_MS = 30_000;
export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * A data centre's ingest token: what its Prometheus (remote-write) and its reporting system (the report API) send
 * as `Authorization: Bearer`. Only the hash is kept. A token is not a user: routes that accept one act with a system
 * context (`systemContext('compute.ingest-token')`), audited as the system.
 */
export class IngestTokens {
  private readonly cache = new Map<string, { id: string | undefined; until: number }>();

  constructor(
    private readonly platform: Platform,
    private readonly repo: MetricsRepository,
    private readonly access: CentreAccess,
  ) {}

  /** A new token for the centre (shown once; only its hash is kept). The old one stops working. */
  async issue(ctx: RequestContext, id: string): Promise<{ dataCentreId: string; token: string }> {
    const c = await this.access.centreOr404(id);
    await this.access.assertOn(ctx.actor, ctx.actor && isDataCentreOperator(ctx.actor) ? P.report : P.manage, c);
    const token = `zc_${crypto.randomBytes(24).toString('base64url')}`;
    await this.platform.db.transaction(async (tx) => {
      await this.repo.setToken(id, sha256(token), this.platform.clock.now());
      await this.platform.audit.record(tx, ctx, {
        action: 'compute.ingest_token.issue',
        objectType: 'data_centre',
        objectId: id,
      });
    });
    this.cache.clear();
    return { dataCentreId: id, token };
  }

  /** The deterministic token of a demo centre: keyed by the platform secret, so every start prints the same one. */
  demoToken(id: string): string {
    return `zcdemo_${this.platform.protector.digest({ computeDemoIngestToken: id }).slice(0, 40)}`;
  }

  /** Sets a token without a user (the demo loader and benchmarks, which print the token they set). */
  async setForSystem(id: string, token: string): Promise<void> {
    await this.repo.setToken(id, sha256(token), this.platform.clock.now());
    this.cache.clear();
  }

  /** The centre a bearer token belongs to; 401 when unknown. */
  async centreOf(authorization: string | undefined): Promise<string> {
    const m = /^Bearer\s+(\S{8,200})$/i.exec(authorization ?? '');
    if (!m) throw computeError('invalid_token');
    const hash = sha256(m[1]!);
    const now = Date.now();
    const hit = this.cache.get(hash);
    let id = hit && hit.until > now ? hit.id : undefined;
    if (!hit || hit.until <= now) {
      id = await this.repo.centreByTokenHash(hash);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, { id, until: now + TOKEN_CACHE_MS });
    }
    if (!id) throw computeError('invalid_token');
    return id;
  }
}
