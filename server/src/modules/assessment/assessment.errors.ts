import { ASSESSMENT_ERRORS, type AssessmentErrorCode } from '@zhicheng/contracts/assessment';
import { moduleErrors } from '../../platform/http/errors.ts';

const STATUS: Record<AssessmentErrorCode, number> = {
  assessment_illegal_transition: 409,
  assessment_children_pending: 409,
  assessment_locked: 409,
  assessment_invalid_submission: 422,
  assessment_conflict_of_interest: 403,
  assessment_catalogue_locked: 409,
  assessment_no_campaign: 404,
  assessment_notice_open: 409,
  assessment_not_enough_experts: 409,
  assessment_stage_incomplete: 409,
  assessment_deadline_passed: 409,
  assessment_stage_deadline_passed: 409,
};

/** The module's errors: codes and words in the contract, the status here. */
export const assessmentError = moduleErrors(ASSESSMENT_ERRORS, STATUS);
