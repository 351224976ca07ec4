import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Space, Table, Tag, Typography } from 'antd';
import {
  SHARING_CLASSES,
  UPDATE_CYCLES,
  type Dataset,
  type DatasetField,
  type DataUse,
} from '@zhicheng/contracts/city-brain';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/PageHeader';
import { useDataUses } from './api';
import { RequestDataModal, UseDataModal } from './CatalogueForms';
import { covers, SHARING_COLOR } from './labels';
import { chinaTime } from '../../app/chinaDay';

const time = (v: string | null) => chinaTime(v);
const FIELD_TYPES: Record<DatasetField['type'], { zh: string; en: string }> = {
  string: { zh: '文本', en: 'Text' },
  number: { zh: '数值', en: 'Number' },
  date: { zh: '日期', en: 'Date' },
  datetime: { zh: '时间', en: 'Date-time' },
  boolean: { zh: '是/否', en: 'Yes/no' },
  geometry: { zh: '空间位置', en: 'Geometry' },
};

/** One dataset: what it holds, how it is shared, how to get it, and (for its owner's region) who used it. */
export function DatasetDrawer({ dataset: d, onClose }: { dataset: Dataset; onClose: () => void }) {
  const { t, pick, lang } = useI18n();
  const { region } = useAuth();
  const [asking, setAsking] = useState(false);
  const [using, setUsing] = useState(false);
  const [page, setPage] = useState(1);
  const owner = covers(region, d.regionCode);
  const uses = useDataUses(d.id, page, owner);
  return (
    <Drawer
      open
      width={760}
      onClose={onClose}
      title={
        <Space>
          {d.name}
          {d.demo && <SampleTag en={lang === 'en'} />}
        </Space>
      }
      extra={
        <Space>
          {d.sharingClass === 'conditional' && (
            <Button type="primary" onClick={() => setAsking(true)} data-testid="request-data">
              {t('申请使用', 'Request')}
            </Button>
          )}
          {d.sharingClass === 'unconditional' && (
            <Button type="primary" onClick={() => setUsing(true)}>
              {t('登记使用', 'Use')}
            </Button>
          )}
        </Space>
      }
    >
      {d.sharingClass === 'not_shared' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('该数据资源不予共享', 'This dataset is not shared')}
          description={d.sharingConditions || undefined}
        />
      )}
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('资源编码', 'Code')}>
          <Typography.Text code>{d.code}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('共享属性', 'Sharing')}>
          <Tag color={SHARING_COLOR[d.sharingClass]}>{pick(SHARING_CLASSES[d.sharingClass])}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('提供方', 'Offered by')}>{d.subPlatformName}</Descriptions.Item>
        <Descriptions.Item label={t('责任单位', 'Owner')}>{d.ownerUnit}</Descriptions.Item>
        <Descriptions.Item label={t('更新周期', 'Updated')}>{pick(UPDATE_CYCLES[d.updateCycle])}</Descriptions.Item>
        <Descriptions.Item label={t('最近更新', 'Last update')}>{time(d.lastUpdatedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('版本', 'Version')}>{d.version ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('记录数', 'Records')}>{d.records?.toLocaleString() ?? '—'}</Descriptions.Item>
        {d.sharingClass === 'conditional' && (
          <Descriptions.Item label={t('共享条件', 'Conditions')} span={2}>
            {d.sharingConditions || '—'}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('说明', 'Description')} span={2}>
          {d.description || '—'}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>{t('字段', 'Fields')}</Typography.Title>
      <Table<DatasetField>
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={d.fields}
        style={{ marginBottom: 24 }}
        columns={[
          {
            title: t('字段名', 'Name'),
            dataIndex: 'name',
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          { title: t('中文名称', 'Label'), dataIndex: 'label' },
          { title: t('类型', 'Type'), dataIndex: 'type', render: (v: DatasetField['type']) => pick(FIELD_TYPES[v]) },
          {
            title: t('个人信息', 'Personal'),
            dataIndex: 'personal',
            render: (p: boolean) => (p ? <Tag color="volcano">{t('脱敏提供', 'Masked')}</Tag> : '—'),
          },
        ]}
      />
      <Typography.Title level={5}>{t('使用记录', 'Use records')}</Typography.Title>
      {owner ? (
        <Table<DataUse>
          size="small"
          rowKey="id"
          data-testid="use-records"
          loading={uses.isLoading}
          dataSource={uses.data?.items ?? []}
          pagination={{ current: page, pageSize: 10, total: uses.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('时间', 'At'), dataIndex: 'at', render: time },
            { title: t('使用人', 'By'), dataIndex: 'userName' },
            {
              title: t('用途', 'Purpose'),
              dataIndex: 'purpose',
              render: (p: string, u) => (
                <Space direction="vertical" size={0}>
                  {p}
                  {u.requestId ? (
                    <Tag color="orange">{t('依据已批准申请', 'Under an approved request')}</Tag>
                  ) : (
                    <Tag color="green">{t('无条件共享', 'Unconditional')}</Tag>
                  )}
                </Space>
              ),
            },
            { title: t('字段', 'Fields'), dataIndex: 'fields', render: (f: string[]) => f.join(', ') },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">
          {t('使用记录由数据提供方所在区划查看', 'Use records are shown to the owner’s region')}
        </Typography.Text>
      )}
      {asking && <RequestDataModal dataset={d} onClose={() => setAsking(false)} />}
      {using && <UseDataModal datasetId={d.id} datasetName={d.name} onClose={() => setUsing(false)} />}
    </Drawer>
  );
}
