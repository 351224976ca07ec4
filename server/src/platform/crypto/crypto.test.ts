import { describe, expect, it } from 'vitest';
import { canonicalJson, DataProtector, maskName, maskPersonalText, maskPhone } from './index.ts';

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

  it('masks phone and ID numbers found in free text, and nothing else', () => {
    expect(maskPersonalText('请联系我13812345678谢谢')).toBe('请联系我138****5678谢谢');
    expect(maskPersonalText('电话 138 1234 5678 或 138-1234-5678')).toBe('电话 138****5678 或 138****5678');
    expect(maskPersonalText('身份证370102199001011234,另一张37010219900101123X')).toBe(
      '身份证370102********1234,另一张370102********123X',
    );
    expect(maskPersonalText('座机0531-86001234')).toBe('座机0531-****1234');
    expect(maskPersonalText('希望2024年增加500个停车位,编号12345')).toBe('希望2024年增加500个停车位,编号12345');
  });
});
