import { PARTICIPATION_ERRORS, type ParticipationErrorCode } from '@zhicheng/contracts';
import { AppError } from '../../platform/http/errors.ts';

const STATUS: Record<ParticipationErrorCode, number> = {
  survey_published: 409,
  survey_not_open: 409,
  already_answered: 409,
  verified_required: 401,
  mandatory_dropped: 400,
  invalid_answer: 400,
  panel_infeasible: 409,
  not_panel_member: 403,
  photo_required: 400,
};

/** The participation module's errors, with stable codes (see PARTICIPATION_ERRORS in the contract). */
export class ParticipationError extends AppError {
  constructor(
    code: ParticipationErrorCode,
    detail?: { zh: string; en: string },
    fieldErrors?: { path: string; message: string }[],
  ) {
    const m = PARTICIPATION_ERRORS[code];
    super(code, STATUS[code], detail ? { zh: `${m.zh}: ${detail.zh}`, en: `${m.en}: ${detail.en}` } : m, fieldErrors);
    this.name = 'ParticipationError';
  }
}
