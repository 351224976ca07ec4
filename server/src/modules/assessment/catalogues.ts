import { DEFAULT_POLICY, type AssessedLevel, type Indicator, type RatingPolicy } from '@zhicheng/contracts/assessment';

/**
 * Default catalogues in the SHAPE of the published standards: DB37/T 3890-2020 parts 1–3 (city 49, county 44,
 * community 24 indicators over 数字惠民, 数字政府, 数字经济, 基础设施, 保障措施, 地方特色) and GB/T 33356-2022
 * (9 first-level, 29 second-level). The counts and domains are published; indicator wording, thresholds and weights
 * here are our own examples and every one carries `sample: true` (示例).
 */

interface Spec {
  name: string;
  unit?: string;
  lower?: boolean;
  evidence?: boolean;
  veto?: boolean;
  /** StarThresholds 1★…5★; default a percentage ladder. */
  t?: [number, number, number, number, number];
}

const PCT: [number, number, number, number, number] = [40, 55, 70, 80, 90];

const HUIMIN: Spec[] = [
  { name: '政务服务事项网上可办率', unit: '%', t: [70, 80, 90, 95, 98], evidence: true },
  { name: '"一网通办"事项占比', unit: '%' },
  { name: '电子证照应用率', unit: '%' },
  { name: '智慧教育覆盖率(中小学)', unit: '%' },
  { name: '电子健康档案建档率', unit: '%', t: [60, 70, 80, 90, 95] },
  { name: '互联网医院及远程医疗覆盖率', unit: '%' },
  { name: '社会保障卡(电子社保卡)应用率', unit: '%' },
  { name: '智慧养老服务覆盖率', unit: '%' },
  { name: '智慧社区覆盖率', unit: '%', evidence: true },
  { name: '公共交通移动支付覆盖率', unit: '%', t: [60, 75, 85, 95, 100] },
  { name: '智慧文旅场景数', unit: '个', t: [2, 5, 10, 15, 20] },
  { name: '12345热线诉求按时办结率', unit: '%', t: [80, 85, 90, 95, 98] },
  { name: '无障碍与适老化改造网站占比', unit: '%' },
  { name: '就业创业服务网上办理率', unit: '%' },
];
const ZHENGFU: Spec[] = [
  { name: '政务数据共享率', unit: '%', evidence: true },
  { name: '公共数据开放数据集数量', unit: '个', t: [50, 100, 200, 400, 800] },
  { name: '城市运行管理平台(城市大脑)建设', unit: '分', t: [20, 40, 60, 80, 90], evidence: true },
  { name: '"雪亮工程"视频联网率', unit: '%', t: [60, 75, 85, 90, 95] },
  { name: '应急管理信息化覆盖率', unit: '%' },
  { name: '市场监管"互联网+监管"事项覆盖率', unit: '%' },
  { name: '生态环境在线监测覆盖率', unit: '%' },
  { name: '协同办公系统应用率', unit: '%', t: [60, 75, 85, 95, 100] },
  { name: '基层治理网格化信息平台覆盖率', unit: '%' },
  { name: '政务云资源利用率', unit: '%', t: [30, 45, 60, 70, 80] },
];
const JINGJI: Spec[] = [
  { name: '数字经济核心产业增加值占GDP比重', unit: '%', t: [4, 6, 8, 10, 12] },
  { name: '规上工业企业数字化改造率', unit: '%' },
  { name: '工业互联网平台应用企业数', unit: '家', t: [50, 100, 200, 400, 600] },
  { name: '网络零售额增速', unit: '%', t: [5, 8, 10, 12, 15] },
  { name: '智慧农业应用示范基地数', unit: '个', t: [1, 3, 5, 8, 12] },
  { name: '数字化车间和智能工厂数', unit: '个', t: [2, 5, 10, 20, 30] },
  { name: '高新技术企业数字化研发投入强度', unit: '%', t: [1, 1.5, 2, 2.5, 3] },
  { name: '数据要素交易与流通场景数', unit: '个', t: [1, 2, 4, 6, 10] },
  { name: '智慧物流园区覆盖率', unit: '%' },
];
const JICHU: Spec[] = [
  { name: '千兆光网家庭覆盖率', unit: '%', t: [50, 60, 70, 85, 95] },
  { name: '5G网络区域覆盖率', unit: '%', t: [60, 70, 80, 90, 98] },
  { name: '每万人5G基站数', unit: '个', t: [10, 15, 20, 25, 30] },
  { name: 'IPv6活跃用户占比', unit: '%', t: [40, 50, 60, 70, 80] },
  { name: '数据中心标准机架上架率', unit: '%', t: [40, 50, 60, 70, 80] },
  { name: '物联网感知终端覆盖率', unit: '%' },
  { name: '多功能智能杆覆盖率', unit: '%', t: [5, 10, 20, 30, 40] },
  { name: '城市信息模型(CIM)平台建设', unit: '分', t: [20, 40, 60, 80, 90] },
  { name: '网络安全事件平均处置时长', unit: '小时', lower: true, t: [48, 24, 12, 6, 2], veto: true },
  { name: '关键信息基础设施安全检查达标率', unit: '%', t: [80, 85, 90, 95, 100], veto: true },
];
const BAOZHANG: Spec[] = [
  { name: '智慧城市建设统筹机制', unit: '分', t: [20, 40, 60, 80, 90], evidence: true },
  { name: '信息化投入占一般公共预算支出比重', unit: '%', t: [0.5, 1, 1.5, 2, 2.5] },
  { name: '数字人才培训人次(每万人)', unit: '人次', t: [20, 50, 100, 150, 200] },
];
const TESE: Spec[] = [
  { name: '工作试点(国家、省级试点任务)', unit: '项', t: [1, 2, 3, 4, 5] },
  { name: '创新示范(优秀案例、标杆场景)', unit: '项', t: [1, 2, 3, 4, 5] },
  { name: '宣传体验(科普展示中心、体验活动)', unit: '项', t: [1, 2, 3, 4, 5] },
];

const DOMAINS = [
  { domain: '数字惠民', key: 'HM', weight: 30, specs: HUIMIN },
  { domain: '数字政府', key: 'ZF', weight: 25, specs: ZHENGFU },
  { domain: '数字经济', key: 'JJ', weight: 20, specs: JINGJI },
  { domain: '基础设施', key: 'JC', weight: 20, specs: JICHU },
  { domain: '保障措施', key: 'BZ', weight: 5, specs: BAOZHANG },
];
const BONUS_POINTS = [4, 4, 2];

function build(prefix: string, counts: number[], bonusCount: number): Indicator[] {
  const out: Indicator[] = [];
  DOMAINS.forEach((d, di) => {
    const specs = d.specs.slice(0, counts[di]);
    const each = Math.round((d.weight / specs.length) * 100) / 100;
    specs.forEach((s, k) => {
      // The last item takes the rounding remainder so each domain's weights add up exactly.
      const weight = k === specs.length - 1 ? Math.round((d.weight - each * (specs.length - 1)) * 100) / 100 : each;
      out.push(ind(`${prefix}-${d.key}-${String(k + 1).padStart(2, '0')}`, d.domain, s, weight));
    });
  });
  TESE.slice(0, bonusCount).forEach((s, k) =>
    out.push({
      ...ind(`${prefix}-TS-${String(k + 1).padStart(2, '0')}`, '地方特色', s, 0),
      bonusPoints: BONUS_POINTS[k]!,
    }),
  );
  return out;
}

function ind(code: string, domain: string, s: Spec, weight: number): Indicator {
  return {
    code,
    domain,
    parentCode: null,
    name: s.name,
    definition: `${s.name}(示例释义:统计口径以年度评估通知为准)`,
    formula:
      s.unit === '%'
        ? { kind: 'ratio', numerator: `${s.name}分子`, denominator: `${s.name}分母`, factor: 100 }
        : { kind: 'direct' },
    unit: s.unit ?? '',
    direction: s.lower ? 'lower' : 'higher',
    thresholds: s.t ?? PCT,
    weight,
    evidenceRequired: !!s.evidence,
    veto: !!s.veto,
    bonusPoints: null,
    min: 0,
    max: s.unit === '%' ? 100 : null,
    sample: true,
  };
}

const COMMUNITY: Indicator[] = [
  ...[
    { name: '千兆光纤家庭覆盖率', t: [50, 60, 70, 85, 95] as Spec['t'] },
    { name: '5G网络区域覆盖率', t: [60, 70, 80, 90, 98] as Spec['t'] },
    { name: '有线电视/IPTV入户率', t: [50, 60, 70, 85, 95] as Spec['t'] },
    { name: '重点场所视频监控覆盖联网完好率', t: [70, 80, 90, 95, 98] as Spec['t'], evidence: true },
    { name: '视频图像可用率', t: [60, 70, 80, 90, 95] as Spec['t'] },
    { name: '智能门禁覆盖率' },
  ].map((s, k) => ind(`S-JC-${String(k + 1).padStart(2, '0')}`, '基础设施', { ...s, unit: '%' }, 5)),
  ...[
    '社区事务网上办理率',
    '网格化治理平台应用率',
    '社区数据更新及时率',
    '平安社区智能预警处置率',
    '垃圾分类智能监管覆盖率',
    '物业服务线上评价率',
  ].map((name, k) => ind(`S-ZL-${String(k + 1).padStart(2, '0')}`, '社区治理', { name, unit: '%' }, 5)),
  ...[
    '智慧养老服务覆盖率',
    '社区卫生服务在线签约率',
    '便民服务设施线上接入率',
    '社区电商及便民配送覆盖率',
    '智慧停车覆盖率',
    '社区学习与科普服务参与率',
    '一老一小智能服务覆盖率',
    '居民满意度',
  ].map((name, k) => ind(`S-FW-${String(k + 1).padStart(2, '0')}`, '社区服务', { name, unit: '%' }, k === 7 ? 5 : 5)),
  ...['社区数字化运营机制', '社区信息化运维投入'].map((name, k) =>
    ind(`S-BZ-${String(k + 1).padStart(2, '0')}`, '保障措施', { name, unit: '分', t: [20, 40, 60, 80, 90] }, 5),
  ),
  ...TESE.slice(0, 2).map((s, k) => ({
    ...ind(`S-TS-${String(k + 1).padStart(2, '0')}`, '地方特色', s, 0),
    bonusPoints: BONUS_POINTS[k]!,
  })),
];

const GBT_DOMAINS: [string, string, string[]][] = [
  ['惠民服务', 'HM', ['政务服务', '交通服务', '社保服务', '医疗服务', '教育服务']],
  ['精准治理', 'ZL', ['城市管理', '公共安全', '应急管理', '基层治理']],
  ['生态宜居', 'ST', ['智慧环保', '绿色节能', '智慧水务']],
  ['信息基础设施', 'JC', ['信息网络', '算力设施', '融合基础设施']],
  ['信息资源', 'ZY', ['数据共享', '数据开放', '数据开发利用']],
  ['产业发展', 'CY', ['数字产业化', '产业数字化', '数据要素市场']],
  ['网络安全', 'AQ', ['安全管理', '安全防护', '数据安全']],
  ['改革创新', 'CX', ['体制机制', '创新应用', '标准与人才']],
  ['市民体验', 'TY', ['体验感知', '满意度']],
];
const GBT_WEIGHTS = [20, 12, 8, 12, 10, 10, 8, 5, 15];

const GBT: Indicator[] = GBT_DOMAINS.flatMap(([domain, key, items], di) => {
  const each = GBT_WEIGHTS[di]! / items.length;
  return items.map((name, k) => ({
    ...ind(`G-${key}-${k + 1}`, domain, { name, unit: '分', t: [20, 40, 60, 80, 90] }, Math.round(each * 100) / 100),
    definition: `${name}:GB/T 33356-2022 二级指标(示例释义);得分=各分项权重×达标程度之和`,
    veto: key === 'AQ' && k === 0,
  }));
});

export interface DefaultCatalogue {
  key: string;
  name: string;
  standard: string;
  level: AssessedLevel;
  policy: RatingPolicy;
  indicators: Indicator[];
}

export const DEFAULT_CATALOGUES: DefaultCatalogue[] = [
  {
    key: 'DB37-3890.1-city',
    name: '新型智慧城市建设指标 第1部分:城市(示例阈值与权重)',
    standard: 'DB37/T 3890.1-2020',
    level: 'city',
    policy: DEFAULT_POLICY,
    indicators: build('C', [14, 10, 9, 10, 3], 3),
  },
  {
    key: 'DB37-3890.2-county',
    name: '新型智慧城市建设指标 第2部分:县(市、区)(示例阈值与权重)',
    standard: 'DB37/T 3890.2-2020',
    level: 'county',
    policy: DEFAULT_POLICY,
    indicators: build('X', [12, 9, 8, 9, 3], 3),
  },
  {
    key: 'DB37-3890.3-community',
    name: '新型智慧城市建设指标 第3部分:智慧社区(示例阈值与权重)',
    standard: 'DB37/T 3890.3-2020',
    level: 'community',
    policy: { ...DEFAULT_POLICY, threshold: 0.8 },
    indicators: COMMUNITY,
  },
  {
    key: 'GBT-33356-2022',
    name: 'GB/T 33356-2022 新型智慧城市评价指标(示例权重)',
    standard: 'GB/T 33356-2022',
    level: 'city',
    policy: DEFAULT_POLICY,
    indicators: GBT,
  },
];
