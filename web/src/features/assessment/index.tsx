import { StarOutlined } from '@ant-design/icons';
import { ASSESSMENT_PERMISSIONS as P } from '@zhicheng/contracts/assessment';
import { page, type FeatureDefinition } from '../../app/feature';
import { useAssessmentTodos } from './todos';

export const assessmentFeature: FeatureDefinition = {
  key: 'assessment',
  group: { zh: '评估评价', en: 'Assessment' },
  summary: { zh: '年度星级评估、审核、专家评审与结果分析', en: 'Annual star-rating campaigns, review, results' },
  icon: <StarOutlined />,
  useTodos: useAssessmentTodos,
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
    { path: '/assessment', lazy: page(() => import('./OverviewPage')) },
    { path: '/assessment/fill', lazy: page(() => import('./FillPage')) },
    { path: '/assessment/review', lazy: page(() => import('./ReviewPage')) },
    { path: '/assessment/expert', lazy: page(() => import('./ExpertPage')) },
    { path: '/assessment/coeval', lazy: page(() => import('./CoevalPage')) },
    { path: '/assessment/simulate', lazy: page(() => import('./SimulatorPage')) },
    { path: '/assessment/campaigns', lazy: page(() => import('./CampaignsPage')) },
    { path: '/assessment/catalogues', lazy: page(() => import('./CataloguesPage')) },
    { path: '/assessment/report/:code', lazy: page(() => import('./ReportPage')) },
  ],
};
