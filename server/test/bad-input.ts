import { uploadCases, type UploadFiles } from './bad-uploads.ts';

/**
 * Bad input generated from the OpenAPI document, for the sweep in test/bad-input-sweep.ts (run per database by platform/http/bad-input.*.api.test.ts). Every
 * operation gets a plausible request built from its schemas, then one case per way of breaking it. Phase A cases are
 * bad input: answered 4xx (or, for reads, anything but 5xx), never changing stored rows. Phase B cases are odd but
 * legal (emoji, the longest allowed string, extreme numbers inside the declared range): they may succeed, they
 * must not fail with a 5xx.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
}

interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI form, `/api/v1/regions/{code}`. */
  path: string;
  /** Fastify form, `/api/v1/regions/:code`. */
  route: string;
  params: Param[];
  json?: JsonSchema;
  multipart: boolean;
}

export interface Case {
  phase: 'A' | 'B';
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Set when the answer must be exactly 400 naming this field (characters PostgreSQL cannot store). */
  mustName?: string;
}

export function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (path.startsWith('/api/docs')) continue;
    for (const [method, op] of Object.entries(ops)) {
      const content =
        (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content ?? {};
      out.push({
        method: method.toUpperCase(),
        path,
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        params: (op.parameters as Param[] | undefined) ?? [],
        json: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content,
      });
    }
  }
  return out;
}

const typeOf = (s: JsonSchema): string | undefined => {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (t) return t;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return undefined;
};
const branch = (s: JsonSchema): JsonSchema => {
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return branch(alt.find((a) => a.type !== 'null') ?? alt[0]!);
  if (s.allOf?.length === 1) return branch(s.allOf[0]!);
  return s;
};
const lower = (s: JsonSchema) => (typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : s.minimum);
const upper = (s: JsonSchema) => (typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : s.maximum);

/** Picks an id for a uuid field or parameter by its name and the path it sits in (see the sweep's resolver). */
export type IdPicker = (name: string, path: string) => string;

const STRING_CANDIDATES = ['370000', '370102', '2024-06', 'sample', 'sample-1', 'a1', 'Sample_1', 'x'];

export function sample(s0: JsonSchema, name: string, pick: IdPicker, path: string): unknown {
  const s = branch(s0);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.find((v) => v !== null) ?? s.enum[0];
  switch (typeOf(s)) {
    case 'string': {
      if (s.format === 'uuid') return pick(name, path);
      if (s.format === 'date') return '2024-07-01';
      if (s.format === 'date-time') return '2024-07-01T08:00:00+08:00';
      if (s.format === 'uri') return 'https://example.org/x';
      if (s.format === 'email') return 'someone@example.org';
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 1000;
      // A password the strength rules accept, so a request gets past them to what it is about.
      if (/password/i.test(name) && max >= 19) return 'Sweep#Passw0rd-2024';
      const fits = (v: string) =>
        v.length >= min && v.length <= max && (!s.pattern || new RegExp(s.pattern, 'u').test(v));
      const found = STRING_CANDIDATES.find(fits) ?? STRING_CANDIDATES.map((c) => c.padEnd(min, '0')).find(fits);
      return found ?? 'x'.repeat(Math.max(1, min));
    }
    case 'integer':
    case 'number': {
      const lo = lower(s) ?? -Infinity;
      const hi = upper(s) ?? Infinity;
      let v = Math.min(Math.max(1, lo), hi);
      if (v === lo && s.exclusiveMinimum !== undefined)
        v = typeOf(s) === 'integer' ? lo + 1 : Math.min(hi, lo + (hi - lo) / 2);
      return v;
    }
    case 'boolean':
      return true;
    case 'array': {
      const n = Math.min(Math.max(1, s.minItems ?? 0), s.maxItems ?? 1);
      return Array.from({ length: n }, () => sample(s.items ?? {}, name, pick, path));
    }
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {})) o[k] = sample(p, k, pick, path);
      return o;
    }
    default:
      return 'x';
  }
}

interface Leaf {
  at: (string | number)[];
  schema: JsonSchema;
}

/** Every node under `value` with the schema it was made from (the root excluded). */
function nodes(s0: JsonSchema, value: unknown, at: (string | number)[] = []): Leaf[] {
  const s = branch(s0);
  const out: Leaf[] = at.length ? [{ at, schema: s }] : [];
  if (Array.isArray(value) && s.items) value.forEach((v, i) => out.push(...nodes(s.items!, v, [...at, i])));
  else if (value && typeof value === 'object' && s.properties) {
    for (const [k, p] of Object.entries(s.properties))
      if (k in (value as object)) out.push(...nodes(p, (value as Record<string, unknown>)[k], [...at, k]));
  }
  return out;
}

function set(root: unknown, at: (string | number)[], v: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let o = copy;
  for (const k of at.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (remove) delete o[last];
  else o[last] = v;
  return copy;
}

const NUL = 'a\u0000b';
const HUGE = 'x'.repeat(100_001);
const UNICODE = '测试😀\u202eZ\u0301';

/** Values that break a string, a number or a date: [label, value, phase]. */
function badValues(s: JsonSchema, base: unknown): [string, unknown, 'A' | 'B'][] {
  const t = typeOf(s);
  const out: [string, unknown, 'A' | 'B'][] = [];
  if (t === 'string') {
    const bounded =
      s.maxLength !== undefined || s.pattern !== undefined || s.format !== undefined || s.enum !== undefined;
    out.push(['huge string', HUGE, bounded ? 'A' : 'B'], ['wrong type', 12345, 'A'], ['unicode', UNICODE, 'B']);
    if (s.maxLength && s.maxLength < 5000)
      out.push(
        ['longest CJK string', '测'.repeat(s.maxLength), 'B'],
        ['longest emoji string', '😀'.repeat(Math.floor(s.maxLength / 2)), 'B'],
      );
    if (s.format === 'date')
      out.push(
        ...['0000-01-01', '2024-02-30', '2023-02-29', '2024-13-01', '10000-01-01', '-001000-01-01'].map(
          (d) => ['bad date', d, 'A'] as [string, unknown, 'A'],
        ),
        ['far date', '9999-12-31', 'B'],
      );
    if (s.format === 'date-time') {
      out.push(
        ...['0000-01-01T00:00:00Z', '2024-02-30T00:00:00Z', '+275760-09-13T00:00:00Z', '2024-01-01T25:00:00Z'].map(
          (d) => ['bad date-time', d, 'A'] as [string, unknown, 'A'],
        ),
        ['far date-time', '9999-12-31T23:59:59Z', 'B'],
      );
    }
    // A date-shaped string by pattern (a YYYY-MM period): year 0 is no date at all.
    if (typeof base === 'string' && /^\d{4}-\d{2}/.test(base) && !s.format)
      out.push(['year 0', '0000' + base.slice(4), 'A'], ['far year', '9999' + base.slice(4), 'B']);
  } else if (t === 'integer' || t === 'number') {
    const lo = lower(s);
    const hi = upper(s);
    out.push(['wrong type', 'abc', 'A'], ['numeric string', '1', 'A']);
    if (lo !== undefined)
      out.push(['below minimum', lo - 1, 'A'], ['minimum', lo, s.exclusiveMinimum !== undefined ? 'A' : 'B']);
    if (hi !== undefined)
      out.push(
        ['above maximum', hi + (hi > 1e15 ? 1e5 : 1), 'A'],
        ['maximum', hi, s.exclusiveMaximum !== undefined ? 'A' : 'B'],
      );
    if (t === 'integer')
      out.push(['fraction', 1.5, 'A'], ['int4 overflow', 2 ** 31, hi !== undefined && hi < 2 ** 31 ? 'A' : 'B']);
    for (const v of [1e308, -1e308, -1, 0])
      if ((lo === undefined || v >= lo) && (hi === undefined || v <= hi)) out.push(['extreme number', v, 'B']);
  } else if (t === 'boolean') out.push(['wrong type', 'yes', 'A']);
  else if (t === 'array')
    out.push(
      ['wrong type', 'abc', 'A'],
      ...(s.maxItems !== undefined && s.maxItems < 10_000
        ? [
            ['too many items', Array(s.maxItems + 1).fill(Array.isArray(base) ? base[0] : null), 'A'] as [
              string,
              unknown,
              'A',
            ],
          ]
        : []),
    );
  else if (t === 'object') out.push(['wrong type', 'abc', 'A'], ['null', null, s.nullable ? 'B' : 'A']);
  return out;
}

const enc = (v: unknown) => encodeURIComponent(String(v));

export function casesFor(op: Operation, pick: IdPicker, files: UploadFiles): Case[] {
  const cases: Case[] = [];
  const pathParams = op.params.filter((p) => p.in === 'path');
  const query = op.params.filter((p) => p.in === 'query');
  const hdrs = op.params.filter((p) => p.in === 'header');
  const pv: Record<string, unknown> = Object.fromEntries(
    pathParams.map((p) => [p.name, sample(p.schema, p.name, pick, op.path)]),
  );
  const qv: Record<string, unknown> = Object.fromEntries(
    query.filter((p) => p.required).map((p) => [p.name, sample(p.schema, p.name, pick, op.path)]),
  );
  const hv: Record<string, string> = Object.fromEntries(
    hdrs.map((p) => [p.name, String(sample(p.schema, p.name, pick, op.path))]),
  );
  const body = op.json ? sample(op.json, 'body', pick, op.path) : undefined;

  const url = (p = pv, q = qv, raw?: { at: 'path' | 'query'; name: string; text: string }) => {
    const path = op.path.replace(/\{(\w+)\}/g, (_m, n: string) =>
      raw?.at === 'path' && raw.name === n ? raw.text : enc(p[n]),
    );
    const qs = Object.entries(q).map(
      ([k, v]) => `${enc(k)}=${raw?.at === 'query' && raw.name === k ? raw.text : enc(v)}`,
    );
    if (raw?.at === 'query' && !(raw.name in q)) qs.push(`${enc(raw.name)}=${raw.text}`);
    return qs.length ? `${path}?${qs.join('&')}` : path;
  };
  const jsonHeaders = { ...hv, ...(op.json ? { 'content-type': 'application/json' } : {}) };
  const base = (label: string, phase: 'A' | 'B', over: Partial<Case> = {}): Case => ({
    phase,
    label,
    method: op.method,
    url: url(),
    headers: jsonHeaders,
    payload: op.json ? JSON.stringify(body) : undefined,
    ...over,
  });

  // Path and query parameters: the same breakage for each, written into the URL the way a client would.
  for (const p of [...pathParams, ...query]) {
    const at = p.in as 'path' | 'query';
    const s = branch(p.schema);
    const raw = (text: string) => url(pv, qv, { at, name: p.name, text });
    cases.push(base(`${p.in} ${p.name}: NUL`, 'A', { url: raw('a%00b'), mustName: p.name }));
    cases.push(base(`${p.in} ${p.name}: invalid UTF-8`, 'A', { url: raw('%ED%A0%80') }));
    cases.push(
      base(`${p.in} ${p.name}: huge`, (s.maxLength ?? s.pattern ?? s.format ?? s.enum) !== undefined ? 'A' : 'B', {
        url: raw('x'.repeat(20_000)),
      }),
    );
    cases.push(base(`${p.in} ${p.name}: unicode`, 'B', { url: raw(enc(UNICODE)) }));
    for (const [label, v, phase] of badValues(p.schema, at === 'path' ? pv[p.name] : qv[p.name])) {
      if (label === 'huge string' || label === 'unicode') continue;
      // A URL carries no types: a number sent as text is what every client sends, and 12345 is a fine string.
      if (label === 'numeric string' || (label === 'wrong type' && typeof v === 'number')) continue;
      cases.push(
        base(`${p.in} ${p.name}: ${label} ${JSON.stringify(v).slice(0, 40)}`, phase, {
          url: raw(enc(typeof v === 'string' ? v : JSON.stringify(v))),
        }),
      );
    }
    if (at === 'path' && s.format === 'uuid')
      cases.push(base(`path ${p.name}: not a uuid`, 'A', { url: raw('not-a-uuid') }));
    if (at === 'query' && p.required)
      cases.push(
        base(`query ${p.name}: missing`, 'A', {
          url: url(pv, Object.fromEntries(Object.entries(qv).filter(([k]) => k !== p.name))),
        }),
      );
  }
  for (const h of hdrs) {
    cases.push(base(`header ${h.name}: NUL`, 'A', { headers: { ...jsonHeaders, [h.name]: NUL }, mustName: h.name }));
    if (h.required)
      cases.push(
        base(`header ${h.name}: missing`, 'A', {
          headers: Object.fromEntries(Object.entries(jsonHeaders).filter(([k]) => k !== h.name)),
        }),
      );
    if (h.schema.maxLength)
      cases.push(
        base(`header ${h.name}: huge`, 'A', {
          headers: { ...jsonHeaders, [h.name]: 'x'.repeat(h.schema.maxLength + 1) },
        }),
      );
  }

  if (op.json) {
    const s = op.json;
    const withBody = (label: string, phase: 'A' | 'B', b: unknown, mustName?: string) =>
      cases.push(base(label, phase, { payload: JSON.stringify(b), mustName }));
    // An absent body becomes the schema's default: only a body without one is bad input when missing.
    if (s.default === undefined) {
      cases.push(base('body: missing', 'A', { headers: hv, payload: undefined }));
      cases.push(
        base('body: multipart instead of JSON', 'A', {
          headers: { ...hv, 'content-type': 'multipart/form-data; boundary=zz' },
          payload: '--zz\r\n\r\nx\r\n--zz--\r\n',
        }),
      );
    }
    cases.push(base('body: malformed JSON', 'A', { payload: '{"a":' }));
    cases.push(base('body: JSON null', 'A', { payload: 'null' }));
    cases.push(base('body: JSON array', 'A', { payload: '[]' }));
    cases.push(base('body: text/plain', 'A', { headers: { ...hv, 'content-type': 'text/plain' }, payload: 'hello' }));
    cases.push(
      base('body: application/xml', 'A', { headers: { ...hv, 'content-type': 'application/xml' }, payload: '<a/>' }),
    );
    if (body && typeof body === 'object' && !Array.isArray(body))
      withBody('body: NUL in a property name', 'A', { ...body, ['k\u0000']: 1 }, 'k');
    for (const n of nodes(s, body)) {
      const field = n.at.join('.');
      const parent = n.at.slice(0, -1);
      const ps = parent.length ? nodes(s, body).find((x) => x.at.join('.') === parent.join('.'))?.schema : branch(s);
      const required =
        typeof n.at[n.at.length - 1] === 'string' && ps?.required?.includes(String(n.at[n.at.length - 1]));
      if (required) withBody(`body ${field}: missing`, 'A', set(body, n.at, undefined, true));
      if (typeOf(n.schema) === 'string' && !n.schema.enum) {
        const v = String(getAt(body, n.at));
        withBody(
          `body ${field}: NUL`,
          'A',
          set(body, n.at, v.slice(0, 1) + '\u0000' + v.slice(1)),
          String(n.at[n.at.length - 1]),
        );
        withBody(
          `body ${field}: lone surrogate`,
          'A',
          set(body, n.at, v.slice(0, 1) + '\ud800' + v.slice(1)),
          String(n.at[n.at.length - 1]),
        );
      }
      for (const [label, v, phase] of badValues(n.schema, getAt(body, n.at)))
        withBody(`body ${field}: ${label} ${JSON.stringify(v)?.slice(0, 40)}`, phase, set(body, n.at, v));
      // Legal shapes that meet the database's constraints: a reference to nothing, the same item twice.
      if (n.schema.format === 'uuid')
        withBody(`body ${field}: unknown id`, 'B', set(body, n.at, '00000000-0000-4000-8000-00000000dead'));
      const arr = getAt(body, n.at);
      if (Array.isArray(arr) && arr.length && (n.schema.maxItems ?? 2) >= 2)
        withBody(`body ${field}: same item twice`, 'B', set(body, n.at, [arr[0], arr[0]]));
    }
  } else if (op.method !== 'GET' && !op.multipart) {
    cases.push(
      base('body: application/xml to a route without a body', 'A', {
        headers: { ...hv, 'content-type': 'application/xml' },
        payload: '<a/>',
      }),
    );
  }

  // The plausible request itself, twice: the second meets whatever the first created.
  cases.push(base('plausible request', 'B'), base('plausible request again', 'B'));

  if (op.multipart) cases.push(...uploadCases(base, hv, files));
  return cases;
}

/** The URL of an operation's plausible request (path parameters filled in, required query parameters too). */
export function plausibleUrl(op: Operation, pick: IdPicker): string {
  return casesFor(op, pick, { brokenXlsx: Buffer.alloc(0), bombXlsx: Buffer.alloc(0), nulXlsx: Buffer.alloc(0) }).find(
    (c) => c.label === 'plausible request',
  )!.url;
}

function getAt(root: unknown, at: (string | number)[]): unknown {
  let o = root as Record<string | number, unknown> | undefined;
  for (const k of at) o = o?.[k] as Record<string | number, unknown> | undefined;
  return o;
}
