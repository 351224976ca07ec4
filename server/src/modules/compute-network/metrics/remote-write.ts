// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the e2e and bench projects compile this file too and need the shim
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
        TimeSeries: {
          fields: {
            labels: { rule: 'repeated', type: 'Label', id: 1 },
            samples: { rule: 'repeated', type: 'Sample', id: 2 },
          },
        },
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
  /** Set by the decoder: the series' canonical identity. */
  key?: string;
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
/**
 * The largest sample magnitude kept. A 1-minute bucket adds up at most 2^31 samples (its count is an int4), so
 * with every value within ±1e290 its sum (in the request and in PostgreSQL's float8) stays finite and the metrics
 * endpoint can always serve what was stored; beyond that, sums overflow to ±Infinity, which JSON cannot carry.
 */
export const MAX_SAMPLE_MAGNITUDE = 1e290;
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

/** Decoded, checked label sets by their raw protobuf bytes (bounded; cleared when full). */
const labelCache = new Map<string, { labels: Record<string, string>; key: string }>();
const LABEL_CACHE_MAX = 200_000;

/** A protobuf reader that refuses anything malformed (bad wire types, truncation, overlong varints). */
class Reader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }
  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new RemoteWriteError('body', 'truncated protobuf');
      const b = this.buf[this.pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new RemoteWriteError('body', 'malformed varint');
  }
  /** [start, end) of a length-delimited field. */
  bytes(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    if (start + len > this.end) throw new RemoteWriteError('body', 'truncated protobuf');
    this.pos = start + len;
    return [start, start + len];
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.advance(8);
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.advance(4);
    else throw new RemoteWriteError('body', `invalid protobuf wire type ${wire}`);
  }
  advance(n: number): void {
    if (this.pos + n > this.end) throw new RemoteWriteError('body', 'truncated protobuf');
    this.pos += n;
  }
}

/**
 * Decodes and checks a WriteRequest strictly: every series needs a valid metric name and label names, unique
 * labels, and finite-timestamp samples. Anything else rejects the whole request. Hand-written for speed (no
 * per-field objects); encodeWriteRequest uses protobufjs, and the unit tests check both agree.
 */
export function decodeWriteRequest(body: Buffer): RwSeries[] {
  const raw = uncompressBody(body);
  const out: RwSeries[] = [];
  const top = new Reader(raw, 0, raw.length);
  let i = -1;
  while (top.pos < top.end) {
    const tag = top.varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (field === 0) throw new RemoteWriteError('body', 'not a protobuf WriteRequest');
    if (field !== 1) {
      top.skip(wire);
      continue;
    }
    if (wire !== 2) throw new RemoteWriteError('body', 'not a protobuf WriteRequest');
    i++;
    const [s, e] = top.bytes();
    const ts = new Reader(raw, s, e);
    const samples: { value: number; timestamp: number }[] = [];
    // Label fields are only located here; decoding them waits until we know the label bytes are new.
    const labelRanges: number[] = [];
    let labelStart = -1;
    let labelEnd = -1;
    let contiguous = true;
    while (ts.pos < ts.end) {
      const fieldStart = ts.pos;
      const t2 = ts.varint();
      const f2 = Math.floor(t2 / 8);
      const w2 = t2 & 7;
      if (f2 === 0) throw new RemoteWriteError(`timeseries[${i}]`, 'malformed series');
      if ((f2 === 1 || f2 === 2) && w2 !== 2) throw new RemoteWriteError(`timeseries[${i}]`, 'malformed series');
      if (f2 === 1) {
        const [ls, le] = ts.bytes();
        if (labelStart < 0) labelStart = fieldStart;
        else if (labelEnd !== fieldStart) contiguous = false;
        labelEnd = le;
        labelRanges.push(ls, le);
      } else if (f2 === 2) {
        const [ss, se] = ts.bytes();
        const sr = new Reader(raw, ss, se);
        let value = 0;
        let timestamp = 0;
        while (sr.pos < sr.end) {
          const t3 = sr.varint();
          const f3 = Math.floor(t3 / 8);
          const w3 = t3 & 7;
          if (f3 === 1 && w3 === 1) {
            const at = sr.pos;
            sr.advance(8);
            value = raw.readDoubleLE(at);
          } else if (f3 === 2 && w3 === 0) timestamp = sr.varint();
          else if (f3 === 0) throw new RemoteWriteError(`timeseries[${i}].samples`, 'malformed sample');
          else sr.skip(w3);
        }
        // Milliseconds since the epoch, between 2000 and 2100 (a negative int64 decodes far above the range).
        if (!(timestamp >= 946_684_800_000 && timestamp <= 4_102_444_800_000))
          throw new RemoteWriteError(
            `timeseries[${i}].samples`,
            'timestamp out of range (milliseconds since epoch expected)',
          );
        // NaN and ±Inf pass here (NaN is Prometheus's staleness marker) and bucketise skips them; a finite value
        // too large to add up safely is a broken exporter.
        if (Number.isFinite(value) && Math.abs(value) > MAX_SAMPLE_MAGNITUDE) {
          const detail = `sample value ${value} out of range (±${MAX_SAMPLE_MAGNITUDE})`;
          throw new RemoteWriteError(`timeseries[${i}].samples`, detail);
        }
        samples.push({ value, timestamp });
      } else ts.skip(w2);
    }
    // The same label bytes always decode to the same (already checked) label set: remember it.
    const rawKey = contiguous && labelStart >= 0 ? raw.toString('latin1', labelStart, labelEnd) : null;
    const known = rawKey === null ? undefined : labelCache.get(rawKey);
    if (known) {
      out.push({ labels: known.labels, samples, key: known.key });
      continue;
    }
    const names: string[] = [];
    const values: string[] = [];
    for (let r = 0; r < labelRanges.length; r += 2) {
      const lr = new Reader(raw, labelRanges[r]!, labelRanges[r + 1]!);
      let name = '';
      let value = '';
      while (lr.pos < lr.end) {
        const t3 = lr.varint();
        const f3 = Math.floor(t3 / 8);
        const w3 = t3 & 7;
        if ((f3 === 1 || f3 === 2) && w3 === 2) {
          const [x, y] = lr.bytes();
          if (f3 === 1) name = raw.toString('utf8', x, y);
          else value = raw.toString('utf8', x, y);
        } else if (f3 === 0) throw new RemoteWriteError(`timeseries[${i}].labels`, 'malformed label');
        else lr.skip(w3);
      }
      if (name !== '__name__' && !LABEL_NAME.test(name))
        throw new RemoteWriteError(
          `timeseries[${i}].labels`,
          `invalid label name ${JSON.stringify(name.slice(0, 64))}`,
        );
      if (value.length > 1024) throw new RemoteWriteError(`timeseries[${i}].labels`, `label ${name} too long`);
      // Labels are stored as jsonb, which cannot hold NUL.
      if (value.includes('\u0000')) throw new RemoteWriteError(`timeseries[${i}].labels`, `label ${name} contains NUL`);
      names.push(name);
      values.push(value);
    }
    if (names.length > 64) throw new RemoteWriteError(`timeseries[${i}].labels`, 'more than 64 labels');
    const labels: Record<string, string> = {};
    for (let k = 0; k < names.length; k++) {
      if (Object.prototype.hasOwnProperty.call(labels, names[k]!))
        throw new RemoteWriteError(`timeseries[${i}].labels`, `duplicate label ${names[k]}`);
      labels[names[k]!] = values[k]!;
    }
    const metric = labels.__name__;
    if (!metric || !METRIC_NAME.test(metric))
      throw new RemoteWriteError(`timeseries[${i}].labels.__name__`, 'missing or invalid metric name');
    const key = keyOf(names, values);
    if (rawKey !== null) {
      if (labelCache.size >= LABEL_CACHE_MAX) labelCache.clear();
      labelCache.set(rawKey, { labels, key });
    }
    out.push({ labels, samples, key });
  }
  return out;
}

/** Canonical identity of a label set: names sorted (Prometheus already sends them sorted). */
function keyOf(names: string[], values: string[]): string {
  let sorted = true;
  for (let k = 1; k < names.length; k++) if (names[k - 1]! > names[k]!) sorted = false;
  const order = names.map((_, k) => k);
  if (!sorted) order.sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
  let key = '';
  for (const k of order) key += `${names[k]}=${JSON.stringify(values[k])},`;
  return key;
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

/** The series' identity: its labels sorted, as one string (the same as the decoder's key). */
export function seriesKey(labels: Record<string, string>): string {
  const names = Object.keys(labels);
  return keyOf(
    names,
    names.map((n) => labels[n]!),
  );
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
  const out: Bucketed[] = [];
  const seen = new Map<string, Map<number, Bucketed>>();
  for (const s of series) {
    const key = s.key ?? seriesKey(s.labels);
    // A series sent twice in one request merges into the same buckets.
    let mine = seen.get(key);
    if (!mine) seen.set(key, (mine = new Map()));
    for (const p of s.samples) {
      if (!Number.isFinite(p.value)) continue;
      const bucket = Math.floor(p.timestamp / bucketMs) * bucketMs;
      const b = mine.get(bucket);
      if (!b) {
        const nb = {
          key,
          labels: s.labels,
          bucket,
          count: 1,
          sum: p.value,
          min: p.value,
          max: p.value,
          last: p.value,
          lastTs: p.timestamp,
        };
        mine.set(bucket, nb);
        out.push(nb);
      } else {
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
  return out;
}
