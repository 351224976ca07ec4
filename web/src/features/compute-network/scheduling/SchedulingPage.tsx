import { useState } from 'react';
import { Alert, Button, Card, Col, InputNumber, Row, Select, Space, Statistic, Tabs } from 'antd';
import type { SimulationRequest } from '@zhicheng/contracts/compute-network';
import { useI18n } from '../../../app/i18n';
import { echarts, ReactEChartsCore } from '../../../components/charts';
import { PageHeader } from '../../../components/PageHeader';
import { fmt } from '../common';
import { yuan } from '../market/api';
import { useSimulate } from './api';
import { SupermarketPlan } from './SupermarketPlan';

const POLICIES: Record<SimulationRequest['policy'], [string, string]> = {
  max_min_fairness: ['最大最小公平', 'Max-min fairness'],
  min_makespan: ['最小完工时间', 'Minimum makespan'],
  max_total_throughput: ['最大总吞吐', 'Maximum total throughput'],
  min_cost: ['截止时间内最低成本', 'Minimum cost within deadlines'],
};

/**
 * 多元异构算力调度: Gavel's policies on two inputs — the offers on sale now (where would these jobs run, how fast, at
 * what cost) and Gavel's published traces (how much heterogeneity awareness gains over the agnostic baseline).
 */
export default function SchedulingPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('plan');
  return (
    <div>
      <PageHeader
        title={t('多元异构算力调度', 'Heterogeneous scheduling')}
        sub={t(
          '按 Gavel(OSDI 2020)把调度策略写成"作业 × 加速卡类型"吞吐矩阵上的线性规划,用 HiGHS 求解:既可在当前在售算力上排程,也可回放 Gavel 公开作业轨迹,对比感知异构与不感知异构',
          'Gavel’s policies (OSDI 2020) as linear programs over the job × accelerator-type throughput matrix, solved with HiGHS: on the offers on sale now, or replaying Gavel’s public traces against the heterogeneity-agnostic baseline',
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'plan',
            label: t('在售算力排程', 'Schedule on offers on sale'),
            children: <SupermarketPlan policies={POLICIES} />,
          },
          { key: 'simulate', label: t('轨迹模拟', 'Trace simulation'), children: <TraceSimulation /> },
        ]}
      />
    </div>
  );
}

/** Gavel's traces replayed, heterogeneity-aware against agnostic, with charts. */
function TraceSimulation() {
  const { t, lang } = useI18n();
  const sim = useSimulate();
  const [trace, setTrace] = useState<SimulationRequest['trace']>('small_test');
  const [policy, setPolicy] = useState<SimulationRequest['policy']>('max_min_fairness');
  const [cluster, setCluster] = useState({ v100: 36, p100: 36, k80: 36 });
  const r = sim.data;
  const name = (p: string) => POLICIES[p as SimulationRequest['policy']]?.[lang === 'zh' ? 0 : 1] ?? p;
  const cdf = (xs: number[]) => xs.map((x, i) => [x, ((i + 1) / xs.length) * 100]);

  return (
    <div>
      <Card style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            data-testid="sim-trace"
            style={{ width: 260 }}
            value={trace}
            onChange={setTrace}
            options={[
              { value: 'small_test', label: t('小规模测试轨迹(20 个作业)', 'Small test trace (20 jobs)') },
              { value: 'max_min_fairness', label: t('公平性轨迹(96 个作业)', 'Fairness trace (96 jobs)') },
              { value: 'minimize_makespan', label: t('完工时间轨迹(100 个作业)', 'Makespan trace (100 jobs)') },
            ]}
          />
          <Select
            data-testid="sim-policy"
            style={{ width: 180 }}
            value={policy}
            onChange={setPolicy}
            options={Object.keys(POLICIES).map((p) => ({ value: p, label: name(p) }))}
          />
          {(['v100', 'p100', 'k80'] as const).map((k) => (
            <InputNumber
              key={k}
              min={0}
              max={1000}
              addonBefore={k.toUpperCase()}
              value={cluster[k]}
              onChange={(v) => setCluster({ ...cluster, [k]: v ?? 0 })}
              style={{ width: 140 }}
            />
          ))}
          <Button
            type="primary"
            data-testid="sim-run"
            loading={sim.isPending}
            onClick={() => sim.mutate({ trace, policy, cluster })}
          >
            {t('运行模拟', 'Simulate')}
          </Button>
        </Space>
        <div style={{ marginTop: 8, color: '#666', fontSize: 12 }}>
          {t(
            'Gavel 论文报告:感知异构的策略使平均作业完成时间与总完工时间最多改善 3.5 倍。吞吐数据与轨迹来自 Gavel 公开仓库(MIT 许可)。',
            'Gavel reports up to 3.5× better average JCT and makespan for heterogeneity-aware policies. Throughputs and traces from Gavel’s public repository (MIT licence).',
          )}
        </div>
      </Card>
      {sim.isPending && (
        <Alert type="info" message={t('正在求解每一轮的线性规划…', 'Solving each round’s linear program…')} />
      )}
      {r && (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }} data-testid="sim-result">
            {[
              [t('平均完成时间(感知异构)', 'Avg JCT, aware'), r.aware.averageJctHours],
              [t('平均完成时间(不感知)', 'Avg JCT, agnostic'), r.agnostic.averageJctHours],
              [t('总完工时间(感知异构)', 'Makespan, aware'), r.aware.makespanHours],
              [t('总完工时间(不感知)', 'Makespan, agnostic'), r.agnostic.makespanHours],
            ].map(([label, v]) => (
              <Col xs={12} md={4} key={label as string}>
                <Card size="small">
                  <Statistic title={label as string} value={fmt(v as number, 2)} suffix={t('小时', 'h')} />
                </Card>
              </Col>
            ))}
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic
                  title={t('平均完成时间改善', 'JCT speed-up')}
                  value={fmt(r.jctSpeedup, 2)}
                  suffix="×"
                  valueStyle={{ color: '#3f8600' }}
                />
              </Card>
            </Col>
            <Col xs={12} md={4}>
              <Card size="small">
                <Statistic
                  title={t('总完工时间改善', 'Makespan speed-up')}
                  value={fmt(r.makespanSpeedup, 2)}
                  suffix="×"
                  valueStyle={{ color: '#3f8600' }}
                />
              </Card>
            </Col>
          </Row>
          {r.aware.costFen !== null && r.agnostic.costFen !== null && (
            <Row gutter={12} style={{ marginBottom: 12 }} data-testid="sim-cost">
              {[
                [t('成本(感知异构)', 'Cost, aware'), yuan(r.aware.costFen)],
                [t('成本(不感知)', 'Cost, agnostic'), yuan(r.agnostic.costFen)],
                [t('按期完成(感知异构)', 'Deadlines met, aware'), `${r.aware.deadlinesMet} / ${r.jobs}`],
                [t('按期完成(不感知)', 'Deadlines met, agnostic'), `${r.agnostic.deadlinesMet} / ${r.jobs}`],
              ].map(([label, v]) => (
                <Col xs={12} md={6} key={label}>
                  <Card size="small">
                    <Statistic title={label} value={v} />
                  </Card>
                </Col>
              ))}
              <Col span={24}>
                <Alert
                  type="info"
                  message={t(
                    'Gavel 轨迹无截止时间:每个作业的截止时间按规则推导(到达时间 + 3 × 其在最快卡型上单独运行的时长);价格为示例(V100 ¥15、P100 ¥9、K80 ¥3 每卡时)。',
                    'Gavel’s traces have no deadlines: each job’s is derived (arrival + 3 × its run time alone on its fastest type); prices are examples (V100 ¥15, P100 ¥9, K80 ¥3 per card-hour).',
                  )}
                />
              </Col>
            </Row>
          )}
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Card title={t('对比', 'Comparison')} size="small">
                <ReactEChartsCore
                  echarts={echarts}
                  style={{ height: 300 }}
                  notMerge
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { bottom: 0 },
                    xAxis: { type: 'category', data: [t('平均完成时间', 'Avg JCT'), t('总完工时间', 'Makespan')] },
                    yAxis: { type: 'value', name: t('小时', 'hours') },
                    series: [
                      {
                        name: t('感知异构', 'Aware'),
                        type: 'bar',
                        data: [r.aware.averageJctHours, r.aware.makespanHours].map((x) => +x.toFixed(2)),
                      },
                      {
                        name: t('不感知异构', 'Agnostic'),
                        type: 'bar',
                        data: [r.agnostic.averageJctHours, r.agnostic.makespanHours].map((x) => +x.toFixed(2)),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} md={14}>
              <Card title={t('作业完成时间分布(CDF)', 'Job completion times (CDF)')} size="small">
                <ReactEChartsCore
                  echarts={echarts}
                  style={{ height: 300 }}
                  notMerge
                  option={{
                    tooltip: { trigger: 'axis' },
                    legend: { bottom: 0 },
                    xAxis: { type: 'value', name: t('小时', 'hours') },
                    yAxis: { type: 'value', name: '%', max: 100 },
                    series: [
                      {
                        name: t('感知异构', 'Aware'),
                        type: 'line',
                        step: 'end',
                        showSymbol: false,
                        data: cdf(r.aware.jctHours),
                      },
                      {
                        name: t('不感知异构', 'Agnostic'),
                        type: 'line',
                        step: 'end',
                        showSymbol: false,
                        data: cdf(r.agnostic.jctHours),
                      },
                    ],
                  }}
                />
              </Card>
            </Col>
          </Row>
          <div style={{ color: '#666', fontSize: 12, marginTop: 8 }}>
            {t(
              `${r.jobs} 个作业,${r.aware.solves + r.agnostic.solves} 次线性规划求解,共 ${fmt((r.aware.solveMs + r.agnostic.solveMs) / 1000, 1)} 秒;每轮 6 分钟`,
              `${r.jobs} jobs, ${r.aware.solves + r.agnostic.solves} LP solves in ${fmt((r.aware.solveMs + r.agnostic.solveMs) / 1000, 1)} s; 6-minute rounds`,
            )}
          </div>
        </>
      )}
    </div>
  );
}
