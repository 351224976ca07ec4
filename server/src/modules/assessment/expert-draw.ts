import { SeededRandom } from '../../platform/random.ts';

/**
 * The expert draw rule (专家抽取): each submission gets `perSubmission` experts drawn at random with a recorded
 * seed, so anyone can re-run the draw and check it, and never an expert from the submission's own city or county
 * (conflict of interest: 回避本地区). Pure; the drawer behind it finds the experts.
 */

export interface DrawExpert {
  userId: string;
  regionCode: string;
  /** The expert's region and its ancestors, nearest first. */
  lineage: readonly string[];
}

export interface DrawSubject {
  submissionId: string;
  regionCode: string;
  regionName: string;
  lineage: readonly string[];
}

export interface DrawnExpert {
  submissionId: string;
  expertUserId: string;
  expertRegion: string;
  /** 专家A, 专家B, …: what the region sees instead of a name. */
  alias: string;
  seed: number;
}

const ALIAS = 'ABCDEFGHIJ';

/** A province code (xx0000) is everyone's ancestor and no conflict; cities and counties are. */
const ownRegions = (lineage: readonly string[]) => lineage.filter((code) => !code.endsWith('0000'));

/** True when an expert shares a city or county with the region (an expert of Jinan never reviews 历下区). */
export function conflictOfInterest(expertLineage: readonly string[], regionLineage: readonly string[]): boolean {
  const own = ownRegions(regionLineage);
  return ownRegions(expertLineage).some((code) => own.includes(code));
}

/** Draws for every subject; `short` names the first subject with no eligible expert (nothing is drawn then). */
export function drawExperts(
  subjects: readonly DrawSubject[],
  experts: readonly DrawExpert[],
  perSubmission: number,
  seed: number,
): { drawn: DrawnExpert[]; short: null } | { drawn: []; short: DrawSubject } {
  const rng = new SeededRandom(seed);
  const drawn: DrawnExpert[] = [];
  for (const s of subjects) {
    // One entry per expert, in a stable order, so the same seed gives the same draw whatever order they came in.
    const eligible = [
      ...new Map(experts.filter((e) => !conflictOfInterest(e.lineage, s.lineage)).map((e) => [e.userId, e])).values(),
    ].sort((a, b) => a.userId.localeCompare(b.userId));
    if (!eligible.length) return { drawn: [], short: s };
    rng
      .shuffle(eligible)
      .slice(0, perSubmission)
      .forEach((e, k) =>
        drawn.push({
          submissionId: s.submissionId,
          expertUserId: e.userId,
          expertRegion: e.regionCode,
          alias: `专家${ALIAS[k]}`,
          seed,
        }),
      );
  }
  return { drawn, short: null };
}
