import { describe, expect, it } from 'vitest';
import snappy from 'snappyjs';
import { bucketise, decodeWriteRequest, encodeWriteRequest, RemoteWriteError, type RwSeries } from './remote-write.ts';

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
