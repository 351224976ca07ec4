import { describe, expect, it } from 'vitest';
import { capacityOf, checkInventory, clusterTier, InventoryError } from './capacity.ts';
import { DEVICE_CATALOGUE } from './catalogue.ts';
import { checkReport, dueAt, isLate, periodEnded, periodsBetween } from './report-rules.ts';
import { bucketise, decodeWriteRequest, encodeWriteRequest, RemoteWriteError } from './remote-write.ts';
import snappy from 'snappyjs';
import type { RwSeries } from './remote-write.ts';

const models = new Map(DEVICE_CATALOGUE.map((m) => [m.id, m]));

describe('capacity', () => {
  it('computes PFLOPS from counts × catalogue peak at each kind’s precision', () => {
    const c = capacityOf(
      [
        { kind: 'intelligent', modelId: 'nvidia-a100-sxm', count: 1000, clusterName: 'A' },
        { kind: 'intelligent', modelId: 'huawei-ascend-910', count: 100, clusterName: null },
        { kind: 'general', modelId: 'intel-xeon-8380-2s', count: 1000 },
        { kind: 'supercomputing', modelId: 'super-node-sample', count: 10 },
      ],
      models,
    );
    expect(c.intelligentPflops).toBeCloseTo(312 + 25.6, 6);
    expect(c.generalPflops).toBeCloseTo(11.78, 6);
    expect(c.superPflops).toBeCloseTo(0.12, 6);
    expect(c.totalPflops).toBeCloseTo(312 + 25.6 + 11.78 + 0.12, 3);
    expect(c.accelerators).toBe(1100);
    expect(c.domesticAccelerators).toBe(100);
    expect(c.clusters1k).toBe(1);
  });
  it('groups accelerators into clusters by name and tiers them', () => {
    const c = capacityOf(
      [
        { kind: 'intelligent', modelId: 'nvidia-a10', count: 600, clusterName: 'X' },
        { kind: 'intelligent', modelId: 'nvidia-t4', count: 500, clusterName: 'X' },
        { kind: 'intelligent', modelId: 'nvidia-t4', count: 999, clusterName: 'Y' },
      ],
      models,
    );
    expect(c.clusters.find((x) => x.name === 'X')).toMatchObject({ cards: 1100, tier: '1k' });
    expect(c.clusters.find((x) => x.name === 'Y')?.tier).toBeNull();
    expect([clusterTier(999), clusterTier(1000), clusterTier(9999), clusterTier(10_000)]).toEqual([
      null,
      '1k',
      '1k',
      '10k',
    ]);
  });
  it('refuses unknown models and models of the wrong kind', () => {
    expect(() => checkInventory([{ kind: 'intelligent', modelId: 'nope', count: 1 }], models)).toThrow(InventoryError);
    expect(() => checkInventory([{ kind: 'general', modelId: 'nvidia-t4', count: 1 }], models)).toThrow(
      /not counted as general/,
    );
    expect(() =>
      checkInventory([{ kind: 'general', modelId: 'hygon-7285-2s', count: 1, clusterName: 'c' }], models),
    ).toThrow(/clusters/);
    expect(() => checkInventory([{ kind: 'intelligent', modelId: 'nvidia-t4', count: 1 }], models)).not.toThrow();
  });
});

describe('report rules', () => {
  const base = {
    period: '2024-08',
    racksInUse: 900,
    utilisationPct: 60,
    energyMwh: 1000,
    measuredPue: 1.3,
    computeInUsePflops: 1,
    storageUsedPb: 1,
  };
  it('accepts a plausible report', () => {
    expect(checkReport(base, 1000, { racksInUse: 880, measuredPue: 1.32, utilisationPct: 58, energyMwh: 980 })).toEqual(
      [],
    );
  });
  it('rejects PUE below 1 and racks above design', () => {
    const v = checkReport({ ...base, measuredPue: 0.95, racksInUse: 1200 }, 1000, null);
    expect(v.map((x) => x.field).sort()).toEqual(['measuredPue', 'racksInUse']);
  });
  it('asks for an explanation of an implausible jump, and accepts it with one', () => {
    const prev = { racksInUse: 500, measuredPue: 1.3, utilisationPct: 60, energyMwh: 1000 };
    const v = checkReport(base, 1000, prev);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ code: 'implausible_jump', field: 'explanation' });
    expect(checkReport({ ...base, explanation: '新机房楼投产' }, 1000, prev)).toEqual([]);
    // Small centres: 3 → 5 racks is not a jump.
    expect(checkReport({ ...base, racksInUse: 5, energyMwh: 1000 }, 10, { ...prev, racksInUse: 3 })).toEqual([]);
  });
  it('flags a report after the 10th of the next month (China time) as late', () => {
    expect(dueAt('2024-07').toISOString()).toBe('2024-08-10T15:59:59.999Z');
    expect(isLate('2024-07', new Date('2024-08-10T23:00:00+08:00'))).toBe(false);
    expect(isLate('2024-07', new Date('2024-08-11T00:00:01+08:00'))).toBe(true);
    expect(isLate('2024-12', new Date('2025-01-09T12:00:00+08:00'))).toBe(false);
    expect(periodEnded('2024-07', new Date('2024-07-31T12:00:00+08:00'))).toBe(false);
    expect(periodEnded('2024-07', new Date('2024-08-01T00:00:00+08:00'))).toBe(true);
    expect(periodsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });
});

describe('remote-write codec', () => {
  const series: RwSeries[] = [
    {
      labels: { __name__: 'DCGM_FI_DEV_GPU_UTIL', gpu: '0', Hostname: 'n1' },
      samples: [
        { value: 50, timestamp: 1_720_000_000_000 },
        { value: 70, timestamp: 1_720_000_015_000 },
      ],
    },
    { labels: { __name__: 'up', job: 'node' }, samples: [{ value: 1, timestamp: 1_720_000_000_000 }] },
  ];
  it('round-trips a snappy-compressed protobuf WriteRequest', () => {
    const body = encodeWriteRequest(series);
    const out = decodeWriteRequest(body);
    expect(out).toHaveLength(2);
    expect(out[0]!.labels).toEqual(series[0]!.labels);
    expect(out[0]!.samples).toEqual(series[0]!.samples);
  });
  it('aggregates samples into 1-minute buckets', () => {
    const b = bucketise(decodeWriteRequest(encodeWriteRequest(series)), 60_000);
    const gpu = b.find((x) => x.labels.__name__ === 'DCGM_FI_DEV_GPU_UTIL')!;
    expect(gpu).toMatchObject({ count: 2, sum: 120, min: 50, max: 70, last: 70 });
  });
  it('decodes repeated label sets the same way and still checks new ones', () => {
    const body = encodeWriteRequest(series);
    expect(decodeWriteRequest(body)).toEqual(decodeWriteRequest(body));
    expect(decodeWriteRequest(body)[0]!.key).toBe(decodeWriteRequest(encodeWriteRequest(series))[0]!.key);
    expect(() =>
      decodeWriteRequest(encodeWriteRequest([{ labels: { __name__: 'up', 'bad-name': 'x' }, samples: [] }])),
    ).toThrow(/invalid label name/);
    expect(() => decodeWriteRequest(encodeWriteRequest([{ labels: { __name__: '1up' }, samples: [] }]))).toThrow(
      /metric name/,
    );
  });
  it('skips fields it does not keep (metadata, exemplars)', () => {
    const raw = Buffer.from(snappy.uncompress(encodeWriteRequest(series)));
    // WriteRequest field 3 (metadata), length-delimited: { type: 1 }.
    const withMeta = Buffer.concat([raw, Buffer.from([0x1a, 0x02, 0x08, 0x01])]);
    expect(decodeWriteRequest(Buffer.from(snappy.compress(withMeta)))).toHaveLength(2);
  });
  it('rejects corrupt bodies', () => {
    expect(() => decodeWriteRequest(Buffer.from('not snappy at all'))).toThrow(RemoteWriteError);
    expect(() => decodeWriteRequest(Buffer.alloc(0))).toThrow(RemoteWriteError);
    // Valid snappy, but not a protobuf message (a field with wire type 7).
    expect(() => decodeWriteRequest(Buffer.from(snappy.compress(Buffer.from([0x0f, 0xff, 0xff, 0xff]))))).toThrow(
      RemoteWriteError,
    );
    // Valid protobuf without a metric name.
    expect(() => decodeWriteRequest(encodeWriteRequest([{ labels: { job: 'x' }, samples: [] }]))).toThrow(
      /metric name/,
    );
    // Seconds instead of milliseconds.
    expect(() =>
      decodeWriteRequest(
        encodeWriteRequest([{ labels: { __name__: 'x' }, samples: [{ value: 1, timestamp: 1_720_000_000 }] }]),
      ),
    ).toThrow(/timestamp/);
  });
});
