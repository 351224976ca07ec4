import { COMMUNITIES_ERRORS, type CommunitiesErrorCode } from '@zhicheng/contracts/communities';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<CommunitiesErrorCode, number> = {
  community_exists: 409,
  community_not_found: 404,
  community_unknown_code: 400,
  tier_not_reported: 404,
  tier_wrong_status: 409,
  tier_province_confirms: 409,
  onsite_check_exists: 409,
  onsite_check_not_passed: 409,
  invalid_token: 401,
  ingest_rows_invalid: 400,
  token_not_found: 404,
  round_not_found: 404,
  round_not_proposed: 409,
  provider_not_linked: 409,
  provider_unknown: 400,
  provider_name_mismatch: 403,
  provider_taken: 409,
  provider_dishonest: 409,
  match_not_found: 404,
  match_wrong_status: 409,
  adjust_refused: 422,
};

/** The module's errors: codes and words in the contract, the status here. */
export const communitiesError = moduleErrors(COMMUNITIES_ERRORS, STATUS);
