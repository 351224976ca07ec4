import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { sampleCase } from './test-fixtures.ts';

describeDb('scenarios api: library and the county → city → province flow', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let jinanOp: TestUser;
  let jinanApprover: TestUser;
  let qingdaoApprover: TestUser;
  let provinceOp: TestUser;
  let provinceApprover: TestUser;
  let expert: TestUser;
  const inject = (method: 'GET' | 'POST' | 'PUT', url: string, who: TestUser, payload?: unknown) =>
    t.app.inject({ method, url, payload: payload as never, headers: { cookie: who.cookie } });

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    jinanOp = await t.user('city_operator', '370100');
    jinanApprover = await t.user('city_approver', '370100');
    qingdaoApprover = await t.user('city_approver', '370200');
    provinceOp = await t.user('province_operator', '370000');
    provinceApprover = await t.user('province_approver', '370000');
    expert = await t.user('expert', '370000');
  });
  afterAll(() => t.close());

  describe('taxonomy', () => {
    it('is public to read and lists the four domains, categories and operating models', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/scenarios/taxonomy' });
      expect(r.statusCode).toBe(200);
      const items = r.json().items as { kind: string; code: string; zh: string }[];
      expect(items.filter((i) => i.kind === 'domain').map((i) => i.zh)).toEqual(['优政', '惠民', '兴业', '强基']);
      expect(items.some((i) => i.kind === 'operating_model' && i.zh === '多方共赢')).toBe(true);
    });

    it('is configured by the province only; a new operating model can be used at once', async () => {
      await expectAuthMatrix(t, {
        method: 'PUT',
        url: '/api/v1/scenarios/taxonomy/operating_model/user_paid',
        payload: { zh: '使用者付费', en: 'User-paid' },
        allowed: provinceOp,
        wrongRole: provinceApprover,
        // No wrong region: the permission belongs to a province-level role only (ROLE_LEVEL), so only the wrong role exists.
      });
      const bad = await inject('PUT', '/api/v1/scenarios/taxonomy/category/x_y', provinceOp, { zh: '无上级', en: 'x' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('parent');
      const badCode = await inject('PUT', '/api/v1/scenarios/taxonomy/domain/Bad-Code', provinceOp, {
        zh: 'x',
        en: 'x',
      });
      expect(badCode.statusCode).toBe(400);
      const c = await inject(
        'POST',
        '/api/v1/scenarios/cases',
        lixia,
        sampleCase({ title: '历下区用户付费充电', operatingModel: 'user_paid' }),
      );
      expect(c.statusCode, c.body).toBe(201);
      expect(c.json().operatingModelName).toBe('使用者付费');
      const retire = await inject('PUT', '/api/v1/scenarios/taxonomy/operating_model/user_paid', provinceOp, {
        zh: '使用者付费',
        en: 'User-paid',
        active: false,
      });
      expect(retire.statusCode).toBe(200);
      const refused = await inject(
        'POST',
        '/api/v1/scenarios/cases',
        lixia,
        sampleCase({ title: '历下区另一个', operatingModel: 'user_paid' }),
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'scenarios_unknown_term', errors: [{ path: 'operatingModel' }] });
    });
  });

  describe('cases', () => {
    let id = '';

    it('files a draft in one’s own region: 401, 403 wrong role, 403 wrong region, 201; 400 names the field', async () => {
      const ok = await expectAuthMatrix(t, {
        method: 'POST',
        url: '/api/v1/scenarios/cases',
        payload: sampleCase(),
        allowed: lixia,
        wrongRole: expert,
        wrongRegion: shizhong,
        okStatus: 201,
      });
      id = ok.json().id;
      expect(ok.json()).toMatchObject({
        status: 'draft',
        regionName: '历下区',
        cityCode: '370100',
        cityName: '济南市',
        domainName: '惠民',
        categoryName: '智慧交通',
        allowed: ['edit', 'submit'],
      });
      // The city's operator does not file its counties' cases for them.
      const cityForCounty = await inject(
        'POST',
        '/api/v1/scenarios/cases',
        jinanOp,
        sampleCase({ title: '市里代填的案例' }),
      );
      expect(cityForCounty.statusCode).toBe(403);
      const missing = await inject('POST', '/api/v1/scenarios/cases', lixia, { ...sampleCase(), title: '' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().errors[0].path).toContain('title');
      const wrongCat = await inject(
        'POST',
        '/api/v1/scenarios/cases',
        lixia,
        sampleCase({ title: '历下区错分类案例', category: 'health', domain: 'gov' }),
      );
      expect(wrongCat.json()).toMatchObject({ code: 'scenarios_unknown_term', errors: [{ path: 'category' }] });
      const dup = await inject('POST', '/api/v1/scenarios/cases', lixia, sampleCase());
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'scenarios_title_exists', errors: [{ path: 'title' }] });
      const street = await inject(
        'POST',
        '/api/v1/scenarios/cases',
        provinceOp,
        sampleCase({ regionCode: '370000', title: '全省统一停车平台' }),
      );
      expect(street.statusCode).toBe(201);
      expect(street.json()).toMatchObject({ cityCode: '370000', allowed: ['edit', 'submit'] });
    });

    it('reads a case within one’s region and lists by scope, filters and Chinese words', async () => {
      await expectAuthMatrix(t, {
        method: 'GET',
        url: `/api/v1/scenarios/cases/${id}`,
        allowed: jinanApprover,
        wrongRole: expert,
        wrongRegion: shizhong,
      });
      await expectAuthMatrix(t, {
        method: 'GET',
        url: '/api/v1/scenarios/cases?region=370102',
        allowed: lixia,
        wrongRole: expert,
        wrongRegion: shizhong,
      });
      const list = async (who: TestUser, qs = '') => (await inject('GET', `/api/v1/scenarios/cases${qs}`, who)).json();
      expect((await list(lixia)).total).toBe(2);
      expect((await list(shizhong)).total).toBe(0);
      expect((await list(lixia, '?q=' + encodeURIComponent('停车'))).items.map((c: { id: string }) => c.id)).toContain(
        id,
      );
      expect((await list(lixia, '?q=' + encodeURIComponent('付费充电'))).total).toBe(1);
      expect((await list(lixia, '?q=' + encodeURIComponent('养老'))).total).toBe(0);
      expect((await list(lixia, '?domain=gov')).total).toBe(0);
      expect((await list(lixia, '?operatingModel=multi_win&status=draft')).total).toBe(1);
      const bad = await inject('GET', '/api/v1/scenarios/cases?status=flying', lixia);
      expect(bad.statusCode).toBe(400);
    });

    it('edits a draft; keeps its region', async () => {
      const ok = await expectAuthMatrix(t, {
        method: 'PUT',
        url: `/api/v1/scenarios/cases/${id}`,
        payload: sampleCase({ usersServed: 130000 }),
        allowed: lixia,
        wrongRole: expert,
        wrongRegion: shizhong,
      });
      expect(ok.json().usersServed).toBe(130000);
      const moved = await inject('PUT', `/api/v1/scenarios/cases/${id}`, lixia, sampleCase({ regionCode: '370103' }));
      expect(moved.statusCode).toBe(400);
      expect(moved.json().errors[0].path).toBe('regionCode');
    });

    it('goes county → city (returned with a reason, resubmitted) → recommended → accepted by the province', async () => {
      await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/scenarios/cases/${id}/submit`,
        allowed: lixia,
        wrongRole: expert,
        wrongRegion: shizhong,
      });
      const frozen = await inject('PUT', `/api/v1/scenarios/cases/${id}`, lixia, sampleCase());
      expect(frozen.statusCode).toBe(409);
      // Nobody accepts before the city has recommended.
      const early = await inject('POST', `/api/v1/scenarios/cases/${id}/accept`, provinceApprover);
      expect(early.json().code).toBe('scenarios_illegal_transition');

      const noReason = await inject('POST', `/api/v1/scenarios/cases/${id}/return`, jinanApprover, { reason: '' });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().errors[0].path).toContain('reason');
      const returned = await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/scenarios/cases/${id}/return`,
        payload: { reason: '请补充运营经费来源' },
        allowed: jinanApprover,
        wrongRole: lixia,
        wrongRegion: qingdaoApprover,
      });
      expect(returned.json()).toMatchObject({ status: 'returned', returnReason: '请补充运营经费来源' });
      await inject('PUT', `/api/v1/scenarios/cases/${id}`, lixia, sampleCase({ investmentSource: '财政资金' }));
      expect((await inject('POST', `/api/v1/scenarios/cases/${id}/submit`, lixia)).json().status).toBe('submitted');

      // The province is not the city: it does not recommend.
      const notCity = await inject('POST', `/api/v1/scenarios/cases/${id}/recommend`, provinceApprover);
      expect(notCity.statusCode).toBe(403);
      expect(notCity.json().code).toBe('scenarios_wrong_step');
      const rec = await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/scenarios/cases/${id}/recommend`,
        allowed: jinanApprover,
        wrongRole: lixia,
        wrongRegion: qingdaoApprover,
      });
      expect(rec.json()).toMatchObject({ status: 'recommended', allowed: [] });
      const cityAccept = await inject('POST', `/api/v1/scenarios/cases/${id}/accept`, jinanApprover);
      expect(cityAccept.json().code).toBe('scenarios_wrong_step');
      const acc = await expectAuthMatrix(t, {
        method: 'POST',
        url: `/api/v1/scenarios/cases/${id}/accept`,
        allowed: provinceApprover,
        wrongRole: provinceOp,
        wrongRegion: qingdaoApprover,
      });
      expect(acc.json().status).toBe('accepted');
      expect(acc.json().history.map((h: { action: string }) => h.action)).toEqual(
        ['create', 'update', 'update', 'submit', 'return', 'update', 'submit', 'recommend', 'accept'].filter(
          (a) => a !== 'update',
        ),
      );
      expect(acc.json().history.find((h: { action: string }) => h.action === 'return').reason).toBe(
        '请补充运营经费来源',
      );
    });

    it('refuses an approver who edited the case (four eyes)', async () => {
      const both = await t.user('county_operator', '370102');
      const c = await inject('POST', '/api/v1/scenarios/cases', both, sampleCase({ title: '历下区四眼原则检验' }));
      await inject('POST', `/api/v1/scenarios/cases/${c.json().id}/submit`, both);
      await t.legacyRole(both, 'city_approver', '370100');
      // A fresh session carries the added role.
      const { token } = await t.platform.sessions.startSession(t.systemCtx(), both.id);
      const cookie = `zc_session=${token}`;
      const own = await t.app.inject({
        method: 'POST',
        url: `/api/v1/scenarios/cases/${c.json().id}/recommend`,
        headers: { cookie },
      });
      expect(own.statusCode, own.body).toBe(403);
      expect(own.json().code).toBe('own_work');
    });
  });
});
