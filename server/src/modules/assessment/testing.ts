import type { BuiltApp } from '../../app.ts';
import { serviceOfApi, type AssessmentService } from './assessment.service.ts';

/** The assessment service of a built app (tests and benchmarks only). */
export function serviceFrom(built: Pick<BuiltApp, 'modules'>): AssessmentService {
  const api = built.modules.get('assessment')?.api;
  const svc = api ? serviceOfApi.get(api as object) : undefined;
  if (!svc) throw new Error('assessment module not loaded');
  return svc;
}
