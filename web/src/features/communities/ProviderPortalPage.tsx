import { Alert, Button, Card, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import {
  FACILITY_TYPES,
  OFFER_MODELS,
  type Agreement,
  type CreateOffer,
  type Offer,
} from '@zhicheng/contracts/communities';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useAgree, useCreateOffer, useLinkProvider, usePortal } from './api';
import { ExchangeStatusTag, facilityName } from './ExchangeStatus';

/** 服务商门户: the provider's own link to the directory, its offers and its agreements (nobody else's). */
export default function ProviderPortalPage() {
  const { t } = useI18n();
  const portal = usePortal();
  const link = useLinkProvider();
  const offer = useCreateOffer();
  const agree = useAgree();
  const [linkForm] = Form.useForm<{ creditCode: string }>();
  const [offerForm] = Form.useForm<CreateOffer>();
  if (!portal.data) return <Card loading={portal.isLoading} />;
  const p = portal.data;
  return (
    <div>
      <PageHeader
        title={t('服务商门户', 'Provider portal')}
        sub={t('本单位的便民设施供给与签约落地', 'Your facility offers and agreements')}
      />
      {!p.provider ? (
        <Card size="small" title={t('关联服务商库', 'Link to the provider directory')}>
          <Typography.Paragraph type="secondary">
            {t(
              '以统一社会信用代码关联名录库中的本单位(名称须与账号所属单位一致,且无有效失信记录)。',
              'Link your organisation by its credit code (the directory’s name must be your account’s organisation, with no dishonesty record in force).',
            )}
          </Typography.Paragraph>
          <Form form={linkForm} layout="inline" onFinish={(v) => link.mutate(v)}>
            <Form.Item name="creditCode" label={t('统一社会信用代码', 'Credit code')} rules={[{ required: true }]}>
              <Input style={{ width: 240 }} maxLength={18} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={link.isPending}>
              {t('关联', 'Link')}
            </Button>
          </Form>
        </Card>
      ) : (
        <Card size="small">
          <Space wrap>
            <strong>{p.provider.name}</strong>
            <span>{p.provider.creditCode}</span>
            {p.provider.eligible ? (
              <Tag color="green">{t('可参与对接 · Eligible', 'Eligible')}</Tag>
            ) : (
              <Tag color="red">{t('失信记录有效期内 · Barred', 'Barred (dishonesty record)')}</Tag>
            )}
          </Space>
        </Card>
      )}
      {p.provider?.eligible && (
        <Card size="small" style={{ marginTop: 12 }} title={t('发布供给', 'Offer a facility')}>
          <Form
            form={offerForm}
            layout="vertical"
            initialValues={{ capacity: 5, model: OFFER_MODELS[0] }}
            onFinish={(v) => offer.mutate(v, { onSuccess: () => offerForm.resetFields() })}
          >
            <Space wrap align="start">
              <Form.Item name="facility" label={t('设施', 'Facility')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 220 }}
                  showSearch
                  optionFilterProp="label"
                  options={FACILITY_TYPES.map((f) => ({ value: f[0], label: `${f[1]}(${f[2]})` }))}
                />
              </Form.Item>
              <Form.Item
                name="counties"
                label={t('服务区县(代码)', 'Counties served (codes)')}
                rules={[{ required: true }]}
              >
                <Select mode="tags" style={{ width: 240 }} tokenSeparators={[',', ' ']} />
              </Form.Item>
              <Form.Item name="capacity" label={t('可覆盖社区数', 'Capacity (communities)')}>
                <InputNumber min={1} max={10000} precision={0} />
              </Form.Item>
              <Form.Item name="model" label={t('运营模式', 'Operating model')}>
                <Select style={{ width: 220 }} options={OFFER_MODELS.map((m) => ({ value: m, label: m }))} />
              </Form.Item>
            </Space>
            <Form.Item
              name="terms"
              label={t('条件(政府零投入,企业如何获益)', 'Terms (free to government; how you earn)')}
              rules={[{ required: true }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={offer.isPending}>
              {t('发布', 'Publish')}
            </Button>
          </Form>
        </Card>
      )}
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={t(`本单位供给(${p.offers.length})`, `Your offers (${p.offers.length})`)}
      >
        <Table<Offer>
          rowKey="id"
          size="small"
          dataSource={p.offers}
          pagination={{ pageSize: 8, showSizeChanger: false }}
          columns={[
            { title: t('设施', 'Facility'), dataIndex: 'facility', render: facilityName },
            { title: t('服务区县', 'Counties'), dataIndex: 'counties', render: (c: string[]) => c.join(', ') },
            { title: t('容量', 'Capacity'), dataIndex: 'capacity' },
            { title: t('模式', 'Model'), dataIndex: 'model' },
            { title: '', dataIndex: 'demo', render: (d: boolean) => (d ? <SampleTag /> : null) },
          ]}
        />
      </Card>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={t(`本单位签约与落地(${p.agreements.length})`, `Your agreements (${p.agreements.length})`)}
      >
        {p.agreements.some((a) => a.status === 'confirmed') && (
          <Alert
            type="info"
            style={{ marginBottom: 8 }}
            message={t('县级已确认的配对等待贵单位签约。', 'Pairs the county confirmed are waiting for your answer.')}
          />
        )}
        <Table<Agreement>
          rowKey="id"
          size="small"
          dataSource={p.agreements}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: t('社区', 'Community'), dataIndex: 'communityName' },
            { title: t('区县', 'County'), dataIndex: 'countyCode' },
            { title: t('设施', 'Facility'), dataIndex: 'facility', render: facilityName },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (s: string) => <ExchangeStatusTag status={s} />,
            },
            { title: t('落地日期', 'Installed on'), dataIndex: 'installedOn', render: (d: string | null) => d ?? '—' },
            {
              title: t('满意度', 'Satisfaction'),
              render: (_: unknown, a) =>
                a.satisfaction.mean === null ? '—' : `${a.satisfaction.mean} (${a.satisfaction.answers})`,
            },
            {
              title: t('操作', 'Action'),
              render: (_: unknown, a) =>
                a.status === 'confirmed' ? (
                  <Space>
                    <Popconfirm
                      title={t('签约后须按期安装,确认签约?', 'You commit to install. Agree?')}
                      onConfirm={() => agree.mutate({ id: a.id, accept: true })}
                    >
                      <Button size="small" type="primary">
                        {t('签约', 'Agree')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('婉拒后该需求退回待撮合,确认?', 'The need goes back to open. Decline?')}
                      onConfirm={() => agree.mutate({ id: a.id, accept: false })}
                    >
                      <Button size="small">{t('婉拒', 'Decline')}</Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
    </div>
  );
}
