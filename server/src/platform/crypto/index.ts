import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The platform's secret: encrypts personal data at rest (AES-256-GCM) and keys digests (HMAC-SHA256) so a
 * digest of personal data cannot be reversed by guessing. From ZC_DATA_KEY, or generated once into DATA_DIR.
 */
export class DataProtector {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('data key must be 32 bytes');
    this.key = key;
  }

  static fromConfig(opts: { dataKey?: string; dataDir: string }): DataProtector {
    return new DataProtector(loadOrCreateKey(opts.dataKey, path.join(opts.dataDir, 'data.key')));
  }

  /** For tests and tools that need a throwaway key. */
  static random(): DataProtector {
    return new DataProtector(crypto.randomBytes(32));
  }

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  decrypt(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed value');
    const d = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    d.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
  }

  digest(value: unknown): string {
    return crypto.createHmac('sha256', this.key).update(canonicalJson(value)).digest('hex');
  }
}

/**
 * A 32-byte key from configuration (hex or base64), or else from `file`, generated there (mode 0600) the first time.
 * Keys live outside the database, so whoever holds only the database holds none of them.
 */
export function loadOrCreateKey(configured: string | undefined, file: string): Buffer {
  if (configured) {
    return /^[0-9a-f]{64}$/i.test(configured) ? Buffer.from(configured, 'hex') : Buffer.from(configured, 'base64');
  }
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}

/** JSON with sorted keys, so equal objects give equal digests. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return v;
  });
}

export const sha256Hex = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');

/** 13812345678 → 138****5678; anything else keeps its first and last character. */
export function maskPhone(phone: string): string {
  const d = phone.replace(/\s+/g, '');
  if (/^\d{11}$/.test(d)) return `${d.slice(0, 3)}****${d.slice(7)}`;
  if (d.length <= 2) return '*'.repeat(d.length);
  return `${d[0]}${'*'.repeat(d.length - 2)}${d[d.length - 1]}`;
}

/**
 * Masks what free text may carry of a person: mainland mobile numbers (138****5678, also written with spaces or
 * hyphens), 18-digit resident ID numbers (370102********1234) and landlines (0531-****5678). Applied before free
 * text is stored, so exports, topic quotes and logs never see the number.
 */
export function maskPersonalText(text: string): string {
  return text
    .replace(
      /(?<![\dA-Za-z])(\d{6})(?:19|20)\d{2}(?:0\d|1[0-2])\d{2}\d{3}([\dXx])(?![\dA-Za-z])/g,
      (m) => `${m.slice(0, 6)}********${m.slice(14)}`,
    )
    .replace(/(?<!\d)(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g, '$1****$3')
    .replace(
      /(?<!\d)(0\d{2,3})-?(\d{3,4})(\d{4})(?!\d)/g,
      (_m, area: string, mid: string, last: string) => `${area}-${'*'.repeat(mid.length)}${last}`,
    );
}

/** 张三丰 → 张** */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
