import { COMPUTE_ERRORS, type ComputeErrorCode } from '@zhicheng/contracts/compute-network';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<ComputeErrorCode, number> = {
  implausible_jump: 400,
  report_exists: 409,
  racks_exceed_design: 400,
  pue_below_one: 400,
  invalid_token: 401,
  bad_remote_write: 400,
  cards_not_free: 409,
  no_usage_report: 409,
  not_accelerator: 400,
  offer_unavailable: 409,
  cards_exceed_offer: 409,
  below_min_lease: 400,
  bad_transition: 409,
  unknown_workload: 400,
  voucher_ineligible: 422,
  pool_exhausted: 409,
  policy_exists: 409,
  redemption_mismatch: 422,
  profile_missing: 409,
  no_metered_usage: 422,
  contract_mismatch: 422,
  contract_missing: 409,
  third_party_failed: 422,
  not_third_party: 403,
  allocation_infeasible: 422,
  no_offers_on_sale: 422,
};

/** The module's errors: codes and words in the contract, the status here. */
export const computeError = moduleErrors(COMPUTE_ERRORS, STATUS);
