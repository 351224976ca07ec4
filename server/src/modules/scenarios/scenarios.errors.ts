import { SCENARIOS_ERRORS, type ScenariosErrorCode } from '@zhicheng/contracts/scenarios';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<ScenariosErrorCode, number> = {
  scenarios_illegal_transition: 409,
  scenarios_attachment_limit: 409,
  scenarios_merge_pending: 409,
  scenarios_merge_not_pending: 409,
  scenarios_not_author: 403,
  scenarios_bad_image: 422,
  scenarios_unknown_term: 400,
  scenarios_region_level: 400,
  scenarios_wrong_step: 403,
  scenarios_title_exists: 409,
  scenarios_no_open_round: 409,
  scenarios_round_open: 409,
  scenarios_round_closed: 409,
  scenarios_not_on_board: 409,
  scenarios_not_assigned: 403,
  scenarios_conflict_of_interest: 403,
  scenarios_not_similar: 409,
  scenarios_phone_wait: 429,
  scenarios_phone_daily_limit: 429,
  scenarios_phone_code_expired: 409,
  scenarios_phone_code_wrong: 400,
};

/** The module's errors: codes and words in the contract, the status here. */
export const scenariosError = moduleErrors(SCENARIOS_ERRORS, STATUS);
