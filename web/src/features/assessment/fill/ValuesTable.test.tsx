import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Indicator, type AssessmentSubmission } from '@zhicheng/contracts/assessment';
import { I18nProvider } from '../../../app/i18n';
import { ValuesTable } from './ValuesTable';

const ind = (code: string, extra: Partial<Indicator> = {}) =>
  Indicator.parse({ code, domain: '数字惠民', name: `指标${code}`, weight: 10, thresholds: [1, 2, 3, 4, 5], ...extra });

const sub = (over: Partial<AssessmentSubmission>): AssessmentSubmission => ({
  id: '00000000-0000-4000-8000-000000000001',
  campaignId: '00000000-0000-4000-8000-000000000002',
  catalogueId: '00000000-0000-4000-8000-000000000003',
  year: 2025,
  regionCode: '370102',
  regionName: '历下区',
  regionLevel: 'county',
  parentCode: '370100',
  status: 'draft',
  stars: null,
  subGrade: null,
  score: null,
  filled: 1,
  indicatorCount: 2,
  returnedReason: null,
  disagreement: false,
  updatedAt: '2025-01-01T00:00:00.000Z',
  deadline: null,
  fillingClosed: false,
  late: false,
  reopenedUntil: null,
  lastReminder: null,
  stageWindow: null,
  lateSteps: [],
  actions: ['edit', 'submit'],
  version: 1,
  values: { A: { value: 9 } },
  previousValues: { A: 3, B: null },
  evidence: [],
  rating: null,
  experts: [],
  coEvaluation: { count: 0, average: null, unconfirmed: 0, replaced: 0 },
  objections: [],
  history: [],
  problems: [],
  ...over,
});

function show(s: AssessmentSubmission, editable = true) {
  render(
    <I18nProvider>
      <ValuesTable
        sub={s}
        indicators={[ind('A'), ind('B', { evidenceRequired: true })]}
        editable={editable}
        current={(code) => s.values[code]}
        onChange={() => {}}
        onEvidence={() => {}}
      />
    </I18nProvider>,
  );
}

// The first render loads antd's table; on a shared 2-core machine that alone can pass 5 s.
describe('the values table', { timeout: 30_000 }, () => {
  afterEach(cleanup);

  it('asks for an explanation only where the server’s check says so, and marks required evidence', () => {
    show(sub({ problems: [{ path: 'values.A.explanation', message: '须说明原因' }] }));
    expect(screen.getAllByPlaceholderText('变化较大,请说明')).toHaveLength(1);
    expect(screen.getByText('必传')).toBeTruthy();
    expect(screen.getByTestId('evidence-B')).toBeTruthy();
    cleanup();
    show(sub({}));
    expect(screen.queryByPlaceholderText('变化较大,请说明')).toBeNull();
  });

  it('offers no upload and no typing once the submission is locked', () => {
    show(sub({ status: 'submitted', actions: ['approve', 'send_back'] }), false);
    expect(screen.queryByTestId('evidence-B')).toBeNull();
    expect(
      (screen.getByTestId('value-A').querySelector('input') ?? screen.getByTestId('value-A')).hasAttribute('disabled'),
    ).toBe(true);
  });
});
