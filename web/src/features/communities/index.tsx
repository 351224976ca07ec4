import { HomeOutlined } from '@ant-design/icons';
import { COMMUNITIES_PERMISSIONS as P } from '@zhicheng/contracts/communities';
import { page, type FeatureDefinition } from '../../app/feature';

export const communitiesFeature: FeatureDefinition = {
  key: 'communities',
  group: { zh: '智慧社区', en: 'Smart communities' },
  summary: {
    zh: '基础型、成长型、标杆型社区与便民设施供需对接',
    en: 'Smart communities and the convenience-facility exchange',
  },
  icon: <HomeOutlined />,
  nav: [
    { path: '/communities', label: { zh: '智慧社区', en: 'Smart communities' }, permissions: [P.read] },
    {
      path: '/communities/provider',
      label: { zh: '服务商门户', en: 'Provider portal' },
      permissions: [P.exchangeOffer],
    },
  ],
  routes: [
    { path: '/communities', lazy: page(() => import('./CommunitiesPage')) },
    { path: '/communities/c/:code', lazy: page(() => import('./CommunityPage')) },
    { path: '/communities/provider', lazy: page(() => import('./ProviderPortalPage')) },
  ],
};
