import type { Permission, Role } from '@zhicheng/contracts';
import { platformError } from '../http/errors.ts';

/** Who is acting. Built from the session on every request; never trusted from the client. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  organisationId: string;
  organisationKind: string;
  roles: { role: Role; regionCode: string }[];
  permissions: ReadonlySet<string>;
}

/**
 * What every service call carries: who acts, and the request id for the audit trail. Three kinds of caller:
 * a signed-in user (`actor`), an anonymous member of the public (`actor: null`, only on public routes), and the
 * platform itself (`system`, made by systemContext for the CLI, the demo loader, ingest tokens, event handlers and
 * jobs). A missing user is never trusted: only `system` skips authorization, and no request can produce it.
 */
export interface RequestContext {
  actor: Actor | null;
  /** Set only by systemContext(); names the internal caller in the audit trail (`system:<name>`). */
  readonly system?: SystemCaller;
  requestId: string;
  ip?: string;
}

const SYSTEM = Symbol('zhicheng.system');

/** Proof of an internal caller. Its constructor is private to this file, so a request body can never forge one. */
export interface SystemCaller {
  readonly [SYSTEM]: true;
  readonly name: string;
}

/**
 * The context for work done without a user: `systemContext('cli')`, `systemContext('compute.ingest-token')`.
 * Write it at the call site so a reader sees that authorization is skipped and why.
 */
export function systemContext(name: string, requestId: string = `system:${name}`, ip?: string): RequestContext {
  return { actor: null, system: Object.freeze({ [SYSTEM]: true as const, name }), requestId, ...(ip ? { ip } : {}) };
}

/** True only for a context made by systemContext(). */
export function isSystem(ctx: RequestContext): boolean {
  return ctx.system !== undefined && ctx.system[SYSTEM] === true;
}

/**
 * The region tree as the platform needs it (scope checks, role bindings). The regions module implements it and
 * provides it at start; the platform holds a port that forwards to it, so the platform imports no module.
 */
export interface RegionDirectory {
  /** The region and its ancestors, nearest first; null when the code is unknown. */
  lineage(code: string): Promise<string[] | null>;
  /** Every code in the subtree of `code`, itself included. */
  subtree(code: string): Promise<string[]>;
  levelOf(code: string): Promise<string | null>;
  nameOf(codes: string[]): Promise<Map<string, string>>;
}

/** Forwards to the module that provides the region directory; calling it before one is bound is a start-up bug. */
export class RegionDirectoryPort implements RegionDirectory {
  private impl: RegionDirectory | null = null;
  bind(impl: RegionDirectory): void {
    this.impl = impl;
  }
  get bound(): boolean {
    return this.impl !== null;
  }
  private get target(): RegionDirectory {
    if (!this.impl) throw new Error('no module provides the region directory');
    return this.impl;
  }
  lineage(code: string) {
    return this.target.lineage(code);
  }
  subtree(code: string) {
    return this.target.subtree(code);
  }
  levelOf(code: string) {
    return this.target.levelOf(code);
  }
  nameOf(codes: string[]) {
    return this.target.nameOf(codes);
  }
}

/** Permission → the roles granted it. Modules declare theirs in their definition. */
export type PermissionGrants = { readonly [P in Permission]?: readonly Role[] };

/** Route permissions that are not grants: anyone, or anyone signed in. */
export const PUBLIC = 'public';
export const AUTHENTICATED = 'authenticated';

export class Authorizer {
  private readonly rolesByPermission = new Map<string, Set<Role>>();

  constructor(
    grants: PermissionGrants[],
    private readonly regions: RegionDirectory,
  ) {
    for (const g of grants) {
      for (const [perm, roles] of Object.entries(g) as [string, readonly Role[]][]) {
        const set = this.rolesByPermission.get(perm) ?? new Set<Role>();
        roles.forEach((r) => set.add(r));
        this.rolesByPermission.set(perm, set);
      }
    }
  }

  isKnownPermission(permission: string): boolean {
    return permission === PUBLIC || permission === AUTHENTICATED || this.rolesByPermission.has(permission);
  }

  permissionsOf(roles: readonly Role[]): Set<string> {
    const out = new Set<string>();
    for (const [perm, granted] of this.rolesByPermission) if (roles.some((r) => granted.has(r))) out.add(perm);
    return out;
  }

  /** The region codes at which the actor holds `permission` (the roots of its scope). */
  scopeRoots(actor: Actor, permission: Permission): string[] {
    const granted = this.rolesByPermission.get(permission);
    if (!granted) return [];
    return [...new Set(actor.roles.filter((b) => granted.has(b.role)).map((b) => b.regionCode))];
  }

  /** Throws 403 unless the actor holds the permission somewhere. */
  require(actor: Actor | null, permission: Permission): asserts actor is Actor {
    if (!actor) throw platformError('unauthenticated');
    if (!actor.permissions.has(permission)) throw platformError('forbidden');
  }

  async covers(actor: Actor, permission: Permission, regionCode: string): Promise<boolean> {
    const roots = this.scopeRoots(actor, permission);
    if (roots.length === 0) return false;
    const lineage = await this.regions.lineage(regionCode);
    if (!lineage) return false;
    return roots.some((r) => lineage.includes(r));
  }

  /** The service-level check every write and read of region data goes through. */
  async assertCovers(actor: Actor | null, permission: Permission, regionCode: string): Promise<Actor> {
    this.require(actor, permission);
    if (!(await this.covers(actor, permission, regionCode))) throw platformError('out_of_region_scope');
    return actor;
  }

  /** Every region code the actor may act on with `permission`, for filtering lists. */
  async scopeCodes(actor: Actor, permission: Permission): Promise<string[]> {
    const roots = this.scopeRoots(actor, permission);
    const all = new Set<string>();
    for (const root of roots) for (const c of await this.regions.subtree(root)) all.add(c);
    return [...all];
  }
}
