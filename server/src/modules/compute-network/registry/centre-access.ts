import { COMPUTE_PERMISSIONS as P } from '@zhicheng/contracts/compute-network';
import type { Permission } from '@zhicheng/contracts';
import type { Actor } from '../../../platform/authorization/index.ts';
import { notFound, platformError } from '../../../platform/http/errors.ts';
import type { Platform } from '../../../platform/module.ts';
import type { RegionsService } from '../../regions/index.ts';
import type { RegistryRepository, Visibility } from './registry.repository.ts';
import type { CentreRow } from './registry.tables.ts';

export const CENTRE = { zh: '数据中心', en: 'data centre' };

export function isDataCentreOperator(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === 'datacentre_operator');
}

/**
 * Who may see and act on which data centre, for every sub-area: an operator on its own organisation's centres,
 * everyone else within their region scope. Region names are remembered (codes are permanent).
 */
export class CentreAccess {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
    private readonly repo: RegistryRepository,
  ) {}

  async visibility(actor: Actor): Promise<Visibility> {
    if (isDataCentreOperator(actor))
      return actor.organisationKind === 'datacentre_operator' ? { orgId: actor.organisationId } : { counties: [] };
    const roots = this.platform.authz.scopeRoots(actor, P.read);
    for (const r of roots) if ((await this.regions.levelOf(r)) === 'province') return { all: true };
    return { counties: await this.platform.authz.scopeCodes(actor, P.read) };
  }

  /** What lies in a region, whoever asks: the whole province, or the centres in the region's subtree. */
  async ofRegion(regionCode: string): Promise<Visibility> {
    if ((await this.regions.levelOf(regionCode)) === 'province') return { all: true };
    return { counties: await this.regions.subtree(regionCode) };
  }

  /** An operator acts on its own organisation's centres; everyone else within their region scope. */
  async assertOn(actor: Actor | null, permission: Permission, c: CentreRow): Promise<Actor> {
    this.platform.authz.require(actor, permission);
    if (isDataCentreOperator(actor) && !actor.permissions.has(P.manage)) {
      if (actor.organisationKind !== 'datacentre_operator' || c.operatorOrgId !== actor.organisationId)
        throw platformError('out_of_region_scope', {
          zh: '不是您单位运营的数据中心',
          en: 'This data centre is not operated by your organisation',
        });
      return actor;
    }
    return this.platform.authz.assertCovers(actor, permission, c.countyCode);
  }

  /** `forUpdate` locks the row for the rest of the caller's transaction. */
  async centreOr404(id: string, forUpdate = false): Promise<CentreRow> {
    const c = await this.repo.centre(id, forUpdate);
    if (!c) throw notFound(CENTRE);
    return c;
  }

  async regionNames(codes: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(codes)].filter((c) => !this.names.has(c));
    if (missing.length) for (const [k, v] of await this.regions.nameOf(missing)) this.names.set(k, v);
    return this.names;
  }
}
