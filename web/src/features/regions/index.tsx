import { ApartmentOutlined } from '@ant-design/icons';
import type { FeatureDefinition } from '../../app/feature';
import { RegionsPage } from './RegionsPage';

export const regionsFeature: FeatureDefinition = {
  key: 'regions',
  group: { zh: '行政区划', en: 'Regions' },
  icon: <ApartmentOutlined />,
  nav: [{ path: '/regions', label: { zh: '行政区划', en: 'Regions' } }],
  routes: [{ path: '/regions', element: <RegionsPage /> }],
};
