import { AuditOutlined } from '@ant-design/icons';
import { AUDIT_PERMISSIONS } from '@zhicheng/contracts';
import { page, type FeatureDefinition } from '../../app/feature';

export const auditFeature: FeatureDefinition = {
  key: 'audit',
  group: { zh: '安全审计', en: 'Audit' },
  summary: { zh: '操作留痕、哈希链防篡改、检索导出', en: 'Tamper-evident trail of every change' },
  icon: <AuditOutlined />,
  nav: [{ path: '/audit', label: { zh: '审计日志', en: 'Audit trail' }, permissions: [AUDIT_PERMISSIONS.read] }],
  routes: [{ path: '/audit', lazy: page(() => import('./AuditPage')) }],
};
