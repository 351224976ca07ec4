import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import type { DemoContext } from '../../platform/module.ts';

describeDb('scenarios demo', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('seeds every city and county once, searchable, with steps', async () => {
    const lines: string[] = [];
    const seeded = new Set<string>();
    const ctx: DemoContext = {
      platform: t.platform,
      async once(key, fn) {
        if (seeded.has(key)) return;
        await fn();
        seeded.add(key);
      },
      print: (l) => lines.push(l),
      demoUser: async () => '',
    };
    const parts = t.modules.get('scenarios')!.parts;
    await parts.seedDemo!(ctx);
    await parts.seedDemo!(ctx);
    expect(lines).toEqual(['scenarios demo: 200 cases (示例)']);
    const province = await t.user('province_approver', '370000');
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/cases?pageSize=1',
      headers: { cookie: province.cookie },
    });
    expect(all.json().total).toBe(200);
    const accepted = await t.app.inject({
      method: 'GET',
      url: '/api/v1/scenarios/cases?status=accepted&q=' + encodeURIComponent('示例'),
      headers: { cookie: province.cookie },
    });
    expect(accepted.json().total).toBeGreaterThan(100);
    const one = await t.app.inject({
      method: 'GET',
      url: `/api/v1/scenarios/cases/${accepted.json().items[0].id}`,
      headers: { cookie: province.cookie },
    });
    expect(one.json()).toMatchObject({ demo: true, status: 'accepted' });
    expect(one.json().history.at(-1)).toMatchObject({ action: 'accept', toStatus: 'accepted' });
  });
});
