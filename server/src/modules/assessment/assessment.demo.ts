import type { DemoContext } from '../../platform/module.ts';
import type { AssessmentService } from './assessment.service.ts';

export async function seedAssessmentDemo(_ctx: DemoContext, _service: AssessmentService): Promise<void> {}
