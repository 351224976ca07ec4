import { describe, expect, it } from 'vitest';
import { canonicalJson, DataProtector, maskName, maskPhone } from './index.ts';

describe('data protection', () => {
  const p = DataProtector.random();

  it('encrypts with a fresh IV each time and decrypts', () => {
    const a = p.encrypt('13812345678');
    const b = p.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13812345678');
    expect(p.decrypt(a)).toBe('13812345678');
  });

  it('refuses a tampered or foreign ciphertext', () => {
    const sealed = p.encrypt('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('xxxxxx').toString('base64');
    expect(() => p.decrypt(parts.join('.'))).toThrow();
    expect(() => DataProtector.random().decrypt(sealed)).toThrow();
  });

  it('gives equal digests for equal objects whatever the key order, keyed by the secret', () => {
    expect(p.digest({ a: 1, b: [1, 2] })).toBe(p.digest({ b: [1, 2], a: 1 }));
    expect(p.digest({ a: 1 })).not.toBe(DataProtector.random().digest({ a: 1 }));
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });

  it('masks phone numbers and names', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0531-1234')).toBe('0*******4');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('*');
  });
});
