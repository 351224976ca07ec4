import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Popconfirm, Row, Select, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import type { IndicatorValue, IndicatorValues } from '@zhicheng/contracts/assessment';
import { download } from '../../api/client';
import { useProblemHandler } from '../../api/hooks';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { useImportErrors } from '../../components/ImportErrorsTable';
import { PageHeader } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import {
  submissionTemplateUrl,
  useCampaigns,
  useCatalogue,
  useImportValues,
  useRegionSubmission,
  useSaveValues,
  useSubmitSubmission,
  useUploadEvidence,
} from './api';
import { SampleHint, StatusTag } from './components/labels';
import { HistoryCard, RatingCard } from './components/SubmissionCards';
import { HeldBackCard } from './fill/HeldBackCard';
import { ValuesTable } from './fill/ValuesTable';

/** 自评填报: the operator fills in their own region's submission, by hand or from Excel, and submits it. */
export default function FillPage() {
  const { t, lang } = useI18n();
  const { region, me } = useAuth();
  const showImportErrors = useImportErrors();
  const problem = useProblemHandler();
  const campaigns = useCampaigns();
  const items = campaigns.data?.items ?? [];
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const cid = campaignId ?? items.find((c) => c.stage !== 'published')?.id ?? items[0]?.id ?? null;
  const subQ = useRegionSubmission(cid, region ?? me?.roles[0]?.regionCode ?? null);
  const sub = subQ.data;
  const cat = useCatalogue(sub?.catalogueId);
  const [edits, setEdits] = useState<IndicatorValues>({});
  const [domain, setDomain] = useState<string | undefined>();
  useEffect(() => setEdits({}), [sub?.id, sub?.version]);
  const save = useSaveValues();
  const submit = useSubmitSubmission();
  const importValues = useImportValues();
  const uploadEvidence = useUploadEvidence();
  const busy = save.isPending || submit.isPending;
  const editable = !!sub?.actions.includes('edit');

  const all = cat.data?.indicators ?? [];
  const indicators = all.filter((i) => !domain || i.domain === domain);
  const domains = [...new Set(all.map((i) => i.domain))];
  const current = (code: string): IndicatorValue | undefined => edits[code] ?? sub?.values[code];
  const setVal = (code: string, patch: IndicatorValue) =>
    setEdits((e) => ({ ...e, [code]: { ...sub?.values[code], ...e[code], ...patch } }));

  return (
    <div>
      <PageHeader
        title={t('自评填报', 'Self-assessment')}
        sub={
          sub ? `${sub.regionName} · ${sub.year}` : t('本级区划的年度评估数据', 'Your region’s yearly assessment data')
        }
        extra={
          <>
            <Select
              aria-label={t('评估活动', 'Campaign')}
              style={{ width: 300 }}
              value={cid ?? undefined}
              onChange={setCampaignId}
              options={items.map((c) => ({ value: c.id, label: c.name }))}
            />
            {sub && (
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  void download(submissionTemplateUrl(sub.id), `assessment-${sub.year}-${sub.regionCode}.xlsx`).catch(
                    problem,
                  )
                }
              >
                {t('下载Excel模板', 'Excel template')}
              </Button>
            )}
            {sub && editable && (
              <Upload
                accept=".xlsx"
                showUploadList={false}
                beforeUpload={(file) => {
                  importValues.mutate(
                    { id: sub.id, file },
                    { onSuccess: (r) => void (r.errors.length && showImportErrors(r.errors)) },
                  );
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="import-values">
                  {t('Excel导入', 'Import Excel')}
                </Button>
              </Upload>
            )}
          </>
        }
      />
      {subQ.isError && <Empty description={problemText(subQ.error, lang)} />}
      {sub && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <RatingCard sub={sub} />
          </Col>
          <Col xs={24} lg={8}>
            <HeldBackCard sub={sub} />
          </Col>
          <Col xs={24} lg={8}>
            <HistoryCard sub={sub} />
          </Col>
          <Col span={24}>
            {sub.status === 'returned' && (
              <Alert
                type="error"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="returned-reason"
                message={t('已退回,请修改后重新提交', 'Sent back: please fix and resubmit')}
                description={sub.returnedReason}
              />
            )}
            {sub.fillingClosed ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                data-testid="filling-closed"
                message={t(
                  `填报已于 ${sub.deadline} 截止,如需补报请联系省级重新开放`,
                  `Filling in closed on ${sub.deadline}; ask the province to reopen it`,
                )}
              />
            ) : (
              !editable && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={t('数据已提交或审核,已锁定', 'Submitted or approved: the data is locked')}
                />
              )
            )}
            {editable && sub.deadline && (
              <Alert
                type={sub.reopenedUntil ? 'warning' : 'info'}
                showIcon
                style={{ marginBottom: 12 }}
                message={
                  sub.reopenedUntil
                    ? t(
                        `省级已重新开放填报至 ${sub.reopenedUntil},此次提交将标记为逾期`,
                        `Reopened by the province until ${sub.reopenedUntil}; this submission will be marked late`,
                      )
                    : t(`填报截止日期:${sub.deadline}`, `Filling in closes on ${sub.deadline}`)
                }
              />
            )}
            <Card
              size="small"
              title={
                <Space>
                  <StatusTag s={sub.status} />{' '}
                  {t(`已填 ${sub.filled}/${sub.indicatorCount}`, `${sub.filled}/${sub.indicatorCount} filled`)}{' '}
                  <SampleHint sample />
                </Space>
              }
              extra={
                <Space>
                  <Select
                    aria-label={t('一级指标', 'Domain')}
                    allowClear
                    placeholder={t('一级指标', 'Domain')}
                    style={{ width: 140 }}
                    value={domain}
                    onChange={setDomain}
                    options={domains.map((d) => ({ value: d, label: d }))}
                  />
                  <Button
                    icon={<SaveOutlined />}
                    disabled={!editable || !Object.keys(edits).length}
                    loading={busy}
                    onClick={() => save.mutate({ id: sub.id, values: edits, version: sub.version })}
                    data-testid="save-draft"
                  >
                    {t('保存草稿', 'Save draft')}
                  </Button>
                  {/* Submitting locks the data until a reviewer sends it back: the county confirms it first. */}
                  <Popconfirm
                    title={t('提交审核', 'Submit for review')}
                    description={
                      <div style={{ maxWidth: 320 }}>
                        {t(
                          `已填 ${sub.filled}/${sub.indicatorCount} 项。提交后数据锁定,交${sub.regionLevel === 'county' ? '市级' : '省级'}审核;如需修改,只能由审核人退回。确认提交?`,
                          `${sub.filled}/${sub.indicatorCount} filled. Submitting locks the data for the ${sub.regionLevel === 'county' ? 'city' : 'province'}'s review; only a reviewer can send it back. Submit?`,
                        )}
                      </div>
                    }
                    okText={t('确认提交', 'Submit')}
                    cancelText={t('再检查一下', 'Not yet')}
                    okButtonProps={{ 'data-testid': 'confirm-submit' }}
                    disabled={!sub.actions.includes('submit')}
                    onConfirm={() => submit.mutate({ id: sub.id, values: edits, version: sub.version })}
                  >
                    <Button
                      type="primary"
                      icon={<SendOutlined />}
                      disabled={!sub.actions.includes('submit')}
                      loading={busy}
                      data-testid="submit"
                    >
                      {t('提交审核', 'Submit')}
                    </Button>
                  </Popconfirm>
                </Space>
              }
            >
              <ValuesTable
                sub={sub}
                indicators={indicators}
                editable={editable}
                current={current}
                onChange={setVal}
                onEvidence={(indicatorCode, file) => uploadEvidence.mutate({ id: sub.id, indicatorCode, file })}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(
                  '佐证材料支持 PDF、PNG、JPG、XLSX、DOCX,单个不超过 10 MB。阈值与权重为示例。',
                  'Evidence: PDF, PNG, JPG, XLSX, DOCX up to 10 MB each. Thresholds and weights are samples.',
                )}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
