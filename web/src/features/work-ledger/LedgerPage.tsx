import { useState } from 'react';
import { Link } from 'react-router';
import {
  Badge,
  Button,
  Card,
  Col,
  Input,
  InputNumber,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Upload,
} from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { TARGET_METRICS, WORK_LEDGER_PERMISSIONS as P, type Task } from '@zhicheng/contracts/work-ledger';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { download } from '../../api/client';
import { useImportErrors } from '../../components/ImportErrorsTable';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { exportUrl, TEMPLATE_URL, useBoard, useImportLedger, useTasks } from './api';
import { RAG_COLOUR, RAG_WORDS, STATUS_WORDS } from './labels';

/** 工作台账 board: the year's tasks by colour and work point, the figures they move, the list with Excel in and out. */
export default function LedgerPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const showImportErrors = useImportErrors();
  const [year, setYear] = useState(new Date().getFullYear());
  const [rag, setRag] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const board = useBoard(year);
  const tasks = useTasks({ year, rag, q: q || undefined, page });
  const importLedger = useImportLedger();
  const c = board.data?.counts;

  return (
    <div>
      <PageHeader
        title={t('工作台账', 'Work ledger')}
        sub={t(
          '年度工作要点任务分解:立项 → 交办 → 提醒 → 催办 → 考评',
          'Yearly work points as tasks: plan → assign → remind → escalate → evaluate',
        )}
        extra={
          <Space wrap>
            <InputNumber
              aria-label={t('年度', 'Year')}
              value={year}
              min={2000}
              max={2100}
              onChange={(v) => v && (setYear(v), setPage(1))}
            />
            <Button icon={<DownloadOutlined />} onClick={() => void download(exportUrl(year), `工作台账-${year}.xlsx`)}>
              {t('导出 Excel', 'Export Excel')}
            </Button>
            {can(P.manage) && (
              <>
                <Button onClick={() => void download(TEMPLATE_URL, 'ledger-template.xlsx')}>
                  {t('导入模板', 'Template')}
                </Button>
                <Upload
                  accept=".xlsx"
                  showUploadList={false}
                  beforeUpload={(f) => {
                    importLedger.mutate(f, { onSuccess: (r) => r.errors.length && showImportErrors(r.errors) });
                    return false;
                  }}
                >
                  <Button
                    type="primary"
                    icon={<UploadOutlined />}
                    loading={importLedger.isPending}
                    data-testid="import-ledger"
                  >
                    {t('导入台账', 'Import ledger')}
                  </Button>
                </Upload>
              </>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        {(['red', 'yellow', 'green'] as const).map((k) => (
          <Col xs={12} md={6} key={k}>
            <Card hoverable onClick={() => (setRag(rag === k ? undefined : k), setPage(1))} data-testid={`count-${k}`}>
              <Statistic
                title={
                  <Badge color={RAG_COLOUR[k]} text={t(`${RAG_WORDS[k]![0]}灯任务`, `${RAG_WORDS[k]![1]} tasks`)} />
                }
                value={c?.[k] ?? 0}
                valueStyle={{ color: RAG_COLOUR[k] }}
              />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('已考评办结', 'Closed')} value={c?.closed ?? 0} />
          </Card>
        </Col>
      </Row>
      {(board.data?.measured.length ?? 0) > 0 && (
        <Card
          title={t('任务牵引的指标(自动更新)', 'Figures the tasks move (updated by the modules)')}
          style={{ marginTop: 16 }}
          size="small"
        >
          <Row gutter={16}>
            {board.data!.measured.map((m) => (
              <Col xs={24} md={8} key={m.taskId}>
                <Statistic
                  title={`${m.code} ${pick(TARGET_METRICS[m.metric])}`}
                  value={m.value ?? '—'}
                  suffix={
                    m.value !== null
                      ? `${TARGET_METRICS[m.metric].unit} / ${t('目标', 'target')} ${m.target}`
                      : undefined
                  }
                  valueStyle={{ color: m.reached === null ? undefined : m.reached ? '#52c41a' : '#f5222d' }}
                />
                <div style={{ fontSize: 12, color: '#666' }}>{m.source ?? t('暂无数据来源', 'No figure yet')}</div>
              </Col>
            ))}
          </Row>
        </Card>
      )}
      <Card
        style={{ marginTop: 16 }}
        extra={
          <Space>
            <Select
              aria-label={t('红黄绿', 'Colour')}
              allowClear
              placeholder={t('红黄绿', 'Colour')}
              style={{ width: 110 }}
              value={rag}
              onChange={(v) => (setRag(v), setPage(1))}
              options={Object.entries(RAG_WORDS).map(([value, [zh, en]]) => ({ value, label: t(zh, en) }))}
            />
            <Input.Search
              allowClear
              placeholder={t('任务、单位或要点', 'Task, unit or point')}
              onSearch={(v) => (setQ(v), setPage(1))}
            />
          </Space>
        }
      >
        <Table<Task>
          rowKey="id"
          size="small"
          loading={tasks.isLoading}
          dataSource={tasks.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: tasks.data?.total ?? 0, onChange: setPage }}
          columns={[
            { title: t('序号', 'No.'), dataIndex: 'code', width: 70 },
            {
              title: t('重点任务', 'Task'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <>
                  <Link to={`/work-ledger/tasks/${r.id}`}>{v}</Link> {r.demo && <SampleTag />}
                </>
              ),
            },
            { title: t('工作要点', 'Work point'), dataIndex: 'point', responsive: ['lg'] },
            { title: t('牵头单位', 'Lead unit'), dataIndex: 'leadUnit' },
            { title: t('完成时限', 'Deadline'), dataIndex: 'deadline', width: 110 },
            {
              title: t('进度', 'Progress'),
              dataIndex: 'percent',
              width: 120,
              render: (v: number) => <Progress aria-label={t('进度', 'Progress')} percent={v} size="small" />,
            },
            {
              title: t('状态', 'Status'),
              key: 'rag',
              width: 150,
              render: (_: unknown, r) =>
                r.status === 'closed' ? (
                  <Tag>{t(...STATUS_WORDS.closed!)}</Tag>
                ) : (
                  <Space size={4} data-testid={`rag-${r.code}`}>
                    <Badge color={RAG_COLOUR[r.rag]} text={t(...RAG_WORDS[r.rag]!)} />
                    <span style={{ fontSize: 12, color: '#666' }}>{r.ragReason}</span>
                  </Space>
                ),
            },
            {
              title: t('督办', 'Supervision'),
              key: 'sup',
              width: 110,
              render: (_: unknown, r) => (
                <span>
                  {r.reminders > 0 && <Tag>{t(`提醒${r.reminders}`, `${r.reminders} reminders`)}</Tag>}
                  {r.escalations > 0 && (
                    <Tag color="red">{t(`催办${r.escalations}`, `${r.escalations} escalations`)}</Tag>
                  )}
                </span>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
