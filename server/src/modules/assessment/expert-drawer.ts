import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { assessmentError } from './assessment.errors.ts';
import { drawExperts, type DrawnExpert } from './expert-draw.ts';

/** A submission to draw experts for. */
export interface DrawRequest {
  submissionId: string;
  regionCode: string;
  regionName: string;
}

/**
 * Where the experts come from. Campaigns ask this and record what it returns; the directory module's draw service
 * (专家库) can take its place later without the campaign workflow changing.
 */
export interface ExpertDrawer {
  /**
   * `perSubmission` experts for each submission, none from the submission's own city or county, reproducible from
   * `seed`. Throws `assessment_not_enough_experts` when a submission has no eligible expert.
   */
  draw(submissions: readonly DrawRequest[], perSubmission: number, seed: number): Promise<DrawnExpert[]>;
}

/** Today's pool: every account holding the expert role, at the region it is bound to. */
export class RoleExpertDrawer implements ExpertDrawer {
  constructor(
    private readonly platform: Platform,
    private readonly regions: RegionsService,
  ) {}

  async draw(submissions: readonly DrawRequest[], perSubmission: number, seed: number): Promise<DrawnExpert[]> {
    const lineage = async (code: string) => (await this.regions.lineage(code)) ?? [];
    const experts = [];
    for (const e of await this.platform.identity.findUserIdsByRole('expert'))
      experts.push({ ...e, lineage: await lineage(e.regionCode) });
    const subjects = [];
    for (const s of submissions) subjects.push({ ...s, lineage: await lineage(s.regionCode) });
    const r = drawExperts(subjects, experts, perSubmission, seed);
    if (r.short)
      throw assessmentError('assessment_not_enough_experts', {
        zh: `${r.short.regionName} 没有可回避本地区的专家`,
        en: `No eligible expert for ${r.short.regionCode}`,
      });
    return r.drawn;
  }
}
