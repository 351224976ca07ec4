import { ApartmentOutlined, AuditOutlined, CloudServerOutlined, DeploymentUnitOutlined, HomeOutlined, ProfileOutlined, StarOutlined, TeamOutlined, TrophyOutlined, BookOutlined, SettingOutlined, CommentOutlined } from '@ant-design/icons';
import type { FeatureDefinition } from './feature';
import { regionsFeature } from '../features/regions';
import { auditFeature } from '../features/audit';
import { adminFeature } from '../features/admin';

const planned = (key: string, zh: string, en: string, icon: FeatureDefinition['icon']): FeatureDefinition => ({
  key,
  group: { zh, en },
  icon,
  nav: [{ path: `/${key}`, label: { zh, en } }],
  routes: [],
  underConstruction: true,
});

/** Every module's web part, in menu order. The only list of features. */
export const FEATURES: FeatureDefinition[] = [
  regionsFeature,
  planned('assessment', '评估评价', 'Assessment', <StarOutlined />),
  planned('participation', '问需于民', 'Participation', <CommentOutlined />),
  planned('scenarios', '优秀案例打榜', 'Scenarios', <TrophyOutlined />),
  planned('communities', '智慧社区', 'Smart communities', <HomeOutlined />),
  planned('compute', '算力网络', 'Compute network', <CloudServerOutlined />),
  planned('city-brain', '齐鲁智脑', 'City brain hub', <DeploymentUnitOutlined />),
  planned('directory', '资源库', 'Directory', <BookOutlined />),
  planned('work-ledger', '工作台账', 'Work ledger', <ProfileOutlined />),
  adminFeature,
  auditFeature,
];

export const FEATURE_ICONS = { ApartmentOutlined, AuditOutlined, TeamOutlined, SettingOutlined };
