import { useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Switch,
  Table,
  Tag,
} from 'antd';
import { chinaToday } from '../../app/chinaDay';
import dayjs from 'dayjs';
import {
  COMMUNITIES_PERMISSIONS as P,
  FACILITY_TYPES,
  type Agreement,
  type FacilityType,
} from '@zhicheng/contracts/communities';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useCommunityPairs, useCreateNeed, useInstall, useStop, useSuggestions } from './api';
import { ExchangeStatusTag, facilityName } from './ExchangeStatus';

/**
 * A community's side of the facility exchange: needs suggested from the county's 问需于民 topics, posting a need,
 * and its pairs — recording a facility installed (residents are then asked) or a service stopped.
 */
export function CommunityExchangeCard({ code }: { code: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const mayReport = can(P.selfReport);
  const pairs = useCommunityPairs(code);
  const suggestions = useSuggestions(code, mayReport);
  const post = useCreateNeed();
  const install = useInstall();
  const stop = useStop();
  const [form] = Form.useForm<{ facility: FacilityType; priority: number }>();
  const [installing, setInstalling] = useState<Agreement | null>(null);
  const [installForm] = Form.useForm<{ installedOn: dayjs.Dayjs; phones: string[]; askRespondents: boolean }>();
  return (
    <Card size="small" title={t('便民设施供需对接', 'Facility exchange')}>
      {mayReport && (
        <>
          {suggestions.data && suggestions.data.items.length > 0 && (
            <div style={{ marginBottom: 8 }} data-testid="suggestions">
              {t('问需于民建议:', 'Suggested from residents’ demands: ')}
              {suggestions.data.items.map((s) => (
                <Tag
                  key={s.facility}
                  color={s.alreadyPosted ? 'default' : 'blue'}
                  style={{ cursor: 'pointer' }}
                  onClick={() => form.setFieldsValue({ facility: s.facility })}
                >
                  {s.facilityName} · {s.topic} {(s.share * 100).toFixed(0)}%
                </Tag>
              ))}
            </div>
          )}
          <Form
            form={form}
            layout="inline"
            initialValues={{ priority: 3 }}
            onFinish={(v) => post.mutate({ communityCode: code, ...v }, { onSuccess: () => form.resetFields() })}
          >
            <Form.Item name="facility" label={t('设施', 'Facility')} rules={[{ required: true }]}>
              <Select
                style={{ width: 220 }}
                showSearch
                optionFilterProp="label"
                options={FACILITY_TYPES.map((f) => ({ value: f[0], label: f[1] }))}
              />
            </Form.Item>
            <Form.Item name="priority" label={t('优先级(1–5)', 'Priority (1–5)')}>
              <InputNumber min={1} max={5} precision={0} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={post.isPending}>
              {t('提出需求', 'Post need')}
            </Button>
          </Form>
        </>
      )}
      <Table<Agreement>
        style={{ marginTop: 8 }}
        rowKey="id"
        size="small"
        loading={pairs.isLoading}
        dataSource={pairs.data ?? []}
        pagination={false}
        columns={[
          { title: t('设施', 'Facility'), dataIndex: 'facility', render: facilityName },
          { title: t('企业', 'Provider'), dataIndex: 'providerName' },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (s: string) => <ExchangeStatusTag status={s} /> },
          { title: t('落地日期', 'Installed on'), dataIndex: 'installedOn', render: (d: string | null) => d ?? '—' },
          {
            title: t('满意度', 'Satisfaction'),
            render: (_: unknown, a) =>
              a.satisfaction.mean === null ? '—' : `${a.satisfaction.mean} (${a.satisfaction.answers})`,
          },
          {
            title: t('操作', 'Action'),
            render: (_: unknown, a) =>
              !mayReport ? null : a.status === 'agreed' ? (
                <Button size="small" type="primary" onClick={() => setInstalling(a)}>
                  {t('登记落地', 'Record installed')}
                </Button>
              ) : a.status === 'installed' && !a.stoppedOn ? (
                <Popconfirm
                  title={t('登记该服务已停止运营?', 'Record that this service stopped?')}
                  onConfirm={() => stop.mutate({ id: a.id, stoppedOn: dayjs().format('YYYY-MM-DD') })}
                >
                  <Button size="small">{t('已停运', 'Stopped')}</Button>
                </Popconfirm>
              ) : a.stoppedOn ? (
                <Tag>{t(`${a.stoppedOn} 停运`, `stopped ${a.stoppedOn}`)}</Tag>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!installing}
        title={t('登记落地并回访居民', 'Record installed and ask residents')}
        okText={t('确认登记', 'Record')}
        confirmLoading={install.isPending}
        onCancel={() => setInstalling(null)}
        onOk={() => installForm.submit()}
      >
        <Form
          form={installForm}
          layout="vertical"
          initialValues={{ installedOn: chinaToday(), phones: [], askRespondents: true }}
          onFinish={(v) =>
            install.mutate(
              {
                id: installing!.id,
                installedOn: v.installedOn.format('YYYY-MM-DD'),
                phones: v.phones,
                askRespondents: v.askRespondents,
              },
              { onSuccess: () => setInstalling(null) },
            )
          }
        >
          <Form.Item name="installedOn" label={t('落地日期', 'Installed on')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="phones" label={t('回访居民手机号(可多个)', 'Residents’ phones to ask')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} />
          </Form.Item>
          <Space>
            <Form.Item name="askRespondents" valuePropName="checked" noStyle>
              <Switch />
            </Form.Item>
            {t('同时回访问需于民中提过此类需求的居民', 'Also ask residents who asked for this in the county survey')}
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
