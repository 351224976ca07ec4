/**
 * The words users read for request fields, so a refusal names "评分" or "填报数值(X-HM-01)" instead of a field path
 * such as `body.values.X-HM-01.value` or `utilisationPct`. The server writes its validation messages with them and
 * the web names fields with them; a module adds its own words here (one line each).
 */
export const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  // people and accounts
  username: { zh: '用户名', en: 'username' },
  password: { zh: '密码', en: 'password' },
  currentPassword: { zh: '当前密码', en: 'current password' },
  newPassword: { zh: '新密码', en: 'new password' },
  displayName: { zh: '姓名', en: 'name' },
  name: { zh: '名称', en: 'name' },
  phone: { zh: '手机号', en: 'phone number' },
  organisationId: { zh: '单位', en: 'organisation' },
  kind: { zh: '类型', en: 'kind' },
  roles: { zh: '角色', en: 'roles' },
  role: { zh: '角色', en: 'role' },
  status: { zh: '状态', en: 'status' },
  occupation: { zh: '职业', en: 'occupation' },
  ageBand: { zh: '年龄段', en: 'age band' },
  gender: { zh: '性别', en: 'gender' },
  // where and when
  regionCode: { zh: '区划', en: 'region' },
  regionCodes: { zh: '区划', en: 'regions' },
  parent: { zh: '上级区划', en: 'parent region' },
  year: { zh: '年度', en: 'year' },
  period: { zh: '月份', en: 'month' },
  from: { zh: '开始日期', en: 'start date' },
  to: { zh: '结束日期', en: 'end date' },
  termStart: { zh: '任期开始', en: 'term start' },
  termEnd: { zh: '任期结束', en: 'term end' },
  deadlines: { zh: '截止日期', en: 'deadlines' },
  noticeDays: { zh: '公示天数', en: 'notice days' },
  // words used across modules
  title: { zh: '标题', en: 'title' },
  description: { zh: '说明', en: 'description' },
  reason: { zh: '理由', en: 'reason' },
  comment: { zh: '意见', en: 'comment' },
  note: { zh: '备注', en: 'note' },
  text: { zh: '内容', en: 'text' },
  resolution: { zh: '处理结果', en: 'resolution' },
  score: { zh: '评分', en: 'score' },
  confirmed: { zh: '核验结论', en: 'verdict' },
  decision: { zh: '审核结论', en: 'decision' },
  file: { zh: '文件', en: 'file' },
  q: { zh: '搜索词', en: 'search' },
  page: { zh: '页码', en: 'page' },
  pageSize: { zh: '每页条数', en: 'page size' },
  seed: { zh: '抽取种子', en: 'draw seed' },
  // assessment
  value: { zh: '填报数值', en: 'value' },
  values: { zh: '填报数值', en: 'values' },
  numerator: { zh: '分子', en: 'numerator' },
  denominator: { zh: '分母', en: 'denominator' },
  explanation: { zh: '变化说明', en: 'explanation' },
  evidence: { zh: '佐证材料', en: 'evidence' },
  indicatorCode: { zh: '指标', en: 'indicator' },
  cityCatalogueId: { zh: '城市指标体系', en: 'city catalogue' },
  countyCatalogueId: { zh: '县级指标体系', en: 'county catalogue' },
  expertsPerSubmission: { zh: '每份抽取专家数', en: 'experts per submission' },
  coEvaluationIndicators: { zh: '监督共评指标', en: 'co-evaluation indicators' },
  thresholds: { zh: '星级阈值', en: 'star thresholds' },
  weight: { zh: '权重', en: 'weight' },
  version: { zh: '版本', en: 'version' },
  // compute network (纳统)
  dataCentreId: { zh: '数据中心', en: 'data centre' },
  racksTotal: { zh: '机架总数', en: 'racks in total' },
  racksInUse: { zh: '在用机架数', en: 'racks in use' },
  utilisationPct: { zh: '利用率(%)', en: 'utilisation (%)' },
  rackUtilisationPct: { zh: '机架利用率(%)', en: 'rack utilisation (%)' },
  computeUtilisationPct: { zh: '算力利用率(%)', en: 'compute utilisation (%)' },
  measuredPue: { zh: '实测PUE', en: 'measured PUE' },
  designPue: { zh: '设计PUE', en: 'design PUE' },
  designRacks: { zh: '设计机架数', en: 'design racks' },
  energyMwh: { zh: '耗电量(兆瓦时)', en: 'energy (MWh)' },
  powerCapacityKw: { zh: '供电容量(千瓦)', en: 'power capacity (kW)' },
  totalPflops: { zh: '总算力(PFLOPS)', en: 'total compute (PFLOPS)' },
  generalPflops: { zh: '通用算力(PFLOPS)', en: 'general compute (PFLOPS)' },
  intelligentPflops: { zh: '智能算力(PFLOPS)', en: 'AI compute (PFLOPS)' },
  superPflops: { zh: '超算算力(PFLOPS)', en: 'supercomputing (PFLOPS)' },
  storagePb: { zh: '存储容量(PB)', en: 'storage (PB)' },
  storageUsedPb: { zh: '已用存储(PB)', en: 'storage used (PB)' },
  accelerators: { zh: '加速卡', en: 'accelerators' },
  cards: { zh: '卡数', en: 'cards' },
  zoneId: { zh: '算力枢纽/集群', en: 'zone' },
  priceFenPerCardHour: { zh: '单价(分/卡时)', en: 'price (fen per card-hour)' },
  address: { zh: '地址', en: 'address' },
  creditCode: { zh: '统一社会信用代码', en: 'credit code' },
};

/**
 * A field path as users read it: `body.values.X-HM-01.explanation` → 变化说明(X-HM-01); `racksInUse` → 在用机架数;
 * `roles.1.regionCode` → 区划(第2项). Parts that are no field name (an indicator code, a list index) are kept in
 * brackets so the user still finds the row; a name not in FIELD_LABELS is left as it is.
 */
export function fieldLabel(path: string, lang: 'zh' | 'en'): string {
  const parts = path.split('.').filter((p) => p && !['body', 'query', 'querystring', 'params', 'headers'].includes(p));
  if (!parts.length) return lang === 'zh' ? '请求内容' : 'the request';
  let i = parts.length - 1;
  while (i > 0 && !FIELD_LABELS[parts[i]!]) i--;
  const known = FIELD_LABELS[parts[i]!];
  const name = known ? known[lang] : parts[parts.length - 1]!;
  const extra = parts
    .slice(known ? 0 : parts.length - 1)
    .filter((p, k) => k !== i || !known)
    .filter((p) => !FIELD_LABELS[p] && p !== name)
    .map((p) => (/^\d+$/.test(p) ? (lang === 'zh' ? `第${Number(p) + 1}项` : `item ${Number(p) + 1}`) : p));
  return extra.length ? `${name}(${extra.join(', ')})` : name;
}
