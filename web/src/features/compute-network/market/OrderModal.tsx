import { useState } from 'react';
import { DatePicker, InputNumber, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Offer } from '@zhicheng/contracts/compute-network';
import { useI18n } from '../../../app/i18n';
import { usePlaceOrder, yuan } from './api';

/** An enterprise orders cards of an offer for some hours from a start time; the estimate bills the minimum lease. */
export function OrderModal({ offer, onClose }: { offer: Offer; onClose: () => void }) {
  const { t } = useI18n();
  const place = usePlaceOrder();
  const [cards, setCards] = useState(Math.min(8, offer.cardsAvailable));
  const [hours, setHours] = useState(Math.max(24, offer.minLeaseHours));
  const from = dayjs(offer.availableFrom);
  const [start, setStart] = useState(
    dayjs().add(1, 'day').startOf('hour').isAfter(from) ? dayjs().add(1, 'day').startOf('hour') : from,
  );
  const estimate = cards * Math.max(hours, offer.minLeaseHours) * offer.priceFenPerCardHour;
  return (
    <Modal
      open
      title={t(`订购:${offer.dataCentreName} ${offer.modelName}`, `Order: ${offer.dataCentreName} ${offer.modelName}`)}
      okText={t('提交订单', 'Place order')}
      okButtonProps={{ loading: place.isPending, 'data-testid': 'order-submit' } as never}
      onCancel={onClose}
      onOk={() =>
        place.mutate({ offerId: offer.id, cards, hours, startAt: start.toISOString() }, { onSuccess: onClose })
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <InputNumber
          data-testid="order-cards"
          addonBefore={t('卡数', 'Cards')}
          min={1}
          max={offer.cardsAvailable}
          value={cards}
          onChange={(v) => setCards(v ?? 1)}
        />
        <InputNumber
          data-testid="order-hours"
          addonBefore={t('时长(小时)', 'Hours')}
          min={offer.minLeaseHours}
          value={hours}
          onChange={(v) => setHours(v ?? offer.minLeaseHours)}
        />
        <DatePicker showTime value={start} onChange={(v) => v && setStart(v)} />
        <Typography.Text>
          {t('预估费用', 'Estimate')}: <b>{yuan(estimate)}</b>{' '}
          <Typography.Text type="secondary">
            ({t(`最短租期 ${offer.minLeaseHours} 小时`, `min lease ${offer.minLeaseHours} h`)})
          </Typography.Text>
        </Typography.Text>
      </Space>
    </Modal>
  );
}
