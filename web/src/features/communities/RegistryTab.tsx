import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import {
  COMMUNITIES_PERMISSIONS as P,
  TIER_NAMES,
  type Community,
  type CommunityQuery,
  type CommunityTier,
  type RegisterCommunity,
} from '@zhicheng/contracts/communities';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/PageHeader';
import { useRegisterCommunity, useRegistry, useUniverse } from './api';
import { TIER_COLORS } from './labels';

export function TierTag({ tier }: { tier: CommunityTier | null }) {
  const { pick, t } = useI18n();
  if (!tier) return <Tag>{t('未评定', 'Not rated')}</Tag>;
  return <Tag color={TIER_COLORS[tier]}>{pick(TIER_NAMES[tier])}</Tag>;
}

/** The registered communities of the region, searchable and filtered by tier; a county registers new ones. */
export function RegistryTab({ root }: { root: string }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [tier, setTier] = useState<CommunityQuery['tier']>();
  const [page, setPage] = useState(1);
  const [registering, setRegistering] = useState(false);
  const list = useRegistry({ region: root, q: q || undefined, tier, page });
  // Registering picks a unit of one county's list: offered where the region chosen is a county.
  const isCounty = root.length === 6 && !root.endsWith('00');

  return (
    <Card
      size="small"
      title={t('社区名录', 'Community registry')}
      extra={
        <Space wrap>
          <Select
            aria-label={t('分型', 'Tier')}
            allowClear
            placeholder={t('分型', 'Tier')}
            style={{ width: 130 }}
            value={tier}
            onChange={(v) => (setTier(v), setPage(1))}
            options={[
              { value: 'smart', label: t('全部智慧社区', 'All smart') },
              { value: 'benchmark', label: t('标杆型', 'Benchmark') },
              { value: 'growth', label: t('成长型', 'Growth') },
              { value: 'basic', label: t('基础型', 'Basic') },
              { value: 'none', label: t('未评定', 'Not rated') },
            ]}
          />
          <Input.Search
            allowClear
            placeholder={t('按名称或代码搜索', 'Search name or code')}
            onSearch={(v) => (setQ(v), setPage(1))}
            style={{ width: 220 }}
          />
          {can(P.manage) && isCounty && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
              {t('登记社区', 'Register')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<Community>
        rowKey="code"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('社区', 'Community'),
            dataIndex: 'name',
            render: (v: string, r) => (
              <>
                <Link to={`/communities/c/${r.code}`}>{v}</Link> {r.demo && <SampleTag />}
              </>
            ),
          },
          { title: t('代码', 'Code'), dataIndex: 'code' },
          { title: t('县/街道', 'County / street'), render: (_: unknown, r) => `${r.countyName} · ${r.streetName}` },
          { title: t('分型', 'Tier'), dataIndex: 'tier', render: (v: CommunityTier | null) => <TierTag tier={v} /> },
          { title: t('户数', 'Households'), dataIndex: 'households' },
          { title: t('人口', 'Population'), dataIndex: 'population' },
          { title: t('60岁以上占比', 'Aged 60+'), dataIndex: 'elderlyPct', render: (v: number) => `${v}%` },
          { title: t('网格', 'Grids'), dataIndex: 'grids' },
          { title: t('联系人', 'Contact'), render: (_: unknown, r) => `${r.contactName} ${r.contactPhone}` },
        ]}
      />
      {registering && <RegisterModal county={root} onClose={() => setRegistering(false)} />}
    </Card>
  );
}

function RegisterModal({ county, onClose }: { county: string; onClose: () => void }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const universe = useUniverse(county, search || undefined);
  const register = useRegisterCommunity();
  const [form] = Form.useForm<RegisterCommunity & { systemsText?: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    const { systemsText, ...rest } = v;
    register.mutate(
      {
        ...rest,
        systems: (systemsText ?? '')
          .split(/[,,、\n]/)
          .map((s) => s.trim())
          .filter(Boolean),
      },
      { onSuccess: onClose },
    );
  };
  return (
    <Modal
      open
      title={t('登记社区', 'Register a community')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={register.isPending}
      okText={t('登记', 'Register')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="code"
          label={t('社区(国家统计区划名录)', 'Community (national division list)')}
          rules={[{ required: true }]}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            loading={universe.isLoading}
            placeholder={t('输入名称搜索', 'Type to search')}
            options={(universe.data?.items ?? []).map((u) => ({
              value: u.code,
              disabled: u.registered,
              label: `${u.name} · ${u.streetName}${u.registered ? t('(已登记)', ' (registered)') : ''}`,
            }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="households" label={t('户数', 'Households')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="population" label={t('人口', 'Population')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="elderlyPct" label={t('60岁以上占比(%)', 'Aged 60+ (%)')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
          <Form.Item name="grids" label={t('网格数', 'Grids')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </Space>
        <Form.Item name="propertyCompany" label={t('物业公司', 'Property company')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="systemsText"
          label={t('在用信息系统(逗号分隔)', 'Information systems in use (comma-separated)')}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="contactName" label={t('联系人', 'Contact')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label={t('联系电话(加密保存)', 'Phone (stored encrypted)')}
            rules={[{ required: true, pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/ }]}
          >
            <Input />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
