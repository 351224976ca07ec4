import { describe, expect, it } from 'vitest';
import { outcomeOf, outcomesBy, type NeedOutcome } from './outcomes.ts';
import { suggestFacilities } from './suggestions.ts';

const need = (o: Partial<NeedOutcome>): NeedOutcome => ({
  county: '370102',
  postedOn: '2025-01-01',
  matched: false,
  provider: null,
  model: null,
  domain: '居家养老',
  installedOn: null,
  stoppedOn: null,
  satisfactionSum: 0,
  satisfactionAnswers: 0,
  ...o,
});
const p = { id: 'p1', name: '甲公司' };

describe('exchange outcomes', () => {
  const rows = [
    need({}),
    need({ matched: true, provider: p, model: '公益捐赠' }),
    // installed 10 days after posting, more than a year ago, still running
    need({ matched: true, provider: p, installedOn: '2025-01-11', satisfactionSum: 9, satisfactionAnswers: 2 }),
    // installed 30 days after posting, more than a year ago, stopped after 200 days
    need({
      matched: true,
      provider: p,
      installedOn: '2025-01-31',
      stoppedOn: '2025-08-19',
      satisfactionSum: 2,
      satisfactionAnswers: 1,
    }),
    // installed 90 days after posting, less than a year ago: not yet counted for survival
    need({ matched: true, provider: p, installedOn: '2025-04-01' }),
  ];

  it('gives fill rate, median days, satisfaction and survival after a year', () => {
    const o = outcomeOf('370102', '历下区', rows, '2026-02-15');
    expect(o).toMatchObject({ needs: 5, matched: 4, installed: 3, fillRate: 0.6, medianDaysToInstall: 30 });
    expect(o).toMatchObject({ satisfactionAnswers: 3, satisfactionMean: 3.67, yearOld: 2, runningAfterYear: 1 });
    expect(o.runningAfterYearRate).toBe(0.5);
  });

  it('counts a provider only for what it took on, and has no rates without data', () => {
    const by = outcomesBy(
      rows,
      (r) => (r.provider ? { key: r.provider.id, name: r.provider.name } : null),
      '2026-02-15',
    );
    expect(by).toMatchObject([{ key: 'p1', needs: 4, installed: 3, fillRate: 0.75 }]);
    expect(outcomeOf('x', 'x', [need({})], '2026-01-01')).toMatchObject({
      fillRate: 0,
      medianDaysToInstall: null,
      satisfactionMean: null,
      runningAfterYearRate: null,
    });
  });
});

describe('suggestions from demand topics', () => {
  it('maps a topic’s words to facilities, biggest topic first, one entry per facility', () => {
    const s = suggestFacilities([
      { label: '停车难', keywords: ['停车', '车位', '停车场'], share: 0.3 },
      { label: '养老服务', keywords: ['老人', '就餐', '紧急呼叫'], share: 0.2 },
      { label: '充电', keywords: ['充电桩', '电动自行车'], share: 0.1 },
      { label: '停车', keywords: ['停车'], share: 0.05 },
    ]);
    expect(s[0]).toMatchObject({ facility: 'parking_sensor', topic: '停车难', share: 0.3 });
    const facilities = s.map((x) => x.facility);
    expect(facilities).toEqual(
      expect.arrayContaining(['elderly_canteen', 'elderly_alarm', 'car_charging', 'ev_charging']),
    );
    expect(facilities.filter((f) => f === 'parking_sensor')).toHaveLength(1);
    expect(suggestFacilities([{ label: '网速慢', keywords: ['宽带'], share: 0.4 }])).toEqual([]);
  });
});
