import { StarOutlined } from '@ant-design/icons';
import type { FeatureDefinition } from '../../app/feature';
import { CampaignsPage, CataloguesPage } from './AdminPages';
import { FillPage } from './FillPage';
import { OverviewPage } from './OverviewPage';
import { ReportPage } from './ReportPage';
import { ReviewPage } from './ReviewPage';
import { CoevalPage, ExpertPage } from './ReviewerPages';
import { P } from './shared';
import { SimulatorPage } from './SimulatorPage';

export const assessmentFeature: FeatureDefinition = {
  key: 'assessment',
  group: { zh: '评估评价', en: 'Assessment' },
  summary: { zh: '年度星级评估、审核、专家评审与结果分析', en: 'Annual star-rating campaigns, review, results' },
  icon: <StarOutlined />,
  nav: [
    { path: '/assessment', label: { zh: '评估总览', en: 'Overview' } },
    { path: '/assessment/fill', label: { zh: '自评填报', en: 'Self-assessment' }, permissions: [P.submissionFill] },
    {
      path: '/assessment/review',
      label: { zh: '审核', en: 'Review' },
      permissions: [P.submissionApprove, P.submissionReturn],
    },
    { path: '/assessment/expert', label: { zh: '专家评审', en: 'Expert review' }, permissions: [P.reviewScore] },
    { path: '/assessment/coeval', label: { zh: '监督共评', en: 'Co-evaluation' }, permissions: [P.coevalScore] },
    { path: '/assessment/simulate', label: { zh: '达星模拟', en: 'Simulator' } },
    {
      path: '/assessment/campaigns',
      label: { zh: '评估活动', en: 'Campaigns' },
      permissions: [P.campaignManage, P.submissionApprove],
    },
    { path: '/assessment/catalogues', label: { zh: '指标体系', en: 'Catalogues' } },
  ],
  routes: [
    { path: '/assessment', element: <OverviewPage /> },
    { path: '/assessment/fill', element: <FillPage /> },
    { path: '/assessment/review', element: <ReviewPage /> },
    { path: '/assessment/expert', element: <ExpertPage /> },
    { path: '/assessment/coeval', element: <CoevalPage /> },
    { path: '/assessment/simulate', element: <SimulatorPage /> },
    { path: '/assessment/campaigns', element: <CampaignsPage /> },
    { path: '/assessment/catalogues', element: <CataloguesPage /> },
    { path: '/assessment/report/:code', element: <ReportPage /> },
  ],
};
