import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Result,
  Select,
  Space,
  Spin,
  Tag,
} from 'antd';
import type { EChartsOption } from 'echarts';
import { BOOKING_SLOTS, CENTRE_KINDS, type Booking, type PublicCentre } from '@zhicheng/contracts/directory';
import { echarts, ReactEChartsCore } from '../../components/charts';
import { mapName, useBoundaries } from '../../components/useBoundaries';
import { SampleTag } from '../../components/PageHeader';
import { useI18n } from '../../app/i18n';
import { hoursText, useAvailability, useBook, usePublicCentres } from './centres-api';
import { PublicFrame } from './PublicFrame';

const PROVINCE = '370000';

/** The public map of certified 科普展示中心 / 科普体验中心: where, when open, and a booking form (phone-first). */
export default function CentresMapPage() {
  const { t, pick, lang } = useI18n();
  const centres = usePublicCentres();
  const [kind, setKind] = useState<string | undefined>();
  const [booking, setBooking] = useState<PublicCentre | null>(null);
  const list = (centres.data ?? []).filter((c) => !kind || c.kind === kind);

  return (
    <PublicFrame title={t('智城 · 科普展示中心地图', 'Zhicheng · Science centres map')}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            aria-label={t('类型', 'Kind')}
            allowClear
            placeholder={t('类型', 'Kind')}
            style={{ width: 180 }}
            value={kind}
            onChange={setKind}
            options={Object.entries(CENTRE_KINDS).map(([value, l]) => ({ value, label: pick(l) }))}
          />
          <span data-testid="centre-count">
            {t(`共 ${list.length} 个已授牌中心`, `${list.length} certified centres`)}
          </span>
        </Space>
        <CentresMap centres={list} onPick={(id) => setBooking(list.find((c) => c.id === id) ?? null)} />
      </Card>
      {centres.isLoading ? (
        <Spin />
      ) : (
        <List
          dataSource={list}
          locale={{ emptyText: <Empty description={t('暂无已授牌中心', 'No certified centre yet')} /> }}
          renderItem={(c) => (
            <Card size="small" style={{ marginBottom: 8 }} data-testid="centre-card">
              <div style={{ fontWeight: 600 }}>
                {c.name} {c.demo && <SampleTag />}
              </div>
              <div style={{ color: '#52606d', fontSize: 13 }}>
                <Tag>{pick(CENTRE_KINDS[c.kind])}</Tag>
                {c.regionName} · {c.address}
              </div>
              <div style={{ fontSize: 13 }}>
                {t('开放时间', 'Opening hours')}: {hoursText(c.hours, lang)}
              </div>
              <div style={{ fontSize: 12, color: '#8a94a6' }}>
                {t('授牌编号', 'Certificate')} {c.certificateNo} · {c.certifiedOn}
              </div>
              <Button type="primary" size="small" style={{ marginTop: 6 }} onClick={() => setBooking(c)}>
                {t('预约参观', 'Book a visit')}
              </Button>
            </Card>
          )}
        />
      )}
      {booking && <BookingModal centre={booking} onClose={() => setBooking(null)} />}
    </PublicFrame>
  );
}

function CentresMap({ centres, onPick }: { centres: PublicCentre[]; onPick: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { geo, error } = useBoundaries(PROVINCE);
  const option = useMemo<EChartsOption | null>(
    () =>
      geo && {
        tooltip: { trigger: 'item' },
        geo: {
          map: mapName(PROVINCE),
          roam: true,
          label: { show: true, fontSize: 10, color: '#52606d' },
          itemStyle: { areaColor: '#eef2f8', borderColor: '#9aa9c2' },
        },
        series: [
          {
            type: 'scatter',
            coordinateSystem: 'geo',
            symbolSize: 14,
            itemStyle: { color: '#d4380d', borderColor: '#fff', borderWidth: 1 },
            data: centres.map((c) => ({ name: c.name, id: c.id, value: [c.lng, c.lat], c })),
            tooltip: {
              formatter: (x: unknown) => {
                const c = (x as { data: { c: PublicCentre } }).data.c;
                return `<b>${c.name}</b><br/>${c.address}<br/>${hoursText(c.hours, lang)}`;
              },
            },
          },
        ] as never,
      },
    [geo, centres, lang],
  );
  if (error)
    return <Alert type="info" message={t('地图边界暂不可用,请使用下方列表', 'Map unavailable; use the list')} />;
  if (!option) return <Spin />;
  return (
    <div data-testid="centres-map" data-points={centres.length}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: 360 }}
        onEvents={{ click: (e: { data?: { id?: string } }) => e.data?.id && onPick(e.data.id) }}
      />
    </div>
  );
}

function BookingModal({ centre, onClose }: { centre: PublicCentre; onClose: () => void }) {
  const { t, pick, lang } = useI18n();
  const slots = useAvailability(centre.id);
  const book = useBook();
  const [done, setDone] = useState<Booking | null>(null);
  const [form] = Form.useForm<{ when: string; partySize: number; name: string; phone: string }>();
  const options = (slots.data ?? [])
    .filter((s) => s.open && s.left > 0)
    .map((s) => ({
      value: `${s.date}/${s.slot}`,
      label: `${s.date} ${pick(BOOKING_SLOTS[s.slot])} · ${t(`余 ${s.left} 位`, `${s.left} left`)}`,
    }));
  const submit = async () => {
    const v = await form.validateFields();
    const [visitDate, slot] = v.when.split('/') as [string, 'am' | 'pm'];
    Modal.confirm({
      title: t('确认预约?', 'Confirm the booking?'),
      content: `${centre.name} · ${visitDate} ${pick(BOOKING_SLOTS[slot])} · ${v.partySize} ${t('人', 'people')}`,
      onOk: () =>
        book.mutateAsync(
          { id: centre.id, input: { visitDate, slot, partySize: v.partySize, name: v.name, phone: v.phone } },
          { onSuccess: (b) => setDone(b) },
        ),
    });
  };
  return (
    <Modal
      open
      title={`${t('预约参观', 'Book a visit')} · ${centre.name}`}
      onCancel={onClose}
      footer={
        done ? (
          <Button onClick={onClose}>{t('关闭', 'Close')}</Button>
        ) : (
          <Button type="primary" onClick={submit} loading={book.isPending}>
            {t('提交预约', 'Book')}
          </Button>
        )
      }
    >
      {done ? (
        <Result
          status="success"
          title={t('预约成功', 'Booked')}
          subTitle={
            <span data-testid="booking-reference">
              {t('预约号', 'Reference')} {done.reference} · {done.visitDate} {pick(BOOKING_SLOTS[done.slot])} ·{' '}
              {done.nameMasked} {done.phoneMasked}
            </span>
          }
        />
      ) : (
        <Form form={form} layout="vertical" initialValues={{ partySize: 1 }}>
          <div style={{ marginBottom: 8, color: '#52606d' }}>
            {t('开放时间', 'Opening hours')}: {hoursText(centre.hours, lang)}
          </div>
          <Form.Item name="when" label={t('参观时段', 'Visit slot')} rules={[{ required: true }]}>
            <Select loading={slots.isLoading} options={options} placeholder={t('选择日期与时段', 'Pick a day')} />
          </Form.Item>
          <Form.Item name="partySize" label={t('人数', 'Party size')} rules={[{ required: true }]}>
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Form.Item name="name" label={t('联系人姓名', 'Name')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={40} />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('手机号', 'Mobile')}
            rules={[{ required: true, pattern: /^1\d{10}$/, message: t('11 位手机号', '11-digit mobile number') }]}
          >
            <Input maxLength={11} inputMode="numeric" />
          </Form.Item>
          <div style={{ fontSize: 12, color: '#8a94a6' }}>
            {t(
              '姓名和手机号加密保存,仅用于核验预约,页面只显示脱敏信息。',
              'Your name and number are stored encrypted, used only to check the booking, and shown masked.',
            )}
          </div>
        </Form>
      )}
    </Modal>
  );
}
