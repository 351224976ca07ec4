import { useState } from 'react';
import { Alert, Button, Card, Col, Form, InputNumber, Popconfirm, Row, Table, Tag, Typography } from 'antd';
import {
  COMMUNITIES_PERMISSIONS as P,
  FACILITY_TYPES,
  UNMATCHED_REASONS,
  type MatchPair,
  type Need,
  type Offer,
} from '@zhicheng/contracts/communities';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useBoard, useConfirmRound, useRound, useRunRound } from './api';
import { ExchangeStatusTag } from './ExchangeStatus';
import { AdjustButtons, AdjustModal, AdjustmentsTable, type AdjustTarget } from './RoundAdjust';

const FACILITY = new Map<string, string>(FACILITY_TYPES.map((f) => [f[0], f[1]]));
const facilityName = (k: string) => FACILITY.get(k) ?? k;

/** 便民设施供需对接: the county's needs and offers, its matching rounds (HiGHS) with reasons, and confirmation. */
export function ExchangeTab({ county }: { county: string }) {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const board = useBoard(county);
  const run = useRunRound();
  const confirm = useConfirmRound();
  const [roundId, setRoundId] = useState<string | null>(null);
  const [target, setTarget] = useState<AdjustTarget | null>(null);
  const shownId = roundId ?? board.data?.rounds[0]?.id ?? null;
  const round = useRound(shownId);
  const [form] = Form.useForm<{ streetFloor: number; providerCap: number }>();
  if (!board.data) return <Card loading={board.isLoading} />;
  const b = board.data;
  // The county adjusts a proposal before it is confirmed (its operators; the approver then confirms).
  const adjustable = round.data?.status === 'proposed' && can(P.exchangeRun);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t(
          '26类便民设施由企业免费投放(政府不出资),清单为示例。县级撮合:在企业容量、服务区域、单一企业占比上限和每街道保底的约束下,用 HiGHS 求得按优先级服务最多需求的方案,逐对说明理由,经县级审核确认。',
          '26 facility types brought in by enterprises at no cost to government (the list is a sample). The county round finds, with HiGHS, the assignment serving the most needs by priority within capacity, service area, a provider share cap and a per-street floor, explains each pair, and is confirmed by the county.',
        )}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t(`社区需求(${b.needs.length})`, `Needs (${b.needs.length})`)}>
            <Table<Need>
              rowKey="id"
              size="small"
              dataSource={b.needs}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              columns={[
                { title: t('社区', 'Community'), dataIndex: 'communityName' },
                { title: t('设施', 'Facility'), dataIndex: 'facility', render: facilityName },
                { title: t('优先级', 'Priority'), dataIndex: 'priority' },
                {
                  title: t('状态', 'Status'),
                  dataIndex: 'status',
                  render: (s: string) => <ExchangeStatusTag status={s} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t(`企业供给(${b.offers.length})`, `Offers (${b.offers.length})`)}>
            <Table<Offer>
              rowKey="id"
              size="small"
              dataSource={b.offers}
              pagination={{ pageSize: 8, showSizeChanger: false }}
              columns={[
                { title: t('企业', 'Provider'), dataIndex: 'providerName' },
                { title: t('设施', 'Facility'), dataIndex: 'facility', render: facilityName },
                { title: t('容量', 'Capacity'), dataIndex: 'capacity' },
                { title: t('模式', 'Model'), dataIndex: 'model' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {can(P.exchangeRun) && (
        <Card size="small" style={{ marginTop: 12 }} title={t('发起撮合', 'Run a matching round')}>
          <Form
            form={form}
            layout="inline"
            initialValues={{ streetFloor: 1, providerCap: 0.5 }}
            onFinish={(v) => run.mutate({ county, ...v }, { onSuccess: (r) => setRoundId(r.id) })}
          >
            <Form.Item name="streetFloor" label={t('每街道保底', 'Floor per street')}>
              <InputNumber min={0} max={10} precision={0} />
            </Form.Item>
            <Form.Item name="providerCap" label={t('单一企业占比上限', 'Provider share cap')}>
              <InputNumber min={0.05} max={1} step={0.05} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={run.isPending}>
              {t('求解撮合方案', 'Solve')}
            </Button>
          </Form>
        </Card>
      )}
      {round.data && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={t(
            `撮合方案:满足 ${round.data.served}/${round.data.needs} 项需求(${round.data.solver})`,
            `Round: ${round.data.served}/${round.data.needs} needs served (${round.data.solver})`,
          )}
          extra={
            round.data.status === 'proposed' && can(P.exchangeConfirm) ? (
              <Popconfirm
                title={t(
                  '确认后需求进入对接,不可撤回。确认?',
                  'Needs move on to agreements; this cannot be undone. Confirm?',
                )}
                onConfirm={() => confirm.mutate(round.data!.id)}
              >
                <Button type="primary">{t('审核确认', 'Confirm')}</Button>
              </Popconfirm>
            ) : (
              <Tag color={round.data.status === 'confirmed' ? 'green' : 'blue'}>
                {round.data.status === 'confirmed'
                  ? t('已确认', 'Confirmed')
                  : t('待确认(可调整)', 'Proposed (adjustable)')}
              </Tag>
            )
          }
        >
          {Object.keys(round.data.floorShortfall).length > 0 && (
            <Alert
              type="warning"
              style={{ marginBottom: 8 }}
              message={t('部分街道因供给不足未达保底', 'Some streets are below their floor for lack of capacity')}
            />
          )}
          <Table<MatchPair>
            rowKey="id"
            size="small"
            dataSource={round.data.pairs}
            pagination={false}
            columns={[
              { title: t('社区', 'Community'), dataIndex: 'communityName' },
              { title: t('设施', 'Facility'), dataIndex: 'facility', render: facilityName },
              { title: t('企业', 'Provider'), dataIndex: 'providerName' },
              {
                title: t('状态', 'Status'),
                dataIndex: 'status',
                render: (s: string) => <ExchangeStatusTag status={s} />,
              },
              { title: t('理由', 'Why'), render: (_: unknown, p) => pick(p.explanation) },
              ...(adjustable
                ? [
                    {
                      title: t('县级调整', 'Adjust'),
                      width: 130,
                      render: (_: unknown, p: MatchPair) => (
                        <AdjustButtons
                          onPick={setTarget}
                          targets={[
                            {
                              action: 'reassign',
                              needId: p.needId,
                              communityName: p.communityName,
                              facility: p.facility,
                              currentOfferId: p.offerId,
                            },
                            {
                              action: 'drop',
                              pairId: p.id,
                              communityName: p.communityName,
                              facility: p.facility,
                              providerName: p.providerName,
                            },
                          ]}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {round.data.unmatched.length > 0 && (
            <ul data-testid="unmatched">
              {round.data.unmatched.map((u) => (
                <li key={u.needId} style={{ marginTop: 4 }}>
                  {u.communityName} · {facilityName(u.facility)}: {pick(UNMATCHED_REASONS[u.reason])}{' '}
                  {adjustable && round.data!.offers.some((o) => o.facility === u.facility) && (
                    <AdjustButtons
                      onPick={setTarget}
                      targets={[
                        {
                          action: 'reassign',
                          needId: u.needId,
                          communityName: u.communityName,
                          facility: u.facility,
                        },
                      ]}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
          {round.data.adjustments.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 12 }}>
                {t(
                  `县级调整记录(${round.data.adjustments.length})`,
                  `The county's adjustments (${round.data.adjustments.length})`,
                )}
              </Typography.Title>
              <AdjustmentsTable items={round.data.adjustments} />
            </>
          )}
          <AdjustModal round={round.data} target={target} onClose={() => setTarget(null)} />
        </Card>
      )}
    </>
  );
}
