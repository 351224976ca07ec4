import dayjs from 'dayjs';
import { Button, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { FacilityType, Round, RoundAdjustment } from '@zhicheng/contracts/communities';
import { useI18n } from '../../app/i18n';
import { useAdjustRound } from './api';
import { facilityName } from './ExchangeStatus';

/** What the county is about to change: drop a pair, or (re)assign a need to an offer. */
export type AdjustTarget =
  | { action: 'drop'; pairId: string; communityName: string; facility: FacilityType; providerName: string }
  | { action: 'reassign'; needId: string; communityName: string; facility: FacilityType; currentOfferId?: string };

/** The two buttons of a proposed pair (or one for an unmatched need) that open the adjustment dialog. */
export function AdjustButtons({ targets, onPick }: { targets: AdjustTarget[]; onPick: (t: AdjustTarget) => void }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      {targets.map((x) => (
        <Button
          key={x.action}
          size="small"
          danger={x.action === 'drop'}
          onClick={() => onPick(x)}
          data-testid={`adjust-${x.action}`}
        >
          {x.action === 'drop'
            ? t('移出', 'Drop')
            : 'currentOfferId' in x && x.currentOfferId
              ? t('改派', 'Reassign')
              : t('指派', 'Assign')}
        </Button>
      ))}
    </Space>
  );
}

/**
 * The adjustment dialog: a reason always, and for a reassignment the offers of the same facility with what is left
 * of them. The server checks capacity, service area and the share cap again and names the field it refuses.
 */
export function AdjustModal({
  round,
  target,
  onClose,
}: {
  round: Round;
  target: AdjustTarget | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const adjust = useAdjustRound(round.id);
  const [form] = Form.useForm<{ offerId?: string; reason: string }>();
  if (!target) return null;
  const options = round.offers
    .filter((o) => o.facility === target.facility)
    .map((o) => {
      const current = target.action === 'reassign' && o.id === target.currentOfferId;
      return {
        value: o.id,
        disabled: current,
        label: `${o.providerName} · ${t(`剩余 ${o.left}/${o.capacity}`, `${o.left}/${o.capacity} left`)}${
          o.eligible ? '' : t('(失信)', ' (barred)')
        }${current ? t('(当前)', ' (current)') : ''}`,
      };
    });
  const drop = target.action === 'drop';
  return (
    <Modal
      open
      destroyOnHidden
      title={
        drop
          ? t(`移出配对:${target.communityName}`, `Drop the pair of ${target.communityName}`)
          : t(`改派需求:${target.communityName}`, `Reassign the need of ${target.communityName}`)
      }
      okText={drop ? t('确认移出', 'Drop') : t('确认改派', 'Reassign')}
      okButtonProps={{ danger: drop }}
      confirmLoading={adjust.isPending}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then((v) => {
          adjust.mutate(
            drop
              ? { action: 'drop', pairId: target.pairId, reason: v.reason }
              : { action: 'reassign', needId: target.needId, offerId: v.offerId!, reason: v.reason },
            { onSuccess: onClose },
          );
        })
      }
    >
      <Typography.Paragraph type="secondary">
        {drop
          ? t(
              `${target.providerName}的「${facilityName(target.facility)}」将不再配给该社区,需求回到未撮合;调整记入审计,确认人不能是调整人。`,
              `${target.providerName}'s ${facilityName(target.facility)} will no longer go to this community; the need goes back to the unmatched. Audited; whoever adjusts cannot confirm.`,
            )
          : t(
              `为「${facilityName(target.facility)}」选择同类供给;须服务本县、有剩余容量,且企业不超过本轮占比上限(每家至多 ${round.providerMax} 项)。`,
              `Choose an offer of ${facilityName(target.facility)}: it must serve the county, have capacity left and keep its provider within the round's cap (at most ${round.providerMax} pairs each).`,
            )}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        {!drop && (
          <Form.Item
            name="offerId"
            label={t('企业供给', 'Offer')}
            rules={[{ required: true, message: t('请选择供给', 'Choose an offer') }]}
          >
            <Select options={options} data-testid="adjust-offer" placeholder={t('选择供给', 'Choose an offer')} />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('调整理由', 'Reason')}
          rules={[{ required: true, whitespace: true, max: 500, message: t('请填写理由', 'Give a reason') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="adjust-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The county's adjustments of the round, in order. */
export function AdjustmentsTable({ items }: { items: RoundAdjustment[] }) {
  const { t } = useI18n();
  return (
    <Table<RoundAdjustment>
      data-testid="adjustments"
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      columns={[
        {
          title: t('调整', 'Change'),
          render: (_: unknown, a) =>
            a.action === 'drop'
              ? t(`移出:${a.fromProvider ?? '—'}`, `Dropped: ${a.fromProvider ?? '—'}`)
              : t(
                  `${a.fromProvider ?? '未排上'} → ${a.toProvider}`,
                  `${a.fromProvider ?? 'unserved'} → ${a.toProvider}`,
                ),
        },
        { title: t('社区', 'Community'), dataIndex: 'communityName' },
        { title: t('设施', 'Facility'), dataIndex: 'facility', render: facilityName },
        { title: t('理由', 'Reason'), dataIndex: 'reason' },
        { title: t('调整人', 'By'), dataIndex: 'by' },
        { title: t('时间', 'At'), dataIndex: 'at', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
      ]}
    />
  );
}
