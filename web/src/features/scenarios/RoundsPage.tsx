import { useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link } from 'react-router';
import type { Dayjs } from 'dayjs';
import { COMPONENT_NAMES, type Round } from '@zhicheng/contracts/scenarios';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useBoard, useCreateRound, useDecideHeld, useDraw, useHeld, useRoundAction, useRounds } from './api';
import { chinaTime } from '../../app/chinaDay';

type Weights = Round['weights'];

/** The board for the province: rounds and their weights, expert draws, held vote bursts. */
export default function RoundsPage() {
  const { t, pick, lang } = useI18n();
  const rounds = useRounds();
  const open = rounds.data?.items.find((r) => r.status === 'open');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{
    name: string;
    kind: 'quarter' | 'final';
    span: [Dayjs, Dayjs];
    weights: Weights;
    priorReviews: number;
  }>();
  const create = useCreateRound();
  const action = useRoundAction();
  const held = useHeld(open?.id);
  const decide = useDecideHeld(open?.id ?? '');
  const draw = useDraw(open?.id ?? '');
  const [drawN, setDrawN] = useState(20);
  const top = useBoard({ page: 1, pageSize: drawN });

  const submit = async () => {
    const v = await form.validateFields();
    create.mutate(
      {
        name: v.name,
        kind: v.kind,
        startsOn: v.span[0].format('YYYY-MM-DD'),
        endsOn: v.span[1].format('YYYY-MM-DD'),
        weights: v.weights,
        priorReviews: v.priorReviews,
      },
      { onSuccess: () => setCreating(false) },
    );
  };

  return (
    <div>
      <PageHeader
        title={t('动态打榜', 'The board')}
        sub={
          <Link to="/board" target="_blank">
            {t('查看公众榜单', 'Open the public board')}
          </Link>
        }
        extra={
          !open && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t('开启新一轮', 'Open a round')}
            </Button>
          )
        }
      />
      <Card title={t('轮次', 'Rounds')} style={{ marginBottom: 12 }}>
        <Table<Round>
          rowKey="id"
          size="small"
          loading={rounds.isLoading}
          dataSource={rounds.data?.items ?? []}
          pagination={false}
          columns={[
            {
              title: t('名称', 'Name'),
              dataIndex: 'name',
              render: (v: string, r) => (
                <>
                  {v} {r.demo && <SampleTag en={lang === 'en'} />}
                </>
              ),
            },
            { title: t('起止', 'Span'), render: (_, r) => `${r.startsOn} ~ ${r.endsOn}` },
            {
              title: t('权重', 'Weights'),
              render: (_, r) =>
                (Object.keys(COMPONENT_NAMES) as (keyof Weights)[])
                  .map((k) => `${pick(COMPONENT_NAMES[k])} ${r.weights[k]}`)
                  .join(' · '),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              render: (s: string) => (
                <Tag color={s === 'open' ? 'processing' : 'default'}>
                  {s === 'open' ? t('进行中', 'Open') : t('已结束', 'Closed')}
                </Tag>
              ),
            },
            {
              title: t('操作', 'Actions'),
              render: (_, r) =>
                r.status === 'open' && (
                  <Space>
                    <Button size="small" onClick={() => action.mutate({ id: r.id, action: 'recompute' })}>
                      {t('全量重算', 'Recompute')}
                    </Button>
                    <Popconfirm
                      title={t(
                        '结束本轮?名次将被冻结,用于下一轮的升降比较。',
                        'Close the round? Its ranks are frozen for the next round’s movement.',
                      )}
                      onConfirm={() => action.mutate({ id: r.id, action: 'close' })}
                    >
                      <Button size="small" danger>
                        {t('结束本轮', 'Close')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {open && (
        <Card title={t('抽取评审专家', 'Draw experts')} style={{ marginBottom: 12 }}>
          <Space wrap>
            {t('为当前榜单前', 'For the top')}
            <InputNumber
              aria-label={t('抽取前 N 名', 'Top N to draw for')}
              min={1}
              max={500}
              value={drawN}
              onChange={(v) => setDrawN(v ?? 20)}
            />
            {t('名案例,每案抽取 3 名专家(不抽案例所在市的专家)', 'cases, 3 experts each (never from the case’s city)')}
            <Popconfirm
              title={t('确认抽取?抽取结果和随机种子将记入审计日志。', 'Draw now? The result and its seed are audited.')}
              onConfirm={() => draw.mutate({ caseIds: (top.data?.items ?? []).map((i) => i.caseId), perCase: 3 })}
            >
              <Button type="primary" loading={draw.isPending} disabled={!top.data?.items.length}>
                {t('抽取', 'Draw')}
              </Button>
            </Popconfirm>
          </Space>
        </Card>
      )}
      {open && (
        <Card title={t('暂缓计入的集中投票', 'Held vote bursts')}>
          <Typography.Paragraph type="secondary">
            {t(
              '同一网络短时大量投票、或新设备集中为同一案例投票,将整批暂缓计入。核实为正常(如学校集体投票)可放行。',
              'Many votes from one network in minutes, or fresh devices voting one case, are held as a batch. Release what is genuine.',
            )}
          </Typography.Paragraph>
          <Table
            rowKey={(r) => `${r.caseId}:${r.reason}`}
            size="small"
            dataSource={held.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('案例', 'Case'), dataIndex: 'title' },
              {
                title: t('原因', 'Reason'),
                dataIndex: 'reason',
                render: (r: string) =>
                  r === 'network_burst'
                    ? t('同一网络集中投票', 'Burst from one network')
                    : t('新设备集中投票', 'Fresh devices'),
              },
              { title: t('票数', 'Votes'), dataIndex: 'votes' },
              {
                title: t('时间', 'When'),
                render: (_, r) => `${chinaTime(r.first)} ~ ${chinaTime(r.last).slice(11)}`,
              },
              {
                title: t('处理', 'Decide'),
                render: (_, r) => (
                  <Space>
                    <Popconfirm
                      title={t('确认放行并计入?', 'Release and count?')}
                      onConfirm={() =>
                        decide.mutate({ caseId: r.caseId, reason: r.reason as 'network_burst', decision: 'release' })
                      }
                    >
                      <Button size="small">{t('放行', 'Release')}</Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('确认作废这些票?不可恢复。', 'Reject these votes? This cannot be undone.')}
                      onConfirm={() =>
                        decide.mutate({ caseId: r.caseId, reason: r.reason as 'network_burst', decision: 'reject' })
                      }
                    >
                      <Button size="small" danger>
                        {t('作废', 'Reject')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      <Modal
        open={creating}
        title={t('开启新一轮打榜', 'Open a round')}
        onOk={() => void submit()}
        onCancel={() => setCreating(false)}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            kind: 'quarter',
            priorReviews: 3,
            weights: { expert: 0.5, votes: 0.25, replication: 0.15, growth: 0.1 },
          }}
        >
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, min: 2, max: 60 }]}>
            <Input placeholder={t('如:2027年第一季度', 'e.g. 2027 Q1')} />
          </Form.Item>
          <Form.Item name="kind" label={t('类型', 'Kind')}>
            <Select
              options={[
                { value: 'quarter', label: t('季度榜', 'Quarterly') },
                { value: 'final', label: t('年度总榜', 'Yearly final') },
              ]}
            />
          </Form.Item>
          <Form.Item name="span" label={t('起止日期', 'Dates')} rules={[{ required: true }]}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Space wrap>
            {(Object.keys(COMPONENT_NAMES) as (keyof Weights)[]).map((k) => (
              <Form.Item key={k} name={['weights', k]} label={pick(COMPONENT_NAMES[k])} rules={[{ required: true }]}>
                <InputNumber min={0} max={1} step={0.05} />
              </Form.Item>
            ))}
          </Space>
          <Form.Item name="priorReviews" label={t('收缩强度(相当于几份评审)', 'Shrinkage (reviews’ worth)')}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
