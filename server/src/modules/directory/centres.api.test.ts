import { afterAll, beforeAll, expect, it } from 'vitest';
import { moduleApi } from '../../app.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { CentresRepository } from './centres.repository.ts';
import { isoWeekday } from './centres.service.ts';
import { seedCentres } from './directory.demo.ts';

const application = (over: Record<string, unknown> = {}) => ({
  name: '济南市智慧城市科普体验馆',
  regionCode: '370102',
  address: '济南市历下区示例路1号',
  lng: 117.05,
  lat: 36.66,
  operatorUnit: '济南市科技馆',
  areaSqm: 1200,
  hours: { days: [1, 2, 3, 4, 5, 6, 7], opens: '09:00', closes: '17:00' },
  slotCapacity: 10,
  description: '展示城市大脑与智慧社区成果,设互动体验区。',
  contactName: '刘老师',
  contactPhone: '13800001111',
  ...over,
});
const fullMarks = { venue: 20, content: 25, operation: 20, reach: 15 };

describeDb('directory 科普展示中心', (kind) => {
  let t: TestApp;
  // Province roles exist only at the province: those routes have no wrong region to test.
  let prov: TestUser, approver: TestUser;
  let jinan: TestUser, qingdao: TestUser;
  const experts: TestUser[] = [];
  let roundId: string, appId: string;
  const send = (u: TestUser | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: u ? { cookie: u.cookie } : {} });

  beforeAll(async () => {
    t = await createTestApp(kind);
    // 23:50 in China on the round's last day; sessions stay alive across the short jumps below.
    t.clock.set(new Date('2026-03-02T15:50:00Z'));
    prov = await t.user('province_operator', '370000');
    approver = await t.user('province_approver', '370000');
    jinan = await t.user('city_operator', '370100');
    qingdao = await t.user('city_operator', '370200');
    const api = moduleApi(t, 'directory');
    // Four science-popularisation experts outside Jinan with accounts, one in Jinan (excluded: same city), one at
    // the operating unit (excluded: same unit).
    for (const [i, region] of ['370200', '370300', '370600', '370700', '370100', '370800'].entries()) {
      const u = await t.user('expert', region);
      experts.push(u);
      await api.enrolExpert(t.systemCtx(), {
        name: `科普专家${i}`,
        title: 'senior',
        fields: ['science-popularisation'],
        unitName: i === 5 ? '济南市科技馆' : `示例大学${i}`,
        regionCode: region,
        phone: `1390000100${i}`,
        userId: u.id,
      });
    }
  });
  afterAll(() => t.close());

  it('opens a round (province only) and refuses a second of the same kind in the year', async () => {
    const body = { year: 2026, kind: 'experience', title: '2026年度科普体验中心遴选', applyUntil: '2026-03-02' };
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/directory/centre-rounds',
      payload: body,
      allowed: prov,
      wrongRole: jinan,
      okStatus: 201,
    });
    roundId = ok.json().id;
    expect(ok.json()).toMatchObject({ status: 'open', expertsPerApplication: 3, applications: 0 });
    expect((await send(prov, 'POST', '/api/v1/directory/centre-rounds', body)).json().code).toBe(
      'directory_round_exists',
    );
    const bad = await send(prov, 'POST', '/api/v1/directory/centre-rounds', { ...body, applyUntil: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('applyUntil');
    await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/directory/centre-rounds',
      allowed: jinan,
      wrongRole: experts[0]!,
    });
  });

  it('takes a city’s application in its own region while open; bad hours and duplicates are refused', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/directory/centre-rounds/${roundId}/applications`,
      payload: application(),
      allowed: jinan,
      wrongRole: prov,
      wrongRegion: qingdao,
      okStatus: 201,
    });
    appId = ok.json().id;
    expect(ok.json()).toMatchObject({ status: 'submitted', contactPhoneMasked: '138****1111', regionName: '历下区' });
    expect(ok.body).not.toContain('13800001111');
    const bad = await send(jinan, 'POST', `/api/v1/directory/centre-rounds/${roundId}/applications`, {
      ...application({ name: '另一个中心' }),
      hours: { days: [1], opens: '18:00', closes: '09:00' },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('closes');
    const dup = await send(jinan, 'POST', `/api/v1/directory/centre-rounds/${roundId}/applications`, application());
    expect(dup.json()).toMatchObject({ code: 'directory_centre_exists', errors: [{ path: 'name' }] });
    // Qingdao does not see Jinan's application.
    const qd = (await send(qingdao, 'GET', `/api/v1/directory/centre-rounds/${roundId}`)).json();
    expect(qd.applicationList).toHaveLength(0);
    expect(qd.applications).toBe(1);
    await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/directory/centre-applications/${appId}`,
      allowed: jinan,
      wrongRole: experts[0]!,
      wrongRegion: qingdao,
    });
  });

  it('refuses applications after the closing day', async () => {
    t.clock.set(new Date('2026-03-02T16:05:00Z'));
    const late = await send(jinan, 'POST', `/api/v1/directory/centre-rounds/${roundId}/applications`, {
      ...application({ name: '迟到的中心' }),
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('directory_round_closed');
  });

  it('draws the reviewers from the library (field, same city and same unit excluded, public record)', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/directory/centre-applications/${appId}/draw`,
      allowed: prov,
      wrongRole: jinan,
    });
    const a = ok.json();
    expect(a.status).toBe('reviewing');
    const v = (await send(null, 'GET', `/api/v1/directory/draws/${a.drawId}/verification`)).json();
    expect(v.quotas).toEqual([{ field: 'science-popularisation', count: 3 }]);
    const reasons = v.candidates.map((c: { excluded: string | null }) => c.excluded).sort();
    expect(reasons).toEqual([null, null, null, null, 'same_region', 'same_unit']);
    expect(v.picks).toHaveLength(3);
    expect(v.seed).toBeNull();
    expect((await send(prov, 'POST', `/api/v1/directory/centre-applications/${appId}/draw`)).statusCode).toBe(409);
  });

  it('lets the accepted reviewers score once each; the application is then ready for decision', async () => {
    const a = (await send(jinan, 'GET', `/api/v1/directory/centre-applications/${appId}`)).json();
    const state = await moduleApi(t, 'directory').drawState(a.drawId);
    const drawn = experts.filter((u) => state.picks.some((p) => p.userId === u.id));
    const notDrawn = experts.find((u) => !drawn.includes(u))!;
    // Not a reviewer, or not yet accepted: 403.
    const early = await send(drawn[0]!, 'POST', `/api/v1/directory/centre-reviews/${appId}`, {
      scores: fullMarks,
      comment: '场馆条件好',
    });
    expect(early.json().code).toBe('directory_not_reviewer');
    for (const u of drawn) {
      const p = state.picks.find((x) => x.userId === u.id)!;
      const r = await send(u, 'POST', `/api/v1/directory/invitations/${a.drawId}/${p.position}`, { answer: 'accept' });
      expect(r.statusCode).toBe(200);
    }
    await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/directory/centre-reviews',
      allowed: drawn[0]!,
      wrongRole: jinan,
    });
    expect((await send(notDrawn, 'GET', '/api/v1/directory/centre-reviews')).json()).toEqual([]);
    const other = await send(notDrawn, 'POST', `/api/v1/directory/centre-reviews/${appId}`, {
      scores: fullMarks,
      comment: '场馆条件好',
    });
    expect(other.statusCode).toBe(403);
    const over = await send(drawn[0]!, 'POST', `/api/v1/directory/centre-reviews/${appId}`, {
      scores: { ...fullMarks, venue: 26 },
      comment: '场馆条件好',
    });
    expect(over.statusCode).toBe(400);
    expect(JSON.stringify(over.json().errors)).toContain('venue');
    const first = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/directory/centre-reviews/${appId}`,
      payload: { scores: fullMarks, comment: '场馆条件好' },
      allowed: drawn[0]!,
      wrongRole: jinan,
    });
    expect(first.json()[0].mine.total).toBe(80);
    const again = await send(drawn[0]!, 'POST', `/api/v1/directory/centre-reviews/${appId}`, {
      scores: fullMarks,
      comment: '再评一次',
    });
    expect(again.json().code).toBe('directory_already_scored');
    for (const [k, u] of drawn.slice(1).entries())
      await send(u, 'POST', `/api/v1/directory/centre-reviews/${appId}`, {
        scores: { ...fullMarks, reach: 10 + k },
        comment: '互动体验丰富',
      });
    const scored = (await send(jinan, 'GET', `/api/v1/directory/centre-applications/${appId}`)).json();
    expect(scored.status).toBe('scored');
    expect(scored.scores.map((s: { alias: string }) => s.alias).sort()).toEqual(['专家A', '专家B', '专家C']);
    expect(scored.meanScore).toBe(Math.round(((80 + 75 + 76) / 3) * 10) / 10);
    expect(JSON.stringify(scored)).not.toContain('科普专家');
  });

  it('decides at the province, not by whoever drew; approval issues the certificate', async () => {
    // The operator who drew, given an approver role too (an account from before the separation rules): refused.
    await t.legacyRole(prov, 'province_approver', '370000');
    const own = await send(prov, 'POST', `/api/v1/directory/centre-applications/${appId}/decision`, {
      decision: 'approve',
      reason: '同意认定',
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('own_work');
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/directory/centre-applications/${appId}/decision`,
      payload: { decision: 'approve', reason: '专家评审通过,同意认定' },
      allowed: approver,
      wrongRole: jinan,
    });
    expect(ok.json()).toMatchObject({
      status: 'approved',
      certificateNo: 'KPTY-2026-001',
      certifiedOn: '2026-03-03',
    });
    const again = await send(approver, 'POST', `/api/v1/directory/centre-applications/${appId}/decision`, {
      decision: 'reject',
      reason: '重复',
    });
    expect(again.json().code).toBe('directory_centre_state');
  });

  it('prints the certificate as a PDF with the Chinese font embedded', async () => {
    const r = await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/directory/centre-applications/${appId}/certificate`,
      allowed: jinan,
      wrongRole: experts[0]!,
      wrongRegion: qingdao,
    });
    expect(r.headers['content-type']).toBe('application/pdf');
    const pdf = r.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The CJK face is embedded (a subset), not substituted.
    expect(pdf.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+Noto(Serif|Sans)CJK/);
  }, 60_000);

  it('shows certified centres on the public map and takes bookings (sealed, masked, capacity, rate limit)', async () => {
    const list = await send(null, 'GET', '/api/v1/directory/public/centres');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([
      expect.objectContaining({ id: appId, kind: 'experience', certificateNo: 'KPTY-2026-001', demo: false }),
    ]);
    expect(list.body).not.toContain('13800001111');
    const slots = (await send(null, 'GET', `/api/v1/directory/public/centres/${appId}/availability`)).json();
    expect(slots[0]).toMatchObject({ date: '2026-03-04', slot: 'am', open: true, left: 10 });
    const url = `/api/v1/directory/public/centres/${appId}/bookings`;
    const visit = { visitDate: '2026-03-09', slot: 'am', partySize: 8, name: '王小明', phone: '13912348888' };
    const ok = await send(null, 'POST', url, visit);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ nameMasked: '王**', phoneMasked: '139****8888', partySize: 8 });
    expect(ok.body).not.toContain('13912348888');
    const { rows } = (await t.database.db.execute(
      `SELECT name_sealed, phone_sealed FROM directory.centre_booking`,
    )) as unknown as { rows: { name_sealed: string; phone_sealed: string }[] };
    expect(rows[0]!.phone_sealed).not.toContain('13912348888');
    expect(t.platform.protector.decrypt(rows[0]!.phone_sealed)).toBe('13912348888');
    const full = await send(null, 'POST', url, { ...visit, partySize: 3 });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'directory_fully_booked', errors: [{ path: 'partySize' }] });
    const far = await send(null, 'POST', url, { ...visit, visitDate: '2026-05-01' });
    expect(far.statusCode).toBe(400);
    expect(far.json().code).toBe('directory_centre_closed');
    const bad = await send(null, 'POST', url, { ...visit, phone: '123' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('phone');
    expect((await send(null, 'POST', url, { ...visit, partySize: 2 })).statusCode).toBe(201);
    // Five bookings per ten minutes from one address.
    expect((await send(null, 'POST', url, { ...visit, visitDate: '2026-03-10' })).statusCode).toBe(429);
    expect(isoWeekday('2026-03-09')).toBe(1);

    const seen = await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/directory/centre-applications/${appId}/bookings`,
      allowed: jinan,
      wrongRole: experts[0]!,
      wrongRegion: qingdao,
    });
    expect(seen.json().map((b: { partySize: number }) => b.partySize)).toEqual([8, 2]);
    expect(seen.body).not.toContain('王小明');
  });

  it('takes the quarterly activity report from the city, once per quarter', async () => {
    const body = { year: 2026, quarter: 1, visitors: 5200, events: 12, note: '开展青少年科普课堂' };
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/directory/centre-applications/${appId}/reports`,
      payload: body,
      allowed: jinan,
      wrongRole: prov,
      wrongRegion: qingdao,
      okStatus: 201,
    });
    expect(ok.json().reports).toEqual([{ year: 2026, quarter: 1, visitors: 5200, events: 12, note: body.note }]);
    const twice = await send(jinan, 'POST', `/api/v1/directory/centre-applications/${appId}/reports`, body);
    expect(twice.statusCode).toBe(409);
    const bad = await send(jinan, 'POST', `/api/v1/directory/centre-applications/${appId}/reports`, {
      ...body,
      quarter: 5,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('quarter');
  });

  it('demo: ten certified 示例 centres on the public map with their reports, and a 科普体验中心 round open', async () => {
    t.clock.set(new Date('2027-08-15T02:00:00Z'));
    await seedCentres({ platform: t.platform, print: () => {} }, new CentresRepository(t.platform.db));
    const jinan = await t.user('city_operator', '370100');
    const list = (await send(null, 'GET', '/api/v1/directory/public/centres')).json();
    const demo = list.filter((c: { demo: boolean }) => c.demo);
    expect(demo).toHaveLength(10);
    expect(demo.every((c: { name: string }) => c.name.includes('示例'))).toBe(true);
    const rounds = (await send(jinan, 'GET', '/api/v1/directory/centre-rounds')).json();
    expect(
      rounds.find((r: { year: number; kind: string }) => r.year === 2027 && r.kind === 'experience'),
    ).toMatchObject({ status: 'open', demo: true });
    const centre = (await send(jinan, 'GET', `/api/v1/directory/centre-applications/${demo[0].id}`)).json();
    expect(centre.reports.map((r: { quarter: number }) => r.quarter)).toEqual([1, 2]);
  });
});
