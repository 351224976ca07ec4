import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import {
  SCREEN_PERMISSIONS as P,
  SCREEN_WIDGETS,
  type WarningCondition,
  type WarningLevel,
  type WarningRule,
  type WarningRuleInput,
  type WidgetKey,
} from '@zhicheng/contracts/screen';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useProvince } from '../../api/province';
import { PageHeader } from '../../components/PageHeader';
import { useDeleteRule, useRules, useSaveRule } from './api';
import { ActionLink } from '../../components/ActionLink';

const CONDITIONS: Record<WarningCondition, [string, string]> = {
  below_target: ['低于目标的倍数', 'Below target ×'],
  below: ['低于阈值', 'Below'],
  above: ['高于阈值', 'Above'],
  stale: ['超过天数未更新', 'Older than (days)'],
  anomaly: ['异常波动(标准差倍数)', 'Anomaly (z-score)'],
};
const LEVELS: Record<WarningLevel, [string, string, string]> = {
  red: ['红色', 'Red', 'red'],
  orange: ['橙色', 'Orange', 'orange'],
  yellow: ['黄色', 'Yellow', 'gold'],
};

/** Warning rules: thresholds, levels and owners per region, edited without code; a region's rules apply below it. */
export default function RulesPage() {
  const { t, lang } = useI18n();
  const { can, region: chosen } = useAuth();
  const province = useProvince();
  const region = chosen ?? province?.code ?? null;
  const rules = useRules(region);
  const save = useSaveRule();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<WarningRule | 'new' | null>(null);
  const [q, setQ] = useState('');
  const [form] = Form.useForm<WarningRuleInput>();
  const i = lang === 'zh' ? 0 : 1;

  const open = (r: WarningRule | 'new') => {
    setEditing(r);
    form.setFieldsValue(
      r === 'new'
        ? {
            name: '',
            widget: 'assessment.county-4star-share',
            condition: 'below_target',
            threshold: 1,
            level: 'orange',
            owner: '',
            enabled: true,
          }
        : r,
    );
  };
  const items = (rules.data?.items ?? []).filter(
    (r) => !q || r.name.includes(q) || r.owner.includes(q) || SCREEN_WIDGETS[r.widget].zh.includes(q),
  );

  return (
    <div>
      <PageHeader
        title={t('预警规则', 'Warning rules')}
        sub={t(
          '关键指标预警:目标、阈值、数据超期;本区划的规则也适用于下级区划',
          'Key-indicator warnings: targets, bounds, stale feeds; a region’s rules also apply below it',
        )}
        extra={
          can(P.manage) && (
            <Button type="primary" onClick={() => open('new')}>
              {t('新建规则', 'New rule')}
            </Button>
          )
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('搜索规则、组件或责任部门', 'Search rules, widgets or owners')}
          style={{ maxWidth: 320, marginBottom: 12 }}
          onSearch={setQ}
        />
        <Table<WarningRule>
          rowKey="id"
          loading={rules.isLoading}
          dataSource={items}
          columns={[
            { title: t('名称', 'Name'), dataIndex: 'name' },
            { title: t('组件', 'Widget'), render: (_, r) => SCREEN_WIDGETS[r.widget][lang] },
            {
              title: t('条件', 'Condition'),
              render: (_, r) => `${CONDITIONS[r.condition][i]} ${r.threshold}`,
            },
            {
              title: t('级别', 'Level'),
              render: (_, r) => <Tag color={LEVELS[r.level][2]}>{LEVELS[r.level][i]}</Tag>,
            },
            { title: t('责任部门', 'Owner'), dataIndex: 'owner' },
            { title: t('区划', 'Region'), dataIndex: 'regionCode' },
            {
              title: t('启用', 'On'),
              render: (_, r) => (r.enabled ? t('是', 'yes') : t('否', 'no')),
            },
            {
              title: t('操作', 'Actions'),
              render: (_, r) =>
                can(P.manage) && r.regionCode === region ? (
                  <Space>
                    <ActionLink onClick={() => open(r)}>{t('编辑', 'Edit')}</ActionLink>
                    <Popconfirm
                      title={t('删除这条规则?删除后不可恢复', 'Delete this rule? This cannot be undone')}
                      onConfirm={() => remove.mutate(r.id)}
                    >
                      <a>{t('删除', 'Delete')}</a>
                    </Popconfirm>
                  </Space>
                ) : (
                  <span style={{ color: '#666' }}>{t('上级规则', 'From above')}</span>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('新建规则', 'New rule') : t('编辑规则', 'Edit rule')}
        okText={t('保存', 'Save')}
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() =>
          form
            .validateFields()
            .then((v) =>
              save.mutate(
                { id: editing === 'new' || !editing ? null : editing.id, input: { ...v, regionCode: region! } },
                { onSuccess: () => setEditing(null) },
              ),
            )
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="widget" label={t('组件', 'Widget')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(Object.keys(SCREEN_WIDGETS) as WidgetKey[]).map((k) => ({
                value: k,
                label: SCREEN_WIDGETS[k][lang],
              }))}
            />
          </Form.Item>
          <Space>
            <Form.Item name="condition" label={t('条件', 'Condition')} rules={[{ required: true }]}>
              <Select
                style={{ width: 180 }}
                options={(Object.keys(CONDITIONS) as WarningCondition[]).map((k) => ({
                  value: k,
                  label: CONDITIONS[k][i],
                }))}
              />
            </Form.Item>
            <Form.Item
              name="threshold"
              label={t('阈值(占比填 0–1)', 'Threshold (shares 0–1)')}
              rules={[{ required: true, type: 'number' }]}
            >
              <InputNumber style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="level" label={t('级别', 'Level')} rules={[{ required: true }]}>
              <Select
                style={{ width: 100 }}
                options={(Object.keys(LEVELS) as WarningLevel[]).map((k) => ({ value: k, label: LEVELS[k][i] }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="owner" label={t('责任部门', 'Owner')} rules={[{ required: true, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="enabled" label={t('启用', 'On')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
