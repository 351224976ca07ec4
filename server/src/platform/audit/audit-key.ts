import crypto from 'node:crypto';
import path from 'node:path';
import { canonicalJson, loadOrCreateKey, sha256Hex } from '../crypto/index.ts';
import type { auditEvent } from './audit.tables.ts';

/** The prev_hash of the first row. */
export const GENESIS = '0'.repeat(64);

/**
 * `audit.event.chain_version`: rows written before migration 0004 carry an unkeyed sha256 (anyone could recompute
 * it); rows since carry an HMAC under the audit key, which the database never sees.
 */
export const UNKEYED = 1;
export const KEYED = 2;

type Row = typeof auditEvent.$inferSelect;
/** What a row's hash covers: every column but the chain's own (chain_version is implied by which hash fits). */
export type ChainFields = Omit<Row, 'hash' | 'prevHash' | 'chainVersion'>;

/** A signed statement "the trail reached row `seq`, whose hash was `hash`", kept outside the database. */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  /** Which process wrote it: several instances may append to one file. */
  instance: string;
}

const hmacHex = (key: Buffer, text: string) => crypto.createHmac('sha256', key).update(text).digest('hex');

/**
 * The audit key: keys the hash chain and signs checkpoints. From ZC_AUDIT_KEY, or generated once into DATA_DIR
 * (like the data key). Separate from the data key so it can be held and rotated by other people (三员分立: the
 * audit admin's, not the system admin's). HMAC rather than a signature pair: whoever verifies the chain needs the
 * secret anyway, so a public verification key would add a second key to manage and buy nothing.
 */
export class AuditKey {
  private readonly chainKey: Buffer;
  private readonly checkpointKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('audit key must be 32 bytes');
    // Two derived keys, so a row hash can never pass for a checkpoint signature or the other way round.
    this.chainKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'zhicheng audit chain', 32));
    this.checkpointKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'zhicheng audit checkpoint', 32));
  }

  static fromConfig(opts: { auditKey?: string; dataDir: string }): AuditKey {
    return new AuditKey(loadOrCreateKey(opts.auditKey, path.join(opts.dataDir, 'audit.key')));
  }

  /** For tests and tools that need a throwaway key. */
  static random(): AuditKey {
    return new AuditKey(crypto.randomBytes(32));
  }

  /** The hash a row of this chain_version must carry; null for a version this code does not know. */
  rowHash(chainVersion: number, prevHash: string, fields: ChainFields): string | null {
    const body = `${prevHash}\n${canonicalJson({ ...fields, at: fields.at.toISOString() })}`;
    if (chainVersion === KEYED) return hmacHex(this.chainKey, body);
    if (chainVersion === UNKEYED) return sha256Hex(body);
    return null;
  }

  sign(c: Checkpoint): string {
    return hmacHex(this.checkpointKey, `${c.seq}\n${c.hash}\n${c.at}\n${c.instance}`);
  }

  signatureFits(c: Checkpoint, sig: string): boolean {
    const want = Buffer.from(this.sign(c), 'hex');
    const got = Buffer.from(sig, 'hex');
    return got.length === want.length && crypto.timingSafeEqual(got, want);
  }
}
