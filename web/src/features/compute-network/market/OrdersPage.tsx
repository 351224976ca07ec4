import { useState } from 'react';
import { Button, Card, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Timeline } from 'antd';
import { COMPUTE_PERMISSIONS as P, type Order, type OrderStatus } from '@zhicheng/contracts/compute-network';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { PageHeader } from '../../../components/PageHeader';
import { fmt } from '../common';
import { useOrderAction, useOrders, useMeterFromMetrics, useRecordUsage, yuan } from './api';
import { ActionLink } from '../../../components/ActionLink';
import { chinaTime } from '../../../app/chinaDay';

export const ORDER_STATUS: Record<OrderStatus, [string, string, string]> = {
  requested: ['processing', '待确认', 'Requested'],
  confirmed: ['cyan', '已确认', 'Confirmed'],
  active: ['blue', '租用中', 'Active'],
  billed: ['orange', '待付款', 'Billed'],
  paid: ['success', '已付款', 'Paid'],
  cancelled: ['default', '已取消', 'Cancelled'],
  rejected: ['error', '已拒绝', 'Rejected'],
};

/** Orders for both sides: the buyer cancels and pays, the centre confirms, starts, meters and bills. */
export default function OrdersPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [status, setStatus] = useState<OrderStatus>();
  const [page, setPage] = useState(1);
  const orders = useOrders({ status, page, pageSize: 15 });
  const act = useOrderAction();
  const usage = useRecordUsage();
  const meterMetrics = useMeterFromMetrics();
  const [paying, setPaying] = useState<Order | null>(null);
  const [ref, setRef] = useState('');
  const [metering, setMetering] = useState<Order | null>(null);
  const [cardHours, setCardHours] = useState<number | null>(null);
  const [detail, setDetail] = useState<Order | null>(null);
  const supplier = can(P.offer);
  const buyer = can(P.order);
  const go = (o: Order, action: 'confirm' | 'start' | 'bill' | 'cancel') =>
    act.mutate({ id: o.id, action: { action } });

  return (
    <div>
      <PageHeader
        title={t('算力订单', 'Compute orders')}
        sub={t(
          '下单 → 数据中心确认 → 开始租用 → 计量(卡·时)→ 出账 → 凭付款凭证付款;开始租用前可免费取消',
          'Request → centre confirms → lease starts → metered card-hours → bill → paid with proof; free cancellation before the lease starts',
        )}
      />
      <Card
        extra={
          <Select
            aria-label={t('状态', 'Status')}
            allowClear
            style={{ width: 140 }}
            placeholder={t('状态', 'Status')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={Object.entries(ORDER_STATUS).map(([k, v]) => ({ value: k, label: lang === 'zh' ? v[1] : v[2] }))}
          />
        }
      >
        <Table<Order>
          data-testid="order-table"
          size="small"
          rowKey="id"
          loading={orders.isLoading}
          dataSource={orders.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 15,
            total: orders.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t(`共 ${n} 单`, `${n} orders`),
          }}
          columns={[
            {
              title: t('订单号', 'Number'),
              dataIndex: 'number',
              render: (v, o) => <ActionLink onClick={() => setDetail(o)}>{v}</ActionLink>,
            },
            { title: t('数据中心', 'Centre'), dataIndex: 'dataCentreName' },
            { title: t('买方', 'Buyer'), dataIndex: 'buyerName' },
            { title: t('加速卡', 'Accelerator'), dataIndex: 'modelName' },
            { title: t('卡数', 'Cards'), dataIndex: 'cards', align: 'right' },
            { title: t('时长', 'Hours'), dataIndex: 'hours', align: 'right' },
            { title: t('预估', 'Estimate'), dataIndex: 'estimateFen', align: 'right', render: (v) => yuan(v) },
            {
              title: t('已计量卡·时', 'Metered card-h'),
              dataIndex: 'meteredCardHours',
              align: 'right',
              render: (v) => fmt(v, 1),
            },
            { title: t('账单', 'Bill'), dataIndex: 'billedFen', align: 'right', render: (v) => yuan(v) },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (s: OrderStatus) => (
                <Tag data-testid="order-status" color={ORDER_STATUS[s][0]}>
                  {ORDER_STATUS[s][lang === 'zh' ? 1 : 2]}
                </Tag>
              ),
            },
            {
              title: t('操作', 'Actions'),
              key: 'act',
              render: (_, o) => (
                <Space size={4} wrap>
                  {supplier && o.status === 'requested' && (
                    <>
                      <Button
                        size="small"
                        type="primary"
                        data-testid={`confirm-${o.id}`}
                        onClick={() => go(o, 'confirm')}
                      >
                        {t('确认', 'Confirm')}
                      </Button>
                      <Popconfirm
                        title={t('拒绝该订单?', 'Reject this order?')}
                        onConfirm={() =>
                          act.mutate({ id: o.id, action: { action: 'reject', note: t('资源不足', 'No capacity') } })
                        }
                      >
                        <Button size="small" danger>
                          {t('拒绝', 'Reject')}
                        </Button>
                      </Popconfirm>
                    </>
                  )}
                  {supplier && o.status === 'confirmed' && (
                    <Button size="small" data-testid={`start-${o.id}`} onClick={() => go(o, 'start')}>
                      {t('开始租用', 'Start lease')}
                    </Button>
                  )}
                  {supplier && o.status === 'active' && (
                    <>
                      <Button
                        size="small"
                        data-testid={`meter-${o.id}`}
                        onClick={() => {
                          setMetering(o);
                          setCardHours(null);
                        }}
                      >
                        {t('录入计量', 'Meter')}
                      </Button>
                      <Popconfirm
                        title={t(
                          `按远程写入的加速卡指标(标签 zc_order="${o.number}")计量至当前整分钟?`,
                          `Meter from remote-write accelerator metrics labelled zc_order="${o.number}" up to this minute?`,
                        )}
                        onConfirm={() => meterMetrics.mutate(o.id)}
                      >
                        <Button size="small" data-testid={`meter-metrics-${o.id}`} loading={meterMetrics.isPending}>
                          {t('按指标计量', 'Meter from metrics')}
                        </Button>
                      </Popconfirm>
                      <Popconfirm
                        title={t(
                          '按已计量卡·时(不少于最短租期)出账,出账后不能再计量',
                          'Bill the metered card-hours? No metering after.',
                        )}
                        onConfirm={() => go(o, 'bill')}
                      >
                        <Button size="small" data-testid={`bill-${o.id}`}>
                          {t('出账', 'Bill')}
                        </Button>
                      </Popconfirm>
                    </>
                  )}
                  {buyer && (o.status === 'requested' || o.status === 'confirmed') && (
                    <Popconfirm title={t('取消该订单?', 'Cancel this order?')} onConfirm={() => go(o, 'cancel')}>
                      <Button size="small">{t('取消', 'Cancel')}</Button>
                    </Popconfirm>
                  )}
                  {buyer && o.status === 'billed' && (
                    <Button
                      size="small"
                      type="primary"
                      data-testid={`pay-${o.id}`}
                      onClick={() => {
                        setPaying(o);
                        setRef('');
                      }}
                    >
                      {t('付款', 'Pay')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!paying}
        title={t('登记付款', 'Record payment')}
        okButtonProps={{ disabled: ref.trim().length < 4, 'data-testid': 'pay-submit' } as never}
        onCancel={() => setPaying(null)}
        onOk={() =>
          paying &&
          act.mutate(
            { id: paying.id, action: { action: 'pay', paymentReference: ref.trim() } },
            { onSuccess: () => setPaying(null) },
          )
        }
      >
        <p>
          {t('应付', 'Due')}: <b>{yuan(paying?.billedFen)}</b>
        </p>
        <Input
          data-testid="pay-reference"
          value={ref}
          maxLength={64}
          onChange={(e) => setRef(e.target.value)}
          placeholder={t('银行流水号/付款凭证号(至少 4 位)', 'Bank reference (at least 4 characters)')}
        />
      </Modal>
      <Modal
        open={!!metering}
        title={t('录入计量(卡·时)', 'Record metered card-hours')}
        okButtonProps={{ disabled: cardHours === null, 'data-testid': 'meter-submit' } as never}
        onCancel={() => setMetering(null)}
        onOk={() => {
          if (!metering || cardHours === null) return;
          // The interval runs from the lease start to now (or to its planned end): a centre records once per period.
          const from = new Date(metering.startAt);
          const end = new Date(from.getTime() + metering.hours * 3_600_000);
          usage.mutate(
            { id: metering.id, usage: { from: from.toISOString(), to: end.toISOString(), cardHours, source: 'api' } },
            { onSuccess: () => setMetering(null) },
          );
        }}
      >
        <p>
          {t('租期内可计量上限', 'At most')}: {metering ? metering.cards * metering.hours : 0}{' '}
          {t('卡·时', 'card-hours')}
        </p>
        <InputNumber data-testid="meter-card-hours" min={0} value={cardHours} onChange={setCardHours} />
      </Modal>
      <Modal open={!!detail} footer={null} title={detail?.number} onCancel={() => setDetail(null)}>
        <Timeline
          items={(detail?.events ?? []).map((e) => ({
            children: `${chinaTime(e.at)} ${ORDER_STATUS[e.status as OrderStatus]?.[lang === 'zh' ? 1 : 2] ?? e.status} · ${e.by}${e.note ? ` · ${e.note}` : ''}`,
          }))}
        />
      </Modal>
    </div>
  );
}
