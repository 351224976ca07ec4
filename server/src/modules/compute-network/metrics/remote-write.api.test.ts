import { afterAll, beforeAll, expect, it } from 'vitest';
import snappy from 'snappyjs';
import { SERIES_LIMIT_PER_CENTRE } from '@zhicheng/contracts/compute-network';
import { describeDb } from '../../../../test/db.ts';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../../test/app.ts';
import { queryRows } from '../../../platform/database/index.ts';
import { sql } from 'drizzle-orm';
import { encodeWriteRequest, type RwSeries } from './remote-write.ts';

const HEADERS = {
  'content-type': 'application/x-protobuf',
  'content-encoding': 'snappy',
  'x-prometheus-remote-write-version': '0.1.0',
};

describeDb('compute-network remote-write', (kind) => {
  let t: TestApp;
  let province: TestUser;
  let opA: TestUser;
  let opB: TestUser;
  let enterprise: TestUser;
  let centre: string;
  let token: string;

  const send = (body: Buffer, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/remote-write',
      payload: body,
      headers: { ...HEADERS, authorization: `Bearer ${token}`, ...headers },
    });
  const stored = async () => {
    const [r] = await queryRows<{ series: number; samples: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*) FROM compute.metric_series)::int AS series, (SELECT count(*) FROM compute.metric_sample)::int AS samples`,
    );
    return r!;
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    province = await t.user('province_operator', '370000');
    opA = await t.user('datacentre_operator', '370000', { orgKind: 'datacentre_operator' });
    opB = await t.user('datacentre_operator', '370000', { orgKind: 'datacentre_operator' });
    enterprise = await t.user('enterprise_user', '370000', { orgKind: 'enterprise' });
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/compute/data-centres',
      headers: { cookie: province.cookie },
      payload: {
        name: '指标测试中心',
        operatorOrganisationId: opA.actor.organisationId,
        address: 'x',
        lng: 117,
        lat: 36.6,
        countyCode: '370102',
        zoneId: null,
        status: 'operating',
        designRacks: 100,
        powerCapacityKw: 300,
        designPue: 1.3,
        storagePb: 1,
        inventory: [],
      },
    });
    centre = r.json().id;
    token = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/compute/data-centres/${centre}/token`,
        headers: { cookie: opA.cookie },
      })
    ).json().token;
  });
  afterAll(() => t.close());

  it('accepts a real snappy-compressed protobuf WriteRequest and serves the series back', async () => {
    const t0 = t.clock.now().getTime() - 90_000;
    const series: RwSeries[] = [];
    for (let gpu = 0; gpu < 4; gpu++) {
      series.push({
        labels: { __name__: 'DCGM_FI_DEV_GPU_UTIL', gpu: String(gpu), Hostname: 'node-1', UUID: `GPU-${gpu}` },
        samples: [0, 15, 30, 45].map((s, i) => ({ value: 40 + gpu * 10 + i, timestamp: t0 + s * 1000 })),
      });
      series.push({
        labels: { __name__: 'DCGM_FI_DEV_POWER_USAGE', gpu: String(gpu), Hostname: 'node-1' },
        samples: [{ value: 250, timestamp: t0 + 60_000 }],
      });
    }
    series.push({
      labels: { __name__: 'ipmi_dcmi_power_consumption_watts', instance: 'bmc-1' },
      samples: [{ value: 4200, timestamp: t0 + 60_000 }],
    });
    series.push({ labels: { __name__: 'zc_racks_in_use' }, samples: [{ value: 77, timestamp: t0 + 60_000 }] });
    series.push({ labels: { __name__: 'node_load1', instance: 'n1' }, samples: [{ value: 1.5, timestamp: t0 }] });
    const r = await send(encodeWriteRequest(series));
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ series: 11, samples: 4 * 4 + 4 + 3, droppedSeries: 0 });

    // Same again: counts add up in the same 1-minute buckets, no new series.
    expect((await send(encodeWriteRequest(series))).statusCode).toBe(200);
    expect((await stored()).series).toBe(11);

    const m = await expectAuthMatrix(t, {
      method: 'GET',
      url: `/api/v1/compute/data-centres/${centre}/metrics?hours=1&limit=100`,
      allowed: opA,
      wrongRegion: opB,
      wrongRole: enterprise,
    });
    const body = m.json();
    expect(body.seriesCount).toBe(11);
    expect(body.seriesLimit).toBe(SERIES_LIMIT_PER_CENTRE);
    expect(body.live).toMatchObject({ gpuPowerW: 1000, nodePowerW: 4200, racksInUse: 77, gpus: 4 });
    // Each GPU's newest value is 43/53/63/73: their mean.
    expect(body.live.gpuUtilPct).toBeCloseTo(58, 6);
    const gpu0 = body.series.find(
      (s: { labels: Record<string, string> }) => s.labels.__name__ === 'DCGM_FI_DEV_GPU_UTIL' && s.labels.gpu === '0',
    );
    const pts = gpu0.points as { count: number; min: number; max: number }[];
    expect(pts.reduce((s, p) => s + p.count, 0)).toBe(8);
    expect(Math.min(...pts.map((p) => p.min))).toBe(40);
    expect(Math.max(...pts.map((p) => p.max))).toBe(43);
    const load = body.series.find((s: { labels: Record<string, string> }) => s.labels.__name__ === 'node_load1');
    expect(load.labels).toEqual({ __name__: 'node_load1', instance: 'n1' });

    const only = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/compute/data-centres/${centre}/metrics?metric=zc_racks_in_use`,
        headers: { cookie: province.cookie },
      })
    ).json();
    expect(only.series).toHaveLength(1);
  });

  it('answers a corrupt body, a wrong content type or an unknown token with 4xx and stores nothing', async () => {
    const before = await stored();
    const good = encodeWriteRequest([
      { labels: { __name__: 'new_metric_x' }, samples: [{ value: 1, timestamp: t.clock.now().getTime() }] },
    ]);
    const cases: [string, () => Promise<{ statusCode: number; json(): { code: string } }>, number][] = [
      ['garbage', () => send(Buffer.from('this is not snappy')), 400],
      ['snappy of garbage', () => send(Buffer.from(snappy.compress(Buffer.from([0x0f, 0xff, 0xff, 0xff, 0xff])))), 400],
      ['truncated', () => send(good.subarray(0, good.length - 3)), 400],
      ['uncompressed protobuf', () => send(Buffer.from(snappy.uncompress(good))), 400],
      ['empty', () => send(Buffer.alloc(0)), 400],
      [
        'json',
        () =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/compute/remote-write',
            payload: { a: 1 },
            headers: { authorization: `Bearer ${token}` },
          }),
        415,
      ],
      ['octet-stream', () => send(good, { 'content-type': 'application/octet-stream' }), 415],
      ['no snappy encoding', () => send(good, { 'content-encoding': 'gzip' }), 415],
      ['no version', () => send(good, { 'x-prometheus-remote-write-version': '2.0.0' }), 400],
      ['unknown token', () => send(good, { authorization: 'Bearer zc_unknown_token_value' }), 401],
      [
        'no token',
        () => t.app.inject({ method: 'POST', url: '/api/v1/compute/remote-write', payload: good, headers: HEADERS }),
        401,
      ],
      [
        'a session is not a token',
        () =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/compute/remote-write',
            payload: good,
            headers: { ...HEADERS, cookie: opA.cookie },
          }),
        401,
      ],
    ];
    for (const [name, run, status] of cases) {
      const r = await run();
      expect(r.statusCode, name).toBe(status);
      expect(r.json().code, name).toBeTruthy();
    }
    expect(await stored()).toEqual(before);
  });

  it('never stores what it cannot serve: NaN and ±Inf skipped, overflowing values and NUL labels refused', async () => {
    const at = t.clock.now().getTime() - 30_000;
    const url = `/api/v1/compute/data-centres/${centre}/metrics?metric=zc_odd_values&hours=1`;
    const metrics = () => t.app.inject({ method: 'GET', url, headers: { cookie: opA.cookie } });
    const odd = [NaN, Infinity, -Infinity, 1e290, -1e290, 1e290].map((value, i) => ({ value, timestamp: at + i }));
    const ok = await send(encodeWriteRequest([{ labels: { __name__: 'zc_odd_values' }, samples: odd }]));
    expect(ok.statusCode, ok.body).toBe(200);
    // Twice more into the same bucket: PostgreSQL adds the sums up, and they stay finite.
    const again = encodeWriteRequest([{ labels: { __name__: 'zc_odd_values' }, samples: odd }]);
    for (let i = 0; i < 2; i++) expect((await send(again)).statusCode).toBe(200);
    const m = await metrics();
    expect(m.statusCode, m.body).toBe(200);
    const pts = m.json().series[0].points as { count: number; max: number; avg: number }[];
    expect(pts.reduce((s, p) => s + p.count, 0)).toBe(9);
    expect(pts.every((p) => Number.isFinite(p.avg) && p.max === 1e290)).toBe(true);

    const before = await stored();
    for (const [samples, labels] of [
      [[{ value: 1e308, timestamp: at }], { __name__: 'zc_odd_values' }],
      [[{ value: -Number.MAX_VALUE, timestamp: at }], { __name__: 'zc_odd_values' }],
      [[{ value: 1, timestamp: at }], { __name__: 'zc_odd_values', host: 'a\u0000b' }],
    ] as [RwSeries['samples'], Record<string, string>][]) {
      const r = await send(encodeWriteRequest([{ labels, samples }]));
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().errors[0].path).toMatch(/^timeseries\[0\]\.(samples|labels)$/);
    }
    expect(await stored()).toEqual(before);
    expect((await metrics()).statusCode).toBe(200);
  });

  it('stops working for a token that was replaced', async () => {
    const old = token;
    token = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/compute/data-centres/${centre}/token`,
        headers: { cookie: province.cookie },
      })
    ).json().token;
    const body = encodeWriteRequest([
      { labels: { __name__: 'up' }, samples: [{ value: 1, timestamp: t.clock.now().getTime() }] },
    ]);
    expect((await send(body)).statusCode).toBe(200);
    expect((await send(body, { authorization: `Bearer ${old}` })).statusCode).toBe(401);
  });
});
