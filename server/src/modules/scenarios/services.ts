import type { Platform } from '../../platform/module.ts';
import type { DirectoryApi } from '../directory/index.ts';
import type { RegionsService } from '../regions/index.ts';
import { AttachmentsService } from './attachments.service.ts';
import { BoardService } from './board.service.ts';
import { CaseTransferService } from './cases-transfer.service.ts';
import { CasesService } from './cases.service.ts';
import { DuplicatesService } from './duplicates.service.ts';
import { MergesService } from './merges.service.ts';
import { PhoneVerificationService } from './phone.service.ts';
import { ReplicationsService } from './replications.service.ts';
import { ReviewsService } from './reviews.service.ts';
import { TaxonomyService } from './taxonomy.service.ts';
import { VotesService } from './votes.service.ts';

/** The module's services, wired once in index.ts. */
export interface ScenariosServices {
  taxonomy: TaxonomyService;
  cases: CasesService;
  /** Photos and documents of a case. */
  attachments: AttachmentsService;
  /** Excel import and export of cases. */
  transfer: CaseTransferService;
  board: BoardService;
  reviews: ReviewsService;
  votes: VotesService;
  /** Optional verified phones for votes. */
  phones: PhoneVerificationService;
  duplicates: DuplicatesService;
  /** Merge proposals with both authors' consent. */
  merges: MergesService;
  replications: ReplicationsService;
  regions: RegionsService;
}

export function buildServices(platform: Platform, regions: RegionsService, directory: DirectoryApi): ScenariosServices {
  const taxonomy = new TaxonomyService(platform);
  const cases = new CasesService(platform, regions, taxonomy);
  const board = new BoardService(platform, regions, cases);
  cases.onAccepted = (id) => board.caseAccepted(id);
  const reviews = new ReviewsService(platform, regions, cases, board, directory);
  const votes = new VotesService(platform, cases, board);
  const duplicates = new DuplicatesService(platform, cases);
  cases.onFiled = (c) => duplicates.index([c]);
  const replications = new ReplicationsService(platform, regions, cases, board);
  const transfer = new CaseTransferService(platform, regions, cases, taxonomy, duplicates);
  const attachments = new AttachmentsService(platform, cases);
  const merges = new MergesService(platform, cases, duplicates, board);
  cases.mergesOf = (id, author) => merges.of(id, author);
  const phones = new PhoneVerificationService(platform);
  return {
    taxonomy,
    cases,
    attachments,
    merges,
    transfer,
    board,
    reviews,
    votes,
    phones,
    duplicates,
    replications,
    regions,
  };
}
