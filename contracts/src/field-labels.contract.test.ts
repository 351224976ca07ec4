import { describe, expect, it } from 'vitest';
import { fieldLabel } from './field-labels.contract.ts';

describe('field labels', () => {
  it('names fields as users read them, keeping the indicator code or row that finds the place', () => {
    expect(fieldLabel('body.values.X-HM-01.explanation', 'zh')).toBe('变化说明(X-HM-01)');
    expect(fieldLabel('values.X-HM-01.value', 'en')).toBe('value(X-HM-01)');
    expect(fieldLabel('evidence.X-HM-01', 'zh')).toBe('佐证材料(X-HM-01)');
    expect(fieldLabel('body.utilisationPct', 'zh')).toBe('利用率(%)');
    expect(fieldLabel('roles.1.regionCode', 'zh')).toBe('区划(第2项)');
    expect(fieldLabel('body.score', 'zh')).toBe('评分');
    expect(fieldLabel('body', 'zh')).toBe('请求内容');
    expect(fieldLabel('body.somethingNew', 'zh')).toBe('somethingNew');
  });
});
