import { CommentOutlined } from '@ant-design/icons';
import type { FeatureDefinition } from '../../app/feature';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';
import { AnswerPage, ApplyPage, FollowupPage, ProgressPage } from './PublicPages';
import { MyTasksPage, SupervisorsPage } from './SupervisorsPage';
import { SurveyBuilderPage } from './SurveyBuilderPage';

export const participationFeature: FeatureDefinition = {
  key: 'participation',
  group: { zh: '问需于民', en: 'Participation' },
  icon: <CommentOutlined />,
  nav: [
    {
      path: '/participation',
      label: { zh: '问需于民', en: 'Citizen surveys' },
      permissions: ['participation.responses.read'],
    },
    {
      path: '/participation/supervisors',
      label: { zh: '市民监督员', en: 'Citizen supervisors' },
      permissions: ['participation.supervisors.manage'],
    },
    {
      path: '/participation/my-tasks',
      label: { zh: '我的监督任务', en: 'My supervision tasks' },
      permissions: ['participation.tasks.score'],
    },
  ],
  routes: [
    { path: '/participation', element: <CampaignsPage /> },
    { path: '/participation/campaigns/:id', element: <CampaignPage /> },
    { path: '/participation/surveys/:id', element: <SurveyBuilderPage /> },
    { path: '/participation/supervisors', element: <SupervisorsPage /> },
    { path: '/participation/my-tasks', element: <MyTasksPage /> },
  ],
  publicRoutes: [
    { path: '/s/:surveyId', element: <AnswerPage /> },
    { path: '/progress/:campaignId', element: <ProgressPage /> },
    { path: '/f/:token', element: <FollowupPage /> },
    { path: '/supervisor/apply', element: <ApplyPage /> },
    // Signed in, but phone-first and outside the desk layout: supervisors score on site.
    { path: '/supervisor/tasks', element: <MyTasksPage phone /> },
  ],
};
