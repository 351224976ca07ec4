import { TrophyOutlined } from '@ant-design/icons';
import { SCENARIOS_PERMISSIONS as P } from '@zhicheng/contracts/scenarios';
import { page, type FeatureDefinition } from '../../app/feature';

/** 优秀案例动态打榜: the case library and its review for staff. */
export const scenariosFeature: FeatureDefinition = {
  key: 'scenarios',
  group: { zh: '优秀案例打榜', en: 'Scenarios' },
  summary: { zh: '优政、惠民、兴业、强基四大领域智慧场景动态打榜', en: 'Ranking smart scenarios in four domains' },
  icon: <TrophyOutlined />,
  nav: [{ path: '/scenarios', label: { zh: '案例库', en: 'Case library' }, permissions: [P.read] }],
  routes: [
    { path: '/scenarios', lazy: page(() => import('./CasesPage')) },
    { path: '/scenarios/cases/:id', lazy: page(() => import('./CasePage')) },
  ],
};
