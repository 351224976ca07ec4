import { describe, expect, it } from 'vitest';
import { auditActionName } from './actionNames';

describe('audit action names', () => {
  it('reads the platform’s actions and composes module actions; an unknown code stays visible as it is', () => {
    expect(auditActionName('identity.login.succeeded', 'zh')).toBe('登录成功');
    expect(auditActionName('identity.user.password-reset', 'en')).toBe('Reset a password');
    expect(auditActionName('assessment.campaign.draw_experts', 'zh')).toBe('评估评价·抽取专家评估活动');
    expect(auditActionName('participation.task.score', 'zh')).toBe('问需于民·评分监督任务');
    expect(auditActionName('compute.report.submit', 'en')).toBe('Compute: monthly report submitted');
    expect(auditActionName('newmodule.thing.happen', 'zh')).toBe('newmodule.thing.happen');
  });
});
