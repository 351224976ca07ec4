import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { SCREEN_PERMISSIONS as P } from '@zhicheng/contracts/screen';
import { page, type FeatureDefinition } from '../../app/feature';

export const screenFeature: FeatureDefinition = {
  key: 'screen',
  group: { zh: '一屏看山东', en: 'Province screen' },
  summary: {
    zh: '全省一屏总览,下钻到市县,每个数字可溯源',
    en: 'The province on one screen, down to each county, every figure cited',
  },
  icon: <FundProjectionScreenOutlined />,
  nav: [
    { path: '/screen', label: { zh: '一屏看山东', en: 'Province screen' }, permissions: [P.read] },
    { path: '/screen/themes', label: { zh: '大屏主题', en: 'Screen themes' }, permissions: [P.read] },
    { path: '/screen/rules', label: { zh: '预警规则', en: 'Warning rules' }, permissions: [P.read] },
    { path: '/screen/forecasts', label: { zh: '趋势预测', en: 'Forecasts' }, permissions: [P.read] },
    { path: '/screen/what-if', label: { zh: '达标推演', en: 'What-if' }, permissions: [P.read] },
  ],
  routes: [
    { path: '/screen/themes', lazy: page(() => import('./ThemesPage')) },
    { path: '/screen/rules', lazy: page(() => import('./RulesPage')) },
    { path: '/screen/forecasts', lazy: page(() => import('./ForecastsPage')) },
    { path: '/screen/what-if', lazy: page(() => import('./WhatIfPage')) },
  ],
  // The wall screen has no shell around it; it sends a visitor who is not signed in to the sign-in page itself.
  publicRoutes: [
    { path: '/screen', lazy: page(() => import('./ScreenPage')) },
    { path: '/screen/:region', lazy: page(() => import('./ScreenPage')) },
  ],
};
