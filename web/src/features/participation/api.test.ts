import { describe, expect, it } from 'vitest';
import { MobilePhone } from '@zhicheng/contracts/participation';
import { participationKeys } from './api';
import { schemaRule } from './form-rules';

describe('participation web api', () => {
  it('keys every query under the feature, so one invalidation after a change reaches all of them', () => {
    const keys = [
      participationKeys.campaigns(),
      participationKeys.stats('c', { region: '370102' }),
      participationKeys.responses('c', { page: 1, pageSize: 20 }),
      participationKeys.task('t'),
      participationKeys.myTasks(),
      participationKeys.publicSurvey('s'),
    ];
    for (const k of keys) expect(k.slice(0, 1)).toEqual(participationKeys.all);
    expect(participationKeys.stats('c', { region: 'a' })).not.toEqual(participationKeys.stats('c', { region: 'b' }));
  });

  it('checks a form field with the contract’s schema and leaves an empty one to `required`', async () => {
    const rule = schemaRule(MobilePhone, 'bad');
    await expect(rule.validator(null, '13812345678')).resolves.toBeUndefined();
    await expect(rule.validator(null, '')).resolves.toBeUndefined();
    await expect(rule.validator(null, '1381234567')).rejects.toThrow('bad');
  });
});
