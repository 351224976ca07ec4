import { SCREEN_ERRORS, type ScreenErrorCode } from '@zhicheng/contracts/screen';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<ScreenErrorCode, number> = {
  theme_exists: 409,
  theme_not_found: 404,
  rule_exists: 409,
  rule_not_found: 404,
  region_not_on_screen: 400,
  briefing_font_missing: 503,
  warning_not_firing: 409,
};

/** The module's errors: codes and words in the contract, the status here. */
export const screenError = moduleErrors(SCREEN_ERRORS, STATUS);
