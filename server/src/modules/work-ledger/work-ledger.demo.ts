import { systemContext } from '../../platform/authorization/index.ts';
import type { DemoContext } from '../../platform/module.ts';
import type { TasksService } from './tasks.service.ts';

/**
 * A made-up ledger (示例) for this year, dated relative to today so the board always shows every colour: tasks
 * closed, on track, due soon and overdue. The work points are worded like a bureau's; none is an official one.
 */
export async function seedWorkLedgerDemo(ctx: DemoContext, tasks: TasksService): Promise<void> {
  await ctx.once('work-ledger.v1', async () => {
    const sys = systemContext('demo.work-ledger');
    const now = ctx.platform.clock.now();
    const year = now.getUTCFullYear();
    const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const province = ctx.platform.config.provinceCode;
    const rows: [
      string,
      string,
      string,
      string,
      string,
      number,
      string,
      ('assessment.county_share_4star' | 'compute.ai_share')?,
      number?,
    ][] = [
      [
        '1.1',
        '推进新型智慧城市建设',
        '组织开展年度新型智慧城市评估(示例)',
        '省大数据局',
        province,
        -60,
        '完成16市评估并公布结果',
      ],
      [
        '1.2',
        '推进新型智慧城市建设',
        '四星级以上县(市、区)占比提升(示例)',
        '省大数据局',
        province,
        30,
        '四星级及以上县占比达到30%',
        'assessment.county_share_4star',
        30,
      ],
      [
        '2.1',
        '建设全省一体化算力网络',
        '提升智能算力占比(示例)',
        '省大数据局',
        province,
        45,
        '智能算力占比达到35%',
        'compute.ai_share',
        35,
      ],
      [
        '2.2',
        '建设全省一体化算力网络',
        '完成数据中心纳统月报全覆盖(示例)',
        '济南市大数据局',
        '370100',
        -12,
        '在用数据中心100%按月纳统',
      ],
      [
        '3.1',
        '深化数据要素市场化配置',
        '开展公共数据授权运营试点(示例)',
        '青岛市大数据局',
        '370200',
        10,
        '形成2个以上授权运营场景',
      ],
      [
        '3.2',
        '深化数据要素市场化配置',
        '建立数据资源目录动态更新机制(示例)',
        '省大数据局',
        province,
        80,
        '目录更新周期不超过1个月',
      ],
      ['4.1', '提升数字惠民水平', '建设智慧社区示范点(示例)', '烟台市大数据局', '370600', -3, '建成10个标杆型智慧社区'],
      ['4.2', '提升数字惠民水平', '开展问需于民年度问卷(示例)', '省大数据局', province, 120, '覆盖16市,回收问卷10万份'],
    ];
    for (const [code, point, title, leadUnit, regionCode, deadlineOffset, target, metric, targetValue] of rows) {
      await ctx.platform.db.transaction(async () => {
        const id = await tasks.insert(
          sys,
          {
            year,
            code,
            point,
            title,
            leadUnit,
            cooperatingUnits: ['省发展改革委(示例)', '省财政厅(示例)'].slice(0, code.endsWith('1') ? 2 : 1),
            regionCode,
            deadline: day(deadlineOffset),
            target,
            metric,
            targetValue,
            milestones: [{ title: '制定实施方案', dueOn: day(deadlineOffset - 60) }],
          },
          true,
        );
        if (code !== '4.2') await tasks.assign(sys, id, `交办${leadUnit}(示例)`);
        if (code === '1.1' || code === '3.1')
          await tasks.report(sys, id, {
            month: day(-20).slice(0, 7),
            percent: code === '1.1' ? 100 : 60,
            text: code === '1.1' ? '评估已完成,结果已公示(示例)' : '两个场景已进入试运行(示例)',
            evidence: '鲁数发〔示例〕1号',
          });
        if (code === '1.1') await tasks.evaluate(sys, id, { evaluation: 'excellent', comment: '按期高质量完成(示例)' });
      });
    }
    ctx.print(`work-ledger: ${rows.length} demo tasks of ${year} (示例), every colour on the board`);
  });
}
