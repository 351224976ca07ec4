import { TeamOutlined } from '@ant-design/icons';
import { IDENTITY_PERMISSIONS } from '@zhicheng/contracts';
import { page, type FeatureDefinition } from '../../app/feature';

export const adminFeature: FeatureDefinition = {
  key: 'admin',
  group: { zh: '系统管理', en: 'Administration' },
  summary: { zh: '用户、单位、角色与区划授权', en: 'Users, organisations, roles and region scope' },
  icon: <TeamOutlined />,
  nav: [
    {
      path: '/admin/users',
      label: { zh: '用户与角色', en: 'Users and roles' },
      permissions: [IDENTITY_PERMISSIONS.usersRead],
    },
  ],
  routes: [{ path: '/admin/users', lazy: page(() => import('./UsersPage')) }],
};
