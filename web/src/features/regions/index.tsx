import { ApartmentOutlined } from '@ant-design/icons';
import { page, type FeatureDefinition } from '../../app/feature';

export const regionsFeature: FeatureDefinition = {
  key: 'regions',
  group: { zh: '行政区划', en: 'Regions' },
  summary: { zh: 'GB/T 2260 行政区划、地图、街道社区导入', en: 'GB/T 2260 regions, map, street and community import' },
  icon: <ApartmentOutlined />,
  nav: [{ path: '/regions', label: { zh: '行政区划', en: 'Regions' } }],
  routes: [{ path: '/regions', lazy: page(() => import('./RegionsPage')) }],
};
