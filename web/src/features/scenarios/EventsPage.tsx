import { useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  PROMOTION_NAMES,
  SCENARIOS_PERMISSIONS as P,
  type Promotion,
  type PromotionInput,
} from '@zhicheng/contracts/scenarios';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useCreateEvent, useEvents, useSearch } from './api';
import { useCities } from './useCities';

type FormValues = Omit<PromotionInput, 'heldOn' | 'hostRegion'> & { heldOn: Dayjs };

/**
 * Promotion events (现场会、观摩会、巡讲): when and where, the cases shown, the regions that attended, and how many
 * of those regions adopted a shown case afterwards (the board's replication, confirmed by the adopter's city).
 */
export default function EventsPage() {
  const { t, pick, lang } = useI18n();
  const { can, region } = useAuth();
  const events = useEvents();
  const create = useCreateEvent();
  const cities = useCities();
  const [creating, setCreating] = useState(false);
  const [kind, setKind] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const found = useSearch({ q: q || undefined, pageSize: 20 }, creating);
  const [form] = Form.useForm<FormValues>();
  const cityName = new Map(cities.map((c) => [c.value, c.label]));
  const rows = (events.data?.items ?? []).filter((e) => !kind || e.kind === kind);

  return (
    <div>
      <PageHeader
        title={t('推广活动', 'Promotion events')}
        sub={t(
          '现场会、观摩会、巡讲,以及会后参会地区的复制推广',
          'On-site meetings, study visits and touring talks, and the adoptions that followed',
        )}
        extra={
          can(P.file) &&
          region && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('记录活动', 'Record an event')}
            </Button>
          )
        }
      />
      <Card>
        <Space style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('活动类型', 'Kind')}
            allowClear
            placeholder={t('活动类型', 'Kind')}
            style={{ width: 160 }}
            options={Object.entries(PROMOTION_NAMES).map(([value, n]) => ({ value, label: pick(n) }))}
            onChange={setKind}
          />
        </Space>
        <Table<Promotion>
          rowKey="id"
          size="small"
          loading={events.isLoading}
          dataSource={rows}
          pagination={{ pageSize: 20, showTotal: (n) => t(`共 ${n} 场`, `${n} events`) }}
          columns={[
            {
              title: t('活动', 'Event'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <>
                  {v} {r.demo && <SampleTag en={lang === 'en'} />}
                </>
              ),
            },
            {
              title: t('类型', 'Kind'),
              dataIndex: 'kind',
              width: 110,
              render: (k: Promotion['kind']) => <Tag>{pick(PROMOTION_NAMES[k])}</Tag>,
            },
            { title: t('日期', 'Date'), dataIndex: 'heldOn', width: 110 },
            { title: t('地点', 'Place'), dataIndex: 'place', width: 160 },
            { title: t('展示案例', 'Cases shown'), width: 90, align: 'right', render: (_, r) => r.caseIds.length },
            {
              title: t('参会地区', 'Attending'),
              width: 200,
              render: (_, r) =>
                r.attendingRegions
                  .slice(0, 4)
                  .map((c) => cityName.get(c) ?? c)
                  .join('、') + (r.attendingRegions.length > 4 ? ` 等 ${r.attendingRegions.length} 个` : ''),
            },
            {
              title: t('会后复制推广', 'Adoptions after'),
              dataIndex: 'adoptionsAfter',
              width: 120,
              align: 'right',
              sorter: (a, b) => a.adoptionsAfter - b.adoptionsAfter,
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('记录推广活动', 'Record a promotion event')}
        okText={t('保存', 'Save')}
        confirmLoading={create.isPending}
        onCancel={() => setCreating(false)}
        onOk={() =>
          void form
            .validateFields()
            .then((v) =>
              create.mutate(
                { ...v, heldOn: v.heldOn.format('YYYY-MM-DD'), hostRegion: region! },
                { onSuccess: () => (setCreating(false), form.resetFields()) },
              ),
            )
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
            <Select options={Object.entries(PROMOTION_NAMES).map(([value, n]) => ({ value, label: pick(n) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('名称', 'Title')} rules={[{ required: true, min: 2, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="heldOn" label={t('日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="place" label={t('地点', 'Place')} rules={[{ required: true, min: 2, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="caseIds"
            label={t('展示的入榜案例', 'Cases shown (on the board)')}
            rules={[{ required: true }]}
          >
            <Select
              mode="multiple"
              showSearch
              filterOption={false}
              onSearch={setQ}
              options={(found.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.title}(${c.regionName})` }))}
            />
          </Form.Item>
          <Form.Item name="attendingRegions" label={t('参会地区', 'Attending regions')} rules={[{ required: true }]}>
            <Select mode="multiple" options={cities} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
