import type { z } from 'zod';
import { PARTICIPATION_ERRORS, type ParticipationErrorCode } from '@zhicheng/contracts/participation';
import { moduleErrors, platformError } from '../../platform/http/errors.ts';

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

/** The participation module's errors: codes and words in the contract (PARTICIPATION_ERRORS), the status here. */
export const participationError = moduleErrors(PARTICIPATION_ERRORS, STATUS);

/**
 * What another module passes to the participation API, checked by the contract's schema as a route's body would be:
 * a 400 naming each field, never a half-written row.
 */
export function parseApiInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields = r.error.issues.map((i) => ({ path: i.path.join('.') || 'input', message: i.message }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  throw platformError(
    'validation_failed',
    { zh: `请求内容不符合要求: ${summary}`, en: `Invalid request: ${summary}` },
    fields,
  );
}
