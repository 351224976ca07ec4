import { COMPUTE_ERRORS, type ComputeErrorCode } from '@zhicheng/contracts/compute-network';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<ComputeErrorCode, number> = {
  implausible_jump: 400,
  report_exists: 409,
  racks_exceed_design: 400,
  pue_below_one: 400,
  invalid_token: 401,
  bad_remote_write: 400,
};

/** The module's errors: codes and words in the contract, the status here. */
export const computeError = moduleErrors(COMPUTE_ERRORS, STATUS);
