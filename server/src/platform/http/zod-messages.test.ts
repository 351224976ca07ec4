import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { issueText } from './zod-messages.ts';

/** The words for a value a schema refuses, from the real Zod issue. */
const words = (schema: z.ZodType, value: unknown) => {
  const issue = schema.safeParse(value).error!.issues[0]!;
  const { code, message, path: _path, ...params } = issue as unknown as Record<string, unknown>;
  return issueText(code as string, params, message as string);
};

describe('schema refusals in plain words', () => {
  it('says what is wrong in Chinese and English, never in Zod’s terms', () => {
    expect(words(z.number().min(0).max(100), 150)).toEqual({ zh: '不能大于 100', en: 'must be at most 100' });
    expect(words(z.number().min(0), -1).zh).toBe('不能小于 0');
    expect(words(z.string().trim().min(5), 'ab')).toEqual({ zh: '至少 5 个字', en: 'at least 5 characters' });
    expect(words(z.string().min(1), '').zh).toBe('不能为空');
    expect(words(z.object({ a: z.string() }), {}).zh).toBe('必填');
    expect(words(z.number(), 'many').zh).toBe('格式不正确');
    expect(words(z.enum(['a', 'b']), 'c').zh).toBe('不在可选范围内');
    expect(words(z.uuid(), 'x').zh).toBe('格式不正确');
    expect(words(z.array(z.string()).max(1), ['a', 'b']).zh).toBe('不能超过 1 项');
  });
});
