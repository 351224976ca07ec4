import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { desc } from 'drizzle-orm';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Clock } from '../clock/index.ts';
import type { Db } from '../database/index.ts';
import { KEYED, type AuditKey, type Checkpoint } from './audit-key.ts';
import { auditEvent } from './audit.tables.ts';

export interface FiledCheckpoint extends Checkpoint {
  /** 1-based line number in the file, to name it in a report. */
  line: number;
}

/**
 * The checkpoint file: one signed JSON line `{seq, hash, at, instance, sig}` per checkpoint, only ever appended.
 * It lives outside the database so that whoever can rewrite the table (its owner, a superuser, anyone holding
 * PGlite's files) cannot also rewrite what the trail is known to have reached.
 */
export class CheckpointFile {
  constructor(
    readonly path: string,
    private readonly key: AuditKey,
  ) {}

  async append(c: Checkpoint): Promise<void> {
    await fs.promises.mkdir(path.dirname(this.path), { recursive: true });
    const line = `${JSON.stringify({ ...c, sig: this.key.sign(c) })}\n`;
    // One O_APPEND write per line: lines of several processes sharing the file do not interleave.
    await fs.promises.appendFile(this.path, line, { mode: 0o600 });
  }

  /** Checkpoints whose signature fits, and the line numbers of those that are forged or damaged. */
  async read(): Promise<{ valid: FiledCheckpoint[]; forged: number[] }> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { valid: [], forged: [] };
      throw err;
    }
    const lines = text.split('\n');
    // The text after the last newline is a line still being written (or cut short by a crash): not a checkpoint yet.
    lines.pop();
    const valid: FiledCheckpoint[] = [];
    const forged: number[] = [];
    lines.forEach((text, i) => {
      if (text.trim() === '') return;
      const c = this.parse(text);
      if (c) valid.push({ ...c, line: i + 1 });
      else forged.push(i + 1);
    });
    return { valid, forged };
  }

  private parse(text: string): Checkpoint | null {
    let v: Record<string, unknown>;
    try {
      v = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return null;
    }
    const { seq, hash, at, instance, sig } = v ?? {};
    if (!Number.isSafeInteger(seq) || (seq as number) < 1 || typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) {
      return null;
    }
    if (typeof at !== 'string' || typeof instance !== 'string' || typeof sig !== 'string') return null;
    const c: Checkpoint = { seq: seq as number, hash, at, instance };
    return this.key.signatureFits(c, sig) ? c : null;
  }
}

/** The issue asks for a checkpoint at least once a minute; half that leaves room for a late tick. */
export const CHECKPOINT_INTERVAL_MS = 30_000;

/**
 * Writes a checkpoint of the chain's head when it moved: at start, every CHECKPOINT_INTERVAL_MS, and on a clean
 * shutdown. Rows written after the newest
 * checkpoint can still be deleted unnoticed; everything before it cannot. Each instance writes its own lines.
 */
export class CheckpointWriter {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private last: { seq: number; hash: string } | null = null;
  private readonly instance = `${os.hostname()}:${process.pid}`;

  constructor(
    private readonly db: Db,
    private readonly file: CheckpointFile,
    private readonly key: AuditKey,
    private readonly clock: Clock,
    private readonly log?: Logger,
  ) {}

  /**
   * Checks the key, then writes the first checkpoint (a file that cannot be written stops the start), then keeps
   * writing in the background until stop().
   */
  async start(intervalMs = CHECKPOINT_INTERVAL_MS): Promise<void> {
    await this.assertKeyFits();
    await this.writeNow();
    this.timer ??= setInterval(() => {
      this.writeNow().catch((err: unknown) => this.log?.error({ err }, 'audit checkpoint failed'));
    }, intervalMs);
    this.timer.unref();
  }

  /**
   * Throws when the newest keyed row does not fit this key. Run before writing audit rows: a process holding another
   * key (an instance that generated its own) would extend the chain with hashes nobody can verify.
   */
  async assertKeyFits(): Promise<void> {
    const [head] = await this.db.select().from(auditEvent).orderBy(desc(auditEvent.seq)).limit(1);
    if (head?.chainVersion === KEYED) {
      const { hash, prevHash, chainVersion, ...fields } = head;
      if (this.key.rowHash(chainVersion, prevHash, fields) !== hash) {
        throw new Error(
          `audit row ${head.seq} does not fit this audit key: set ZC_AUDIT_KEY to the key the trail was written ` +
            'with (every instance needs the same one), or run `npm run audit:verify` to look for tampering',
        );
      }
    }
  }

  /** Stops the timer and writes a last checkpoint (while the database is still open). */
  async stop(): Promise<void> {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
    await this.writeNow();
  }

  /** Appends a checkpoint if the head moved forward since this instance's last one; one at a time. */
  writeNow(): Promise<Checkpoint | null> {
    const next = this.running.then(() => this.write());
    this.running = next.catch(() => undefined);
    return next;
  }

  private async write(): Promise<Checkpoint | null> {
    const [head] = await this.db
      .select({ seq: auditEvent.seq, hash: auditEvent.hash })
      .from(auditEvent)
      .orderBy(desc(auditEvent.seq))
      .limit(1);
    const last = this.last;
    if (last && (!head || head.seq < last.seq || (head.seq === last.seq && head.hash !== last.hash))) {
      // The head went back or changed under us: someone removed or rewrote rows. Never sign that state; the
      // checkpoint already in the file is the evidence `audit:verify` reports.
      this.log?.error({ checkpointSeq: last.seq, headSeq: head?.seq ?? 0 }, 'audit trail lost rows at its head');
      return null;
    }
    if (!head || (last && head.seq === last.seq)) return null;
    const at = this.clock.now().toISOString();
    const c: Checkpoint = { seq: head.seq, hash: head.hash, at, instance: this.instance };
    await this.file.append(c);
    this.last = head;
    return c;
  }
}
