import crypto from 'node:crypto';
import type { ExpertField } from '@zhicheng/contracts/directory';
import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import type { CentresRepository } from './centres.repository.ts';
import { SeededRandom } from '../../platform/random.ts';
import type { DirectoryServices } from './services.ts';

/** Made-up experts (示例): names, units and numbers are invented; the cities are Shandong's. */
const CITIES = [
  ['370100', '济南'],
  ['370200', '青岛'],
  ['370300', '淄博'],
  ['370600', '烟台'],
  ['370700', '潍坊'],
  ['370800', '济宁'],
  ['371000', '威海'],
  ['371300', '临沂'],
] as const;
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马胡朱郭何罗高林';
const GIVEN = ['建国', '海燕', '志强', '晓东', '丽华', '文博', '思远', '明轩', '雅琴', '宏伟', '子涵', '立新'];
const FIELDS: ExpertField[] = [
  'smart-city-planning',
  'data-governance',
  'network-security',
  'ai',
  'compute',
  'e-government',
  'digital-economy',
  'smart-community',
  'science-popularisation',
  'finance-audit',
];
const UNITS = ['大学信息学院', '市大数据中心', '信息技术研究院', '软件股份有限公司', '会计师事务所'];

/** Demo data (示例), made once and deterministically; never shown as official. */
export async function seedDirectoryDemo(ctx: DemoContext, s: DirectoryServices): Promise<void> {
  await ctx.demoUser({
    username: 'keeper.province',
    displayName: '名录库管理员(示例)',
    role: 'directory_keeper',
    regionCode: ctx.platform.config.provinceCode,
    organisation: { name: '省大数据局名录库管理组(示例)', kind: 'bureau' },
  });
  // The same expert accounts the assessment demo uses: the library is where its draws find them.
  const org = (name: string) => ({ name, kind: 'expert_unit' as const });
  const accounts = [
    ['expert.qingdao', '青岛专家(示例)', '370200', '青岛市智慧城市专家组(示例)'],
    ['expert.yantai', '烟台专家(示例)', '370600', '烟台市智慧城市专家组(示例)'],
    ['expert.jinan', '济南专家(示例,回避济南)', '370100', '济南市智慧城市专家组(示例)'],
  ] as const;
  const accountIds: string[] = [];
  for (const [username, displayName, regionCode, unit] of accounts)
    accountIds.push(await ctx.demoUser({ username, displayName, role: 'expert', regionCode, organisation: org(unit) }));

  await ctx.once('directory.v1', async () => {
    const sys = systemContext('demo.directory');
    const rng = SeededRandom.fromString('demo-directory');
    for (const [k, [, displayName, regionCode, unit]] of accounts.entries())
      await s.experts.enrol(
        sys,
        {
          name: displayName,
          title: 'senior',
          fields: ['smart-city-planning', 'data-governance', 'e-government'],
          unitName: unit,
          regionCode,
          phone: `1390000000${k}`,
          userId: accountIds[k],
          relations: [],
        },
        true,
      );
    for (let i = 0; i < 48; i++) {
      const [regionCode, city] = CITIES[i % CITIES.length]!;
      const name = `${SURNAMES[rng.int(0, SURNAMES.length - 1)]}${GIVEN[rng.int(0, GIVEN.length - 1)]}(示例)`;
      const fields = [...new Set([FIELDS[i % FIELDS.length]!, rng.pick(FIELDS), rng.pick(FIELDS)])].slice(0, 3);
      const unitName = `${city}${UNITS[rng.int(0, UNITS.length - 1)]}(示例)`;
      const relations =
        i % 6 === 0
          ? [{ kind: 'consulting' as const, partyName: `${city}智慧城市建设有限公司(示例)`, startedOn: '2023-03-01' }]
          : i % 6 === 3
            ? [
                {
                  kind: 'employment' as const,
                  partyName: `${city}市大数据局(示例)`,
                  startedOn: '2015-01-01',
                  endedOn: i % 12 === 3 ? '2020-06-30' : '2024-06-30',
                },
              ]
            : [];
      await s.experts.enrol(
        sys,
        {
          name,
          title: (['senior', 'associate-senior', 'intermediate'] as const)[i % 3]!,
          fields,
          unitName,
          regionCode,
          phone: `138${String(10000000 + i * 7919).slice(0, 8)}`,
          email: `expert${i + 1}@example.org`,
          available: i % 11 !== 5,
          relations,
        },
        true,
      );
    }
    ctx.print('directory: 51 demo experts (示例) in the library; keeper account keeper.province');
  });

  await ctx.once('directory.orgs.v1', async () => {
    const sys = systemContext('demo.directory');
    const rng = SeededRandom.fromString('demo-directory-orgs');
    const today = ctx.platform.clock.now();
    const daysAgo = (n: number) => new Date(today.getTime() - n * 86_400_000).toISOString().slice(0, 10);
    const teams = ['智慧城市规划设计', '城市大脑集成', '数据治理咨询', '政务云运维', '物联感知建设', '网络安全测评'];
    const services = [
      '智慧社区平台',
      '智能快递柜',
      '适老化改造',
      '社区食堂数字化',
      '智慧停车',
      '电动车智能充电',
      '社区安防监控',
      '一键呼叫服务',
    ];
    let n = 0;
    for (const [i, [regionCode, city]] of CITIES.entries()) {
      for (const kind of ['project_team', 'provider'] as const) {
        n++;
        const label = kind === 'project_team' ? teams[i % teams.length]! : services[i % services.length]!;
        const id = await s.orgs.insert(
          sys,
          {
            kind,
            name: `${city}${label}${kind === 'project_team' ? '团队' : '服务'}有限公司(示例)`,
            creditCode: `91${regionCode}MA3C${String(n).padStart(6, '0')}`,
            regionCode,
            contactName: `${SURNAMES[rng.int(0, SURNAMES.length - 1)]}经理(示例)`,
            phone: `136${String(20000000 + n * 104729).slice(0, 8)}`,
            services: kind === 'project_team' ? [label] : [label, services[(i + 3) % services.length]!],
            qualifications:
              kind === 'project_team'
                ? [
                    {
                      name: '信息系统建设和服务能力等级',
                      level: ['CS2', 'CS3', 'CS4'][i % 3]!,
                      validUntil: '2027-12-31',
                    },
                  ]
                : [{ name: 'ISO 9001 质量管理体系认证', validUntil: '2026-06-30' }],
          },
          true,
        );
        for (let k = 0; k < 1 + (i % 3); k++)
          await s.orgs.repo.insertDelivery({
            id: crypto.randomUUID(),
            orgId: id,
            title: `${city}${label}项目 ${2023 + k}(示例)`,
            kind: kind === 'project_team' ? 'project' : 'facility',
            regionCode,
            year: 2023 + k,
            rating: rng.int(2, 5),
            note: null,
            createdAt: today,
          });
        // One provider under a dishonesty record in force, one whose record lapsed: the list shows both states.
        if (n === 4 || n === 10)
          await s.orgs.repo.insertDishonesty({
            id: crypto.randomUUID(),
            orgId: id,
            reason: n === 4 ? '拒不履行合同约定的运维义务(示例)' : '逾期未报送服务数据(示例)',
            source: '信用中国(山东)公示(示例)',
            listedOn: daysAgo(n === 4 ? 40 : 500),
            until: n === 4 ? null : daysAgo(100),
            liftedAt: null,
            liftReason: null,
            createdAt: today,
          });
      }
    }
    await ctx.platform.audit.record(ctx.platform.db, sys, {
      action: 'directory.org.seed_demo',
      objectType: 'directory.org',
      after: { organisations: n },
    });
    ctx.print('directory: 16 demo project teams and providers (示例), one under a dishonesty record');
  });
  await ctx.once('directory.centres.v1', () => seedCentres(ctx, s.centres.repo));
}

/** The ten certified centres so far (names and details 示例, the cities Shandong's), and the new round open. */
const CENTRE_CITIES = [
  ['370100', '济南', 117.0, 36.67],
  ['370200', '青岛', 120.38, 36.07],
  ['370300', '淄博', 118.05, 36.81],
  ['370400', '枣庄', 117.32, 34.81],
  ['370500', '东营', 118.67, 37.43],
  ['370600', '烟台', 121.45, 37.46],
  ['370700', '潍坊', 119.16, 36.71],
  ['370800', '济宁', 116.59, 35.41],
  ['370900', '泰安', 117.09, 36.2],
  ['371000', '威海', 122.12, 37.51],
] as const;

export async function seedCentres(
  ctx: Pick<DemoContext, 'platform' | 'print'>,
  repo: CentresRepository,
): Promise<void> {
  const { platform } = ctx;
  const now = platform.clock.now();
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  const rng = SeededRandom.fromString('demo-directory-centres');
  const certified = crypto.randomUUID();
  const open = crypto.randomUUID();
  const inDays = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  await platform.db.transaction(async (tx) => {
    await repo.insertRounds([
      {
        id: certified,
        year: year - 1,
        kind: 'exhibition',
        title: `${year - 1}年度山东省科普展示中心遴选(示例)`,
        applyUntil: `${year - 1}-09-30`,
        expertsPerApplication: 3,
        isDemo: true,
        createdAt: now,
      },
      {
        id: open,
        year,
        kind: 'experience',
        title: `${year}年度山东省科普体验中心遴选(示例)`,
        applyUntil: inDays(60),
        expertsPerApplication: 3,
        isDemo: true,
        createdAt: now,
      },
    ]);
    const apps = [];
    for (const [k, [regionCode, city, lng, lat]] of CENTRE_CITIES.entries())
      apps.push({
        id: crypto.randomUUID(),
        roundId: certified,
        name: `${city}新型智慧城市科普展示中心(示例)`,
        regionCode,
        address: `${city}市数字经济产业园${k + 1}号楼(示例)`,
        lng,
        lat,
        operatorUnit: `${city}市大数据中心(示例)`,
        operatorCreditCode: null,
        areaSqm: 800 + rng.int(0, 12) * 100,
        hours: { days: k % 3 === 0 ? [2, 3, 4, 5, 6, 7] : [1, 2, 3, 4, 5, 6], opens: '09:00', closes: '17:00' },
        slotCapacity: 40 + 10 * (k % 4),
        description: `展示${city}城市大脑、智慧社区、数字政府等新型智慧城市建设成果,设互动体验区与青少年科普课堂(示例)。`,
        contactName: `${city}联络员(示例)`,
        contactPhoneSealed: platform.protector.encrypt(`1370000${String(1000 + k)}`),
        contactPhoneMasked: `137****${String(1000 + k)}`,
        status: 'approved' as const,
        drawId: null,
        decisionReason: '专家评审通过,省级认定(示例)',
        decidedAt: now,
        certificateNo: `KPZS-${year - 1}-${String(await repo.nextCertificate()).padStart(3, '0')}`,
        certifiedOn: `${year - 1}-12-${String(10 + k).padStart(2, '0')}`,
        isDemo: true,
        createdAt: now,
      });
    await repo.insertApplications(apps);
    // Quarters already over this year.
    const quarters = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
    await repo.insertReports(
      apps.flatMap((a) =>
        Array.from({ length: quarters }, (_, q) => ({
          centreId: a.id,
          year,
          quarter: q + 1,
          visitors: 1500 + rng.int(0, 60) * 100,
          events: 4 + rng.int(0, 12),
          note: '示例数据',
          reportedAt: now,
        })),
      ),
    );
    await platform.audit.record(tx, systemContext('demo.directory'), {
      action: 'directory.centre.seed_demo',
      objectType: 'directory.centre-round',
      objectId: certified,
      after: { certified: apps.length, openRound: open },
    });
  });
  ctx.print('directory: 10 certified 科普展示中心 (示例) on the public map /centres; a 科普体验中心 round open');
}
