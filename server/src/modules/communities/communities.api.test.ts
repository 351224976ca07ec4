import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { queryRows } from '../../platform/database/index.ts';

const JIEFANGQIAO = '370102001002'; // 解放桥社区 (历下区), a real residents' committee of the national list
const LISHANLU = '370102001003';
const WEIYILU = '370103002001'; // 纬一路社区 (市中区)

const figures = {
  households: 2100,
  population: 5400,
  elderlyPct: 22.5,
  grids: 7,
  propertyCompany: '测试物业',
  systems: ['网格化社会治理平台', '物业管理系统'],
  contactName: '张三丰',
  contactPhone: '13812345678',
};

describeDb('communities registry api', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let expert: TestUser;
  let worker: TestUser;
  let otherWorker: TestUser;
  let province: TestUser;
  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    expert = await t.user('expert', '370000');
    province = await t.user('province_approver', '370000');
  });
  afterAll(() => t.close());

  it('registers a community: 401, 403 wrong role, 403 wrong region, 201; contact masked and encrypted; regions made', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'POST',
      url: '/api/v1/communities/registry',
      payload: { code: JIEFANGQIAO, ...figures },
      allowed: lixia,
      wrongRole: expert,
      wrongRegion: shizhong,
      okStatus: 201,
    });
    const c = ok.json();
    expect(c).toMatchObject({
      code: JIEFANGQIAO,
      name: '解放桥社区',
      streetCode: '370102001',
      countyName: '历下区',
      urban: true,
      tier: null,
      demo: false,
    });
    expect(c.contactPhone).not.toContain('12345678');
    expect(c.contactName).not.toBe('张三丰');
    // The community is now a region below its street, so a worker can be bound to it.
    const region = await t.app.inject({
      method: 'GET',
      url: `/api/v1/regions/${JIEFANGQIAO}`,
      headers: { cookie: lixia.cookie },
    });
    expect(region.json()).toMatchObject({ level: 'community', parentCode: '370102001' });
    const stored = await queryRows<{ enc: string; masked: string }>(
      t.database.db,
      sql`SELECT contact_phone_enc AS enc, contact_phone_masked AS masked FROM communities.community WHERE code = ${JIEFANGQIAO}`,
    );
    expect(stored[0]!.enc).not.toContain('13812345678');
    expect(stored[0]!.masked).toBe(c.contactPhone);
    worker = await t.user('community_worker', JIEFANGQIAO);
  });

  it('refuses bad input naming the field, unknown codes, and a second registration', async () => {
    const send = (payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/communities/registry',
        payload: payload as never,
        headers: { cookie: lixia.cookie },
      });
    const bad = await send({ code: LISHANLU, ...figures, contactPhone: '12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('contactPhone');
    const pct = await send({ code: LISHANLU, ...figures, elderlyPct: 120 });
    expect(pct.statusCode).toBe(400);
    expect(pct.json().errors[0].path).toContain('elderlyPct');
    const unknown = await send({ code: '370102001999', ...figures });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'community_unknown_code', errors: [{ path: 'code' }] });
    const dup = await send({ code: JIEFANGQIAO, ...figures });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('community_exists');
  });

  it('lets the community’s own worker update its figures, not another community’s', async () => {
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/v1/communities/registry',
      payload: { code: WEIYILU, ...figures },
      headers: { cookie: shizhong.cookie },
    });
    expect(reg.statusCode).toBe(201);
    otherWorker = await t.user('community_worker', WEIYILU);
    const ok = await expectAuthMatrix(t, {
      method: 'PATCH',
      url: `/api/v1/communities/registry/${JIEFANGQIAO}`,
      payload: { households: 2200 },
      allowed: worker,
      wrongRole: expert,
      wrongRegion: otherWorker,
    });
    expect(ok.json()).toMatchObject({ households: 2200, population: 5400, systems: figures.systems });
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/communities/registry/${JIEFANGQIAO}`,
      payload: { grids: -1 },
      headers: { cookie: worker.cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toContain('grids');
  });

  it('reads one community and lists within scope: a worker sees only its own', async () => {
    await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/communities/registry/${JIEFANGQIAO}`,
      allowed: worker,
      wrongRole: expert,
      wrongRegion: otherWorker,
    });
    await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/communities/registry?region=370102',
      allowed: lixia,
      wrongRole: expert,
      wrongRegion: shizhong,
    });
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/registry',
      headers: { cookie: worker.cookie },
    });
    expect(mine.json().items.map((c: { code: string }) => c.code)).toEqual([JIEFANGQIAO]);
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/registry?q=纬一',
      headers: { cookie: province.cookie },
    });
    expect(all.json().items.map((c: { code: string }) => c.code)).toEqual([WEIYILU]);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/registry?tier=gold',
      headers: { cookie: province.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lists a county’s units of the national list with what is registered', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/communities/universe?county=370102&urbanOnly=true&q=解放桥',
      allowed: lixia,
      wrongRole: expert,
      wrongRegion: shizhong,
    });
    expect(ok.json().items).toEqual([
      expect.objectContaining({ code: JIEFANGQIAO, name: '解放桥社区', registered: true, urban: true }),
    ]);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/universe',
      headers: { cookie: lixia.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('measures coverage per county against the real universe', async () => {
    const ok = await expectAuthMatrix(t, {
      method: 'GET',
      url: '/api/v1/communities/coverage?region=370100',
      allowed: province,
      wrongRole: expert,
      wrongRegion: shizhong,
    });
    const cov = ok.json();
    const lx = cov.counties.find((c: { countyCode: string }) => c.countyCode === '370102');
    // 历下区 lists 139 village-level units in the 2023 statistics codes.
    expect(lx).toMatchObject({ units: 139, registered: 1, smart: 0, coverage: 0 });
    expect(lx.residentsCommittees).toBeGreaterThan(50);
    expect(cov.totals.units).toBeGreaterThan(5000);
    expect(cov.targets).toMatchObject({ basicGrowth: 3500, benchmark: 50, published: { smart: 2578, benchmark: 34 } });
    const county = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/coverage?region=370102',
      headers: { cookie: lixia.cookie },
    });
    expect(county.json().counties.map((c: { countyCode: string }) => c.countyCode)).toEqual(['370102']);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/communities/coverage?region=37',
      headers: { cookie: lixia.cookie },
    });
    expect(bad.statusCode).toBe(400);
  });
});
