import { defineRoles } from './common.contract.ts';

/**
 * 齐鲁智脑 (City brain hub): the province's main platform connects the city brains (城市大脑) and domain
 * sub-platforms (政法, 公安, 公共卫生, …) over NATS JetStream. Cities send vital signs (城市体征), events and dataset
 * updates up; the province sends tasks, notices and alerts down. Routes under /api/v1/city-brain/. Each sub-area's
 * schemas live beside this file in city-brain/.
 */

/** The platform's operators and approvers do this module's work; it brings no roles of its own. */
export const CITY_BRAIN_ROLES = defineRoles({});

export const CITY_BRAIN_PERMISSIONS = {
  /** See the registry, the exchange's state, events and the catalogue within one's region. */
  read: 'city-brain.read',
  /** Register sub-platforms, edit them, issue their NATS credentials, send tasks/notices/alerts down. */
  manage: 'city-brain.manage',
} as const;

/** Stable error codes with the words users read; the HTTP status of each is in city-brain.errors.ts. */
export const CITY_BRAIN_ERRORS = {
  sub_platform_exists: { zh: '该接入编码已被使用', en: 'This sub-platform code is already in use' },
  sub_platform_not_found: { zh: '找不到该子平台', en: 'No such sub-platform' },
  city_brain_region: {
    zh: '城市大脑必须登记在地市一级区划',
    en: 'A city brain must be registered at a city-level region',
  },
  domain_required: { zh: '领域子平台须填写所属领域', en: 'A domain sub-platform needs its domain' },
} as const;
export type CityBrainErrorCode = keyof typeof CITY_BRAIN_ERRORS;

export * from './city-brain/registry.ts';
