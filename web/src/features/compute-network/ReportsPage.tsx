import { useState } from 'react';
import { Button, Card, DatePicker, Input, Modal, Select, Space, Table, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { COMPUTE_PERMISSIONS as P, type Report, type ReportStatus } from '@zhicheng/contracts/compute-network';
import { download } from '../../api/client';
import { useAuth, useRegionFilter } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useImportErrors } from '../../components/ImportErrorsTable';
import { REPORT_TEMPLATE_URL, useCentres, useDecideReport, useImportReports, useReports } from './api';
import { fmt, StatusTag } from './common';
import { ReportForm } from './ReportForm';

export default function ReportsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const showImportErrors = useImportErrors();
  const [params] = useSearchParams();
  const [status, setStatus] = useState<ReportStatus | undefined>((params.get('status') as ReportStatus) ?? undefined);
  const [period, setPeriod] = useState<string>();
  const [centre, setCentre] = useState<string | undefined>(params.get('dataCentreId') ?? undefined);
  const [page, setPage] = useState(1);
  const [reject, setReject] = useState<Report | null>(null);
  const [note, setNote] = useState('');
  const region = useRegionFilter();
  const centres = useCentres({ pageSize: 500, cityCode: region });
  const list = useReports({ status, period, dataCentreId: centre, cityCode: region, page, pageSize: 15 });
  const decide = useDecideReport();
  const importReports = useImportReports();
  const onImport = (file: File) => {
    importReports.mutate(file, { onSuccess: (r) => r.errors.length && showImportErrors(r.errors) });
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
          can(P.report) && (
            <>
              <Button
                icon={<DownloadOutlined />}
                onClick={() => void download(REPORT_TEMPLATE_URL, 'compute-reports.xlsx')}
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
      {can(P.report) && (
        <Card title={t('填报月报', 'File a report')} style={{ marginBottom: 12 }}>
          {centres.data &&
            (centres.data.items.length ? (
              <ReportForm centres={centres.data.items} initialCentre={centre} />
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
              aria-label={t('数据中心', 'Data centre')}
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
              aria-label={t('状态', 'Status')}
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
            <DatePicker
              picker="month"
              allowClear
              aria-label={t('月份', 'Month')}
              placeholder={t('月份', 'Month')}
              data-testid="period-filter"
              style={{ width: 130 }}
              onChange={(d) => {
                setPeriod(d ? d.format('YYYY-MM') : undefined);
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
            ...(can(P.approve)
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
                            onClick={() => decide.mutate({ id: r.id, decision: 'approve' })}
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
        onOk={() => {
          if (reject) decide.mutate({ id: reject.id, decision: 'reject', note }, { onSuccess: () => setReject(null) });
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
