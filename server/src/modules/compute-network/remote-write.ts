/// <reference path="./snappyjs.d.ts" />
import protobuf from 'protobufjs';
import snappy from 'snappyjs';

/**
 * Prometheus remote-write 1.0 (prometheus/prompb types.proto, remote.proto): a snappy block-compressed protobuf
 * WriteRequest. Only the fields we keep are declared; protobuf skips the rest (exemplars, histograms, metadata).
 */
const root = protobuf.Root.fromJSON({
  nested: {
    prometheus: {
      nested: {
        WriteRequest: { fields: { timeseries: { rule: 'repeated', type: 'TimeSeries', id: 1 } } },
        TimeSeries: { fields: { labels: { rule: 'repeated', type: 'Label', id: 1 }, samples: { rule: 'repeated', type: 'Sample', id: 2 } } },
        Label: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
        Sample: { fields: { value: { type: 'double', id: 1 }, timestamp: { type: 'int64', id: 2 } } },
      },
    },
  },
});
const WriteRequestType = root.lookupType('prometheus.WriteRequest');

export interface RwSeries {
  labels: Record<string, string>;
  samples: { value: number; timestamp: number }[];
}

export class RemoteWriteError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Limits that keep one request from holding the server: a body decompresses to at most 32 MB. */
export const MAX_UNCOMPRESSED = 32 * 1024 * 1024;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Snappy block decompression; corrupt or oversized input is an error, never a partial result. */
export function uncompressBody(body: Buffer): Buffer {
  if (!body.length) throw new RemoteWriteError('body', 'empty body');
  const declared = uncompressedLength(body);
  if (declared > MAX_UNCOMPRESSED) throw new RemoteWriteError('body', 'decompressed body too large');
  try {
    return Buffer.from(snappy.uncompress(body, MAX_UNCOMPRESSED));
  } catch {
    throw new RemoteWriteError('body', 'not valid snappy block-compressed data');
  }
}

/** The varint length header of a snappy block. */
function uncompressedLength(b: Buffer): number {
  let result = 0;
  let shift = 0;
  for (let i = 0; i < 5 && i < b.length; i++) {
    const c = b[i]!;
    result += (c & 0x7f) * 2 ** shift;
    if ((c & 0x80) === 0) return result;
    shift += 7;
  }
  throw new RemoteWriteError('body', 'not valid snappy block-compressed data');
}

/**
 * Decodes and checks a WriteRequest strictly: every series needs a valid metric name and label names, unique
 * labels, and finite-timestamp samples. Anything else rejects the whole request.
 */
export function decodeWriteRequest(body: Buffer): RwSeries[] {
  const raw = uncompressBody(body);
  let msg: { timeseries?: { labels?: { name?: string; value?: string }[]; samples?: { value?: number; timestamp?: number | { toNumber(): number } }[] }[] };
  try {
    msg = WriteRequestType.decode(raw) as never;
  } catch {
    throw new RemoteWriteError('body', 'not a protobuf WriteRequest');
  }
  const out: RwSeries[] = [];
  (msg.timeseries ?? []).forEach((ts, i) => {
    const labels: Record<string, string> = {};
    for (const l of ts.labels ?? []) {
      const name = l.name ?? '';
      if (!LABEL_NAME.test(name) && name !== '__name__') throw new RemoteWriteError(`timeseries[${i}].labels`, `invalid label name ${JSON.stringify(name.slice(0, 64))}`);
      if (name in labels) throw new RemoteWriteError(`timeseries[${i}].labels`, `duplicate label ${name}`);
      if ((l.value ?? '').length > 1024) throw new RemoteWriteError(`timeseries[${i}].labels`, `label ${name} too long`);
      labels[name] = l.value ?? '';
    }
    const metric = labels.__name__;
    if (!metric || !METRIC_NAME.test(metric)) throw new RemoteWriteError(`timeseries[${i}].labels.__name__`, 'missing or invalid metric name');
    if (Object.keys(labels).length > 64) throw new RemoteWriteError(`timeseries[${i}].labels`, 'more than 64 labels');
    const samples = (ts.samples ?? []).map((s) => {
      const t = typeof s.timestamp === 'object' && s.timestamp ? s.timestamp.toNumber() : Number(s.timestamp ?? 0);
      // Milliseconds since the epoch, between 2000 and 2100.
      if (!Number.isFinite(t) || t < 946_684_800_000 || t > 4_102_444_800_000) throw new RemoteWriteError(`timeseries[${i}].samples`, 'timestamp out of range (milliseconds since epoch expected)');
      return { value: s.value ?? 0, timestamp: t };
    });
    out.push({ labels, samples });
  });
  return out;
}

/** Encodes a WriteRequest the way Prometheus sends it (for tests, the bench's load generator and demo streams). */
export function encodeWriteRequest(series: RwSeries[]): Buffer {
  const msg = WriteRequestType.fromObject({
    timeseries: series.map((s) => ({
      labels: Object.entries(s.labels)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, value]) => ({ name, value })),
      samples: s.samples,
    })),
  });
  return Buffer.from(snappy.compress(Buffer.from(WriteRequestType.encode(msg).finish())));
}

/** The series' identity: its labels sorted, as one string. */
export function seriesKey(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(',');
}

export interface Bucketed {
  key: string;
  labels: Record<string, string>;
  bucket: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  last: number;
  lastTs: number;
}

/** Folds samples into per-series, per-bucket aggregates (NaN and ±Inf samples, e.g. staleness markers, are skipped). */
export function bucketise(series: RwSeries[], bucketMs: number): Bucketed[] {
  const map = new Map<string, Bucketed>();
  for (const s of series) {
    const key = seriesKey(s.labels);
    for (const p of s.samples) {
      if (!Number.isFinite(p.value)) continue;
      const bucket = Math.floor(p.timestamp / bucketMs) * bucketMs;
      const k = `${bucket}|${key}`;
      const b = map.get(k);
      if (!b) map.set(k, { key, labels: s.labels, bucket, count: 1, sum: p.value, min: p.value, max: p.value, last: p.value, lastTs: p.timestamp });
      else {
        b.count++;
        b.sum += p.value;
        if (p.value < b.min) b.min = p.value;
        if (p.value > b.max) b.max = p.value;
        if (p.timestamp >= b.lastTs) {
          b.last = p.value;
          b.lastTs = p.timestamp;
        }
      }
    }
  }
  return [...map.values()];
}
