import { useParams } from 'react-router';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
} from 'antd';
import {
  EVALUATIONS,
  TARGET_METRICS,
  WORK_LEDGER_PERMISSIONS as P,
  type ProgressInput,
} from '@zhicheng/contracts/work-ledger';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { useAssign, useEscalate, useEvaluate, useReport, useTask } from './api';
import { RAG_COLOUR, RAG_WORDS, STATUS_WORDS, SUPERVISION_WORDS } from './labels';

/** One task: its target and the figure it moves, milestones, monthly progress, supervision, and the next step. */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const q = useTask(id);
  const assign = useAssign();
  const report = useReport();
  const escalate = useEscalate();
  const evaluate = useEvaluate();
  const [pForm] = Form.useForm<ProgressInput>();
  const [eForm] = Form.useForm<{ evaluation: 'good'; comment: string }>();
  if (q.isLoading) return <Skeleton active />;
  if (!q.data) return <Result status="warning" title={problemText(q.error, lang)} />;
  const d = q.data;
  const open = d.status === 'assigned';

  const askEscalation = () => {
    let note = '';
    modal.confirm({
      title: t('催办该逾期任务?', 'Escalate this overdue task?'),
      content: (
        <Input.TextArea
          rows={2}
          placeholder={t('催办意见(必填)', 'Note (required)')}
          onChange={(e) => (note = e.target.value)}
        />
      ),
      okText: t('催办', 'Escalate'),
      onOk: () => escalate.mutateAsync({ id, body: { note } }),
    });
  };

  return (
    <div>
      <PageHeader
        title={
          <>
            {d.code} {d.title} {d.demo && <SampleTag />}
          </>
        }
        sub={d.point}
        extra={
          <Space>
            {d.status === 'planned' && can(P.manage) && (
              <Popconfirm
                title={t(`交办给${d.leadUnit}?`, `Assign to ${d.leadUnit}?`)}
                onConfirm={() => assign.mutate({ id, body: { note: '' } })}
              >
                <Button type="primary" data-testid="assign">
                  {t('交办', 'Assign')}
                </Button>
              </Popconfirm>
            )}
            {open && d.rag === 'red' && can(P.manage) && (
              <Button danger onClick={askEscalation} data-testid="escalate">
                {t('催办', 'Escalate')}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('状态', 'Status')}>
                <Space>
                  <Tag>{t(...STATUS_WORDS[d.status]!)}</Tag>
                  {d.status !== 'closed' && (
                    <Badge
                      color={RAG_COLOUR[d.rag]}
                      text={`${t(...RAG_WORDS[d.rag]!)} · ${d.ragReason}`}
                      data-testid="task-rag"
                    />
                  )}
                  {d.evaluation && <Tag color="blue">{pick(EVALUATIONS[d.evaluation])}</Tag>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('完成时限', 'Deadline')}>{d.deadline}</Descriptions.Item>
              <Descriptions.Item label={t('牵头单位', 'Lead unit')}>{d.leadUnit}</Descriptions.Item>
              <Descriptions.Item label={t('配合单位', 'Cooperating')}>
                {d.cooperatingUnits.join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('责任地区', 'Region')}>{d.regionName}</Descriptions.Item>
              <Descriptions.Item label={t('预期目标', 'Target')}>{d.target}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('月度进展', 'Monthly progress')} style={{ marginTop: 16 }} size="small">
            <Table
              rowKey={(r) => r.reportedAt}
              size="small"
              pagination={false}
              dataSource={d.progress}
              columns={[
                { title: t('月份', 'Month'), dataIndex: 'month', width: 90 },
                { title: t('进度', 'Progress'), dataIndex: 'percent', width: 70, render: (v: number) => `${v}%` },
                { title: t('进展情况', 'What was done'), dataIndex: 'text' },
                { title: t('佐证材料', 'Evidence'), dataIndex: 'evidence' },
                { title: t('报送人', 'By'), dataIndex: 'reportedBy', width: 120 },
              ]}
            />
            {open && can(P.report) && (
              <Form
                form={pForm}
                layout="inline"
                style={{ marginTop: 12 }}
                initialValues={{ month: new Date().toISOString().slice(0, 7) }}
                onFinish={(v) =>
                  report.mutate({ id, body: v }, { onSuccess: () => pForm.resetFields(['text', 'evidence']) })
                }
              >
                <Form.Item name="month" rules={[{ required: true, pattern: /^\d{4}-\d{2}$/ }]}>
                  <Input placeholder="YYYY-MM" style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name="percent" rules={[{ required: true }]}>
                  <InputNumber min={0} max={100} placeholder="%" data-testid="progress-percent" />
                </Form.Item>
                <Form.Item name="text" rules={[{ required: true, min: 2 }]}>
                  <Input
                    placeholder={t('进展情况', 'What was done')}
                    style={{ width: 220 }}
                    data-testid="progress-text"
                  />
                </Form.Item>
                <Form.Item name="evidence" rules={[{ required: true, min: 2 }]}>
                  <Input
                    placeholder={t('佐证(文号、链接)', 'Evidence')}
                    style={{ width: 160 }}
                    data-testid="progress-evidence"
                  />
                </Form.Item>
                <Button htmlType="submit" loading={report.isPending} data-testid="report">
                  {t('报送', 'Report')}
                </Button>
              </Form>
            )}
          </Card>
          {open && can(P.evaluate) && (
            <Card title={t('考评', 'Evaluation')} style={{ marginTop: 16 }} size="small">
              <Form
                form={eForm}
                layout="inline"
                onFinish={(v) =>
                  modal.confirm({
                    title: t('考评并办结该任务?办结后不可再修改。', 'Evaluate and close? This cannot be undone.'),
                    onOk: () => evaluate.mutateAsync({ id, body: v }),
                  })
                }
              >
                <Form.Item name="evaluation" rules={[{ required: true }]}>
                  <Select
                    style={{ width: 120 }}
                    placeholder={t('等次', 'Grade')}
                    options={Object.entries(EVALUATIONS).map(([value, b]) => ({ value, label: pick(b) }))}
                    data-testid="evaluation"
                  />
                </Form.Item>
                <Form.Item name="comment" rules={[{ required: true, min: 2 }]}>
                  <Input
                    placeholder={t('考评意见', 'Comment')}
                    style={{ width: 280 }}
                    data-testid="evaluation-comment"
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit" data-testid="evaluate">
                  {t('考评办结', 'Evaluate and close')}
                </Button>
              </Form>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={8}>
          {d.reading && (
            <Card size="small" title={t('牵引指标', 'The figure it moves')}>
              <Statistic
                title={pick(TARGET_METRICS[d.reading.metric])}
                value={d.reading.value ?? '—'}
                suffix={
                  d.reading.value !== null
                    ? `${TARGET_METRICS[d.reading.metric].unit} / ${t('目标', 'target')} ${d.reading.target}`
                    : undefined
                }
              />
              <div style={{ fontSize: 12, color: '#666' }}>
                {d.reading.source ?? t('尚无数据来源', 'No figure yet')}
                {d.reading.asOf && ` · ${d.reading.asOf.slice(0, 10)}`}
              </div>
            </Card>
          )}
          <Card size="small" title={t('节点', 'Milestones')} style={{ marginTop: d.reading ? 16 : 0 }}>
            {d.milestones.length === 0
              ? '—'
              : d.milestones.map((m) => (
                  <div key={m.title}>
                    {m.doneOn ? '✔' : '○'} {m.title} · {m.dueOn}
                  </div>
                ))}
          </Card>
          <Card size="small" title={t('督办记录', 'Supervision')} style={{ marginTop: 16 }}>
            <Timeline
              items={d.supervision.map((s) => ({
                color: s.kind === 'escalation' ? 'red' : s.kind === 'reminder' ? 'orange' : 'blue',
                children: (
                  <div data-testid={`sup-${s.kind}`}>
                    <b>{t(...SUPERVISION_WORDS[s.kind]!)}</b> {s.at.slice(0, 10)} · {s.by}
                    <div>{s.note}</div>
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
