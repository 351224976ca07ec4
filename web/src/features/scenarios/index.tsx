import { TrophyOutlined } from '@ant-design/icons';
import { SCENARIOS_PERMISSIONS as P } from '@zhicheng/contracts/scenarios';
import { page, type FeatureDefinition } from '../../app/feature';

/**
 * 优秀案例动态打榜: the case library and its review, the board's rounds and experts' scoring for staff; the public
 * board, case pages and voting are phone-first and outside the desk layout.
 */
export const scenariosFeature: FeatureDefinition = {
  key: 'scenarios',
  group: { zh: '优秀案例打榜', en: 'Scenarios' },
  summary: { zh: '优政、惠民、兴业、强基四大领域智慧场景动态打榜', en: 'Ranking smart scenarios in four domains' },
  icon: <TrophyOutlined />,
  nav: [
    { path: '/scenarios', label: { zh: '案例库', en: 'Case library' }, permissions: [P.read] },
    { path: '/scenarios/board', label: { zh: '动态打榜', en: 'The board' }, permissions: [P.configure] },
    { path: '/scenarios/reviews', label: { zh: '我的案例评审', en: 'My case reviews' }, permissions: [P.review] },
    { path: '/scenarios/events', label: { zh: '推广活动', en: 'Promotion events' }, permissions: [P.read] },
  ],
  routes: [
    { path: '/scenarios', lazy: page(() => import('./CasesPage')) },
    { path: '/scenarios/cases/:id', lazy: page(() => import('./CasePage')) },
    { path: '/scenarios/board', lazy: page(() => import('./RoundsPage')) },
    { path: '/scenarios/reviews', lazy: page(() => import('./ReviewsPage')) },
    { path: '/scenarios/events', lazy: page(() => import('./EventsPage')) },
  ],
  publicRoutes: [
    { path: '/board', lazy: page(() => import('./BoardPage')) },
    { path: '/board/cases/:id', lazy: page(() => import('./PublicCasePage')) },
  ],
};
