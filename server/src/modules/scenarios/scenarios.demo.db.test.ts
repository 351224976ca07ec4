import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { moduleApi } from '../../app.ts';
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
      demoUser: async (u) => (await t.user(u.role, u.regionCode)).id,
    };
    // The directory first, as at start-up: its library holds the experts the board's draws find.
    await t.modules.get('directory')!.parts.seedDemo!({ ...ctx, print: () => {} });
    const parts = t.modules.get('scenarios')!.parts;
    await parts.seedDemo!(ctx);
    await parts.seedDemo!(ctx);
    expect(lines[0]).toBe('scenarios demo: 200 cases (示例)');
    expect(lines[1]).toMatch(/^scenarios demo: board with \d+ votes, \d+ adoptions/);
    expect(lines).toHaveLength(2);
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

    // The board: last quarter closed, this one open with reviews, votes, a held burst, and movement.
    const board = await t.app.inject({ method: 'GET', url: '/api/v1/scenarios/public/board?pageSize=200' });
    const b = board.json();
    expect(b.round).toMatchObject({ status: 'open', demo: true });
    expect(b.total).toBeGreaterThan(100);
    expect(b.items.some((i: { reviewCount: number }) => i.reviewCount === 3)).toBe(true);
    expect(b.items.some((i: { votesTotal: number }) => i.votesTotal > 0)).toBe(true);
    expect(b.items.some((i: { votesHeld: number }) => i.votesHeld === 40)).toBe(true);
    expect(b.items.some((i: { movement: number | null }) => i.movement !== null && i.movement !== 0)).toBe(true);
    expect(b.items[0].why.text.zh).toMatch(/下一名/);
    // What the one-screen view reads: the same accepted cases, by region and by domain.
    const api = moduleApi(t, 'scenarios');
    const summary = await api.boardSummary('370000');
    expect(summary.accepted).toBe(await api.countAccepted('370000'));
    expect(summary.byRegion.reduce((a, r) => a + r.n, 0)).toBe(summary.accepted);
    expect(summary.byDomain.reduce((a, r) => a + r.n, 0)).toBe(summary.accepted);
    expect(summary.byDomain.map((d) => d.name)).toContain('惠民');
    expect(summary).toMatchObject({ sample: true, asOf: expect.any(String) });
    const jinan = await api.boardSummary('370100');
    expect(jinan.byRegion.every((r) => r.code.startsWith('3701'))).toBe(true);
    expect(jinan.accepted).toBe(await api.countAccepted('370100'));
  });
});
