import { describe, expect, it } from 'vitest';
import { hashPassword, oneTimePasswordFor, passwordProblems, verifyPassword } from './password.ts';

describe('password policy', () => {
  it.each([
    ['Sh0rt#pass', 'too short'],
    ['alllowercaseletters', 'one class'],
    ['lowercase1234567', 'two classes'],
    ['Password123!', 'common word dressed up'],
    ['Qwerty123456!', 'common keyboard walk'],
    ['1qaz2wsx3EDC', 'common Chinese pattern'],
    ['Aaaaaaaaaaaa1!', 'one letter repeated'],
    ['Abcabcabcabc1!', 'a short unit repeated'],
    ['!1Xyzxyzxyzxyz', 'a short unit repeated behind decorations'],
    ['Abcdefghijk1!', 'a long run in keyboard order'],
    ['Zyxwvutsrq#9', 'a long run backwards'],
  ])('refuses %s (%s)', (pw) => {
    expect(passwordProblems(pw)).not.toBeNull();
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblems('Lixia.Operator#2024', 'lixia')).toMatchObject({ en: expect.stringContaining('username') });
  });

  it('accepts a long password of three classes', () => {
    expect(passwordProblems('Zhicheng#Demo2024')).toBeNull();
    expect(passwordProblems('tangerine-Kite-42')).toBeNull();
    expect(passwordProblems('Test#Passw0rd-2024')).toBeNull();
    expect(passwordProblems('Bench#Passw0rd-2024')).toBeNull();
  });

  it('hashes with argon2id and verifies', async () => {
    const h = await hashPassword('tangerine-Kite-42');
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, 'tangerine-Kite-42')).toBe(true);
    expect(await verifyPassword(h, 'tangerine-Kite-43')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

describe('one-time passwords', () => {
  it('are readable, of three classes and pass the password rules, and differ each time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const pw = oneTimePasswordFor();
      expect(pw).toMatch(/^[A-HJ-NP-Za-km-z2-9]{5}-[A-HJ-NP-Za-km-z2-9]{5}-[A-HJ-NP-Za-km-z2-9]{5}$/);
      expect(passwordProblems(pw)).toBeNull();
      seen.add(pw);
    }
    expect(seen.size).toBe(200);
  });
});
