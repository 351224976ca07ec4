import { AppstoreOutlined } from '@ant-design/icons';
import { DIRECTORY_PERMISSIONS as P } from '@zhicheng/contracts/directory';
import { page, type FeatureDefinition } from '../../app/feature';

/** 名录库: the expert library, draws with their public verification, and a drawn expert's invitations. */
export const directoryFeature: FeatureDefinition = {
  key: 'directory',
  group: { zh: '名录库', en: 'Directory' },
  summary: {
    zh: '专家库、可复核的专家抽取、项目团队库、服务商库、科普展示中心',
    en: 'Experts and verifiable draws, project teams, providers, display centres',
  },
  icon: <AppstoreOutlined />,
  nav: [
    { path: '/directory/experts', label: { zh: '专家库', en: 'Experts' }, permissions: [P.expertManage] },
    { path: '/directory/draws', label: { zh: '专家抽取', en: 'Expert draws' }, permissions: [P.drawRead] },
    { path: '/directory/orgs', label: { zh: '项目团队与服务商', en: 'Teams and providers' }, permissions: [P.orgRead] },
    { path: '/directory/centres', label: { zh: '科普展示中心', en: 'Science centres' }, permissions: [P.centreRead] },
    {
      path: '/directory/centre-reviews',
      label: { zh: '科普中心评审', en: 'Centre reviews' },
      permissions: [P.centreScore],
    },
    {
      path: '/directory/invitations',
      label: { zh: '我的评审邀请', en: 'My invitations' },
      permissions: [P.invitationRespond],
    },
  ],
  routes: [
    { path: '/directory/experts', lazy: page(() => import('./ExpertsPage')) },
    { path: '/directory/draws', lazy: page(() => import('./DrawsPage')) },
    { path: '/directory/draws/:id', lazy: page(() => import('./DrawPage')) },
    { path: '/directory/orgs', lazy: page(() => import('./OrgsPage')) },
    { path: '/directory/invitations', lazy: page(() => import('./InvitationsPage')) },
    { path: '/directory/centres', lazy: page(() => import('./CentresPage')) },
    { path: '/directory/centre-reviews', lazy: page(() => import('./CentreReviewsPage')) },
  ],
  publicRoutes: [
    { path: '/verify/draw/:id', lazy: page(() => import('./VerifyPage')) },
    { path: '/centres', lazy: page(() => import('./CentresMapPage')) },
  ],
};
