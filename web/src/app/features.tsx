import type { FeatureDefinition } from './feature';
import { computeFeature } from '../features/compute-network';
import { regionsFeature } from '../features/regions';
import { assessmentFeature } from '../features/assessment';
import { auditFeature } from '../features/audit';
import { directoryFeature } from '../features/directory';
import { workLedgerFeature } from '../features/work-ledger';
import { screenFeature } from '../features/screen';
import { scenariosFeature } from '../features/scenarios';
import { cityBrainFeature } from '../features/city-brain';
import { communitiesFeature } from '../features/communities';
import { adminFeature } from '../features/admin';
import { participationFeature } from '../features/participation';

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
  workLedgerFeature,
  screenFeature,
  adminFeature,
  auditFeature,
];
