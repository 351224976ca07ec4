import type { CaseStatus } from '@zhicheng/contracts/scenarios';
import { SeededRandom } from '../../platform/random.ts';
import { APPROACHES, BUILDERS, INVESTMENT_SOURCES, PROBLEMS, RESULTS, SCENARIO_NAMES, TAG_BANK } from './demo-data.ts';
import { CATEGORY_DOMAIN } from './demo-taxonomy.ts';

export interface DemoRegion {
  code: string;
  name: string;
  cityCode: string;
  level: 'city' | 'county';
}

export interface DemoCase {
  regionCode: string;
  cityCode: string;
  title: string;
  domain: string;
  category: string;
  summary: string;
  problem: string;
  approach: string;
  results: string;
  usersServed: number;
  monthlyUsage: number;
  savingsFen: number;
  operatingModel: string;
  operatingNote: string;
  investmentFen: number;
  investmentSource: string;
  goLive: string;
  responsibleUnit: string;
  builder: string;
  tags: string[];
  status: CaseStatus;
  returnReason: string | null;
  createdAt: Date;
  /** Index of the case this one copied its text from (a planted near-duplicate), if any. */
  copiedFrom: number | null;
}

const OPERATING = ['gov_led', 'market', 'enterprise', 'multi_win', 'gov_purchase', 'concession'];
const OPERATING_NOTES: Record<string, string> = {
  gov_led: '财政保障运维经费,牵头部门负责日常运营(示例)。',
  market: '由运营企业按使用量收费,自负盈亏(示例)。',
  enterprise: '企业投资建设并参与运营,政府提供数据与场景(示例)。',
  multi_win: '政府、企业、群众多方共担成本、共享收益(示例)。',
  gov_purchase: '政府按年度购买运营服务,按绩效付费(示例)。',
  concession: '特许经营期内由企业运营,期满移交(示例)。',
};

const DAY = 86_400_000;

/**
 * What made each demo case its own: concrete steps with their own figures and places. Without them two cases of one
 * domain shared most of their text (four approach and five problem sentences per domain), and the duplicate check
 * rightly flagged most of the demo library as look-alikes of itself.
 */
const STEPS = [
  '接入{n}个部门的业务系统',
  '在{n}个街道(乡镇)先行试点',
  '布设{n}套物联感知终端',
  '归集历史数据{n}万条',
  '上线{n}项高频服务事项',
  '组建{n}人的专班推进',
  '与{n}家企业签订合作协议',
  '打通{n}个跨层级数据接口',
  '在{n}个社区设立线下帮办点',
  '制定{n}项配套管理制度',
  '建成{n}个可视化专题场景',
  '培训基层人员{n}人次',
];
const PLACES = ['老城片区', '新区', '产业园区', '县城', '镇街', '开发区', '高铁新城', '滨海片区', '农村社区', '商圈'];

/**
 * The demo library: `n` cases over every given region (each region gets some before any gets many), in all four
 * domains, mostly accepted, some at each step. A few copy another region's text, so the duplicate check has
 * something to find. Deterministic for a seed and a day.
 */
export function generateDemoCases(regions: DemoRegion[], n: number, today: Date, seed = 'scenarios-demo'): DemoCase[] {
  const rnd = SeededRandom.fromString(seed);
  const categories = Object.keys(SCENARIO_NAMES);
  const used = new Map<string, Set<string>>();
  const out: DemoCase[] = [];
  // Counties carry most cases; cities file their own too. Every region first, then at random.
  const weighted = regions.flatMap((r) => (r.level === 'county' ? [r, r, r, r, r] : [r]));
  for (let i = 0; i < n; i++) {
    const region = i < regions.length ? regions[i]! : rnd.pick(weighted);
    const taken = used.get(region.code) ?? new Set<string>();
    used.set(region.code, taken);
    let category = rnd.pick(categories);
    let name = rnd.pick(SCENARIO_NAMES[category]!);
    for (let tries = 0; taken.has(name) && tries < 20; tries++) {
      category = rnd.pick(categories);
      name = rnd.pick(SCENARIO_NAMES[category]!);
    }
    const phase = taken.has(name) ? `(${['二', '三', '四', '五', '六'][rnd.int(0, 4)]}期)` : '';
    let title = `${region.name}${name}${phase}`;
    for (let k = 2; taken.has(title); k++) title = `${region.name}${name}(${k})`;
    taken.add(name);
    taken.add(title);
    const domain = CATEGORY_DOMAIN[category]!;
    const p1 = rnd.pick(PROBLEMS[domain]!);
    const a1 = rnd.pick(APPROACHES[domain]!);
    const place = rnd.pick(PLACES);
    const problem = `${region.name}${place}此前${p1}。`;
    const steps = rnd
      .shuffle(STEPS)
      .slice(0, 4)
      .map((x) => x.replace('{n}', String(rnd.int(3, 480))));
    const approach = `${a1}。具体做法:${steps.join(',')}。`;
    const users = Math.round(Math.exp(rnd.normal(10, 1.4)));
    const results = rnd
      .pick(RESULTS)
      .replace('{n}', users.toLocaleString('zh-CN'))
      .replace('{p}', String(rnd.int(10, 70)));
    const model = rnd.pick(OPERATING);
    const createdAt = new Date(today.getTime() - rnd.int(20, 900) * DAY);
    const copy = i > 50 && rnd.next() < 0.02 ? rnd.int(0, i - 1) : null;
    const source = copy !== null && out[copy]!.regionCode !== region.code ? out[copy]! : null;
    const statusRoll = rnd.next();
    const status: CaseStatus =
      statusRoll < 0.72
        ? 'accepted'
        : statusRoll < 0.8
          ? 'recommended'
          : statusRoll < 0.88
            ? 'submitted'
            : statusRoll < 0.92
              ? 'returned'
              : 'draft';
    out.push({
      regionCode: region.code,
      cityCode: region.cityCode,
      title,
      domain: source?.domain ?? domain,
      category: source?.category ?? category,
      summary: source
        ? source.summary.replaceAll(regionNameOf(source, regions), region.name)
        : `${region.name}在${place}建成${name},${steps[0]}。(示例)`,
      problem: source ? source.problem.replaceAll(regionNameOf(source, regions), region.name) : problem,
      approach: source?.approach ?? approach,
      results,
      usersServed: users,
      monthlyUsage: Math.round(users / rnd.int(3, 12)),
      savingsFen: rnd.next() < 0.6 ? rnd.int(10, 5000) * 10_000_00 : 0,
      operatingModel: model,
      operatingNote: OPERATING_NOTES[model] ?? '',
      investmentFen: rnd.int(20, 5000) * 10_000_00,
      investmentSource: rnd.pick(INVESTMENT_SOURCES),
      goLive: new Date(createdAt.getTime() - rnd.int(30, 700) * DAY).toISOString().slice(0, 10),
      responsibleUnit: `${region.name}大数据局(示例)`,
      builder: rnd.pick(BUILDERS),
      tags: [...new Set([rnd.pick(TAG_BANK), rnd.pick(TAG_BANK)])],
      status,
      returnReason: status === 'returned' ? '成效数据缺少佐证材料,请补充后再报(示例)' : null,
      createdAt,
      copiedFrom: source ? copy : null,
    });
  }
  return out;
}

function regionNameOf(c: DemoCase, regions: DemoRegion[]): string {
  return regions.find((r) => r.code === c.regionCode)?.name ?? '';
}
