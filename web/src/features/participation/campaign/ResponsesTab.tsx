import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Tag, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { PARTICIPATION_PERMISSIONS as P, type CampaignDetail, type Channel } from '@zhicheng/contracts/participation';
import { download } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { useImportErrors } from '../../../components/ImportErrorsTable';
import { SampleTag } from '../../../components/PageHeader';
import { problemText } from '../../../components/problem';
import { exportUrl, paperTemplateUrl, useImportPaper, useResponses } from '../api';
import { PaperEntryModal } from './PaperEntryModal';
import { RegionFilter, useTabRegion } from './RegionFilter';
import { chinaTime } from '../../../app/chinaDay';

/** The responses of the user's regions (contact masked): search, filters, Excel export, paper forms typed in or imported. */
export function ResponsesTab({ c }: { c: CampaignDetail }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showImportErrors = useImportErrors();
  const [page, setPage] = useState(1);
  const [filters, setFilters] = useState<{ channel?: Channel; q?: string }>({});
  const [region, setRegion] = useTabRegion();
  const [paper, setPaper] = useState<string | null>(null);
  const q = useResponses(c.id, { ...filters, region, page, pageSize: 20 });
  const published = c.surveys.filter((s) => s.status === 'published');
  const [surveyForImport, setSurveyForImport] = useState<string | undefined>(published[0]?.id);
  const importPaper = useImportPaper();
  const filter = (patch: typeof filters) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  return (
    <Card>
      <Space wrap style={{ marginBottom: 12 }}>
        <RegionFilter
          value={region}
          onChange={(r) => {
            setRegion(r);
            setPage(1);
          }}
        />
        <Select
          aria-label={t('渠道', 'Channel')}
          allowClear
          placeholder={t('渠道', 'Channel')}
          style={{ width: 130 }}
          onChange={(channel: Channel | undefined) => filter({ channel })}
          options={[
            { value: 'online', label: t('线上', 'Online') },
            { value: 'offline', label: t('线下(纸质)', 'Offline') },
          ]}
        />
        <Input.Search
          placeholder={t('搜索答案内容', 'Search answers')}
          allowClear
          onSearch={(v) => filter({ q: v || undefined })}
          style={{ width: 220 }}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            download(exportUrl(c.id, region), 'responses.xlsx').catch((e) => message.error(problemText(e, lang)))
          }
        >
          {t('导出 Excel', 'Export Excel')}
        </Button>
        {can(P.responsesEnter) && surveyForImport && (
          <>
            <Select
              style={{ width: 220 }}
              value={surveyForImport}
              onChange={setSurveyForImport}
              options={published.map((s) => ({ value: s.id, label: `${s.regionName} · ${s.title}` }))}
            />
            <Button onClick={() => setPaper(surveyForImport ?? null)}>{t('录入纸质问卷', 'Enter a paper form')}</Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download(paperTemplateUrl(surveyForImport), 'paper-template.xlsx').catch((e) =>
                  message.error(problemText(e, lang)),
                )
              }
            >
              {t('纸质问卷模板', 'Paper template')}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                importPaper.mutate(
                  { surveyId: surveyForImport, file },
                  { onSuccess: (r) => r.errors.length && showImportErrors(r.errors, t('题目', 'Question')) },
                );
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={importPaper.isPending}>
                {t('Excel 导入纸质问卷', 'Import paper forms')}
              </Button>
            </Upload>
          </>
        )}
      </Space>
      <Table
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total,
          onChange: setPage,
          showTotal: (n) => t(`共 ${n} 份`, `${n} in all`),
        }}
        expandable={{
          expandedRowRender: (r) => (
            <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {r.answers
                .map((a) => `${a.questionId}: ${Array.isArray(a.value) ? a.value.join('、') : a.value}`)
                .join('\n')}
            </pre>
          ),
        }}
        columns={[
          {
            title: t('时间', 'Time'),
            dataIndex: 'submittedAt',
            width: 170,
            render: (v: string) => chinaTime(v),
          },
          { title: t('地区', 'Region'), dataIndex: 'regionName', width: 100 },
          {
            title: t('渠道', 'Channel'),
            dataIndex: 'channel',
            width: 100,
            render: (v: string, r) => (
              <>
                {v === 'online' ? t('线上', 'Online') : t('纸质', 'Paper')}
                {r.verified && (
                  <Tag color="blue" style={{ marginLeft: 4 }}>
                    {t('实名', 'verified')}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: t('联系电话', 'Phone'),
            dataIndex: 'phoneMasked',
            width: 130,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('需求', 'Demand'),
            key: 'text',
            render: (_: unknown, r) =>
              String(
                r.answers.find((a) => typeof a.value === 'string' && a.value.length > 6 && !/^\d+$/.test(a.value))
                  ?.value ?? '',
              ),
          },
          { title: '', dataIndex: 'demo', width: 60, render: (d: boolean) => (d ? <SampleTag /> : null) },
        ]}
      />
      <PaperEntryModal surveyId={paper} onClose={() => setPaper(null)} />
    </Card>
  );
}
