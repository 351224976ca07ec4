import type { Permission } from '@zhicheng/contracts';
import { isSystem, type Actor, type RequestContext } from '../../platform/authorization/index.ts';
import { notFound, platformError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { CampaignsRepository } from './campaigns.repository.ts';
import type { CampaignRow } from './participation.tables.ts';

export const CAMPAIGN = { zh: '征集活动', en: 'campaign' };

/**
 * Region scope as the participation services need it. Campaigns and templates run down the region tree: a county
 * official sees the province's campaign and template (the regions above them) and the answers of their own subtree.
 */
export class RegionScope {
  private readonly campaigns: CampaignsRepository;

  constructor(
    private readonly p: Platform,
    readonly regions: RegionsService,
  ) {
    this.campaigns = new CampaignsRepository(p.db);
  }

  /** Regions whose campaigns and templates the actor may see: its subtree and the ancestors above it. */
  async visible(actor: Actor, permission: Permission): Promise<string[]> {
    const set = new Set(await this.p.authz.scopeCodes(actor, permission));
    for (const root of this.p.authz.scopeRoots(actor, permission))
      for (const c of (await this.regions.lineage(root)) ?? []) set.add(c);
    return [...set];
  }

  /** Throws unless the region (a campaign's, a survey's) is visible to the actor. */
  async assertVisible(actor: Actor | null, permission: Permission, regionCode: string): Promise<Actor> {
    this.p.authz.require(actor, permission);
    if (!(await this.visible(actor, permission)).includes(regionCode)) throw platformError('out_of_region_scope');
    return actor;
  }

  /** A campaign the actor may read: 404 when there is none, 403 when it is outside what they see. */
  async visibleCampaign(actor: Actor | null, permission: Permission, id: string): Promise<CampaignRow> {
    this.p.authz.require(actor, permission);
    const c = await this.campaigns.campaign(id);
    if (!c) throw notFound(CAMPAIGN);
    await this.assertVisible(actor, permission, c.regionCode);
    return c;
  }

  /**
   * The region a staff user looks at within a campaign: the one asked for, else the campaign's if covered, else
   * their own root under it.
   */
  async focus(actor: Actor | null, permission: Permission, campaign: CampaignRow, asked?: string): Promise<string> {
    this.p.authz.require(actor, permission);
    if (asked) {
      await this.p.authz.assertCovers(actor, permission, asked);
      return asked;
    }
    if (await this.p.authz.covers(actor, permission, campaign.regionCode)) return campaign.regionCode;
    for (const r of this.p.authz.scopeRoots(actor, permission))
      if (((await this.regions.lineage(r)) ?? []).includes(campaign.regionCode)) return r;
    throw platformError('out_of_region_scope');
  }

  /** Writes check scope, except for the platform itself (the demo loader, the CLI, jobs: see systemContext). */
  async guard(ctx: RequestContext, permission: Permission, regionCode: string): Promise<void> {
    if (isSystem(ctx)) return;
    await this.p.authz.assertCovers(ctx.actor, permission, regionCode);
  }

  /** The child of `region` that `code` lies under (or `code` itself when it is `region`). */
  async childUnder(region: string, code: string): Promise<string> {
    const lineage = (await this.regions.lineage(code)) ?? [code];
    const i = lineage.indexOf(region);
    return i > 0 ? lineage[i - 1]! : code;
  }

  names(codes: Iterable<string>): Promise<Map<string, string>> {
    return this.regions.nameOf([...new Set(codes)]);
  }
}

/** A date column or value as YYYY-MM-DD. */
export const ymd = (d: string | Date) => (typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
