import type { IndicatorValue } from '@zhicheng/contracts';
import type { BuiltApp } from '../../app.ts';
import type { TestApp, TestUser } from '../../../test/app.ts';
import { serviceOfApi, type AssessmentService } from './assessment.service.ts';

/** The assessment service of a built app (tests and benchmarks only). */
export function serviceFrom(built: Pick<BuiltApp, 'modules'>): AssessmentService {
  const api = built.modules.get('assessment')?.parts.api;
  const svc = api ? serviceOfApi.get(api as object) : undefined;
  if (!svc) throw new Error('assessment module not loaded');
  return svc;
}

export const PDF = Buffer.from('%PDF-1.4\n% evidence\n');

/** Values reaching `stars` on every base indicator of a catalogue. */
export async function valuesAt(
  svc: AssessmentService,
  catalogueId: string,
  stars: number,
): Promise<Record<string, IndicatorValue>> {
  const c = await svc.getCatalogue(catalogueId);
  return Object.fromEntries(
    c.indicators.filter((i) => !i.bonusPoints).map((i) => [i.code, { value: i.thresholds[stars - 1]! }]),
  );
}

/** Fills and uploads evidence for every indicator that needs it, then submits. */
export async function fillAndSubmit(svc: AssessmentService, user: TestUser, submissionId: string, stars: number) {
  const sub = await svc.getSubmission(user.ctx, submissionId);
  await svc.saveValues(user.ctx, submissionId, await valuesAt(svc, sub.catalogueId, stars), null);
  const c = await svc.getCatalogue(sub.catalogueId);
  for (const i of c.indicators.filter((x) => x.evidenceRequired))
    await svc.uploadEvidence(user.ctx, submissionId, i.code, { filename: 'e.pdf', type: 'pdf', data: PDF });
  return svc.submit(user.ctx, submissionId);
}

export async function openSmallCampaign(
  t: TestApp,
  svc: AssessmentService,
  province: TestUser,
  year: number,
  codes = ['370100', '370102', '370103', '370200', '370202'],
  noticeDays = 0,
) {
  const cats = await svc.listCatalogues();
  const city = cats.find((c) => c.key === 'DB37-3890.1-city')!;
  const county = cats.find((c) => c.key === 'DB37-3890.2-county')!;
  return svc.openCampaign(province.ctx, {
    year,
    name: `${year} 测试`,
    cityCatalogueId: city.id,
    countyCatalogueId: county.id,
    deadlines: {},
    expertsPerSubmission: 2,
    noticeDays,
    regionCodes: codes,
  });
}
