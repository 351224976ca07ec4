import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN_LENGTH } from '@zhicheng/contracts';

const COMMON = new Set<string>([
  ...(dictionary.passwords as string[]),
  // Frequent in Chinese leaks and not always in English lists.
  'woaini1314',
  'woaini520',
  'qwer1234',
  'aa123456',
  'a123456789',
  'abc123456',
  'zhang123456',
  'wang123456',
  '1qaz2wsx',
  '1qaz2wsx3edc',
  'qazwsxedc',
  'p@ssw0rd',
  'admin123',
  'admin@123',
  'root123456',
  'shandong',
  'jinan123',
  'qingdao123',
  'zhicheng',
  'zhicheng123',
]);

/** argon2id with OWASP's second recommended setting (19 MiB, 2 passes). */
const OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string) => hash(password, OPTIONS);
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password).catch(() => false);

/** A hash of a random password, verified against when the username is unknown so timing does not tell. */
let dummy: Promise<string> | null = null;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password-Zc#0'));

/**
 * Returns what is wrong with a password (zh, en), or null when it is acceptable:
 * at least 12 characters, three of four character classes, not repetitive, not common, not the username.
 */
export function passwordProblems(password: string, username?: string): { zh: string; en: string } | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return { zh: `密码至少${PASSWORD_MIN_LENGTH}个字符`, en: `Use at least ${PASSWORD_MIN_LENGTH} characters` };
  }
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    return {
      zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'Use at least three of: lower case, upper case, digits, symbols',
    };
  }
  const lower = password.toLowerCase();
  if (isTrivial(lower)) {
    return {
      zh: '密码过于简单(重复或连续的字符)',
      en: 'The password is too simple (repeated or consecutive characters)',
    };
  }
  // "Password123!" is "password" with decorations: strip them before looking it up.
  const base = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (COMMON.has(lower) || (base.length >= 4 && COMMON.has(base)) || COMMON.has(lower.replace(/[^a-z0-9]/g, ''))) {
    return { zh: '密码过于常见,容易被猜中', en: 'This password is too common' };
  }
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
    return { zh: '密码不能包含用户名', en: 'The password must not contain the username' };
  }
  return null;
}

/**
 * Repetition and runs that pass the length and class rules but are guessed early: "Aaaaaaaaaaa1!" (too few
 * distinct characters), "Abcabcabcabc1" (a short unit repeated), "Abcdefghijk1!" (one long keyboard-order run).
 */
function isTrivial(lower: string): boolean {
  const chars = [...lower];
  if (new Set(chars).size < 6) return true;
  // The core without up to three decorating characters at either end, repeating a unit of up to four.
  for (let a = 0; a <= 3; a++) {
    for (let b = 0; b <= 3; b++) {
      const core = chars.slice(a, chars.length - b).join('');
      if (core.length >= 8 && /^(.{1,4})\1+$/u.test(core)) return true;
    }
  }
  let run = 1;
  let direction = 0;
  for (let i = 1; i < chars.length; i++) {
    const step = chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!;
    run =
      (step === 1 || step === -1) && (run === 1 || step === direction) ? run + 1 : step === 1 || step === -1 ? 2 : 1;
    direction = step;
    if (run >= 8) return true;
  }
  return false;
}

/** Letters and digits an official can read aloud over the phone without confusion (no 0/O, 1/l/I). */
const READABLE = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/**
 * A one-time password for a reset: 3 groups of 5 readable characters joined by '-' (≈ 87 bits), drawn until it
 * holds upper, lower and digit and passes the platform's own password rules.
 */
export function oneTimePasswordFor(): string {
  for (;;) {
    const chars = [...crypto.randomBytes(15)].map((b) => READABLE[b % READABLE.length]);
    const pw = [0, 5, 10].map((i) => chars.slice(i, i + 5).join('')).join('-');
    if (/[A-Z]/.test(pw) && /[a-z]/.test(pw) && /\d/.test(pw) && !passwordProblems(pw)) return pw;
  }
}
