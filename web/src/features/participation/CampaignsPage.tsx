import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { PARTICIPATION_PERMISSIONS as P } from '@zhicheng/contracts/participation';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { RegionTreePicker } from '../../components/RegionTreePicker';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useCampaigns, useCreateCampaign } from './api';

interface NewCampaign {
  title: string;
  year: number;
  regionCode: string;
  closesAt?: Dayjs;
  retentionDays: number;
}

/** 问需于民 campaigns of the user's regions and above (/participation). */
export default function CampaignsPage() {
  const { t } = useI18n();
  const { can, region } = useAuth();
  const nav = useNavigate();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [form] = Form.useForm<NewCampaign>();
  const list = useCampaigns();
  const create = useCreateCampaign();
  const items = (list.data?.items ?? []).filter(
    (c) => !search || c.title.includes(search) || String(c.year).includes(search),
  );

  return (
    <div>
      <PageHeader
        title={t('问需于民', 'Citizen surveys')}
        sub={t(
          '省级发布问卷模板,市、县本地化后各自发布链接和二维码;结果自下而上汇总',
          'The province publishes a template; cities and counties localise it and publish their own link and QR code; results roll up',
        )}
        extra={
          <>
            <Link to="/participation/supervisors">
              <Button>{t('市民监督员库', 'Supervisor pool')}</Button>
            </Link>
            {can(P.surveysManage) && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                data-testid="new-campaign"
                onClick={() => {
                  form.setFieldsValue({
                    year: new Date().getFullYear(),
                    regionCode: region ?? undefined,
                    retentionDays: 180,
                  });
                  setOpen(true);
                }}
              >
                {t('新建征集活动', 'New campaign')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Input.Search
          placeholder={t('搜索活动名称或年份', 'Search title or year')}
          allowClear
          style={{ width: 280, marginBottom: 12 }}
          onSearch={setSearch}
        />
        <Table
          rowKey="id"
          loading={list.isLoading}
          dataSource={items}
          pagination={{ pageSize: 20 }}
          data-testid="campaign-table"
          onRow={(r) => ({ onClick: () => nav(`/participation/campaigns/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('活动', 'Campaign'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <>
                  {v} {r.demo && <SampleTag />}
                </>
              ),
            },
            { title: t('年度', 'Year'), dataIndex: 'year', width: 80 },
            { title: t('发起区划', 'Region'), dataIndex: 'regionName', width: 120 },
            { title: t('答卷数', 'Responses'), dataIndex: 'responseCount', width: 100, align: 'right' },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 90,
              render: (s: string) => (
                <Tag color={s === 'open' ? 'green' : 'default'}>
                  {s === 'open' ? t('征集中', 'Open') : t('已结束', 'Closed')}
                </Tag>
              ),
            },
            {
              title: t('截止', 'Closes'),
              dataIndex: 'closesAt',
              width: 120,
              render: (v: string | null) => v?.slice(0, 10) ?? '—',
            },
          ]}
        />
      </Card>
      <Modal
        open={open}
        title={t('新建征集活动', 'New campaign')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        okButtonProps={{ 'data-testid': 'campaign-ok' } as never}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            create.mutate(
              {
                title: v.title,
                year: v.year,
                regionCode: v.regionCode,
                retentionDays: v.retentionDays,
                closesAt: v.closesAt ? v.closesAt.endOf('day').format() : undefined,
              },
              {
                onSuccess: (c) => {
                  setOpen(false);
                  nav(`/participation/campaigns/${c.id}`);
                },
              },
            )
          }
        >
          <Form.Item name="title" label={t('活动名称', 'Title')} rules={[{ required: true }]}>
            <Input data-testid="campaign-title" />
          </Form.Item>
          <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('区划', 'Region')} rules={[{ required: true }]}>
            <RegionTreePicker data-testid="campaign-region" />
          </Form.Item>
          <Form.Item name="closesAt" label={t('截止日期', 'Closes on')}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="retentionDays"
            label={t('联系方式保存天数(活动结束后)', 'Keep contact details for (days after close)')}
          >
            <InputNumber min={0} max={3650} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
