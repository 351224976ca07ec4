import { describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS, normaliseMonth, sheetRowToFigure } from './figures-excel.ts';

describe('monthly reports as a sheet', () => {
  it('has a column per figure after code, name and month', () => {
    expect(FIGURE_COLUMNS.slice(0, 3).map((c) => c.header)).toEqual(['社区代码', '社区名称', '月份']);
    expect(FIGURE_COLUMNS.find((c) => c.key === 'work_orders')?.header).toBe('受理工单(件)');
  });

  it('reads months as Excel writes them', () => {
    expect(normaliseMonth('2026-06')).toBe('2026-06');
    expect(normaliseMonth('2026/6')).toBe('2026-06');
    expect(normaliseMonth('2026年6月')).toBe('2026-06');
    expect(normaliseMonth('2026-06-01')).toBe('2026-06');
    expect(normaliseMonth('2026-06-01T00:00:00.000Z')).toBe('2026-06');
    expect(normaliseMonth('June')).toBe('June');
  });

  it('turns a row into the push API’s row and names cells that are not numbers', () => {
    const r = sheetRowToFigure(3, {
      communityCode: ' 370102001002 ',
      communityName: '解放桥社区',
      month: '2026-06',
      work_orders: '1,200',
      devices_online: '',
      residents_served: 'many',
    });
    expect(r.input).toEqual({ communityCode: '370102001002', month: '2026-06', values: { work_orders: 1200 } });
    expect(r.errors).toEqual([{ row: 3, field: 'residents_served', message: 'not a number' }]);
  });
});
