import { DeploymentUnitOutlined, HomeOutlined, ProfileOutlined, TrophyOutlined } from '@ant-design/icons';
import type { FeatureDefinition } from './feature';
import { computeFeature } from '../features/compute-network';
import { regionsFeature } from '../features/regions';
import { assessmentFeature } from '../features/assessment';
import { auditFeature } from '../features/audit';
import { directoryFeature } from '../features/directory';
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
  planned('scenarios', '优秀案例打榜', 'Scenarios', <TrophyOutlined />, [
    '优政、惠民、兴业、强基四大领域智慧场景动态打榜',
    'Ranking smart scenarios in four domains',
  ]),
  planned('communities', '智慧社区', 'Smart communities', <HomeOutlined />, [
    '基础型、成长型、标杆型社区与便民设施供需对接',
    'Smart communities and the convenience-facility exchange',
  ]),
  computeFeature,
  planned('city-brain', '齐鲁智脑', 'City brain hub', <DeploymentUnitOutlined />, [
    '16市城市大脑接入,一屏看全省',
    'The 16 city brains connected; one screen for the province',
  ]),
  directoryFeature,
  planned('work-ledger', '工作台账', 'Work ledger', <ProfileOutlined />, [
    '年度工作要点任务分解与责任落实',
    'Yearly tasks, owners and progress',
  ]),
  adminFeature,
  auditFeature,
];
