import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type {
  DatasetField,
  EventCategory,
  EventStatus,
  SharingClass,
  UpdateCycle,
} from '@zhicheng/contracts/city-brain';
import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import type { RegionsService } from '../regions/index.ts';
import type { CatalogueService } from './catalogue/catalogue.service.ts';
import { cityEvent, dataset, eventHistory } from './city-brain.tables.ts';
import { deadlineFor } from './events/loop-rules.ts';
import { minuteOf } from './link-status.ts';
import { EVENT_KINDS } from './simulator/city-simulator.ts';
import type { RegistryService } from './registry.service.ts';

/** Made-up surnames for the made-up contacts; numbers are in the 0531-8600xxxx block the demo uses everywhere. */
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林'];

/** The provincial domain platforms the demo connects (names are generic, not any real system's). */
const DOMAINS = [
  { code: 'law', name: '政法协同子平台(示例)', domain: '政法', owner: '省委政法委(示例)' },
  { code: 'police', name: '公安数据子平台(示例)', domain: '公安', owner: '省公安厅(示例)' },
  { code: 'health', name: '公共卫生子平台(示例)', domain: '公共卫生', owner: '省卫生健康委(示例)' },
  { code: 'emergency', name: '应急管理子平台(示例)', domain: '应急管理', owner: '省应急管理厅(示例)' },
] as const;

/**
 * Demo data (示例), made once and deterministically: the province's city brains (one per city) and four domain
 * platforms, all labelled 示例. Their links come alive when the demo's simulated cities connect.
 */
export async function seedCityBrainDemo(
  ctx: DemoContext,
  s: { registry: RegistryService },
  regions: RegionsService,
): Promise<void> {
  await ctx.once('city-brain.v1', async () => {
    const sys = systemContext('demo.city-brain');
    const province = ctx.platform.config.provinceCode;
    const cities = await regions.list({ parent: province, level: 'city' });
    const now = ctx.platform.clock.now();
    for (const [i, city] of cities.entries()) {
      const sp = await s.registry.createDemo(sys, {
        code: `c${city.code}`,
        kind: 'city_brain',
        name: `${city.name}城市大脑(示例)`,
        regionCode: city.code,
        ownerUnit: `${city.name}大数据局(示例)`,
        contactName: `${SURNAMES[i % SURNAMES.length]}工`,
        contactPhone: `0531-8600${String(1000 + i).padStart(4, '0')}`,
        publishes: ['vital-sign', 'event', 'dataset-update', 'heartbeat'],
        receives: ['task', 'notice', 'alert'],
      });
      // A starting picture until the simulated cities connect: most online, one stale, one offline.
      const hbAge = i === 3 ? 180_000 : i === 7 ? 3_600_000 : 5_000 + i * 1_000;
      const heartbeat = new Date(now.getTime() - hbAge);
      await s.registry.repo.update(sp.id, {
        lastHeartbeatAt: heartbeat,
        connectedSince: new Date(heartbeat.getTime() - 86_400_000 * (1 + (i % 5))),
        lastLagMs: 200 + ((i * 137) % 900),
        receivedTotal: 40_000 + i * 1_234,
        sentTotal: 120 + i * 7,
      });
      for (let m = 0; m < 5; m++) {
        const minute = new Date(minuteOf(now).getTime() - m * 60_000);
        await s.registry.repo.countTraffic(sp.id, minute, 'up', 60 + ((i * 31 + m * 17) % 90));
        await s.registry.repo.countTraffic(sp.id, minute, 'down', (i + m) % 3);
      }
    }
    for (const [i, d] of DOMAINS.entries()) {
      await s.registry.createDemo(sys, {
        code: d.code,
        kind: 'domain',
        name: d.name,
        regionCode: province,
        domain: d.domain,
        ownerUnit: d.owner,
        contactName: `${SURNAMES[(i + 5) % SURNAMES.length]}处长`,
        contactPhone: `0531-8601${String(1000 + i).padStart(4, '0')}`,
        publishes: ['event', 'dataset-update', 'heartbeat'],
        receives: ['task', 'notice'],
      });
    }
  });
}

/** The department that takes each category on in a county (示例 names). */
const DEPARTMENT: Record<EventCategory, string> = {
  city_appearance: '城市管理局',
  road_facility: '城市管理局',
  public_safety: '应急管理局',
  environment: '生态环境分局',
  traffic: '公安交警大队',
  public_health: '卫生健康局',
};
const STEPS: EventStatus[] = ['reported', 'registered', 'dispatched', 'handling', 'fed_back', 'closed', 'evaluated'];
/** Where the demo's events stand: every step of the loop, a few refused, a few late (so 督办 has work). */
const STANDING: EventStatus[] = [
  'reported',
  'registered',
  'dispatched',
  'handling',
  'fed_back',
  'closed',
  'evaluated',
  'rejected',
  'dispatched',
  'fed_back',
  'closed',
  'evaluated',
];

/**
 * Demo events (示例) on the event desk, two per city at different steps with their history, as if the simulated
 * cities had reported them over the last two days. Inserted in two statements (start-up stays fast); the live
 * simulated cities add more as the demo runs.
 */
export async function seedCityBrainDemoEvents(
  ctx: DemoContext,
  s: { registry: RegistryService },
  regions: RegionsService,
): Promise<void> {
  await ctx.once('city-brain.events.v1', async () => {
    const province = ctx.platform.config.provinceCode;
    const subs = (await s.registry.repo.all(await regions.subtree(province))).filter(
      (r) => r.isDemo && r.kind === 'city_brain',
    );
    const cities = (await regions.list({ parent: province, level: 'city' })).filter((c) =>
      subs.some((r) => r.regionCode === c.code),
    );
    const now = ctx.platform.clock.now().getTime();
    const events: (typeof cityEvent.$inferInsert)[] = [];
    const history: (typeof eventHistory.$inferInsert)[] = [];
    let n = 0;
    for (const city of cities) {
      const sub = subs.find((r) => r.regionCode === city.code)!;
      const counties = await regions.list({ parent: city.code });
      for (let k = 0; k < 2; k++, n++) {
        const kind = EVENT_KINDS[(n * 3 + k) % EVENT_KINDS.length]!;
        const county = counties[(n + k) % Math.max(1, counties.length)] ?? city;
        const standing = STANDING[n % STANDING.length]!;
        // Late ones are older: every third event started long enough ago for its current step to be overdue.
        const stepMinutes = n % 3 === 0 ? 240 : 25;
        const reached = standing === 'rejected' ? 1 : STEPS.indexOf(standing);
        const reportedAt = now - (reached + 1) * stepMinutes * 60_000 - (n % 7) * 60_000;
        const at = (step: number) => new Date(reportedAt + step * stepMinutes * 60_000);
        const id = crypto.randomUUID();
        const dispatched = reached >= 2 && standing !== 'rejected';
        const department = `${county.name}${DEPARTMENT[kind.category]}(示例)`;
        const last = at(reached);
        events.push({
          id,
          source: 'city',
          subPlatformId: sub.id,
          entityId: `urn:ngsi-ld:CityEvent:${sub.code}:demo-${n}`,
          regionCode: county.code,
          category: kind.category,
          severity: kind.severity,
          title: kind.title,
          description: '城市运行管理中心自动发现(示例)',
          status: standing,
          handlerRegionCode: dispatched ? county.code : null,
          handlerDepartment: dispatched ? department : null,
          stepStartedAt: last,
          deadline: deadlineFor(standing, kind.category, kind.severity, last),
          result: reached >= 3 && dispatched ? '现场已处置完毕,照片已上传(示例)' : null,
          rating: standing === 'evaluated' ? 4 + (n % 2) : null,
          reportedAt: at(0),
          closedAt: reached >= 5 && dispatched ? at(5) : null,
          isDemo: true,
          updatedAt: last,
        });
        const by: Record<EventStatus, string> = {
          reported: sub.code,
          registered: '省运行中心值班员(示例)',
          rejected: '省运行中心值班员(示例)',
          dispatched: '省运行中心值班员(示例)',
          handling: sub.code,
          fed_back: sub.code,
          closed: '省运行中心核查员(示例)',
          evaluated: '省运行中心核查员(示例)',
        };
        const taken: EventStatus[] = standing === 'rejected' ? ['reported', 'rejected'] : STEPS.slice(0, reached + 1);
        for (const [step, action] of taken.entries())
          history.push({
            eventId: id,
            action,
            at: at(step),
            actorName: by[action],
            note:
              action === 'reported'
                ? `${sub.code} 上报`
                : action === 'dispatched'
                  ? department
                  : action === 'rejected'
                    ? '重复上报,不予立案(示例)'
                    : null,
            onTime: step === 0 ? null : true,
          });
      }
    }
    if (!events.length) return;
    await ctx.platform.db.insert(cityEvent).values(events);
    await ctx.platform.db.insert(eventHistory).values(history);
  });
}

type DemoDataset = {
  code: string;
  name: string;
  cycle: UpdateCycle;
  sharing: SharingClass;
  conditions?: string;
  records: number;
  fields: [name: string, label: string, type: DatasetField['type'], personal?: boolean][];
};

/** What the demo's domain platforms offer (示例 names and figures; the classes follow common 共享 practice). */
const DOMAIN_DATASETS: Record<string, DemoDataset[]> = {
  law: [
    {
      code: 'mediation-cases',
      name: '矛盾纠纷调解案件(示例)',
      cycle: 'daily',
      sharing: 'conditional',
      conditions: '仅用于基层治理分析,不得对外公开个案(示例)',
      records: 182_340,
      fields: [
        ['case_no', '案件编号', 'string'],
        ['region_code', '区划代码', 'string'],
        ['category', '纠纷类型', 'string'],
        ['party_name', '当事人姓名', 'string', true],
        ['closed_on', '办结日期', 'date'],
      ],
    },
  ],
  police: [
    {
      code: 'traffic-flow',
      name: '主要路口车流量(示例)',
      cycle: 'hourly',
      sharing: 'unconditional',
      records: 9_640_000,
      fields: [
        ['crossing_id', '路口编号', 'string'],
        ['hour', '时段', 'datetime'],
        ['vehicles', '车流量', 'number'],
      ],
    },
    {
      code: 'household-registry',
      name: '户籍人口基础信息(示例)',
      cycle: 'daily',
      sharing: 'not_shared',
      conditions: '涉及个人信息,按规定不予共享,可申请统计结果(示例)',
      records: 101_620_000,
      fields: [
        ['id_number', '公民身份号码', 'string', true],
        ['name', '姓名', 'string', true],
        ['address', '住址', 'string', true],
      ],
    },
  ],
  health: [
    {
      code: 'fever-clinic-visits',
      name: '发热门诊就诊人次(示例)',
      cycle: 'daily',
      sharing: 'conditional',
      conditions: '用于公共卫生监测预警,按县区汇总使用(示例)',
      records: 54_210,
      fields: [
        ['clinic_id', '门诊编号', 'string'],
        ['date', '日期', 'date'],
        ['visits', '就诊人次', 'number'],
      ],
    },
    {
      code: 'medical-institutions',
      name: '医疗机构名录(示例)',
      cycle: 'monthly',
      sharing: 'unconditional',
      records: 86_412,
      fields: [
        ['org_code', '统一社会信用代码', 'string'],
        ['name', '机构名称', 'string'],
        ['level', '等级', 'string'],
        ['location', '位置', 'geometry'],
      ],
    },
  ],
  emergency: [
    {
      code: 'hazard-sources',
      name: '重大危险源清单(示例)',
      cycle: 'quarterly',
      sharing: 'conditional',
      conditions: '仅限应急、安全监管用途,不得转交第三方(示例)',
      records: 3_126,
      fields: [
        ['source_id', '危险源编号', 'string'],
        ['enterprise', '所属企业', 'string'],
        ['grade', '等级', 'string'],
        ['location', '位置', 'geometry'],
      ],
    },
    {
      code: 'shelters',
      name: '应急避难场所(示例)',
      cycle: 'yearly',
      sharing: 'unconditional',
      records: 4_870,
      fields: [
        ['shelter_id', '场所编号', 'string'],
        ['name', '名称', 'string'],
        ['capacity', '容纳人数', 'number'],
        ['location', '位置', 'geometry'],
      ],
    },
  ],
};

/** Every demo city brain offers its vital signs without conditions, and its parking data on conditions. */
const CITY_DATASETS: DemoDataset[] = [
  {
    code: 'city-vital-signs',
    name: '城市运行体征指标(示例)',
    cycle: 'realtime',
    sharing: 'unconditional',
    records: 0,
    fields: [
      ['indicator', '指标', 'string'],
      ['value', '数值', 'number'],
      ['observed_at', '观测时间', 'datetime'],
    ],
  },
  {
    code: 'parking-berths',
    name: '公共停车泊位实时状态(示例)',
    cycle: 'realtime',
    sharing: 'conditional',
    conditions: '用于交通诱导和规划研究(示例)',
    records: 0,
    fields: [
      ['lot_id', '停车场编号', 'string'],
      ['free', '空余泊位', 'number'],
      ['plate', '在场车牌', 'string', true],
    ],
  },
];

/** The catalogue's demo entries (示例), one multi-row insert. */
export async function seedCityBrainDemoCatalogue(
  ctx: DemoContext,
  s: { registry: RegistryService; catalogue: CatalogueService },
  regions: RegionsService,
): Promise<void> {
  await ctx.once('city-brain.catalogue.v1', async () => {
    const subs = (await s.registry.repo.all(await regions.subtree(ctx.platform.config.provinceCode))).filter(
      (r) => r.isDemo,
    );
    const now = ctx.platform.clock.now();
    const rows = subs.flatMap((sp, i) =>
      (sp.kind === 'city_brain' ? CITY_DATASETS : (DOMAIN_DATASETS[sp.code] ?? [])).map((d) => ({
        id: crypto.randomUUID(),
        subPlatformId: sp.id,
        code: d.code,
        name: d.name,
        description: `${sp.ownerUnit}提供(示例)`,
        fields: d.fields.map(([name, label, type, personal]) => ({ name, label, type, personal: !!personal })),
        updateCycle: d.cycle,
        sharingClass: d.sharing,
        sharingConditions: d.conditions ?? '',
        version: `2026.${11 - (i % 3)}`,
        records: d.records || 20_000 + i * 1_517,
        lastUpdatedAt: new Date(now.getTime() - (i % 5) * 3_600_000),
        isDemo: true,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await s.catalogue.repo.insertMany(rows);
  });
}

/**
 * Requests and uses on the demo catalogue (示例): a few asks waiting for the province's approver, some granted (and
 * used since), one refused, and uses of unconditional data — so the pages show each step of the flow. The requesters
 * are made-up units (no accounts), so any demo approver may decide what is pending.
 */
const DEMO_REQUESTS: {
  dataset: string;
  owner: string;
  unit: string;
  person: string;
  purpose: string;
  fields: string[];
  status: 'pending' | 'approved' | 'rejected';
  note?: string;
  uses?: string[];
}[] = [
  {
    dataset: 'fever-clinic-visits',
    owner: 'health',
    unit: '青岛市卫生健康委员会(示例)',
    person: '李工(示例)',
    purpose: '流感季发热门诊就诊趋势监测,按县区汇总(示例)',
    fields: ['date', 'visits'],
    status: 'pending',
  },
  {
    dataset: 'hazard-sources',
    owner: 'emergency',
    unit: '济宁市应急管理局(示例)',
    person: '赵科长(示例)',
    purpose: '汛期重大危险源周边隐患排查(示例)',
    fields: [],
    status: 'pending',
  },
  {
    dataset: 'hazard-sources',
    owner: 'emergency',
    unit: '烟台市城市大脑运营中心(示例)',
    person: '孙工(示例)',
    purpose: '城市运行一网统管安全生产专题(示例)',
    fields: ['source_id', 'grade', 'location'],
    status: 'approved',
    note: '限于专题展示,不得下载明细(示例)',
    uses: ['安全生产专题图层更新(示例)', '季度风险研判会材料(示例)'],
  },
  {
    dataset: 'mediation-cases',
    owner: 'law',
    unit: '某区网格化服务中心(示例)',
    person: '周工(示例)',
    purpose: '对外发布典型案例(示例)',
    fields: ['case_no', 'party_name'],
    status: 'rejected',
    note: '用途与共享条件不符:不得对外公开个案(示例)',
  },
];
const DEMO_FREE_USES: { dataset: string; owner: string; who: string; purpose: string }[] = [
  {
    dataset: 'traffic-flow',
    owner: 'police',
    who: '济南市交通运输局 王工(示例)',
    purpose: '早晚高峰信号配时优化(示例)',
  },
  { dataset: 'shelters', owner: 'emergency', who: '潍坊市应急管理局 刘工(示例)', purpose: '避难场所覆盖分析(示例)' },
  {
    dataset: 'medical-institutions',
    owner: 'health',
    who: '省医保局 陈工(示例)',
    purpose: '定点医疗机构地图(示例)',
  },
];

export async function seedCityBrainDemoRequests(
  ctx: DemoContext,
  s: { registry: RegistryService; catalogue: CatalogueService },
  regions: RegionsService,
): Promise<void> {
  await ctx.once('city-brain.catalogue-requests.v1', async () => {
    const subs = (await s.registry.repo.all(await regions.subtree(ctx.platform.config.provinceCode))).filter(
      (r) => r.isDemo && r.kind === 'domain',
    );
    if (!subs.length) return;
    const rows = await ctx.platform.db
      .select()
      .from(dataset)
      .where(
        inArray(
          dataset.subPlatformId,
          subs.map((r) => r.id),
        ),
      );
    const find = (owner: string, code: string) => {
      const sp = subs.find((r) => r.code === owner);
      return rows.find((d) => d.subPlatformId === sp?.id && d.code === code);
    };
    const now = ctx.platform.clock.now().getTime();
    const hours = (h: number) => new Date(now - h * 3_600_000);
    for (const [i, r] of DEMO_REQUESTS.entries()) {
      const d = find(r.owner, r.dataset);
      if (!d) continue;
      const id = crypto.randomUUID();
      const asked = hours(72 - i * 10);
      await s.catalogue.repo.insertRequest({
        id,
        datasetId: d.id,
        requesterUserId: crypto.randomUUID(),
        requesterName: r.person,
        unit: r.unit,
        purpose: r.purpose,
        fields: r.fields,
        until: new Date(now + 180 * 86_400_000),
        status: r.status,
        ...(r.status !== 'pending' && {
          decidedBy: '省级审核人(示例)',
          decidedAt: new Date(asked.getTime() + 5 * 3_600_000),
          decisionNote: r.note ?? null,
        }),
        createdAt: asked,
      });
      for (const [k, purpose] of (r.uses ?? []).entries())
        await s.catalogue.repo.insertUse({
          datasetId: d.id,
          requestId: id,
          userName: `${r.unit.replace('(示例)', '')} ${r.person}`,
          purpose,
          fields: r.fields.length ? r.fields : d.fields.map((f) => f.name),
          version: d.version,
          at: hours(40 - k * 20),
        });
    }
    for (const [k, u] of DEMO_FREE_USES.entries()) {
      const d = find(u.owner, u.dataset);
      if (!d) continue;
      await s.catalogue.repo.insertUse({
        datasetId: d.id,
        requestId: null,
        userName: u.who,
        purpose: u.purpose,
        fields: d.fields.map((f) => f.name),
        version: d.version,
        at: hours(30 - k * 7),
      });
    }
  });
}
