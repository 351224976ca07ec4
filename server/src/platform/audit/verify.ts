import { asc, gte } from 'drizzle-orm';
import type { AuditProblem, AuditVerifyResult } from '@zhicheng/contracts';
import type { Db } from '../database/index.ts';
import { GENESIS, KEYED, UNKEYED, type AuditKey } from './audit-key.ts';
import { auditEvent } from './audit.tables.ts';
import type { CheckpointFile, FiledCheckpoint } from './checkpoints.ts';

const MAX_PROBLEMS = 100;
const BATCH = 5000;

/**
 * Walks the whole chain with the key and holds it against the checkpoint file. The chain alone shows a row that was
 * rewritten or rehashed without the key; only the checkpoints show rows missing at the head, an emptied table, or
 * a chain recomputed from some row on (an unkeyed recomputation can be self-consistent).
 */
export async function verifyTrail(db: Db, key: AuditKey, file: CheckpointFile | null): Promise<AuditVerifyResult> {
  // The file first: a checkpoint names rows committed before it was written, so every row it names is in the
  // table when we read it afterwards, unless someone removed it.
  const { valid, forged } = file ? await file.read() : { valid: [], forged: [] };
  const problems: AuditProblem[] = [];
  const report = (p: Omit<AuditProblem, 'toSeq' | 'line'> & Partial<AuditProblem>) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ toSeq: null, line: null, ...p });
  };
  const bySeq = new Map<number, FiledCheckpoint[]>();
  let newest: FiledCheckpoint | null = null;
  for (const c of valid) {
    bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
    if (!newest || c.seq > newest.seq) newest = c;
  }

  let prev = GENESIS;
  let expected = 1;
  let checked = 0;
  let unkeyed = 0;
  let keyedSeen = false;
  let firstBroken: number | null = null;
  let brokenCount = 0;
  let mismatch: { seq: number; line: number } | null = null;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvent)
      .where(gte(auditEvent.seq, expected))
      .orderBy(asc(auditEvent.seq))
      .limit(BATCH);
    for (const r of rows) {
      const gap = r.seq > expected;
      if (gap) {
        const toSeq = r.seq - 1;
        report({ kind: 'rows_deleted', seq: expected, toSeq, detail: `rows ${expected}..${toSeq} deleted` });
      }
      const { hash, prevHash, chainVersion, ...fields } = r;
      // After a gap the broken link is already reported; the row itself must still carry its own hash.
      const linked = gap || prevHash === prev;
      // Once the chain is keyed an unkeyed row is a downgrade: someone rehashed it without the key.
      const downgraded = chainVersion === UNKEYED && keyedSeen;
      if (!linked || downgraded || key.rowHash(chainVersion, prevHash, fields) !== hash) {
        firstBroken ??= r.seq;
        brokenCount++;
      }
      if (chainVersion === KEYED) keyedSeen = true;
      if (chainVersion === UNKEYED) unkeyed++;
      const differs = bySeq.get(r.seq)?.find((c) => c.hash !== hash);
      if (differs && !mismatch) mismatch = { seq: r.seq, line: differs.line };
      prev = hash;
      expected = r.seq + 1;
      checked++;
    }
    if (rows.length < BATCH) break;
  }

  if (firstBroken !== null) {
    const more = brokenCount > 1 ? ` (${brokenCount} rows fail in all)` : '';
    const detail = `row ${firstBroken} does not verify: rewritten, or rehashed without the key${more}`;
    report({ kind: 'row_broken', seq: firstBroken, detail });
  }
  if (mismatch) {
    const { seq, line } = mismatch;
    const detail = `row ${seq} is not the row checkpoint line ${line} recorded: the chain was recomputed`;
    report({ kind: 'checkpoint_mismatch', seq, line, detail });
  }
  const lastSeq = expected - 1;
  if (newest && newest.seq > lastSeq) {
    const { seq: to, line } = newest;
    if (checked === 0) {
      const detail = `table emptied: checkpoint line ${line} says the trail reached row ${to}`;
      report({ kind: 'table_truncated', seq: 1, toSeq: to, line, detail });
    } else {
      const detail = `rows ${lastSeq + 1}..${to} deleted (checkpoint line ${line} says the trail reached row ${to})`;
      report({ kind: 'rows_deleted', seq: lastSeq + 1, toSeq: to, line, detail });
    }
  }
  for (const line of forged) {
    const detail = `checkpoint line ${line} is forged or damaged: its signature does not fit`;
    report({ kind: 'checkpoint_forged', seq: null, line, detail });
  }
  const seqs = problems.map((p) => p.seq).filter((s): s is number => s !== null);
  return {
    ok: problems.length === 0,
    checked,
    firstBrokenSeq: seqs.length ? Math.min(...seqs) : null,
    unkeyed,
    checkpoints: { valid: valid.length, newestSeq: newest?.seq ?? null },
    problems,
  };
}
