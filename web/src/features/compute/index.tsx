import { CloudServerOutlined } from '@ant-design/icons';
import { COMPUTE_PERMISSIONS, type Permission } from '@zhicheng/contracts';
import type { FeatureDefinition } from '../../app/feature';
import { ComputeMapPage } from './ComputeMapPage';
import { DataCentrePage } from './DataCentrePage';
import { DataCentresPage } from './DataCentresPage';
import { ReportsPage } from './ReportsPage';
import { StatisticsPage } from './StatisticsPage';
import { ZonesPage } from './ZonesPage';

const READ: Permission[] = [COMPUTE_PERMISSIONS.read];

export const computeFeature: FeatureDefinition = {
  key: 'compute',
  group: { zh: '算力网络', en: 'Compute network' },
  icon: <CloudServerOutlined />,
  nav: [
    { path: '/compute', label: { zh: '算力地图', en: 'Compute map' }, permissions: READ },
    { path: '/compute/statistics', label: { zh: '算力统计', en: 'Statistics' }, permissions: READ },
    { path: '/compute/reports', label: { zh: '纳统月报', en: 'Monthly reports' }, permissions: READ },
    { path: '/compute/data-centres', label: { zh: '数据中心登记', en: 'Registry' }, permissions: READ },
    { path: '/compute/zones', label: { zh: '算力布局', en: 'Zone layout' }, permissions: READ },
  ],
  routes: [
    { path: '/compute', element: <ComputeMapPage /> },
    { path: '/compute/statistics', element: <StatisticsPage /> },
    { path: '/compute/reports', element: <ReportsPage /> },
    { path: '/compute/data-centres', element: <DataCentresPage /> },
    { path: '/compute/data-centres/:id', element: <DataCentrePage /> },
    { path: '/compute/zones', element: <ZonesPage /> },
  ],
};
