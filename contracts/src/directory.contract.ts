import { defineRoles } from './common.contract.ts';

/**
 * 名录库 (Directory): the libraries of experts (专家库), project teams (项目团队库) and providers (服务商库), the
 * science-popularisation display centres (科普展示中心), and the verifiable expert draw other modules call.
 * Routes under /api/v1/directory/. Sub-areas' schemas live beside this file in directory/.
 */

/** The library keeper maintains the libraries; the pool of experts is visible to nobody else. */
export const DIRECTORY_ROLES = defineRoles({
  directory_keeper: { zh: '名录库管理员', en: 'Directory keeper', level: null, duty: 'operator' },
});

export const DIRECTORY_PERMISSIONS = {
  /** The expert library itself: names, units, contact (masked), relations. */
  expertManage: 'directory.expert.manage',
  /** Ask for a draw for an object in one's region (the result only, never the pool). */
  drawRequest: 'directory.draw.request',
  /** Read draw records (results) in one's region. */
  drawRead: 'directory.draw.read',
  /** Read the libraries of project teams and providers. */
  orgRead: 'directory.org.read',
  /** Keep them: add, deliveries, dishonesty records (recorded and lifted by different people). */
  orgManage: 'directory.org.manage',
  /** A drawn expert answers their own invitation. */
  invitationRespond: 'directory.invitation.respond',
} as const;

/** Stable error codes with the words users read; the HTTP status of each is in directory.errors.ts. */
export const DIRECTORY_ERRORS = {
  directory_expert_exists: { zh: '专家库中已有该账号或同单位同名专家', en: 'That expert is already in the library' },
  directory_not_enough_experts: {
    zh: '回避后可抽取的专家不足',
    en: 'Not enough eligible experts after exclusions',
  },
  directory_redraw_reason: {
    zh: '该对象已抽取过专家,重新抽取须说明原因',
    en: 'This object already has a draw; give the reason for drawing again',
  },
  directory_draw_closed: { zh: '本次抽取已结束', en: 'This draw is over' },
  directory_already_answered: { zh: '已答复过该邀请', en: 'This invitation was already answered' },
  directory_org_exists: { zh: '已有相同统一社会信用代码的单位', en: 'An organisation with that credit code exists' },
  directory_not_in_force: { zh: '该失信记录已解除或已到期', en: 'This record is no longer in force' },
  directory_unknown_account: { zh: '关联的账号不存在', en: 'The linked account does not exist' },
} as const;
export type DirectoryErrorCode = keyof typeof DIRECTORY_ERRORS;

export * from './directory/experts.ts';
export * from './directory/draws.ts';
export * from './directory/orgs.ts';
