import { DIRECTORY_ERRORS, type DirectoryErrorCode } from '@zhicheng/contracts/directory';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<DirectoryErrorCode, number> = {
  directory_expert_exists: 409,
  directory_not_enough_experts: 409,
  directory_redraw_reason: 400,
  directory_draw_closed: 409,
  directory_already_answered: 409,
  directory_unknown_account: 400,
  directory_org_exists: 409,
  directory_not_in_force: 409,
  directory_round_exists: 409,
  directory_centre_exists: 409,
  directory_font_missing: 503,
  directory_round_closed: 409,
  directory_centre_state: 409,
  directory_not_reviewer: 403,
  directory_already_scored: 409,
  directory_fully_booked: 409,
  directory_centre_closed: 400,
  directory_report_exists: 409,
};

/** The module's errors: codes and words in the contract, the status here. */
export const directoryError = moduleErrors(DIRECTORY_ERRORS, STATUS);
