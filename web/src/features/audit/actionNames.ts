/**
 * Audit actions (`<module>.<object>.<verb>`, the codes the server writes) in words an auditor reads. Exact names for
 * the platform's own actions; any other is composed from its module, object and verb, and shown as its code only
 * when a part has no word yet.
 */
const EXACT: Record<string, [string, string]> = {
  'identity.login.succeeded': ['登录成功', 'Signed in'],
  'identity.login.failed': ['登录失败', 'Sign-in failed'],
  'identity.logout': ['退出登录', 'Signed out'],
  'identity.password.change': ['修改密码', 'Changed password'],
  'identity.password.check-failed': ['当前密码验证失败', 'Wrong current password'],
  'identity.user.create': ['创建账号', 'Created an account'],
  'identity.user.update': ['编辑账号', 'Edited an account'],
  'identity.user.roles': ['变更角色', 'Changed roles'],
  'identity.user.unlock': ['解除登录限制', 'Lifted a sign-in hold'],
  'identity.user.disable': ['停用账号', 'Disabled an account'],
  'identity.user.enable': ['启用账号', 'Enabled an account'],
  'identity.user.password-reset': ['重置密码', 'Reset a password'],
  'identity.organisation.create': ['创建单位', 'Created an organisation'],
  'identity.organisation.update': ['编辑单位', 'Edited an organisation'],
  'audit.export': ['导出审计日志', 'Exported the audit trail'],
  'audit.verify': ['校验审计链', 'Verified the audit chain'],
};

const MODULES: Record<string, [string, string]> = {
  identity: ['账号', 'Accounts'],
  regions: ['行政区划', 'Regions'],
  assessment: ['评估评价', 'Assessment'],
  participation: ['问需于民', 'Participation'],
  compute: ['算力网络', 'Compute'],
  scenarios: ['优秀案例', 'Scenarios'],
  communities: ['智慧社区', 'Communities'],
  'city-brain': ['齐鲁智脑', 'City brain'],
  screen: ['一屏看全省', 'Screen'],
  directory: ['资源库', 'Directory'],
  'work-ledger': ['工作台账', 'Work ledger'],
  audit: ['审计', 'Audit'],
};

const OBJECTS: Record<string, [string, string]> = {
  campaign: ['评估活动', 'campaign'],
  submission: ['填报', 'submission'],
  catalogue: ['指标体系', 'catalogue'],
  coeval: ['监督共评', 'co-evaluation'],
  evidence: ['佐证材料', 'evidence'],
  objection: ['公示异议', 'objection'],
  review: ['专家评审', 'expert review'],
  survey: ['问卷', 'survey'],
  response: ['答卷', 'response'],
  supervisor: ['市民监督员', 'supervisor'],
  task: ['监督任务', 'supervision task'],
  action: ['你提我办', 'action'],
  followup: ['回访', 'follow-up'],
  report: ['纳统月报', 'monthly report'],
  order: ['算力订单', 'compute order'],
  offer: ['算力产品', 'compute offer'],
  voucher: ['算力券', 'voucher'],
  region: ['区划', 'region'],
  alias: ['区划别名', 'region alias'],
  case: ['案例', 'case'],
  community: ['社区', 'community'],
};

const VERBS: Record<string, [string, string]> = {
  create: ['创建', 'created'],
  update: ['修改', 'updated'],
  delete: ['删除', 'deleted'],
  open: ['开启', 'opened'],
  save: ['保存', 'saved'],
  submit: ['提交', 'submitted'],
  approve: ['审核通过', 'approved'],
  'send-back': ['退回', 'sent back'],
  send_back: ['退回', 'sent back'],
  score: ['评分', 'scored'],
  record: ['记录', 'recorded'],
  upload: ['上传', 'uploaded'],
  file: ['提出', 'filed'],
  resolve: ['处理', 'resolved'],
  publish: ['发布', 'published'],
  draw: ['抽取', 'drew'],
  draw_experts: ['抽取专家', 'drew experts'],
  start_co_evaluation: ['进入监督共评', 'started co-evaluation'],
  open_notice: ['开始公示', 'opened the notice'],
  import: ['导入', 'imported'],
  add: ['添加', 'added'],
  apply: ['申请', 'applied'],
  vet: ['审核', 'vetted'],
  seed: ['生成示例数据', 'seeded demo data'],
  register: ['登记', 'registered'],
  'new-version': ['新建版本', 'new version'],
  photo: ['上传现场照片', 'uploaded a photo'],
};

export function auditActionName(action: string, lang: 'zh' | 'en'): string {
  const i = lang === 'zh' ? 0 : 1;
  const exact = EXACT[action];
  if (exact) return exact[i];
  const [mod, obj, ...rest] = action.split('.');
  const m = MODULES[mod ?? ''];
  const o = OBJECTS[obj ?? ''];
  const v = VERBS[rest.join('.')];
  if (!m || !o || !v) return action;
  return lang === 'zh' ? `${m[0]}·${v[0]}${o[0]}` : `${m[1]}: ${o[1]} ${v[1]}`;
}
