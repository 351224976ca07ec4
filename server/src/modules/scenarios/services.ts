import type { Platform } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import { BoardService } from './board.service.ts';
import { CasesService } from './cases.service.ts';
import { ReviewsService } from './reviews.service.ts';
import { TaxonomyService } from './taxonomy.service.ts';
import { VotesService } from './votes.service.ts';

/** The module's services, wired once in index.ts. */
export interface ScenariosServices {
  taxonomy: TaxonomyService;
  cases: CasesService;
  board: BoardService;
  reviews: ReviewsService;
  votes: VotesService;
  regions: RegionsService;
}

export function buildServices(platform: Platform, regions: RegionsService): ScenariosServices {
  const taxonomy = new TaxonomyService(platform);
  const cases = new CasesService(platform, regions, taxonomy);
  const board = new BoardService(platform, regions, cases);
  cases.onAccepted = (id) => board.caseAccepted(id);
  const reviews = new ReviewsService(platform, regions, cases, board);
  const votes = new VotesService(platform, cases, board);
  return { taxonomy, cases, board, reviews, votes, regions };
}
