import type { AuditProblem, AuditVerifyResult } from '@zhicheng/contracts';

type T = (zh: string, en: string) => string;

/** One line per finding of POST /audit/verify, in the reader's language (the server's `detail` is English only). */
export function findingText(p: AuditProblem, t: T): string {
  switch (p.kind) {
    case 'row_broken':
      return t(
        `第 ${p.seq} 条记录校验失败:被改写,或未持密钥重算了哈希。`,
        `Event ${p.seq} does not verify: rewritten, or rehashed without the key.`,
      );
    case 'rows_deleted':
      return t(`第 ${p.seq}–${p.toSeq} 条记录已被删除。`, `Events ${p.seq}–${p.toSeq} were deleted.`);
    case 'table_truncated':
      return t(
        `审计表已被清空:检查点表明曾记录到第 ${p.toSeq} 条。`,
        `The trail was emptied: a checkpoint says it reached event ${p.toSeq}.`,
      );
    case 'checkpoint_mismatch':
      return t(
        `第 ${p.seq} 条记录与检查点(第 ${p.line} 行)不符:哈希链被重算。`,
        `Event ${p.seq} is not what checkpoint line ${p.line} recorded: the chain was recomputed.`,
      );
    case 'checkpoint_forged':
      return t(
        `检查点文件第 ${p.line} 行签名无效:伪造或损坏。`,
        `Checkpoint line ${p.line} has a bad signature: forged or damaged.`,
      );
  }
}

/** The summary of an intact trail: how much was checked, and against which checkpoint. */
export function intactText(r: AuditVerifyResult, t: T): string {
  const { valid, newestSeq } = r.checkpoints;
  const checked = t(
    `已校验 ${r.checked} 条记录,密钥哈希链未被篡改`,
    `${r.checked} events checked; the keyed hash chain is unbroken`,
  );
  const against = newestSeq
    ? t(
        `,与 ${valid} 个签名检查点一致(最新至第 ${newestSeq} 条)`,
        `; ${valid} signed checkpoint(s) agree (newest at event ${newestSeq})`,
      )
    : t(',尚无检查点', '; no checkpoint yet');
  return `${checked}${against}${t('。', '.')}`;
}
