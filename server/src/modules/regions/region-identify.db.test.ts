import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDb } from '../../../test/db.ts';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { moduleApi } from '../../app.ts';

/** The region cell of every import (RegionsService.identify): code, alias, bare or full name; ambiguous and unknown refused. */
describeDb('regions: a region cell by code or name', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('finds a county by its code, its bare name, its full name or an alias', async () => {
    const regions = moduleApi(t, 'regions');
    for (const cell of ['370102', '３７０１０２', '历下区', '济南市历下区', '山东省济南市历下区', ' 济南市 历下区 '])
      expect(await regions.identify(cell), cell).toEqual({ code: '370102' });
    expect(await regions.identify('济南市')).toEqual({ code: '370100' });
    expect(await regions.identify('西海岸新区')).toEqual({ code: '370211' });
    expect(await regions.resolve('济南市历下区')).toBe('370102');
  });

  it('refuses a bare name two cities share, naming both, and takes it with its city', async () => {
    const regions = moduleApi(t, 'regions');
    const m = await regions.identify('市中区');
    expect(m.code).toBeUndefined();
    expect(m).toMatchObject({
      reason: 'ambiguous',
      candidates: [
        { code: '370103', fullName: '济南市市中区' },
        { code: '370402', fullName: '枣庄市市中区' },
      ],
    });
    expect(await regions.resolve('市中区')).toBeUndefined();
    expect(await regions.identify('枣庄市市中区')).toEqual({ code: '370402' });
  });

  it('refuses what names no region: an unknown code or name, a name under the wrong city, an empty cell', async () => {
    const regions = moduleApi(t, 'regions');
    for (const cell of ['379999', '历上区', '青岛市历下区', '历下', '']) {
      const m = await regions.identify(cell);
      expect(m.code, cell).toBeUndefined();
      expect(m.code === undefined && m.reason, cell).toBe(cell ? 'unknown' : 'empty');
    }
    const all = await regions.identifyAll(['历下区', '市中区', '历下区']);
    expect([...all.keys()]).toEqual(['历下区', '市中区']);
  });
});
