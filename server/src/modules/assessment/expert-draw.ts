/**
 * The expert draw's conflict rule as assessment keeps it (回避本地区): never an expert from the submission's own city
 * or county. The draw itself is the directory module's (专家库, verifiable; see expert-drawer.ts); review.service.ts
 * checks this rule again when an expert scores (defence in depth). Pure.
 */

export interface DrawnExpert {
  submissionId: string;
  expertUserId: string;
  expertRegion: string;
  /** 专家A, 专家B, …: what the region sees instead of a name. */
  alias: string;
  seed: number;
}

/** A province code (xx0000) is everyone's ancestor and no conflict; cities and counties are. */
const ownRegions = (lineage: readonly string[]) => lineage.filter((code) => !code.endsWith('0000'));

/** True when an expert shares a city or county with the region (an expert of Jinan never reviews 历下区). */
export function conflictOfInterest(expertLineage: readonly string[], regionLineage: readonly string[]): boolean {
  const own = ownRegions(regionLineage);
  return ownRegions(expertLineage).some((code) => own.includes(code));
}
