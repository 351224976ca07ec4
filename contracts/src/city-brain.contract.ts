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
  /** 事件流转: raise, register (立案), dispatch (派遣), report handling (处置/反馈) within one's region. */
  handleEvents: 'city-brain.events.handle',
  /** 核查结案 and 评价: by someone other than who registered or dispatched the event. */
  verifyEvents: 'city-brain.events.verify',
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
  event_not_found: { zh: '找不到该事件', en: 'No such event' },
  event_wrong_step: {
    zh: '事件当前所处环节不能进行此操作',
    en: 'The event is not at a step where this can be done',
  },
  dispatch_outside_region: {
    zh: '只能派遣到事件所在区划或其上级',
    en: 'An event can be dispatched only within its own region or to a level above it',
  },
} as const;
export type CityBrainErrorCode = keyof typeof CITY_BRAIN_ERRORS;

export * from './city-brain/registry.ts';
export * from './city-brain/messages.ts';
export * from './city-brain/exchange.ts';
export * from './city-brain/events.ts';
