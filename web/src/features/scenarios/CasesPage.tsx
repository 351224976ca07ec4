import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Input, Select, Space, Switch, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  SCENARIOS_PERMISSIONS as P,
  type CaseImportReport,
  type CaseQuery,
  type CaseSummary,
} from '@zhicheng/contracts/scenarios';
import { download } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { CASES_TEMPLATE_URL, exportCasesUrl, useCases, useCreateCase, useImportCases, useTaxonomy } from './api';
import CaseForm from './CaseForm';
import ImportResult from './ImportResult';
import { STATUS, wan } from './labels';

/** The case library within the user's region: search in Chinese, filter, open a case, file a new one. */
export default function CasesPage() {
  const { t, pick, lang } = useI18n();
  const { can, region } = useAuth();
  const navigate = useNavigate();
  const [q, setQ] = useState<Partial<CaseQuery>>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const cases = useCases({ ...q, region: region ?? undefined });
  const taxonomy = useTaxonomy();
  const create = useCreateCase();
  const importCases = useImportCases();
  const [report, setReport] = useState<CaseImportReport | null>(null);
  const terms = (kind: string) =>
    (taxonomy.data?.items ?? [])
      .filter((i) => i.kind === kind && (kind !== 'category' || i.parent === q.domain))
      .map((i) => ({ value: i.code, label: lang === 'zh' ? i.zh : i.en }));
  const set = (patch: Partial<CaseQuery>) => setQ((old) => ({ ...old, ...patch, page: 1 }));

  return (
    <div>
      <PageHeader
        title={t('案例库', 'Case library')}
        sub={t('县级填报 → 市级推荐 → 省级入榜', 'County files → city recommends → province accepts')}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(exportCasesUrl({ ...q, region: region ?? undefined }), '场景案例.xlsx')}
            >
              {t('导出 Excel', 'Export Excel')}
            </Button>
            {can(P.file) && (
              <>
                <Button onClick={() => void download(CASES_TEMPLATE_URL, '场景案例导入模板.xlsx')}>
                  {t('导入模板', 'Template')}
                </Button>
                <Upload
                  accept=".xlsx"
                  showUploadList={false}
                  beforeUpload={(f) => {
                    importCases.mutate(f, { onSuccess: setReport });
                    return false;
                  }}
                >
                  <Button icon={<UploadOutlined />} loading={importCases.isPending} data-testid="import-cases">
                    {t('导入 Excel', 'Import Excel')}
                  </Button>
                </Upload>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  {t('填报案例', 'File a case')}
                </Button>
              </>
            )}
          </Space>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('搜索名称、做法、标签', 'Search titles, approaches, tags')}
            onSearch={(v) => set({ q: v || undefined })}
            style={{ width: 260 }}
          />
          <Select
            aria-label={t('状态', 'Status')}
            allowClear
            placeholder={t('状态', 'Status')}
            style={{ width: 140 }}
            options={Object.entries(STATUS).map(([value, s]) => ({ value, label: pick(s) }))}
            onChange={(status) => set({ status })}
          />
          <Select
            aria-label={t('领域', 'Domain')}
            allowClear
            placeholder={t('领域', 'Domain')}
            style={{ width: 120 }}
            options={terms('domain')}
            onChange={(domain) => set({ domain, category: undefined })}
          />
          <Select
            aria-label={t('子类', 'Sub-category')}
            allowClear
            placeholder={t('子类', 'Sub-category')}
            style={{ width: 150 }}
            options={terms('category')}
            disabled={!q.domain}
            value={q.category}
            onChange={(category) => set({ category })}
          />
          <Select
            aria-label={t('运营模式', 'Operating model')}
            allowClear
            placeholder={t('运营模式', 'Operating model')}
            style={{ width: 150 }}
            options={terms('operating_model')}
            onChange={(operatingModel) => set({ operatingModel })}
          />
          <Space>
            <Switch
              size="small"
              aria-label={t('只看待我办理', 'Awaiting me')}
              onChange={(on) => set({ awaitingMe: on ? 'true' : undefined })}
            />
            {t('只看待我办理', 'Awaiting me')}
          </Space>
        </Space>
        <Table<CaseSummary>
          rowKey="id"
          size="small"
          loading={cases.isLoading}
          dataSource={cases.data?.items ?? []}
          onRow={(r) => ({ onDoubleClick: () => void navigate(`/scenarios/cases/${r.id}`) })}
          pagination={{
            current: q.page,
            pageSize: q.pageSize,
            total: cases.data?.total ?? 0,
            showTotal: (n) => t(`共 ${n} 个`, `${n} cases`),
            onChange: (page, pageSize) => setQ((old) => ({ ...old, page, pageSize })),
          }}
          columns={[
            {
              title: t('案例名称', 'Title'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <>
                  <Link to={`/scenarios/cases/${r.id}`}>{v}</Link> {r.demo && <SampleTag en={lang === 'en'} />}
                </>
              ),
            },
            { title: t('区划', 'Region'), dataIndex: 'regionName', width: 120 },
            {
              title: t('领域/子类', 'Domain'),
              width: 160,
              render: (_, r) => `${r.domainName} / ${r.categoryName}`,
            },
            { title: t('运营模式', 'Operating model'), dataIndex: 'operatingModelName', width: 120 },
            {
              title: t('投资(万元)', 'Investment (10k yuan)'),
              dataIndex: 'investmentFen',
              width: 110,
              align: 'right',
              render: (v: number) => wan(v),
            },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 120,
              render: (s: CaseSummary['status']) => <Tag color={STATUS[s].color}>{pick(STATUS[s])}</Tag>,
            },
          ]}
        />
      </Card>
      <ImportResult report={report} onClose={() => setReport(null)} />
      {region && (
        <CaseForm
          open={creating}
          regionCode={region}
          saving={create.isPending}
          onCancel={() => setCreating(false)}
          onSave={(input) =>
            create.mutate(input, {
              onSuccess: (c) => {
                setCreating(false);
                void navigate(`/scenarios/cases/${c.id}`);
              },
            })
          }
        />
      )}
    </div>
  );
}
