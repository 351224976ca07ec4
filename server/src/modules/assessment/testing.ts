import type { IndicatorValues } from '@zhicheng/contracts/assessment';
import { moduleApi, type BuiltApp } from '../../app.ts';
import { systemContext } from '../../platform/authorization/index.ts';
import type { TestApp, TestUser } from '../../../test/app.ts';
import { assessmentServices, type AssessmentServices } from './services.ts';

/** The module's services over a built app's platform (tests and benchmarks only; other modules use the API). */
export function servicesOf(built: BuiltApp): AssessmentServices {
  return assessmentServices(built.platform, moduleApi(built, 'regions'), moduleApi(built, 'directory'));
}

/** Puts expert accounts into the directory's library (专家库), where the draw finds them. */
export async function enrolExperts(built: BuiltApp, ...users: TestUser[]): Promise<void> {
  const directory = moduleApi(built, 'directory');
  for (const [k, u] of users.entries())
    await directory.enrolExpert(systemContext('test-fixture'), {
      name: u.username,
      title: 'senior',
      fields: ['smart-city-planning'],
      unitName: `${u.username} 所在单位`,
      regionCode: u.actor.roles[0]!.regionCode,
      phone: `1370000${String(k).padStart(4, '0')}`,
      userId: u.id,
    });
}

export const PDF = Buffer.from('%PDF-1.4\n% evidence\n');

/** Values reaching `stars` on every base indicator of a catalogue. */
export async function valuesAt(s: AssessmentServices, catalogueId: string, stars: number): Promise<IndicatorValues> {
  const c = await s.catalogues.get(catalogueId);
  return Object.fromEntries(
    c.indicators.filter((i) => !i.bonusPoints).map((i) => [i.code, { value: i.thresholds[stars - 1]! }]),
  );
}

/** Fills and uploads evidence for every indicator that needs it, then submits. */
export async function fillAndSubmit(s: AssessmentServices, user: TestUser, submissionId: string, stars: number) {
  const sub = await s.submissions.get(user.ctx, submissionId);
  await s.submissions.saveValues(user.ctx, submissionId, await valuesAt(s, sub.catalogueId, stars), null);
  const c = await s.catalogues.get(sub.catalogueId);
  for (const i of c.indicators.filter((x) => x.evidenceRequired))
    await s.submissions.uploadEvidence(user.ctx, submissionId, i.code, { filename: 'e.pdf', type: 'pdf', data: PDF });
  return s.submissions.submit(user.ctx, submissionId);
}

export async function openSmallCampaign(
  _t: TestApp,
  s: AssessmentServices,
  province: TestUser,
  year: number,
  codes = ['370100', '370102', '370103', '370200', '370202'],
  noticeDays = 0,
) {
  const cats = await s.catalogues.list();
  const city = cats.find((c) => c.key === 'DB37-3890.1-city')!;
  const county = cats.find((c) => c.key === 'DB37-3890.2-county')!;
  return s.campaigns.open(province.ctx, {
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
