import { CloudServerOutlined } from '@ant-design/icons';
import { COMPUTE_PERMISSIONS as P } from '@zhicheng/contracts/compute-network';
import { page, type FeatureDefinition } from '../../app/feature';

export const computeFeature: FeatureDefinition = {
  key: 'compute',
  group: { zh: '算力网络', en: 'Compute network' },
  summary: {
    zh: '纳统监测、算力地图与统计、算力超市、算力券、异构调度',
    en: 'Reporting, the compute map and statistics, the supermarket, vouchers, heterogeneous scheduling',
  },
  icon: <CloudServerOutlined />,
  nav: [
    { path: '/compute', label: { zh: '算力地图', en: 'Compute map' }, permissions: [P.read] },
    { path: '/compute/statistics', label: { zh: '算力统计', en: 'Statistics' }, permissions: [P.read] },
    { path: '/compute/reports', label: { zh: '纳统月报', en: 'Monthly reports' }, permissions: [P.read] },
    { path: '/compute/data-centres', label: { zh: '数据中心登记', en: 'Registry' }, permissions: [P.read] },
    { path: '/compute/zones', label: { zh: '算力布局', en: 'Zone layout' }, permissions: [P.read] },
    { path: '/compute/market', label: { zh: '算力超市', en: 'Supermarket' }, permissions: [P.market] },
    { path: '/compute/market/orders', label: { zh: '算力订单', en: 'Orders' }, permissions: [P.market] },
    {
      path: '/compute/vouchers',
      label: { zh: '算力券', en: 'Vouchers' },
      permissions: [P.voucherApply, P.voucherReview, P.voucherApprove, P.voucherThirdParty],
    },
    { path: '/compute/vouchers/finance', label: { zh: '财政拨付', en: 'Finance' }, permissions: [P.voucherFinance] },
    { path: '/compute/scheduling', label: { zh: '异构调度', en: 'Scheduling' }, permissions: [P.schedule] },
  ],
  routes: [
    { path: '/compute', lazy: page(() => import('./ComputeMapPage')) },
    { path: '/compute/statistics', lazy: page(() => import('./StatisticsPage')) },
    { path: '/compute/reports', lazy: page(() => import('./ReportsPage')) },
    { path: '/compute/data-centres', lazy: page(() => import('./DataCentresPage')) },
    { path: '/compute/data-centres/:id', lazy: page(() => import('./DataCentrePage')) },
    { path: '/compute/zones', lazy: page(() => import('./ZonesPage')) },
    { path: '/compute/market', lazy: page(() => import('./market/MarketPage')) },
    { path: '/compute/market/orders', lazy: page(() => import('./market/OrdersPage')) },
    { path: '/compute/vouchers', lazy: page(() => import('./vouchers/VouchersPage')) },
    { path: '/compute/vouchers/finance', lazy: page(() => import('./vouchers/FinancePage')) },
    { path: '/compute/scheduling', lazy: page(() => import('./scheduling/SchedulingPage')) },
  ],
};
