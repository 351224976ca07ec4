import { describe, expect, it } from 'vitest';
import { pgArray } from './exchange.repository.ts';
import { judge, type Sender } from './intake-rules.ts';

const enc = new TextEncoder();
const qd: Sender = {
  id: '00000000-0000-4000-8000-000000000001',
  code: 'c370200',
  publishes: ['vital-sign', 'event', 'heartbeat'],
  regions: new Set(['370200', '370202']),
};
const senders = new Map([[qd.code, qd]]);
const vital = {
  id: 'urn:ngsi-ld:VitalSign:c370200:air.aqi:1',
  type: 'VitalSign',
  schemaVersion: 1,
  observedAt: '2026-11-30T08:00:00+08:00',
  regionCode: '370200',
  indicator: 'air.aqi',
  value: 42,
  unit: '',
};
const msg = (subject: string, body: unknown, msgId: string | null = 'm1') => ({
  subject,
  data: enc.encode(typeof body === 'string' ? body : JSON.stringify(body)),
  msgId: msgId ?? undefined,
  hubSeq: 7,
});

describe('judging an upward message', () => {
  it('accepts a vital sign in the sender’s region', () => {
    const j = judge(msg('zc.up.c370200.vital-sign', vital), senders);
    expect(j).toMatchObject({ ok: true, kind: 'vital-sign', msgId: 'm1', entity: { value: 42 } });
  });

  it('accepts an event report and a feedback under the event kind', () => {
    const report = {
      ...vital,
      id: 'urn:ngsi-ld:CityEvent:c370200:e1',
      type: 'CityEvent',
      indicator: undefined,
      value: undefined,
      unit: undefined,
      category: 'road_facility',
      severity: 'medium',
      title: '井盖缺失',
      regionCode: '370202',
    };
    expect(judge(msg('zc.up.c370200.event', JSON.parse(JSON.stringify(report))), senders).ok).toBe(true);
  });

  it.each([
    ['an unregistered sender', msg('zc.up.c999999.vital-sign', vital), 'unknown_sub_platform'],
    ['a subject of another shape', msg('zc.up.c370200', vital), 'unknown_sub_platform'],
    ['an unknown kind', msg('zc.up.c370200.gossip', vital), 'unknown_kind'],
    ['a kind the sender did not register', msg('zc.up.c370200.dataset-update', vital), 'kind_not_granted'],
    ['no message id', msg('zc.up.c370200.vital-sign', vital, null), 'missing_msg_id'],
    ['broken JSON', msg('zc.up.c370200.vital-sign', '{"type":'), 'not_json'],
    ['a field of the wrong type', msg('zc.up.c370200.vital-sign', { ...vital, value: 'high' }), 'schema'],
    ['an unknown field', msg('zc.up.c370200.vital-sign', { ...vital, extra: 1 }), 'schema'],
    ['a later schema version', msg('zc.up.c370200.vital-sign', { ...vital, schemaVersion: 2 }), 'schema'],
    [
      'another city’s region',
      msg('zc.up.c370200.vital-sign', { ...vital, regionCode: '370100' }),
      'region_out_of_scope',
    ],
  ])('sends %s to the dead letters with its reason', (_what, m, reason) => {
    const j = judge(m, senders);
    expect(j.ok).toBe(false);
    if (!j.ok) {
      expect(j.reason).toBe(reason);
      expect(j.hubSeq).toBe(7);
    }
  });

  it('names the field the schema refused and keeps the raw text cut to 4 KB', () => {
    const j = judge(msg('zc.up.c370200.vital-sign', { ...vital, value: 'high', unit: 'x'.repeat(9000) }), senders);
    expect(j.ok).toBe(false);
    if (!j.ok) {
      expect(j.detail.map((d) => d.path)).toEqual(expect.arrayContaining(['value', 'unit']));
      expect(j.raw.length).toBe(4096);
    }
  });

  it('refuses NUL, which PostgreSQL cannot store, instead of failing the batch for ever; keeps an escaped \\u0000', () => {
    const escaped = judge(msg('zc.up.c370200.vital-sign', { ...vital, unit: 'a\u0000b' }), senders);
    expect(escaped.ok).toBe(false);
    if (!escaped.ok) expect(escaped.reason).toBe('schema');
    const raw = judge(msg('zc.up.c370200.vital-sign', '{"x":"\u0000"}'.replace('\\u0000', '\0')), senders);
    expect(raw.ok).toBe(false);
    if (!raw.ok) expect(raw.raw).not.toContain('\0');
    // A backslash before "u0000" is text, not a NUL: accepted as written.
    const text = judge(msg('zc.up.c370200.vital-sign', { ...vital, unit: '\\u0000' }), senders);
    expect(text.ok).toBe(true);
  });
});

describe('pgArray', () => {
  it('quotes and escapes every element so any text survives one unnest column', () => {
    expect(pgArray(['a', 'b,c', 'd"e', 'f\\g', '{h}', null, 3])).toBe('{"a","b,c","d\\"e","f\\\\g","{h}",NULL,"3"}');
  });
});
