import { notFound } from '../../platform/http/errors.ts';
import type { CampaignsRepository } from './campaigns.repository.ts';
import { participationError } from './participation.errors.ts';
import type { CampaignRow, SurveyRow } from './participation.tables.ts';

export const SURVEY = { zh: '问卷', en: 'survey' };

/**
 * The public answer path's view of published surveys. Published versions never change, so they are kept for 10 s;
 * publishing and campaign changes clear the cache, so a status change shows at once on this instance and within
 * 10 s on the others.
 */
export class PublishedSurveys {
  private readonly cache = new Map<string, { at: number; survey: SurveyRow; campaign: CampaignRow }>();

  constructor(private readonly repo: CampaignsRepository) {}

  /** The survey to answer for a link: an archived version's link answers the lineage's current published one. */
  async get(id: string): Promise<{ survey: SurveyRow; campaign: CampaignRow }> {
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < 10_000) return hit;
    let s = await this.repo.survey(id);
    if (!s || s.status === 'draft') throw notFound(SURVEY);
    if (s.status === 'archived') {
      s = await this.repo.publishedOfLineage(s.lineageId);
      if (!s) throw participationError('survey_not_open');
    }
    const campaign = (await this.repo.campaign(s.campaignId))!;
    const entry = { at: Date.now(), survey: s, campaign };
    this.cache.set(id, entry);
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }

  clear(): void {
    this.cache.clear();
  }
}
