import { DeploymentUnitOutlined } from '@ant-design/icons';
import { CITY_BRAIN_PERMISSIONS as P } from '@zhicheng/contracts/city-brain';
import { page, type FeatureDefinition } from '../../app/feature';

export const cityBrainFeature: FeatureDefinition = {
  key: 'city-brain',
  group: { zh: '齐鲁智脑', en: 'City brain hub' },
  summary: {
    zh: '16市城市大脑与领域子平台接入、事件流转闭环、数据资源目录',
    en: 'City brains and domain platforms connected; the event loop; the data catalogue',
  },
  icon: <DeploymentUnitOutlined />,
  nav: [
    { path: '/city-brain/network', label: { zh: '接入网络', en: 'Network' }, permissions: [P.read] },
    { path: '/city-brain/events', label: { zh: '事件流转', en: 'Event desk' }, permissions: [P.read] },
    { path: '/city-brain/catalogue', label: { zh: '数据资源目录', en: 'Data catalogue' }, permissions: [P.read] },
    { path: '/city-brain/sub-platforms', label: { zh: '子平台接入', en: 'Sub-platforms' }, permissions: [P.read] },
  ],
  routes: [
    { path: '/city-brain/network', lazy: page(() => import('./NetworkPage')) },
    { path: '/city-brain/events', lazy: page(() => import('./EventsPage')) },
    { path: '/city-brain/events/:id', lazy: page(() => import('./EventPage')) },
    { path: '/city-brain/cities/:id', lazy: page(() => import('./CityPage')) },
    { path: '/city-brain/catalogue', lazy: page(() => import('./CataloguePage')) },
    { path: '/city-brain/sub-platforms', lazy: page(() => import('./RegistryPage')) },
  ],
};
