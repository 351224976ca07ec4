import type { DirectoryApi } from '../directory/index.ts';
import { assessmentError } from './assessment.errors.ts';
import type { DrawnExpert } from './expert-draw.ts';
import type { RequestContext } from '../../platform/authorization/index.ts';

/** A submission to draw experts for. */
export interface DrawRequest {
  submissionId: string;
  regionCode: string;
  regionName: string;
}

/** Where the experts come from. Campaigns ask this and record what it returns. */
export interface ExpertDrawer {
  /**
   * Up to `perSubmission` experts for each submission (at least one), none from the submission's own city or
   * county, each draw verifiable. Throws `assessment_not_enough_experts` when a submission has no eligible expert.
   */
  draw(
    ctx: RequestContext,
    submissions: readonly DrawRequest[],
    perSubmission: number,
    seed: number,
  ): Promise<DrawnExpert[]>;
}

/**
 * The directory's verifiable draw (专家库): one draw per submission, from experts with a platform account (they review
 * online), avoiding the submission's city and county. The campaign's seed goes in as public salt beside the
 * directory's committed seed; the drawn experts are assigned at once (blind review: regions see 专家A, 专家B).
 */
export class DirectoryExpertDrawer implements ExpertDrawer {
  constructor(private readonly directory: DirectoryApi) {}

  async draw(
    ctx: RequestContext,
    submissions: readonly DrawRequest[],
    perSubmission: number,
    seed: number,
  ): Promise<DrawnExpert[]> {
    const drawn: DrawnExpert[] = [];
    for (const s of submissions) {
      try {
        const out = await this.directory.drawExperts(ctx, {
          object: {
            module: 'assessment',
            objectType: 'submission',
            objectId: s.submissionId,
            title: `新型智慧城市评估专家评审(${s.regionName})`,
            regionCode: s.regionCode,
          },
          quotas: [{ field: null, count: perSubmission, atLeast: 1 }],
          regionRule: 'same_city',
          requireAccount: true,
          mode: 'assign',
          salt: String(seed),
          // Only read on a repeat: a submission sent back and approved again is drawn for again.
          redrawReason: '退回后重新审核通过,重新抽取',
        });
        for (const p of out.picks)
          drawn.push({
            submissionId: s.submissionId,
            expertUserId: p.userId!,
            expertRegion: p.regionCode,
            alias: p.alias,
            seed,
          });
      } catch (e) {
        if ((e as { code?: string }).code === 'directory_not_enough_experts')
          throw assessmentError('assessment_not_enough_experts', {
            zh: `${s.regionName} 没有可回避本地区的专家`,
            en: `No eligible expert for ${s.regionCode}`,
          });
        throw e;
      }
    }
    return drawn;
  }
}
