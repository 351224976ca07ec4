import { Link } from 'react-router';
import { useState } from 'react';
import { Button, Popover, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ASSESSMENT_PERMISSIONS as P,
  CAMPAIGN_ACTION_NAMES,
  CAMPAIGN_STAGE_NAMES,
  SUBMISSION_STATUS_NAMES,
  type AssessmentCampaign,
  type AssessmentSubmissionStatus,
  type CampaignAction,
} from '@zhicheng/contracts/assessment';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useCampaigns } from './api';
import { CampaignActionModal } from './campaigns/CampaignActionModal';
import { OpenCampaignModal } from './campaigns/OpenCampaignModal';
import { SampleHint } from './components/labels';

/** 评估活动: the year's campaigns, their progress, and the province's actions moving each on. */
export default function CampaignsPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const campaigns = useCampaigns();
  const [opening, setOpening] = useState(false);
  // Every campaign-wide step goes through a confirmation that shows what it does (CampaignActionModal).
  const [pending, setPending] = useState<{ campaign: AssessmentCampaign; action: CampaignAction } | null>(null);

  return (
    <div>
      <PageHeader
        title={t('评估活动', 'Campaigns')}
        sub={t(
          '自评填报 → 市级审核 → 省级审核 → 专家评审 → 监督共评 → 公示 → 发布',
          'Self-assessment → city → province → experts → co-evaluation → notice → publish',
        )}
        extra={
          can(P.campaignManage) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              {t('开启年度评估', 'Open a campaign')}
            </Button>
          )
        }
      />
      <Table<AssessmentCampaign>
        rowKey="id"
        data-testid="campaign-table"
        loading={campaigns.isLoading}
        dataSource={campaigns.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('年度', 'Year'), dataIndex: 'year', width: 80 },
          {
            title: t('名称', 'Name'),
            dataIndex: 'name',
            render: (v, c) => (
              <>
                {v} <SampleHint sample={c.sample} />
              </>
            ),
          },
          {
            title: t('阶段', 'Stage'),
            dataIndex: 'stage',
            width: 110,
            render: (s: AssessmentCampaign['stage']) => (
              <Tag color={s === 'published' ? 'green' : 'blue'} data-testid="campaign-stage">
                {pick(CAMPAIGN_STAGE_NAMES[s])}
              </Tag>
            ),
          },
          {
            title: t('进度', 'Progress'),
            render: (_, c) => (
              <Space wrap size={2}>
                {Object.entries(c.counts).map(([k, n]) => (
                  <Tag key={k}>
                    {pick(SUBMISSION_STATUS_NAMES[k as AssessmentSubmissionStatus] ?? { zh: k, en: k })}: {n}
                  </Tag>
                ))}
              </Space>
            ),
          },
          { title: t('截止日期', 'Deadlines'), width: 170, render: (_, c) => <Deadlines c={c} /> },
          {
            title: t('监督共评指标', 'Co-evaluation indicators'),
            width: 130,
            render: (_, c) => (
              <Popover
                title={t('列入监督共评的指标', 'Indicators assigned to co-evaluation')}
                content={
                  <div style={{ maxWidth: 360 }}>
                    {c.coEvaluationIndicators.length ? (
                      <Space wrap size={2}>
                        {c.coEvaluationIndicators.map((code) => (
                          <Tag key={code}>{code}</Tag>
                        ))}
                      </Space>
                    ) : (
                      t('未指定(不可核验指标)', 'None (no indicator can be verified)')
                    )}
                  </div>
                }
              >
                <Tag color="geekblue" data-testid={`coeval-indicators-${c.year}`}>
                  {t(`${c.coEvaluationIndicators.length} 项`, `${c.coEvaluationIndicators.length}`)}
                </Tag>
              </Popover>
            ),
          },
          {
            // Each submission's experts come from its own verifiable draw in the directory (seed committed first).
            title: t('专家抽取记录', 'Expert draws'),
            key: 'draws',
            width: 120,
            render: () => (
              <Link to="/directory/draws?module=assessment" data-testid="assessment-draws-link">
                {t('各提交抽取与复核', 'Per-submission draws')}
              </Link>
            ),
          },
          {
            title: t('操作', 'Actions'),
            width: 320,
            render: (_, c) =>
              can(P.campaignManage) && (
                <Space wrap size={4}>
                  {c.actions.map((a) => (
                    <Button
                      key={a}
                      size="small"
                      danger={a === 'publish'}
                      onClick={() => setPending({ campaign: c, action: a })}
                      data-testid={`action-${a}-${c.year}`}
                    >
                      {pick(CAMPAIGN_ACTION_NAMES[a])}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <OpenCampaignModal open={opening} onClose={() => setOpening(false)} />
      <CampaignActionModal
        campaign={pending?.campaign ?? null}
        action={pending?.action ?? null}
        onClose={() => setPending(null)}
      />
    </div>
  );
}

function Deadlines({ c }: { c: AssessmentCampaign }) {
  const { t } = useI18n();
  const { selfAssessment, cityApproval, provinceApproval } = c.deadlines;
  return (
    <span style={{ fontSize: 12 }}>
      {selfAssessment && (
        <div>
          {t('自评', 'Self')} {selfAssessment}
        </div>
      )}
      {cityApproval && (
        <div>
          {t('市审', 'City')} {cityApproval}
        </div>
      )}
      {provinceApproval && (
        <div>
          {t('省审', 'Province')} {provinceApproval}
        </div>
      )}
      {c.noticeEndsAt && (
        <div>
          {t('公示至', 'Notice to')} {c.noticeEndsAt.slice(0, 10)}
        </div>
      )}
    </span>
  );
}
