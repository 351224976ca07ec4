import { CITY_BRAIN_ERRORS, type CityBrainErrorCode } from '@zhicheng/contracts/city-brain';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<CityBrainErrorCode, number> = {
  sub_platform_exists: 409,
  sub_platform_not_found: 404,
  city_brain_region: 400,
  domain_required: 400,
  event_not_found: 404,
  event_wrong_step: 409,
  dispatch_outside_region: 400,
  dataset_not_found: 404,
  dataset_not_shared: 409,
  request_only_conditional: 409,
  data_request_required: 409,
  request_until_past: 400,
  request_not_found: 404,
  request_decided: 409,
};

/** The module's errors: codes and words in the contract, the status here. */
export const cityBrainError = moduleErrors(CITY_BRAIN_ERRORS, STATUS);
