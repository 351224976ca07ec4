import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { OfferInput } from '@zhicheng/contracts/compute-network';
import { ApiError } from '../../../api/client';
import { useI18n } from '../../../app/i18n';
import { useCentres, useModels } from '../api';
import { fieldErrors } from '../forms';
import { usePublishOffer } from './api';

type Values = Omit<OfferInput, 'availableFrom' | 'availableUntil' | 'priceFenPerCardHour'> & {
  window: [Dayjs, Dayjs];
  priceYuan: number;
};
const FIELDS = [...Object.keys(OfferInput.shape), 'priceYuan', 'window'] as string[];

/** A centre publishes an offer; the server refuses more cards than the registry and latest report say are free. */
export function OfferForm() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const centres = useCentres({ pageSize: 500 });
  const models = useModels();
  const publish = usePublishOffer((e) => {
    if (e instanceof ApiError)
      form.setFields(
        fieldErrors(e.problem, FIELDS).map((f) =>
          f.name === 'priceFenPerCardHour'
            ? { ...f, name: 'priceYuan' }
            : f.name === 'availableFrom' || f.name === 'availableUntil'
              ? { ...f, name: 'window' }
              : f,
        ) as never,
      );
  });
  const accelerators = (models.data?.items ?? []).filter((m) => m.kind === 'accelerator');
  const onFinish = ({ window, priceYuan, ...v }: Values) =>
    publish.mutate({
      ...v,
      priceFenPerCardHour: Math.round(priceYuan * 100),
      availableFrom: window[0].toISOString(),
      availableUntil: window[1].toISOString(),
    });
  return (
    <Card title={t('上架算力', 'Publish an offer')} style={{ marginBottom: 12 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        data-testid="offer-form"
        initialValues={{
          billing: 'on_demand',
          minLeaseHours: 1,
          memoryGb: 80,
          interconnect: 'NVLink + 200G RoCE',
          window: [dayjs().startOf('day'), dayjs().add(6, 'month').startOf('day')],
        }}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="dataCentreId" label={t('数据中心', 'Data centre')} rules={[{ required: true }]}>
              <Select
                data-testid="offer-centre"
                options={(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="modelId" label={t('加速卡型号', 'Accelerator')} rules={[{ required: true }]}>
              <Select
                data-testid="offer-model"
                showSearch
                optionFilterProp="label"
                options={accelerators.map((m) => ({ value: m.id, label: `${m.vendor} ${m.name}` }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="cards" label={t('卡数', 'Cards')} rules={[{ required: true }]}>
              <InputNumber data-testid="offer-cards" min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="priceYuan" label={t('单价(元/卡·时)', 'Price (¥/card-hour)')} rules={[{ required: true }]}>
              <InputNumber data-testid="offer-price" min={0.01} step={0.5} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="memoryGb" label={t('显存 GB', 'Memory GB')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="interconnect" label={t('互联', 'Interconnect')} rules={[{ required: true }]}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="billing" label={t('计费方式', 'Billing')}>
              <Select
                options={[
                  { value: 'on_demand', label: t('按需', 'On demand') },
                  { value: 'monthly', label: t('包月', 'Monthly') },
                  { value: 'reserved', label: t('预留', 'Reserved') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="minLeaseHours" label={t('最短租期(小时)', 'Min lease (h)')} rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="window" label={t('供应期', 'Availability')} rules={[{ required: true }]}>
              <DatePicker.RangePicker showTime style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit" loading={publish.isPending} data-testid="offer-submit">
                {t('上架', 'Publish')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
