import { useState } from 'react';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import type { DataCentreSummary, Report, ReportInput } from '@zhicheng/contracts';
import { api, ApiError, download, qs } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { fmt, lastPeriod, StatusTag } from './common';
import { useImportErrors } from '../../components/ImportErrorsTable';

type Page<T> = { items: T[]; total: number };

export function ReportForm({
  centres,
  initialCentre,
  onDone,
}: {
  centres: DataCentreSummary[];
  initialCentre?: string;
  onDone?: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async (v: ReportInput & { dataCentreId: string }) => {
    setBusy(true);
    try {
      const { dataCentreId, ...body } = v;
      await api.post<Report>(`/api/v1/compute/data-centres/${dataCentreId}/reports`, {
        ...body,
        explanation: body.explanation || null,
      });
      message.success(t('已提交,等待省级审核', 'Submitted; awaiting the province’s approval'));
      form.resetFields(['explanation']);
      onDone?.();
    } catch (e) {
      message.error(problemText(e, lang));
      if (e instanceof ApiError && e.problem.errors) {
        form.setFields(
          e.problem.errors
            .map((x) => ({ name: x.path.replace(/^body\./, '').split('.')[0]!, errors: [x.message] }))
            .filter((f) =>
              [
                'period',
                'racksInUse',
                'utilisationPct',
                'energyMwh',
                'measuredPue',
                'computeInUsePflops',
                'storageUsedPb',
                'explanation',
              ].includes(f.name),
            ),
        );
      }
    } finally {
      setBusy(false);
    }
  };
  const num = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <Col xs={12} md={6}>
      <Form.Item name={name} label={label} rules={[{ required: true, message: t('必填', 'Required') }]}>
        <InputNumber style={{ width: '100%' }} data-testid={`report-${name}`} {...extra} />
      </Form.Item>
    </Col>
  );
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ period: lastPeriod(), dataCentreId: initialCentre ?? centres[0]?.id }}
      data-testid="report-form"
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="dataCentreId" label={t('数据中心', 'Data centre')} rules={[{ required: true }]}>
            <Select
              data-testid="report-centre"
              showSearch
              optionFilterProp="label"
              options={centres.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item
            name="period"
            label={t('月份', 'Month')}
            rules={[{ required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])$/, message: 'YYYY-MM' }]}
          >
            <Input data-testid="report-period" placeholder="2024-08" />
          </Form.Item>
        </Col>
        {num('racksInUse', t('在用标准机架', 'Racks in use'), { min: 0, precision: 0 })}
        {num('utilisationPct', t('算力利用率 %', 'Utilisation %'), { min: 0, max: 100 })}
        {num('energyMwh', t('月耗电量 MWh', 'Energy MWh'), { min: 0 })}
        {num('measuredPue', t('实测 PUE', 'Measured PUE'), { step: 0.01 })}
        {num('computeInUsePflops', t('在用算力 PFLOPS', 'Compute in use PFLOPS'), { min: 0 })}
        {num('storageUsedPb', t('已用存储 PB', 'Storage used PB'), { min: 0 })}
        <Col xs={24} md={12}>
          <Form.Item
            name="explanation"
            label={t('变化说明(与上月变化较大时必填)', 'Explanation (needed for large changes)')}
          >
            <Input.TextArea rows={1} data-testid="report-explanation" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">
        {t('提交月报', 'Submit report')}
      </Button>
    </Form>
  );
}

export function ReportsPage() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showImportErrors = useImportErrors();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<string | undefined>(params.get('status') ?? undefined);
  const [period, setPeriod] = useState<string>();
  const [centre, setCentre] = useState<string | undefined>(params.get('dataCentreId') ?? undefined);
  const [page, setPage] = useState(1);
  const [reject, setReject] = useState<Report | null>(null);
  const [note, setNote] = useState('');
  const centres = useQuery({
    queryKey: ['compute', 'centres', 'all'],
    queryFn: () => api.get<Page<DataCentreSummary>>('/api/v1/compute/data-centres?pageSize=500'),
  });
  const list = useQuery({
    queryKey: ['compute', 'reports', status, period, centre, page],
    queryFn: () =>
      api.get<Page<Report>>(
        `/api/v1/compute/reports${qs({ status, period, dataCentreId: centre, page, pageSize: 15 })}`,
      ),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['compute'] });

  const decide = async (r: Report, decision: 'approve' | 'reject', n?: string) => {
    try {
      await api.post(`/api/v1/compute/reports/${r.id}/decision`, { decision, note: n });
      message.success(decision === 'approve' ? t('已审核通过', 'Approved') : t('已退回', 'Rejected'));
      refresh();
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };
  const onImport = async (file: File) => {
    try {
      const r = await api.upload<{ imported: number; errors: { row: number; field: string; message: string }[] }>(
        '/api/v1/compute/reports/import',
        file,
      );
      if (r.errors.length) {
        showImportErrors(r.errors);
      } else {
        message.success(t(`已导入 ${r.imported} 份月报`, `Imported ${r.imported} reports`));
        refresh();
      }
    } catch (e) {
      message.error(problemText(e, lang));
    }
    return false;
  };

  return (
    <div>
      <PageHeader
        title={t('纳统月报', 'Monthly reports (纳统)')}
        sub={t(
          '数据中心按月报送在用机架、利用率、能耗、PUE、在用算力与存储;次月 10 日前报送,逾期标记;省级审核后计入全省统计',
          'Each centre reports racks in use, utilisation, energy, PUE, compute and storage monthly, due by the 10th of the next month; approved reports count in the province statistics',
        )}
        extra={
          can('compute.report') && (
            <>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void download('/api/v1/compute/reports/import/template', 'compute-reports.xlsx')}
              >
                {t('下载 Excel 模板', 'Excel template')}
              </Button>
              <Upload accept=".xlsx" showUploadList={false} beforeUpload={(f) => onImport(f)}>
                <Button icon={<UploadOutlined />}>{t('Excel 导入', 'Import Excel')}</Button>
              </Upload>
            </>
          )
        }
      />
      {can('compute.report') && (
        <Card title={t('填报月报', 'File a report')} style={{ marginBottom: 12 }}>
          {centres.data &&
            (centres.data.items.length ? (
              <ReportForm centres={centres.data.items} initialCentre={centre} onDone={refresh} />
            ) : (
              t('您的单位尚无登记的数据中心', 'Your organisation has no registered data centre')
            ))}
        </Card>
      )}
      <Card
        title={t('月报列表', 'Reports')}
        extra={
          <Space wrap>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              placeholder={t('数据中心', 'Data centre')}
              value={centre}
              onChange={(v) => {
                setCentre(v);
                setPage(1);
              }}
              options={(centres.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            />
            <Select
              data-testid="report-status-filter"
              allowClear
              style={{ width: 130 }}
              placeholder={t('状态', 'Status')}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={[
                { value: 'submitted', label: t('待审核', 'Awaiting') },
                { value: 'approved', label: t('已通过', 'Approved') },
                { value: 'rejected', label: t('已退回', 'Rejected') },
              ]}
            />
            <Input.Search
              allowClear
              placeholder="YYYY-MM"
              style={{ width: 130 }}
              onSearch={(v) => {
                setPeriod(v || undefined);
                setPage(1);
              }}
            />
          </Space>
        }
      >
        <Table<Report>
          data-testid="report-table"
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{
            current: page,
            pageSize: 15,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t(`共 ${n} 份`, `${n} in all`),
          }}
          columns={[
            { title: t('月份', 'Month'), dataIndex: 'period', width: 90 },
            { title: t('数据中心', 'Data centre'), dataIndex: 'dataCentreName' },
            { title: t('在用机架', 'Racks'), dataIndex: 'racksInUse', align: 'right', render: (v) => fmt(v, 0) },
            { title: t('利用率', 'Util.'), dataIndex: 'utilisationPct', align: 'right', render: (v) => `${v}%` },
            { title: 'PUE', dataIndex: 'measuredPue', align: 'right' },
            { title: t('能耗 MWh', 'Energy MWh'), dataIndex: 'energyMwh', align: 'right', render: (v) => fmt(v, 0) },
            { title: t('来源', 'Source'), dataIndex: 'source', width: 70 },
            {
              title: t('状态', 'Status'),
              key: 'status',
              width: 150,
              render: (_, r) => <StatusTag status={r.status} late={r.late} />,
            },
            {
              title: t('说明', 'Note'),
              key: 'note',
              render: (_, r) => (
                <span style={{ fontSize: 12, color: '#666' }}>
                  {[r.explanation, r.decisionNote].filter(Boolean).join(' / ')}
                </span>
              ),
            },
            ...(can('compute.approve')
              ? [
                  {
                    title: t('审核', 'Decision'),
                    key: 'act',
                    width: 150,
                    render: (_: unknown, r: Report) =>
                      r.status === 'submitted' && (
                        <Space>
                          <Button
                            size="small"
                            type="primary"
                            data-testid={`approve-${r.id}`}
                            onClick={() => void decide(r, 'approve')}
                          >
                            {t('通过', 'Approve')}
                          </Button>
                          <Button
                            size="small"
                            danger
                            onClick={() => {
                              setReject(r);
                              setNote('');
                            }}
                          >
                            {t('退回', 'Reject')}
                          </Button>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={!!reject}
        title={t('退回月报', 'Reject the report')}
        onCancel={() => setReject(null)}
        onOk={async () => {
          if (reject) await decide(reject, 'reject', note);
          setReject(null);
        }}
        okButtonProps={{ disabled: !note.trim() }}
      >
        <Input.TextArea
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('退回原因(必填)', 'Reason (required)')}
        />
      </Modal>
    </div>
  );
}
