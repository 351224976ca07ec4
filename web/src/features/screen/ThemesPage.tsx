import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Card, Checkbox, Form, Input, List, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import {
  SCREEN_LAYERS,
  SCREEN_PERMISSIONS as P,
  SCREEN_WIDGETS,
  type LayerKey,
  type Theme,
  type WidgetKey,
} from '@zhicheng/contracts/screen';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useProvince } from '../../api/province';
import { PageHeader } from '../../components/PageHeader';
import { useDeleteTheme, useSaveTheme, useThemes } from './api';
import { ActionLink } from '../../components/ActionLink';

const MODULE_NAMES: Record<string, [string, string]> = {
  assessment: ['评估评价', 'Assessment'],
  participation: ['问需于民', 'Citizen surveys'],
  'compute-network': ['算力网络', 'Compute'],
  scenarios: ['优秀案例', 'Scenarios'],
  communities: ['智慧社区', 'Communities'],
  'city-brain': ['齐鲁智脑', 'City brain'],
  'work-ledger': ['工作台账', 'Work ledger'],
};

/** An ordered pick: the chosen keys in order, with up/down to reorder and a search over what can be added. */
function OrderedPicker<K extends string>({
  value = [],
  onChange,
  catalogue,
  testId,
}: {
  value?: K[];
  onChange?: (v: K[]) => void;
  catalogue: Record<K, { module: string; zh: string; en: string }>;
  testId: string;
}) {
  const { t, lang } = useI18n();
  const label = (k: K) => `${catalogue[k][lang]} · ${MODULE_NAMES[catalogue[k].module]?.[lang === 'zh' ? 0 : 1] ?? ''}`;
  const move = (i: number, d: number) => {
    const next = [...value];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    onChange?.(next);
  };
  return (
    <div data-testid={testId}>
      <Select
        aria-label={t('添加组件', 'Add a widget')}
        showSearch
        style={{ width: '100%', marginBottom: 8 }}
        placeholder={t('添加组件', 'Add a widget')}
        value={null}
        optionFilterProp="label"
        options={(Object.keys(catalogue) as K[])
          .filter((k) => !value.includes(k))
          .map((k) => ({ value: k, label: label(k) }))}
        onChange={(k: K) => onChange?.([...value, k])}
      />
      <List
        size="small"
        bordered
        dataSource={value}
        renderItem={(k, i) => (
          <List.Item
            actions={[
              <Button
                key="up"
                size="small"
                icon={<ArrowUpOutlined />}
                disabled={i === 0}
                onClick={() => move(i, -1)}
              />,
              <Button
                key="down"
                size="small"
                icon={<ArrowDownOutlined />}
                disabled={i === value.length - 1}
                onClick={() => move(i, 1)}
              />,
              <Button
                key="x"
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => onChange?.(value.filter((x) => x !== k))}
              />,
            ]}
          >
            {i + 1}. {label(k)}
          </List.Item>
        )}
      />
    </div>
  );
}

interface FormValues {
  name: string;
  widgets: WidgetKey[];
  layers: LayerKey[];
  isDefault: boolean;
}

/** Leaders' themes for a region's screen: which widgets and map layers, in which order. No code to change. */
export default function ThemesPage() {
  const { t } = useI18n();
  const { can, region: chosen } = useAuth();
  const province = useProvince();
  const region = chosen ?? province?.code ?? null;
  const themes = useThemes(region);
  const save = useSaveTheme();
  const remove = useDeleteTheme();
  const [editing, setEditing] = useState<Theme | null>(null);
  const [form] = Form.useForm<FormValues>();
  const canManage = can(P.manage);

  const open = (th: Theme, copy = false) => {
    setEditing(copy ? { ...th, id: null } : th);
    form.setFieldsValue({
      name: copy ? `${th.name} 副本` : th.name,
      widgets: th.widgets,
      layers: th.layers,
      isDefault: copy ? false : th.isDefault,
    });
  };

  return (
    <div>
      <PageHeader
        title={t('大屏主题', 'Screen themes')}
        sub={t(
          '主题决定大屏显示哪些组件、按什么顺序;本区划的默认主题也用于下级区划,直到下级保存自己的主题',
          'A theme sets which widgets a screen shows, in which order; a region’s default also applies below it',
        )}
        extra={
          region && (
            <Link to={`/screen/${region}`}>
              <Button type="primary">{t('打开大屏', 'Open the screen')}</Button>
            </Link>
          )
        }
      />
      <Card>
        <Table<Theme>
          rowKey={(r) => r.id ?? 'builtin'}
          loading={themes.isLoading}
          dataSource={themes.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('名称', 'Name'),
              dataIndex: 'name',
              render: (v: string, r) => (
                <Space>
                  {v}
                  {r.id === themes.data?.active.id && <Tag color="blue">{t('当前使用', 'In use')}</Tag>}
                  {r.isDefault && <Tag>{t('默认', 'Default')}</Tag>}
                </Space>
              ),
            },
            { title: t('区划', 'Region'), dataIndex: 'regionCode' },
            { title: t('组件数', 'Widgets'), render: (_, r) => r.widgets.length },
            { title: t('图层', 'Layers'), render: (_, r) => r.layers.map((l) => SCREEN_LAYERS[l].zh).join('、') },
            {
              title: t('操作', 'Actions'),
              render: (_, r) => (
                <Space>
                  <Link to={`/screen/${region}?theme=${r.id ?? 'builtin'}`}>{t('预览', 'Preview')}</Link>
                  {canManage && r.id && r.regionCode === region && (
                    <ActionLink onClick={() => open(r)}>{t('编辑', 'Edit')}</ActionLink>
                  )}
                  {canManage && (
                    <ActionLink onClick={() => open(r, true)}>{t('复制为新主题', 'Copy as new')}</ActionLink>
                  )}
                  {canManage && r.id && r.regionCode === region && (
                    <Popconfirm
                      title={t('删除这个主题?删除后不可恢复', 'Delete this theme? This cannot be undone')}
                      onConfirm={() => remove.mutate(r.id!)}
                    >
                      <a>{t('删除', 'Delete')}</a>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!editing}
        width={720}
        title={editing?.id ? t('编辑主题', 'Edit theme') : t('新建主题', 'New theme')}
        okText={t('保存', 'Save')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() =>
          form
            .validateFields()
            .then((v) =>
              save.mutate(
                { id: editing?.id ?? null, input: { ...v, regionCode: region! } },
                { onSuccess: () => setEditing(null) },
              ),
            )
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label={t('名称', 'Name')}
            rules={[{ required: true, max: 60, message: t('请填写名称(60字以内)', 'Name (up to 60 characters)') }]}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="widgets"
            label={t('组件(按顺序)', 'Widgets (in order)')}
            rules={[{ required: true, type: 'array', min: 1, message: t('至少选一个组件', 'Choose at least one') }]}
          >
            <OrderedPicker catalogue={SCREEN_WIDGETS} testId="widget-picker" />
          </Form.Item>
          <Form.Item name="layers" label={t('地图图层(按顺序)', 'Map layers (in order)')}>
            <OrderedPicker catalogue={SCREEN_LAYERS} testId="layer-picker" />
          </Form.Item>
          <Form.Item name="isDefault" valuePropName="checked">
            <Checkbox>{t('设为本区划默认主题', 'Make it this region’s default')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
