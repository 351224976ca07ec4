import { ProfileOutlined } from '@ant-design/icons';
import { WORK_LEDGER_PERMISSIONS as P } from '@zhicheng/contracts/work-ledger';
import { page, type FeatureDefinition } from '../../app/feature';

/** 工作台账: the yearly work points as tasks with owners, colours, progress and the figures they move. */
export const workLedgerFeature: FeatureDefinition = {
  key: 'work-ledger',
  group: { zh: '工作台账', en: 'Work ledger' },
  summary: { zh: '年度工作要点任务分解与督查督办', en: 'Yearly tasks, owners, supervision and progress' },
  icon: <ProfileOutlined />,
  nav: [{ path: '/work-ledger', label: { zh: '工作台账', en: 'Work ledger' }, permissions: [P.read] }],
  routes: [
    { path: '/work-ledger', lazy: page(() => import('./LedgerPage')) },
    { path: '/work-ledger/tasks/:id', lazy: page(() => import('./TaskPage')) },
  ],
};
