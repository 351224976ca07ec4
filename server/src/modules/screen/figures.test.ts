import { describe, expect, it } from 'vitest';
import type { ComputeRegionTotals } from '@zhicheng/contracts/compute-network';
import { buildFigures, buildLayers, rollUp, type Readings } from './figures.ts';

const headline = {
  racksInUse: 100,
  designRacks: 200,
  rackUtilisationPct: 50,
  totalEflops: 2,
  aiEflops: 0.6,
  aiSharePct: 30,
  dataCentres: 3,
  reported: 2,
};
const compute: ComputeRegionTotals = {
  regionCode: '370000',
  period: '2026-10',
  source: { kind: 'approved_monthly_reports', asOf: '2026-11-05T01:00:00.000Z', simulated: false },
  province: headline,
  byCity: [
    { ...headline, code: '370100', name: '济南市' },
    { ...headline, code: '370200', name: '青岛市', totalEflops: 1 },
  ],
  trend: [],
};
const readings = (over: Partial<Readings> = {}): Readings => ({
  provinceCode: '370000',
  region: { code: '370000', name: '山东省', level: 'province', parentCode: null },
  children: [
    { code: '370100', name: '济南市' },
    { code: '370200', name: '青岛市' },
  ],
  assessment: null,
  participation: null,
  compute,
  ...over,
});

describe('screen figures', () => {
  it('rolls answering regions up to the regions the map draws by their code prefix', () => {
    const byCode = [
      { code: '370102', n: 2 },
      { code: '370102001', n: 3 },
      { code: '370202', n: 1 },
      { code: '370300', n: 9 },
    ];
    expect(rollUp(byCode, ['370100', '370200'])).toEqual({ '370100': 5, '370200': 1 });
    expect(rollUp(byCode, ['370102', '370103'])).toEqual({ '370102': 5 });
  });

  it('cites every figure with the module’s source, time and simulated flag; shares as 0–1', () => {
    const f = buildFigures(readings());
    expect(f.map((x) => x.key)).toContain('compute.ai-share');
    const share = f.find((x) => x.key === 'compute.ai-share')!;
    expect(share).toMatchObject({ value: 0.3, unit: '%' });
    expect(share.source).toEqual({
      module: 'compute-network',
      label: { zh: '纳统月报(已审核) · 2026-10', en: 'Approved monthly reports · 2026-10' },
      href: '/compute/statistics',
      asOf: '2026-11-05T01:00:00.000Z',
      simulated: false,
    });
    // A module that could not be read leaves its widgets out.
    expect(f.some((x) => x.source.module === 'assessment')).toBe(false);
  });

  it('draws compute per city on the province’s map only (it is not reported per county)', () => {
    expect(buildLayers(readings()).find((l) => l.key === 'compute.total-eflops')!.values).toEqual({
      '370100': 2,
      '370200': 1,
    });
    const city = readings({
      region: { code: '370100', name: '济南市', level: 'city', parentCode: '370000' },
      children: [{ code: '370102', name: '历下区' }],
    });
    expect(buildLayers(city).find((l) => l.key === 'compute.total-eflops')!.values).toEqual({});
    expect(
      buildFigures(city)
        .find((x) => x.key === 'compute.by-city')!
        .items!.map((i) => i.label),
    ).toEqual(['济南市']);
  });

  it('closed loop, vouchers, orders and the ledger: each cited with its module, page and simulated flag', () => {
    const f = buildFigures(
      readings({
        loop: {
          regionCode: '370000',
          byStatus: [
            { status: 'reported', n: 2 },
            { status: 'handling', n: 3 },
            { status: 'closed', n: 4 },
          ],
          total: 9,
          open: 5,
          overdue: 2,
          steps: 10,
          onTimeSteps: 8,
          deadLetters: 1,
          asOf: '2026-11-20T00:00:00.000Z',
          demo: true,
        },
        eventsByCity: [
          { regionCode: '370100', open: 3, overdue: 1 },
          { regionCode: '370200', open: 2, overdue: 1 },
          { regionCode: '371000', open: 7, overdue: 0 },
        ],
        market: {
          voucher: {
            year: 2026,
            name: '2026 年算力券',
            poolFen: 100_000_000_00,
            committedFen: 25_000_000_00,
            paidFen: 0,
          },
          claims: [{ status: 'issued', n: 3 }],
          orders: [
            { status: 'paid', n: 4, billedFen: 50_000_00 },
            { status: 'active', n: 1, billedFen: 0 },
          ],
          asOf: null,
          simulated: false,
        },
        ledger: { year: 2026, green: 5, yellow: 2, red: 1, closed: 3, demo: true },
      }),
    );
    const by = (k: string) => f.find((x) => x.key === k)!;
    expect(by('city-brain.open-events')).toMatchObject({ value: 5, source: { module: 'city-brain', simulated: true } });
    expect(by('city-brain.overdue-events').value).toBe(2);
    expect(by('city-brain.on-time-rate').value).toBe(0.8);
    expect(by('city-brain.dead-letters').value).toBe(1);
    expect(by('city-brain.events-by-step').items!.find((i) => i.label === '处置')!.value).toBe(3);
    // Only the cities the map draws; each opens its city's screen.
    expect(by('city-brain.events-by-city').items).toEqual([
      { label: '济南市', value: 3, note: '超时 1', href: '/screen/370100' },
      { label: '青岛市', value: 2, note: '超时 1', href: '/screen/370200' },
    ]);
    // Fen to 万元: a pool of 1 亿 with a quarter committed.
    expect(by('compute.voucher-committed')).toMatchObject({ value: 2500, target: 10000, unit: '万元' });
    expect(by('compute.voucher-remaining').value).toBe(7500);
    expect(by('compute.orders')).toMatchObject({ value: 5, source: { href: '/compute/market/orders' } });
    expect(by('work-ledger.colours').items!.map((i) => i.value)).toEqual([5, 2, 1, 3]);
    expect(by('work-ledger.red')).toMatchObject({ value: 1, source: { module: 'work-ledger', href: '/work-ledger' } });
    expect(f.length).toBeGreaterThanOrEqual(7 + 3 + 6 + 2);
  });

  it('draws open events per city on the province’s map', () => {
    const loop = {
      regionCode: '370000',
      byStatus: [],
      total: 0,
      open: 0,
      overdue: 0,
      steps: 0,
      onTimeSteps: 0,
      deadLetters: 0,
      asOf: null,
      demo: false,
    };
    const eventsByCity = [
      { regionCode: '370100', open: 3, overdue: 1 },
      { regionCode: '371000', open: 7, overdue: 0 },
    ];
    const layer = buildLayers(readings({ loop, eventsByCity })).find((l) => l.key === 'city-brain.open-events');
    expect(layer?.values).toEqual({ '370100': 3 });
  });
});
