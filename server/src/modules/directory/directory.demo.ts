import type { ExpertField } from '@zhicheng/contracts/directory';
import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
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
}
