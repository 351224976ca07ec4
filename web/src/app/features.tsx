import { ProfileOutlined } from '@ant-design/icons';
import type { FeatureDefinition } from './feature';
import { computeFeature } from '../features/compute-network';
import { regionsFeature } from '../features/regions';
import { assessmentFeature } from '../features/assessment';
import { auditFeature } from '../features/audit';
import { directoryFeature } from '../features/directory';
import { screenFeature } from '../features/screen';
import { scenariosFeature } from '../features/scenarios';
import { cityBrainFeature } from '../features/city-brain';
import { communitiesFeature } from '../features/communities';
import { adminFeature } from '../features/admin';
import { participationFeature } from '../features/participation';

const planned = (
  key: string,
  zh: string,
  en: string,
  icon: FeatureDefinition['icon'],
  summary: [string, string],
): FeatureDefinition => ({
  key,
  group: { zh, en },
  summary: { zh: summary[0], en: summary[1] },
  icon,
  nav: [{ path: `/${key}`, label: { zh, en } }],
  routes: [],
  underConstruction: true,
});

/** Every module's web part, in menu order. The only list of features. */
export const FEATURES: FeatureDefinition[] = [
  regionsFeature,
  assessmentFeature,
  participationFeature,
  scenariosFeature,
  communitiesFeature,
  computeFeature,
  cityBrainFeature,
  directoryFeature,
  planned('work-ledger', '工作台账', 'Work ledger', <ProfileOutlined />, [
    '年度工作要点任务分解与责任落实',
    'Yearly tasks, owners and progress',
  ]),
  screenFeature,
  adminFeature,
  auditFeature,
];
