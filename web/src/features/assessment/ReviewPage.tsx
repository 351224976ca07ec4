import { useState } from 'react';
import { App, Button, Card, Col, Input, Row, Select, Space, Table, Tag } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import {
  ASSESSMENT_PERMISSIONS as P,
  SUBMISSION_STATUS_NAMES,
  type AssessmentSubmissionStatus,
  type AssessmentSubmissionSummary,
} from '@zhicheng/contracts/assessment';
import { useAuth, useRegionFilter } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useApprove, useBulkApprove, useCampaigns, useRadar, useSubmissions } from './api';
import { StageDeadlineTag, Stars, StatusTag } from './components/labels';
import { RadarCard } from './review/RadarCard';
import { SendBackModal } from './review/SendBackModal';
import { ReopenModal } from './review/ReopenModal';
import { SubmissionDrawer } from './review/SubmissionDrawer';
import { ActionLink } from '../../components/ActionLink';

/** 审核: cities approve their counties, the province approves all; a city only after its counties. */
export default function ReviewPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const campaigns = useCampaigns();
  const items = campaigns.data?.items ?? [];
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const cid = campaignId ?? items.find((c) => c.stage !== 'published')?.id ?? items[0]?.id ?? null;
  const [status, setStatus] = useState<AssessmentSubmissionStatus | undefined>();
  const [level, setLevel] = useState<'city' | 'county' | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [sendBack, setSendBack] = useState<AssessmentSubmissionSummary | null>(null);
  const [reopen, setReopen] = useState<AssessmentSubmissionSummary | null>(null);
  // The header's region scopes the list (a province reviewer picking 济南市 sees Jinan and its counties).
  const parent = useRegionFilter();
  const list = useSubmissions(cid, { status, level, parent, q: q || undefined, page, pageSize: 20 });
  const radar = useRadar(cid);
  const approve = useApprove();
  const bulk = useBulkApprove();
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  const approveSelected = () =>
    cid &&
    bulk.mutate(
      { campaignId: cid, regionCodes: selected },
      {
        onSuccess: (r) => {
          message.info(
            t(
              `通过 ${r.approved.length} 个,未通过 ${r.refused.length} 个`,
              `${r.approved.length} approved, ${r.refused.length} refused`,
            ),
          );
          if (r.refused.length)
            modal.warning({
              title: t('以下区划未能审核', 'Not approved'),
              content: (
                <ul>
                  {r.refused.map((x) => (
                    <li key={x.regionCode}>
                      {x.regionCode}: {x.message}
                    </li>
                  ))}
                </ul>
              ),
            });
          setSelected([]);
        },
      },
    );

  return (
    <div>
      <PageHeader
        title={t('审核', 'Review')}
        sub={t(
          '市级审核本市县区,省级审核市县;下级全部通过后方可审核上级',
          'Cities approve their counties, the province approves all; a city only after its counties',
        )}
        extra={
          <Select
            aria-label={t('评估活动', 'Campaign')}
            style={{ width: 300 }}
            value={cid ?? undefined}
            onChange={filter(setCampaignId)}
            options={items.map((c) => ({ value: c.id, label: c.name }))}
          />
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Card
            size="small"
            extra={
              <Space wrap>
                <Select
                  aria-label={t('状态', 'Status')}
                  allowClear
                  placeholder={t('状态', 'Status')}
                  style={{ width: 140 }}
                  value={status}
                  onChange={filter(setStatus)}
                  options={Object.entries(SUBMISSION_STATUS_NAMES).map(([k, v]) => ({ value: k, label: pick(v) }))}
                  data-testid="status-filter"
                />
                <Select
                  aria-label={t('层级', 'Level')}
                  allowClear
                  placeholder={t('层级', 'Level')}
                  style={{ width: 110 }}
                  value={level}
                  onChange={filter(setLevel)}
                  options={[
                    { value: 'city', label: t('市', 'City') },
                    { value: 'county', label: t('县', 'County') },
                  ]}
                />
                <Input.Search
                  allowClear
                  placeholder={t('名称或代码', 'Name or code')}
                  onSearch={filter(setQ)}
                  style={{ width: 170 }}
                />
                {can(P.submissionApprove) && (
                  <Button
                    type="primary"
                    disabled={!selected.length}
                    loading={bulk.isPending}
                    onClick={approveSelected}
                    data-testid="bulk-approve"
                  >
                    {t(`批量通过 (${selected.length})`, `Approve ${selected.length}`)}
                  </Button>
                )}
              </Space>
            }
          >
            <Table<AssessmentSubmissionSummary>
              size="small"
              rowKey="regionCode"
              data-testid="review-table"
              loading={list.isLoading}
              dataSource={list.data?.items ?? []}
              rowSelection={
                can(P.submissionApprove)
                  ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }
                  : undefined
              }
              pagination={{
                current: page,
                pageSize: 20,
                total: list.data?.total ?? 0,
                onChange: setPage,
                showTotal: (n) => t(`共 ${n} 个`, `${n} in all`),
              }}
              columns={[
                {
                  title: t('区划', 'Region'),
                  dataIndex: 'regionName',
                  render: (v, s) => <ActionLink onClick={() => setOpen(s.id)}>{v}</ActionLink>,
                },
                { title: t('代码', 'Code'), dataIndex: 'regionCode', width: 90 },
                {
                  title: t('状态', 'Status'),
                  dataIndex: 'status',
                  width: 200,
                  render: (v, s) => (
                    <Space size={2} wrap>
                      <StatusTag s={v} />
                      {s.disagreement && <Tag color="red">{t('分歧', 'split')}</Tag>}
                      {s.late && <Tag color="orange">{t('逾期提交', 'late')}</Tag>}
                      {s.fillingClosed && <Tag>{t('已截止', 'closed')}</Tag>}
                      <StageDeadlineTag sub={s} />
                      {s.lateSteps.some((a) => a !== 'submit') && (
                        <Tag color="orange">{t('逾期审核', 'late review')}</Tag>
                      )}
                      {s.reopenedUntil && !s.fillingClosed && ['draft', 'returned'].includes(s.status) && (
                        <Tag color="blue">{t(`补报至 ${s.reopenedUntil}`, `reopened to ${s.reopenedUntil}`)}</Tag>
                      )}
                    </Space>
                  ),
                },
                { title: t('填报', 'Filled'), width: 80, render: (_, s) => `${s.filled}/${s.indicatorCount}` },
                {
                  title: t('测算星级', 'Rating'),
                  width: 200,
                  render: (_, s) => <Stars n={s.stars} subGrade={s.subGrade} />,
                },
                {
                  title: t('操作', 'Actions'),
                  width: 180,
                  render: (_, s) => (
                    <Space size={4}>
                      {can(P.submissionApprove) && s.actions.includes('approve') && (
                        <Button
                          size="small"
                          type="link"
                          icon={<CheckOutlined />}
                          onClick={() => approve.mutate(s.id)}
                          data-testid={`approve-${s.regionCode}`}
                        >
                          {t('通过', 'Approve')}
                        </Button>
                      )}
                      {can(P.campaignManage) && (s.fillingClosed || s.stageWindow?.closed) && (
                        <Button
                          size="small"
                          type="link"
                          onClick={() => setReopen(s)}
                          data-testid={`reopen-${s.regionCode}`}
                        >
                          {t('重新开放', 'Reopen')}
                        </Button>
                      )}
                      {can(P.submissionReturn) && s.actions.includes('send_back') && (
                        <Button
                          size="small"
                          type="link"
                          danger
                          icon={<RollbackOutlined />}
                          onClick={() => setSendBack(s)}
                          data-testid={`send-back-${s.regionCode}`}
                        >
                          {t('退回', 'Send back')}
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <RadarCard radar={radar.data} />
        </Col>
      </Row>
      <SubmissionDrawer id={open} onClose={() => setOpen(null)} />
      <SendBackModal sub={sendBack} onClose={() => setSendBack(null)} />
      <ReopenModal sub={reopen} onClose={() => setReopen(null)} />
    </div>
  );
}
