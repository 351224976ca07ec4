import crypto from 'node:crypto';
import type { Region } from '@zhicheng/contracts';
import { systemContext } from '../../platform/authorization/index.ts';
import { maskPhone } from '../../platform/crypto/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import { SeededRandom } from '../../platform/random.ts';
import type { RegionsService } from '../regions/index.ts';
import { DEMO_DEFINITION, simulatedAnswers } from './demo-data.ts';
import type { ParticipationServices } from './participation.routes.ts';
import type { NewResponse } from './participation.tables.ts';

/** Urban districts have 区 in their names; the rest are treated as rural for the simulation. */
const isRural = (name: string) => !name.endsWith('区');

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '杰'];
const JOBS = [
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
const BANDS = ['18-29', '30-44', '45-59', '60+'] as const;

/**
 * The demo (示例), relative to the platform clock: last year's 问需于民 campaign of the province (closed) and this
 * year's (open, answers over the last three months), with simulated answers in every county, the first city's
 * localised survey and 你提我办 items, the supervisor pool with a scored and an open task, and the demo supervisor
 * account. Places are the province's first city and its first two counties (济南市, 历下区 and 市中区 in Shandong),
 * so the same data comes out on every start of the same year.
 */
export async function seedParticipationDemo(
  ctx: DemoContext,
  services: ParticipationServices,
  regions: RegionsService,
): Promise<void> {
  const { platform } = ctx;
  const { campaigns, responses, actions, supervisors, tasks } = services;
  const sys = systemContext('demo.participation');
  const province = platform.config.provinceCode;
  const now = platform.clock.now();
  // The year in China time; this year's campaign stays open so a visitor can answer it, last year's is closed (its
  // contacts purged after retention).
  const Y = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const day = 86_400_000;
  await ctx.once('participation.v1', async () => {
    const counties = await regions.list({ level: 'county' });
    const cities = await regions.list({ parent: province, level: 'city' });
    const city = cities[0]!;
    const [c1, c2] = counties.filter((c) => c.parentCode === city.code) as [Region, Region];
    const inCity = (code: string, c: Region = city) => code.startsWith(c.code.slice(0, 4));
    const rng = SeededRandom.fromString('demo-participation-2024');

    for (const year of [Y - 1, Y]) {
      const current = year === Y;
      const campaign = await campaigns.createCampaign(
        sys,
        {
          title: `${year}年“问需于民”智慧城市建设需求征集(示例)`,
          year,
          regionCode: province,
          closesAt: current ? undefined : `${year}-12-31T23:59:59+08:00`,
          retentionDays: 180,
        },
        { demo: true },
      );
      const tpl = await campaigns.createSurvey(sys, campaign.id, {
        regionCode: province,
        title: `${year}年智慧城市群众需求问卷(示例)`,
        description: '您的意见将用于确定下一年度智慧城市建设重点。本问卷为演示数据。',
        consentVersion: 'v1',
        consentText: '您的回答仅用于改进公共服务;联系方式可不填,填写后加密保存,活动结束180天后删除。',
        verifiedOnly: false,
        definition: DEMO_DEFINITION,
      });
      await campaigns.publishSurvey(sys, tpl.id);
      let local: string | null = null;
      if (!current) await campaigns.updateCampaign(sys, campaign.id, { status: 'closed' });
      if (current) {
        const s = await campaigns.createSurvey(sys, campaign.id, {
          regionCode: city.code,
          baseSurveyId: tpl.id,
          title: `${year}年${city.name}智慧城市需求问卷(示例)`,
          description: `${city.name}在省级问卷基础上增加了本市题目。`,
          consentVersion: 'v1',
          consentText: tpl.consentText,
          verifiedOnly: false,
          definition: {
            pages: [
              ...DEMO_DEFINITION.pages,
              {
                id: 'p3',
                title: `${city.name.replace(/市$/, '')}特色`,
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
        await campaigns.publishSurvey(sys, s.id);
        local = s.id;
      }
      const rows: NewResponse[] = [];
      // Last year's answers came in June to August; this year's over the three months before the clock.
      const start = current
        ? Math.max(new Date(`${year}-01-01T08:00:00+08:00`).getTime(), now.getTime() - 90 * day)
        : new Date(`${year}-06-01T08:00:00+08:00`).getTime();
      const span = current ? Math.max(day, now.getTime() - start - 3600_000) : 90 * day;
      for (const c of counties) {
        const n = current ? rng.int(25, 45) : rng.int(8, 15);
        const rural = isRural(c.name);
        for (let i = 0; i < n; i++) {
          const localSurvey = inCity(c.code) ? local : null;
          const answers = simulatedAnswers(rng, c.code, rural);
          if (localSurvey && rng.next() < 0.5) answers.push({ questionId: 'jnApp', value: rng.pick(['yes', 'no']) });
          const offline = rng.next() < 0.15;
          const phone = rng.next() < 0.1 ? `1380000${String(rng.int(0, 9999)).padStart(4, '0')}` : null;
          rows.push({
            id: crypto.randomUUID(),
            surveyId: localSurvey ?? tpl.id,
            campaignId: campaign.id,
            regionCode: c.code,
            channel: offline ? 'offline' : 'online',
            verified: false,
            consentVersion: 'v1',
            phoneEnc: phone ? platform.protector.encrypt(phone) : null,
            phoneMasked: phone ? maskPhone(phone) : null,
            answers,
            submittedAt: new Date(start + Math.floor(rng.next() * span)),
            paperRef: offline ? `DEMO-${c.code}-${i}` : null,
            isDemo: true,
          });
        }
      }
      await responses.loadDemo(rows);

      if (current) {
        const items = [
          {
            regionCode: c1.code,
            department: `${c1.name}住房和城乡建设局`,
            title: '老旧小区新增智慧停车泊位 1,200 个(示例)',
            topicLabel: '停车位·小区',
            demandCount: 86,
            deadline: `${year}-12-31`,
            status: 'in_progress' as const,
            note: '已完成 3 个片区选址,2 处立体停车场开工。',
          },
          {
            regionCode: c2.code,
            department: `${c2.name}卫生健康局`,
            title: '社区医院推广线上预约挂号(示例)',
            topicLabel: '挂号·医院',
            demandCount: 41,
            deadline: `${year}-10-31`,
            status: 'done' as const,
            note: '辖区 12 家社区卫生服务中心已接入线上预约。',
          },
          {
            regionCode: city.code,
            department: `${city.name}大数据局`,
            title: '“爱山东”App 新增 30 项高频事项全程网办(示例)',
            topicLabel: '一网通办·窗口',
            demandCount: 120,
            deadline: `${year + 1}-03-31`,
            status: 'planned' as const,
            note: '',
          },
        ];
        for (const { status, note, ...it } of items) {
          const a = await actions.createAction(sys, campaign.id, it).catch(() => null);
          if (a && (status !== 'planned' || note))
            await actions.updateAction(sys, a.id, { status, progressNote: note }).catch(() => null);
        }
      }
    }

    // The supervisor pool: approved members across the province, a few applications waiting.
    const secondCity = cities[1] ?? city;
    const pool = counties.filter((c, i) => inCity(c.code) || inCity(c.code, secondCity) || i % 4 === 0);
    let k = 0;
    for (const c of pool) {
      for (let i = 0; i < (inCity(c.code) ? 6 : 2); i++) {
        const job = rng.pick(JOBS);
        await supervisors.apply(
          sys,
          {
            name: `${rng.pick([...SURNAMES])}${rng.pick(GIVEN)}${rng.pick(['', '华', '明', '丽'])}`,
            phone: `1390000${String(k++).padStart(4, '0')}`,
            regionCode: c.code,
            occupation: job,
            ageBand: rng.pick(BANDS),
            gender: rng.pick(['female', 'male'] as const),
            media: job === '记者',
            statement: '(示例)愿意参与智慧城市建设成效监督。',
          },
          {
            demo: true,
            status: i === 0 && k % 5 === 0 ? 'applied' : 'approved',
            termStart: `${Y}-01-01`,
            termEnd: `${Y + 2}-12-31`,
          },
        );
      }
    }
    // The demo supervisor account, on the pool of the first county.
    const me = await supervisors.apply(
      sys,
      {
        name: '示例监督员',
        phone: '13900009999',
        regionCode: c1.code,
        occupation: '社区工作者',
        ageBand: '30-44',
        gender: 'female',
        media: false,
        statement: '(示例)',
      },
      { demo: true, status: 'approved', termStart: `${Y}-01-01`, termEnd: `${Y + 2}-12-31` },
    );
    const userId = await ctx.demoUser({
      username: 'supervisor.lixia',
      displayName: '市民监督员(示例)',
      role: 'citizen_supervisor',
      regionCode: c1.code,
      organisation: { name: `市民监督员(${c1.name})`, kind: 'public' },
    });
    await supervisors.linkDemoAccount(me.id, userId, 'supervisor.lixia');

    // A scored task with a panel (one member far from the rest), and an open one for the demo supervisor.
    const scored = await tasks
      .createTask(sys, {
        title: `${city.name}政务服务中心“一窗通办”体验评分(示例)`,
        kind: 'service',
        regionCode: city.code,
        year: Y,
        description: '到政务服务大厅办理一项业务,按流程便利度打分(0–100)。',
        panelSize: 8,
        quotas: { byGender: { female: 4, male: 4 } },
      })
      .catch(() => null);
    const drawn = scored && (await tasks.draw(sys, scored.id, Y * 10_000 + 601).catch(() => null));
    if (drawn) {
      for (const [i, m] of drawn.members.entries()) {
        const score = i === drawn.members.length - 1 ? 35 : Math.round(rng.normal(82, 4));
        await tasks.recordDemoScore(drawn.id, m.supervisorId, score, new Date(now.getTime() - 14 * day));
      }
    }
    const open = await tasks
      .createTask(sys, {
        title: `${c1.name}“智慧停车”指标现场核验(示例)`,
        kind: 'indicator_verification',
        regionCode: c1.code,
        year: Y,
        indicatorCode: 'DB37-C-2.3',
        description: '核验申报的智慧停车泊位是否接入平台,拍照留证。',
        panelSize: 3,
        quotas: {},
      })
      .catch(() => null);
    // The demo supervisor is seated by hand so the demo account always has a task.
    if (open) await tasks.seatDemoPanel(open.id, me.id, 2, new Date(now.getTime() - 3 * day));
  });
  ctx.print(
    `demo participation: ${Y - 1} and ${Y} 问需于民 campaigns (示例), public answer page /s/<surveyId>, supervisor account supervisor.lixia`,
  );
}
