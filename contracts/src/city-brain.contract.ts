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
  /** 数据资源目录: grant or refuse a request for a sub-platform's conditional data (not one's own request). */
  approveData: 'city-brain.catalogue.approve',
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
  dataset_not_found: { zh: '找不到该数据资源', en: 'No such dataset' },
  dataset_not_shared: { zh: '该数据资源不予共享', en: 'This dataset is not shared' },
  request_only_conditional: {
    zh: '只有有条件共享的数据资源需要申请',
    en: 'Only datasets shared on conditions are requested',
  },
  data_request_required: {
    zh: '有条件共享的数据须凭已批准且在有效期内的申请使用',
    en: 'Conditional data is used only under an approved request that has not expired',
  },
  request_until_past: { zh: '有效期须晚于当前时间', en: 'The end of the period must be in the future' },
  request_not_found: { zh: '找不到该申请', en: 'No such request' },
  request_decided: { zh: '该申请已审批', en: 'This request has already been decided' },
} as const;
export type CityBrainErrorCode = keyof typeof CITY_BRAIN_ERRORS;

export * from './city-brain/registry.ts';
export * from './city-brain/messages.ts';
export * from './city-brain/exchange.ts';
export * from './city-brain/events.ts';
export * from './city-brain/catalogue.ts';
