import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Answer, SurveyDefinition } from '@zhicheng/contracts';
import { maskPhone } from '../../platform/crypto/index.ts';
import { queryRows } from '../../platform/database/index.ts';
import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import { insertResponsesBulk, linkSupervisorUser } from './participation.repository.ts';
import type { ParticipationService } from './participation.service.ts';
import type { SupervisorsService } from './supervisors.service.ts';

/** The province template of the demo campaign; also used by tests and benchmarks. */
export const DEMO_DEFINITION: SurveyDefinition = {
  pages: [
    {
      id: 'p1',
      title: '基本情况',
      questions: [
        { id: 'region', type: 'region', title: '您所在的县(市、区)', required: true, mandatory: true },
        {
          id: 'age',
          type: 'single',
          title: '您的年龄段',
          required: true,
          mandatory: true,
          options: [
            { id: 'a1', label: '18–29岁' },
            { id: 'a2', label: '30–44岁' },
            { id: 'a3', label: '45–59岁' },
            { id: 'a4', label: '60岁及以上' },
          ],
        },
        {
          id: 'useApp',
          type: 'single',
          title: '您是否使用过“爱山东”等政务服务App',
          required: true,
          mandatory: true,
          options: [
            { id: 'yes', label: '使用过' },
            { id: 'no', label: '没有使用过' },
          ],
        },
        {
          id: 'appSat',
          type: 'rating',
          title: '您对政务服务App的满意度',
          required: true,
          mandatory: true,
          scale: 5,
          showIf: { questionId: 'useApp', anyOf: ['yes'] },
        },
      ],
    },
    {
      id: 'p2',
      title: '需求与评价',
      questions: [
        {
          id: 'fields',
          type: 'multiple',
          title: '您最希望优先建设的智慧应用领域(最多选3项)',
          required: true,
          mandatory: true,
          maxChoices: 3,
          options: [
            { id: 'traffic', label: '交通出行' },
            { id: 'health', label: '医疗健康' },
            { id: 'edu', label: '教育' },
            { id: 'elder', label: '养老服务' },
            { id: 'community', label: '社区服务' },
            { id: 'gov', label: '政务服务' },
            { id: 'env', label: '生态环境' },
          ],
        },
        {
          id: 'matrix',
          type: 'matrix',
          title: '请评价以下方面',
          required: false,
          mandatory: false,
          rows: [
            { id: 'net', label: '网络覆盖' },
            { id: 'affairs', label: '办事便利' },
            { id: 'transit', label: '出行信息' },
          ],
          options: [
            { id: 'good', label: '满意' },
            { id: 'ok', label: '一般' },
            { id: 'bad', label: '不满意' },
          ],
        },
        {
          id: 'weekly',
          type: 'number',
          title: '您每周用手机办事大约几次',
          required: false,
          mandatory: false,
          min: 0,
          max: 100,
        },
        {
          id: 'demand',
          type: 'text',
          title: '您对智慧城市建设最迫切的需求是什么?',
          required: false,
          mandatory: true,
          maxLength: 500,
          demand: true,
        },
      ],
    },
  ],
};

/** Demand phrases by topic; rural counties weigh network and elderly care more, cities parking and transit. */
const DEMANDS: Record<string, string[]> = {
  parking: [
    '小区停车位太少,晚上回家找不到车位',
    '老旧小区停车难,希望建设立体停车场',
    '希望推广智慧停车,手机能查到空余车位',
    '医院周边停车难,停车位严重不足',
    '路边停车收费不透明,希望统一智慧停车平台',
  ],
  charging: [
    '小区没有充电桩,电动汽车充电难',
    '希望在小区和停车场多安装新能源充电桩',
    '电动自行车充电不方便,楼道充电有安全隐患',
  ],
  elder: [
    '老年人不会用智能手机,希望保留人工窗口',
    '社区养老服务中心太少,老人就餐不方便',
    '希望推广独居老人智能手环和紧急呼叫',
    '适老化改造不够,老人用手机挂号太难',
  ],
  health: [
    '医院挂号排队时间长,希望推广线上预约挂号',
    '社区医院医生少,看病难',
    '希望检查结果互认,不用重复检查',
    '电子健康卡在不同医院不能通用',
  ],
  transit: [
    '公交车到站时间不准,希望实时公交查询',
    '早晚高峰道路拥堵,希望优化红绿灯配时',
    '乡镇到县城的公交班次太少',
    '希望地铁和公交换乘更方便',
  ],
  gov: [
    '办事还要跑好几个窗口,希望一网通办',
    '爱山东App有些事项办不了,还得去大厅',
    '希望不动产登记和社保业务网上全程办理',
    '政务服务热线经常打不通',
  ],
  network: ['农村5G信号差,宽带网速慢', '村里网络不稳定,直播卖货经常卡', '希望山区实现4G和5G信号全覆盖'],
  edu: [
    '学校周边交通拥堵,接送孩子难',
    '希望中小学智慧课堂普及,城乡共享优质课程',
    '课后托管服务信息不透明,希望网上报名',
  ],
  env: ['垃圾分类投放点少,希望推广智能回收箱', '河道污染希望实时监测并公开数据', '噪音扰民投诉处理慢'],
  safety: ['小区监控摄像头老旧,希望建设智慧安防', '老旧小区消防通道被占用,希望智能监测', '夜间路灯不亮,出行不安全'],
};
const TOPIC_KEYS = Object.keys(DEMANDS);
const PREFIX = ['', '', '', '建议', '希望', '强烈建议'];
const SUFFIX = ['', '', '', '。', ',谢谢!', ',希望尽快解决。', ',这个问题存在很久了。'];

/** One simulated free-text demand; `rural` shifts the mix. */
export function simulatedDemand(rng: SeededRandom, rural: boolean): string {
  const weights = TOPIC_KEYS.map((k) =>
    rural
      ? (({ network: 4, elder: 3, transit: 2, health: 2 } as Record<string, number>)[k] ?? 1)
      : (({ parking: 4, charging: 2, transit: 2, gov: 2 } as Record<string, number>)[k] ?? 1),
  );
  let x = rng.next() * weights.reduce((a, b) => a + b, 0);
  let key = TOPIC_KEYS[0]!;
  for (let i = 0; i < TOPIC_KEYS.length; i++) {
    x -= weights[i]!;
    if (x <= 0) {
      key = TOPIC_KEYS[i]!;
      break;
    }
  }
  return `${rng.pick(PREFIX)}${rng.pick(DEMANDS[key]!)}${rng.pick(SUFFIX)}`;
}

/** A whole simulated response to DEMO_DEFINITION in a county. */
export function simulatedAnswers(rng: SeededRandom, county: string, rural: boolean, withText = true): Answer[] {
  const useApp = rng.next() < (rural ? 0.55 : 0.8) ? 'yes' : 'no';
  const answers: Answer[] = [
    { questionId: 'region', value: county },
    { questionId: 'age', value: rng.pick(['a1', 'a2', 'a2', 'a3', 'a3', 'a4']) },
    { questionId: 'useApp', value: useApp },
  ];
  if (useApp === 'yes')
    answers.push({
      questionId: 'appSat',
      value: Math.max(1, Math.min(5, Math.round(rng.normal(rural ? 3.4 : 3.9, 0.9)))),
    });
  const fields = rng.shuffle(['traffic', 'health', 'edu', 'elder', 'community', 'gov', 'env']).slice(0, rng.int(1, 3));
  answers.push({ questionId: 'fields', value: fields });
  answers.push({
    questionId: 'matrix',
    value: ['net', 'affairs', 'transit'].map(() =>
      rng.pick(rural ? ['good', 'ok', 'bad', 'bad'] : ['good', 'good', 'ok', 'bad']),
    ),
  });
  answers.push({ questionId: 'weekly', value: rng.int(0, 12) });
  if (withText && rng.next() < 0.8) answers.push({ questionId: 'demand', value: simulatedDemand(rng, rural) });
  return answers;
}

/** Urban districts of Shandong's cities have 区 in their names; the rest are treated as rural for the simulation. */
const isRural = (name: string) => !name.endsWith('区');

export async function seedParticipationDemo(
  ctx: DemoContext,
  surveys: ParticipationService,
  supervisors: SupervisorsService,
): Promise<void> {
  const { platform } = ctx;
  const sys = systemContext('demo.participation');
  // The 2024 campaign stays open so a visitor can answer it; 2023 is closed (its contacts purged after retention).
  await ctx.once('participation.v1', async () => {
    const db = platform.db;
    const counties = await queryRows<{ code: string; name: string }>(
      db,
      sql`SELECT code, name FROM regions.region WHERE level = 'county' ORDER BY code`,
    );
    const rng = SeededRandom.fromString('demo-participation-2024');

    for (const year of [2023, 2024]) {
      const campaign = await surveys.createCampaign(
        sys,
        {
          title: `${year}年“问需于民”智慧城市建设需求征集(示例)`,
          year,
          regionCode: '370000',
          closesAt: year === 2023 ? '2023-12-31T23:59:59+08:00' : undefined,
          retentionDays: 180,
        },
        { demo: true },
      );
      const tpl = await surveys
        .createSurvey({ ...sys }, campaign.id, {
          regionCode: '370000',
          title: `${year}年智慧城市群众需求问卷(示例)`,
          description: '您的意见将用于确定下一年度智慧城市建设重点。本问卷为演示数据。',
          consentVersion: 'v1',
          consentText: '您的回答仅用于改进公共服务;联系方式可不填,填写后加密保存,活动结束180天后删除。',
          verifiedOnly: false,
          definition: DEMO_DEFINITION,
        })
        .catch(async (e) => {
          throw e;
        });
      await surveys.publishSurvey(sys, tpl.id);
      let jinan: string | null = null;
      if (year === 2024) {
        const local = await surveys.createSurvey(sys, campaign.id, {
          regionCode: '370100',
          baseSurveyId: tpl.id,
          title: '2024年济南市智慧城市需求问卷(示例)',
          description: '济南市在省级问卷基础上增加了本市题目。',
          consentVersion: 'v1',
          consentText: tpl.consentText,
          verifiedOnly: false,
          definition: {
            pages: [
              ...DEMO_DEFINITION.pages,
              {
                id: 'p3',
                title: '济南特色',
                questions: [
                  {
                    id: 'jnApp',
                    type: 'single',
                    title: '您是否使用过“泉城办”App',
                    required: false,
                    mandatory: false,
                    options: [
                      { id: 'yes', label: '使用过' },
                      { id: 'no', label: '没有' },
                    ],
                  },
                ],
              },
            ],
          },
        });
        await surveys.publishSurvey(sys, local.id);
        jinan = local.id;
      }
      const rows: Parameters<typeof insertResponsesBulk>[1] = [];
      const start = new Date(`${year}-06-01T08:00:00+08:00`).getTime();
      for (const c of counties) {
        const n = year === 2024 ? rng.int(25, 45) : rng.int(8, 15);
        const rural = isRural(c.name);
        for (let i = 0; i < n; i++) {
          const inJinan = c.code.startsWith('3701') && jinan;
          const answers = simulatedAnswers(rng, c.code, rural);
          if (inJinan && rng.next() < 0.5) answers.push({ questionId: 'jnApp', value: rng.pick(['yes', 'no']) });
          const offline = rng.next() < 0.15;
          const phone = rng.next() < 0.1 ? `1380000${String(rng.int(0, 9999)).padStart(4, '0')}` : null;
          rows.push({
            id: crypto.randomUUID(),
            surveyId: inJinan ? jinan! : tpl.id,
            campaignId: campaign.id,
            regionCode: c.code,
            channel: offline ? 'offline' : 'online',
            consentVersion: 'v1',
            phoneEnc: phone ? platform.protector.encrypt(phone) : null,
            phoneMasked: phone ? maskPhone(phone) : null,
            answers,
            submittedAt: new Date(start + Math.floor(rng.next() * 90 * 86_400_000)),
            paperRef: offline ? `DEMO-${c.code}-${i}` : null,
          });
        }
      }
      await db.transaction(async (tx) => insertResponsesBulk(tx, rows));

      if (year === 2024) {
        const items = [
          {
            regionCode: '370102',
            department: '历下区住房和城乡建设局',
            title: '老旧小区新增智慧停车泊位 1,200 个(示例)',
            topicLabel: '停车位·小区',
            demandCount: 86,
            deadline: '2024-12-31',
            status: 'in_progress' as const,
            note: '已完成 3 个片区选址,2 处立体停车场开工。',
          },
          {
            regionCode: '370103',
            department: '市中区卫生健康局',
            title: '社区医院推广线上预约挂号(示例)',
            topicLabel: '挂号·医院',
            demandCount: 41,
            deadline: '2024-10-31',
            status: 'done' as const,
            note: '辖区 12 家社区卫生服务中心已接入线上预约。',
          },
          {
            regionCode: '370100',
            department: '济南市大数据局',
            title: '“爱山东”App 新增 30 项高频事项全程网办(示例)',
            topicLabel: '一网通办·窗口',
            demandCount: 120,
            deadline: '2025-03-31',
            status: 'planned' as const,
            note: '',
          },
        ];
        for (const it of items) {
          const a = await surveys
            .createAction(sys, campaign.id, {
              regionCode: it.regionCode,
              department: it.department,
              title: it.title,
              topicLabel: it.topicLabel,
              demandCount: it.demandCount,
              deadline: it.deadline,
            })
            .catch(() => null);
          if (a && (it.status !== 'planned' || it.note))
            await surveys.updateAction(sys, a.id, { status: it.status, progressNote: it.note }).catch(() => null);
        }
      }
    }

    // The supervisor pool: approved members across the province, a few applications waiting.
    const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
    const jobs = [
      '教师',
      '退休职工',
      '社区工作者',
      '个体经营者',
      '企业职员',
      '医生',
      '律师',
      '记者',
      '大学生',
      '公交司机',
      '外卖骑手',
      '农民',
    ];
    const bands = ['18-29', '30-44', '45-59', '60+'] as const;
    const pool = counties.filter((c, i) => c.code.startsWith('3701') || c.code.startsWith('3702') || i % 4 === 0);
    let k = 0;
    for (const c of pool) {
      for (let i = 0; i < (c.code.startsWith('3701') ? 6 : 2); i++) {
        const job = rng.pick(jobs);
        await supervisors.apply(
          sys,
          {
            name: `${rng.pick([...surnames])}${rng.pick(['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '杰'])}${rng.pick(['', '华', '明', '丽'])}`,
            phone: `1390000${String(k++).padStart(4, '0')}`,
            regionCode: c.code,
            occupation: job,
            ageBand: rng.pick(bands),
            gender: rng.pick(['female', 'male'] as const),
            media: job === '记者',
            statement: '(示例)愿意参与智慧城市建设成效监督。',
          },
          {
            demo: true,
            status: i === 0 && k % 5 === 0 ? 'applied' : 'approved',
            termStart: '2024-01-01',
            termEnd: '2026-12-31',
          },
        );
      }
    }
    // The demo supervisor account, on the pool in 历下区.
    const me = await supervisors.apply(
      sys,
      {
        name: '示例监督员',
        phone: '13900009999',
        regionCode: '370102',
        occupation: '社区工作者',
        ageBand: '30-44',
        gender: 'female',
        media: false,
        statement: '(示例)',
      },
      { demo: true, status: 'approved', termStart: '2024-01-01', termEnd: '2026-12-31' },
    );
    const userId = await ctx.demoUser({
      username: 'supervisor.lixia',
      displayName: '市民监督员(示例)',
      role: 'citizen_supervisor',
      regionCode: '370102',
      organisation: { name: '市民监督员(历下区)', kind: 'public' },
    });
    await linkSupervisorUser(db, me.id, userId, 'supervisor.lixia');

    // A scored task with a panel (one member far from the rest), and an open one for the demo supervisor.
    const scored = await supervisors
      .createTask(sys, {
        title: '济南市政务服务中心“一窗通办”体验评分(示例)',
        kind: 'service',
        regionCode: '370100',
        year: 2024,
        description: '到政务服务大厅办理一项业务,按流程便利度打分(0–100)。',
        panelSize: 8,
        quotas: { byGender: { female: 4, male: 4 } },
      })
      .catch(() => null);
    if (scored) {
      const t = await supervisors.draw(sys, scored.id, 20240601).catch(() => null);
      if (t) {
        for (const [i, m] of t.members.entries()) {
          const score = i === t.members.length - 1 ? 35 : Math.round(rng.normal(82, 4));
          await supervisors.repo.submitScore(db, {
            taskId: t.id,
            supervisorId: m.supervisorId,
            score,
            confirmed: null,
            comment: '(示例)',
            scoreId: crypto.randomUUID(),
            at: new Date('2024-07-15T10:00:00+08:00'),
          });
        }
      }
    }
    const open = await supervisors
      .createTask(sys, {
        title: '历下区“智慧停车”指标现场核验(示例)',
        kind: 'indicator_verification',
        regionCode: '370102',
        year: 2024,
        indicatorCode: 'DB37-C-2.3',
        description: '核验申报的智慧停车泊位是否接入平台,拍照留证。',
        panelSize: 3,
        quotas: {},
      })
      .catch(() => null);
    if (open) {
      const others = (
        await queryRows<{ id: string }>(
          db,
          sql`SELECT id FROM participation.supervisor WHERE region_code = '370102' AND status = 'approved' AND id <> ${me.id} ORDER BY id LIMIT 2`,
        )
      ).map((r) => r.id);
      // The demo supervisor is seated by hand so the demo account always has a task; the recorded pool says so.
      await supervisors.repo.recordDraw(
        db,
        open.id,
        0,
        { note: 'demo: seated by hand' },
        [me.id, ...others],
        new Date('2024-07-01T09:00:00+08:00'),
      );
    }
  });
  ctx.print(
    'demo participation: 2023 and 2024 问需于民 campaigns (示例), public answer page /s/<surveyId>, supervisor account supervisor.lixia',
  );
}
