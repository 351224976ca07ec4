import { useState } from 'react';
import { Button, Popover, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ASSESSMENT_PERMISSIONS as P,
  CAMPAIGN_STAGE_NAMES,
  type AssessmentCampaign,
  type CampaignAction,
} from '@zhicheng/contracts/assessment';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useCampaignAction, useCampaigns } from './api';
import { OpenCampaignModal } from './campaigns/OpenCampaignModal';
import { SampleHint } from './components/labels';

/** The button words of the actions; which ones a campaign offers comes from the server. */
const ACTION_NAMES: Record<CampaignAction, { zh: string; en: string }> = {
  draw_experts: { zh: '抽取专家', en: 'Draw experts' },
  start_co_evaluation: { zh: '进入监督共评', en: 'Start co-evaluation' },
  open_notice: { zh: '开始公示', en: 'Open public notice' },
  publish: { zh: '发布结果', en: 'Publish' },
};

/** 评估活动: the year's campaigns, their progress, and the province's actions moving each on. */
export default function CampaignsPage() {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const campaigns = useCampaigns();
  const act = useCampaignAction();
  const [opening, setOpening] = useState(false);

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
                    {k}: {n}
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
          { title: t('专家抽取种子', 'Draw seed'), dataIndex: 'expertSeed', width: 120 },
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
                      loading={act.isPending && act.variables?.id === c.id && act.variables.action === a}
                      onClick={() => act.mutate({ id: c.id, action: a })}
                      data-testid={`action-${a}-${c.year}`}
                    >
                      {pick(ACTION_NAMES[a])}
                    </Button>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <OpenCampaignModal open={opening} onClose={() => setOpening(false)} />
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
