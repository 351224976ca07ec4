import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, InputNumber, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import type { PlanJob, PlanRequest, PlanWorkerType, SchedulingPolicy } from '@zhicheng/contracts/compute-network';
import { useI18n } from '../../../app/i18n';
import { ActionLink } from '../../../components/ActionLink';
import { SampleTag } from '../../../components/SampleTag';
import { fmt } from '../common';
import { useThroughputs, yuan } from '../market/api';
import { usePlan } from './api';

type JobRow = { key: number; family?: string; cards: number; steps: number; deadlineHours: number | null };

/**
 * 在售算力排程: the province describes jobs (model family, cards, steps, deadline) and Gavel's policy places them on
 * what the supermarket sells now — one worker type per offer with free cards, at its price — so the cheapest feasible
 * or the fairest placement across centres and accelerator makers is a figure, not a guess. Nothing is ordered.
 */
export function SupermarketPlan({ policies }: { policies: Record<SchedulingPolicy, [string, string]> }) {
  const { t, lang } = useI18n();
  const families = useThroughputs().data?.families ?? [];
  const plan = usePlan();
  const [policy, setPolicy] = useState<SchedulingPolicy>('min_cost');
  const [voucherOnly, setVoucherOnly] = useState(false);
  const [jobs, setJobs] = useState<JobRow[]>([]);
  const [next, setNext] = useState(1);

  // Three example jobs once the table's families are known, so the first click shows a schedule.
  useEffect(() => {
    if (jobs.length || families.length < 3) return;
    setJobs(
      families.slice(0, 3).map((family, i) => ({ key: i + 1, family, cards: 1, steps: 200_000, deadlineHours: 48 })),
    );
    setNext(4);
  }, [families, jobs.length]);

  const set = (key: number, patch: Partial<JobRow>) =>
    setJobs((js) => js.map((j) => (j.key === key ? { ...j, ...patch } : j)));
  const ready = jobs.length > 0 && jobs.every((j) => j.family && (policy !== 'min_cost' || j.deadlineHours));
  const run = () =>
    plan.mutate({
      policy,
      voucherOnly,
      jobs: jobs.map((j) => ({
        id: `J${j.key}`,
        family: j.family!,
        cards: j.cards,
        steps: j.steps,
        deadlineHours: j.deadlineHours ?? undefined,
        priorityWeight: 1,
      })),
    } satisfies PlanRequest);

  const r = plan.data;
  const byKey = new Map((r?.workerTypes ?? []).map((w) => [w.key, w]));
  const label = (w: PlanWorkerType | undefined) => (w ? `${w.dataCentreName} · ${w.modelName}` : '—');

  return (
    <div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Select
            data-testid="plan-policy"
            aria-label={t('调度策略', 'Policy')}
            style={{ width: 200 }}
            value={policy}
            onChange={setPolicy}
            options={Object.entries(policies).map(([value, n]) => ({ value, label: n[lang === 'zh' ? 0 : 1] }))}
          />
          <Checkbox checked={voucherOnly} onChange={(e) => setVoucherOnly(e.target.checked)}>
            {t('仅可用算力券的商品', 'Voucher-eligible offers only')}
          </Checkbox>
        </Space>
        <Table<JobRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={jobs}
          data-testid="plan-jobs"
          columns={[
            { title: t('作业', 'Job'), dataIndex: 'key', width: 60, render: (k) => `J${k}` },
            {
              title: t('模型/负载类型', 'Model family'),
              render: (_, j) => (
                <Select
                  aria-label={t('模型/负载类型', 'Model family')}
                  showSearch
                  style={{ width: 260 }}
                  value={j.family}
                  onChange={(family) => set(j.key, { family })}
                  options={families.map((f) => ({ value: f, label: f }))}
                />
              ),
            },
            {
              title: t('卡数', 'Cards'),
              render: (_, j) => (
                <InputNumber
                  aria-label={t('卡数', 'Cards')}
                  min={1}
                  max={1024}
                  precision={0}
                  value={j.cards}
                  onChange={(v) => set(j.key, { cards: v ?? 1 })}
                />
              ),
            },
            {
              title: t('训练步数', 'Steps'),
              render: (_, j) => (
                <InputNumber
                  aria-label={t('训练步数', 'Steps')}
                  min={1}
                  max={1e12}
                  precision={0}
                  style={{ width: 140 }}
                  value={j.steps}
                  onChange={(v) => set(j.key, { steps: v ?? 1 })}
                />
              ),
            },
            {
              title: t('截止(小时)', 'Deadline (h)'),
              render: (_, j) => (
                <InputNumber
                  aria-label={t('截止(小时)', 'Deadline (h)')}
                  min={0.1}
                  max={87_600}
                  value={j.deadlineHours}
                  placeholder={t('不限', 'none')}
                  onChange={(v) => set(j.key, { deadlineHours: v })}
                />
              ),
            },
            {
              title: '',
              width: 70,
              render: (_, j) => (
                <ActionLink danger onClick={() => setJobs((js) => js.filter((x) => x.key !== j.key))}>
                  {t('删除', 'Remove')}
                </ActionLink>
              ),
            },
          ]}
        />
        <Space style={{ marginTop: 8 }}>
          <Button
            onClick={() => {
              setJobs((js) => [...js, { key: next, cards: 1, steps: 200_000, deadlineHours: 48 }]);
              setNext(next + 1);
            }}
            disabled={jobs.length >= 200}
          >
            {t('添加作业', 'Add job')}
          </Button>
          <Button type="primary" data-testid="plan-run" loading={plan.isPending} disabled={!ready} onClick={run}>
            {t('按在售算力排程', 'Schedule on offers on sale')}
          </Button>
          {policy === 'min_cost' && !ready && jobs.length > 0 && (
            <span style={{ color: '#ad6800' }}>
              {t('最低成本策略需为每个作业填写截止时间', 'Minimum cost needs a deadline for every job')}
            </span>
          )}
        </Space>
        <div style={{ marginTop: 8, color: '#666', fontSize: 12 }}>
          {t(
            '集群取自当前上架且有空闲卡的算力商品(每个商品一种卡型,按其每卡时价格计费);各作业在各卡型上的吞吐取自省级吞吐表。只计算方案,不下单。',
            'The cluster is the offers on sale with free cards now (one worker type per offer, at its price per card-hour); throughputs come from the province’s table. A plan only: nothing is ordered.',
          )}
        </div>
      </Card>
      {r && (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }} data-testid="plan-result">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('每小时成本', 'Cost per hour')} value={yuan(Math.round(r.costFenPerHour))} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('按期完成', 'Deadlines met')}
                  value={`${r.jobs.filter((j) => j.meetsDeadline).length} / ${r.jobs.filter((j) => j.meetsDeadline !== null).length}`}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('参与排程的商品', 'Offers scheduled')}
                  value={`${r.offersScheduled} / ${r.offersOnSale}`}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('求解耗时', 'Solve time')} value={fmt(r.solveMs, 0)} suffix="ms" />
              </Card>
            </Col>
          </Row>
          {r.simulated && (
            <Alert
              style={{ marginBottom: 12 }}
              type="warning"
              showIcon
              message={
                <>
                  <SampleTag en={lang === 'en'} />{' '}
                  {t(
                    '方案用到了示例商品,价格与空闲卡数为演示数据',
                    'The plan uses demo offers: prices and free cards are sample data',
                  )}
                </>
              }
            />
          )}
          <Card size="small" title={t('作业安排', 'Jobs')} style={{ marginBottom: 12 }}>
            <Table<PlanJob>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={r.jobs}
              scroll={{ x: true }}
              columns={[
                { title: t('作业', 'Job'), dataIndex: 'id' },
                { title: t('模型/负载类型', 'Model family'), dataIndex: 'family' },
                { title: t('卡数', 'Cards'), dataIndex: 'cards', align: 'right' },
                {
                  title: t('运行位置(时间占比)', 'Placed on (share of time)'),
                  render: (_, j) =>
                    j.placements.length ? (
                      j.placements.map((p) => (
                        <Tag key={p.workerType} color={byKey.get(p.workerType)?.domestic ? 'red' : 'blue'}>
                          {label(byKey.get(p.workerType))} {fmt(p.share * 100, 0)}%
                        </Tag>
                      ))
                    ) : (
                      <Tag>{t('未分配', 'Not placed')}</Tag>
                    ),
                },
                { title: t('步/秒', 'Steps/s'), dataIndex: 'stepsPerSecond', align: 'right', render: (v) => fmt(v, 2) },
                {
                  title: t('预计用时(小时)', 'Hours'),
                  dataIndex: 'hours',
                  align: 'right',
                  render: (v: number | null) => (v === null ? '—' : fmt(v, 1)),
                },
                { title: t('费用', 'Cost'), dataIndex: 'costFen', align: 'right', render: (v) => yuan(v) },
                {
                  title: t('截止', 'Deadline'),
                  dataIndex: 'meetsDeadline',
                  render: (v: boolean | null) =>
                    v === null ? (
                      '—'
                    ) : v ? (
                      <Tag color="success">{t('按期', 'Met')}</Tag>
                    ) : (
                      <Tag color="error">{t('逾期', 'Missed')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
          <Card size="small" title={t('用到的算力商品', 'Offers used')}>
            <Table<PlanWorkerType>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={r.workerTypes.filter((w) => w.cardsUsed > 1e-6)}
              scroll={{ x: true }}
              columns={[
                {
                  title: t('数据中心', 'Data centre'),
                  dataIndex: 'dataCentreName',
                  render: (v, w) => (
                    <>
                      {v} {w.simulated && <SampleTag en={lang === 'en'} />}
                    </>
                  ),
                },
                {
                  title: t('加速卡', 'Accelerator'),
                  dataIndex: 'modelName',
                  render: (v, w) => (
                    <>
                      {v} {w.domestic && <Tag color="red">{t('国产', 'Domestic')}</Tag>}
                    </>
                  ),
                },
                {
                  title: t('每卡时价格', 'Per card-hour'),
                  dataIndex: 'priceFenPerCardHour',
                  align: 'right',
                  render: (v) => yuan(v),
                },
                { title: t('空闲卡', 'Free cards'), dataIndex: 'cardsFree', align: 'right' },
                {
                  title: t('平均占用卡', 'Cards used'),
                  dataIndex: 'cardsUsed',
                  align: 'right',
                  render: (v) => fmt(v, 2),
                },
                {
                  title: t('算力券', 'Voucher'),
                  dataIndex: 'voucherEligible',
                  render: (v: boolean) => (v ? <Tag color="green">{t('可用', 'Eligible')}</Tag> : '—'),
                },
              ]}
            />
          </Card>
        </>
      )}
    </div>
  );
}
