import { describe, expect, it } from 'vitest';
import { findingText, intactText } from './verifyText';

const zh = (z: string) => z;
const en = (_z: string, e: string) => e;

describe('audit verification wording', () => {
  it('names each finding by its rows or checkpoint line', () => {
    const base = { seq: null, toSeq: null, line: null, detail: '' };
    expect(findingText({ ...base, kind: 'rows_deleted', seq: 4, toSeq: 5, line: 1 }, zh)).toBe(
      '第 4–5 条记录已被删除。',
    );
    expect(findingText({ ...base, kind: 'table_truncated', seq: 1, toSeq: 9 }, en)).toMatch(/emptied.*event 9/);
    expect(findingText({ ...base, kind: 'checkpoint_forged', line: 3 }, zh)).toMatch(/第 3 行签名无效/);
  });

  it('says which checkpoint an intact trail agrees with', () => {
    const checkpoints = { valid: 2, newestSeq: 7 };
    const r = { ok: true, checked: 7, firstBrokenSeq: null, unkeyed: 0, checkpoints, problems: [] };
    expect(intactText(r, en)).toBe(
      '7 events checked; the keyed hash chain is unbroken; 2 signed checkpoint(s) agree (newest at event 7).',
    );
  });
});
