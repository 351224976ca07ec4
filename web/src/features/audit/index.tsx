import { AuditOutlined } from '@ant-design/icons';
import type { FeatureDefinition } from '../../app/feature';
import { AuditPage } from './AuditPage';

export const auditFeature: FeatureDefinition = {
  key: 'audit',
  group: { zh: '安全审计', en: 'Audit' },
  summary: { zh: '操作留痕、哈希链防篡改、检索导出', en: 'Tamper-evident trail of every change' },
  icon: <AuditOutlined />,
  nav: [{ path: '/audit', label: { zh: '审计日志', en: 'Audit trail' }, permissions: ['audit.read'] }],
  routes: [{ path: '/audit', element: <AuditPage /> }],
};
