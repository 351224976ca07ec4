import { z } from 'zod';
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
  /** 科普展示中心: read rounds, applications, reports and bookings in one's regions; print certificates. */
  centreRead: 'directory.centre.read',
  /** Open selection rounds and draw the experts who score the applications (province). */
  centreManage: 'directory.centre.manage',
  /** A city applies for its centres and reports their quarterly activity. */
  centreApply: 'directory.centre.apply',
  /** The province decides and certifies (授牌); not whoever drew the experts. */
  centreDecide: 'directory.centre.decide',
  /** A drawn expert who accepted scores the application. */
  centreScore: 'directory.centre.score',
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
  directory_round_exists: { zh: '该年度已有同类遴选', en: 'That year already has a round of this kind' },
  directory_centre_exists: { zh: '本轮已有同名申报', en: 'This round already has an application of that name' },
  directory_font_missing: {
    zh: '服务器缺少中文字体,无法生成证书(请安装 fonts-noto-cjk)',
    en: 'The server has no CJK font for certificates (install fonts-noto-cjk)',
  },
  directory_round_closed: { zh: '本轮申报已截止', en: 'Applications for this round are closed' },
  directory_centre_state: {
    zh: '申报当前状态不允许该操作',
    en: 'The application is not at a stage that allows this',
  },
  directory_not_reviewer: { zh: '您不是该申报已接受邀请的评审专家', en: 'You are not an accepted reviewer of it' },
  directory_already_scored: { zh: '已评过分', en: 'You have already scored it' },
  directory_fully_booked: { zh: '该时段已约满', en: 'That slot is fully booked' },
  directory_centre_closed: { zh: '该日不开放或不在可预约期内', en: 'Not open or not bookable that day' },
  directory_report_exists: { zh: '该季度已报送', en: 'That quarter is already reported' },
} as const;
export type DirectoryErrorCode = keyof typeof DIRECTORY_ERRORS;

export * from './directory/experts.ts';
export * from './directory/draws.ts';
export * from './directory/orgs.ts';
export * from './directory/centres.ts';

/**
 * Events the directory publishes (outbox, after commit). `directory.draw-replaced`: an invite draw replaced a
 * declined expert with the next ticket of the same quota; a module that assigns reviewers from `drawState` re-reads
 * it on this event instead of polling.
 */
export const DIRECTORY_EVENTS = { drawReplaced: 'directory.draw-replaced' } as const;
export const DrawReplaced = z.object({
  drawId: z.uuid(),
  module: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  /** The declined place and the new one (same alias and field). */
  declinedPosition: z.number().int(),
  replacementPosition: z.number().int(),
  alias: z.string(),
  field: z.string().nullable(),
  at: z.string(),
});
export type DrawReplaced = z.infer<typeof DrawReplaced>;
