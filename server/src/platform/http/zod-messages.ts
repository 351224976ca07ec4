import type { Bilingual } from '@zhicheng/contracts';

type Params = Record<string, unknown>;

const n = (v: unknown) => (typeof v === 'bigint' ? v.toString() : String(v));

/**
 * A schema refusal in words users read, in both languages (Zod's own text is English and technical). `keyword` is
 * the Zod issue code; a message the contract wrote itself (a regex's explanation) is kept in English.
 */
export function issueText(keyword: string, params: Params, message: string | undefined): Bilingual {
  const origin = params.origin as string | undefined;
  const text = origin === 'string';
  const many = origin === 'array' || origin === 'set';
  switch (keyword) {
    case 'too_small':
      if (text && Number(params.minimum) === 1) return { zh: '不能为空', en: 'must not be empty' };
      return text
        ? { zh: `至少 ${n(params.minimum)} 个字`, en: `at least ${n(params.minimum)} characters` }
        : many
          ? { zh: `至少 ${n(params.minimum)} 项`, en: `at least ${n(params.minimum)} items` }
          : { zh: `不能小于 ${n(params.minimum)}`, en: `must be at least ${n(params.minimum)}` };
    case 'too_big':
      return text
        ? { zh: `不能超过 ${n(params.maximum)} 个字`, en: `at most ${n(params.maximum)} characters` }
        : many
          ? { zh: `不能超过 ${n(params.maximum)} 项`, en: `at most ${n(params.maximum)} items` }
          : { zh: `不能大于 ${n(params.maximum)}`, en: `must be at most ${n(params.maximum)}` };
    case 'invalid_type':
      return /received undefined/.test(message ?? '')
        ? { zh: '必填', en: 'is required' }
        : { zh: '格式不正确', en: `must be a ${n(params.expected)}` };
    case 'invalid_value':
      return { zh: '不在可选范围内', en: 'is not one of the allowed values' };
    case 'invalid_format':
      return params.format === 'regex' && message && !/^Invalid/.test(message)
        ? { zh: '格式不正确', en: message }
        : { zh: '格式不正确', en: `is not a valid ${n(params.format)}` };
    case 'not_multiple_of':
      return { zh: `须为 ${n(params.divisor)} 的整数倍`, en: `must be a multiple of ${n(params.divisor)}` };
    case 'unrecognized_keys':
      return { zh: '含有不接受的内容', en: `has fields that are not accepted` };
    default:
      return { zh: '不符合要求', en: message ?? 'is not valid' };
  }
}
