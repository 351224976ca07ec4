import { CommentOutlined } from '@ant-design/icons';
import { PARTICIPATION_PERMISSIONS as P } from '@zhicheng/contracts/participation';
import { page, type FeatureDefinition } from '../../app/feature';
import { useParticipationTodos } from './todos';

/**
 * 问需于民: campaigns, surveys and their analysis, 你提我办 and the 市民监督员 pool for staff; the citizen pages
 * (answer, progress, follow-up, application, a supervisor's tasks) are phone-first and load only what they use.
 */
export const participationFeature: FeatureDefinition = {
  key: 'participation',
  group: { zh: '问需于民', en: 'Participation' },
  summary: { zh: '问卷征集需求、你提我办、市民监督员', en: 'Citizen surveys, action on demands, citizen supervisors' },
  icon: <CommentOutlined />,
  useTodos: useParticipationTodos,
  nav: [
    { path: '/participation', label: { zh: '问需于民', en: 'Citizen surveys' }, permissions: [P.responsesRead] },
    {
      path: '/participation/supervisors',
      label: { zh: '市民监督员', en: 'Citizen supervisors' },
      permissions: [P.supervisorsManage],
    },
    {
      path: '/participation/my-tasks',
      label: { zh: '我的监督任务', en: 'My supervision tasks' },
      permissions: [P.tasksScore],
    },
  ],
  routes: [
    { path: '/participation', lazy: page(() => import('./CampaignsPage')) },
    { path: '/participation/campaigns/:id', lazy: page(() => import('./CampaignPage')) },
    { path: '/participation/surveys/:id', lazy: page(() => import('./SurveyBuilderPage')) },
    { path: '/participation/supervisors', lazy: page(() => import('./SupervisorsPage')) },
    { path: '/participation/my-tasks', lazy: page(() => import('./MyTasksPage')) },
  ],
  publicRoutes: [
    { path: '/s/:surveyId', lazy: page(() => import('./AnswerPage')) },
    { path: '/progress/:campaignId', lazy: page(() => import('./ProgressPage')) },
    { path: '/f/:token', lazy: page(() => import('./FollowupPage')) },
    { path: '/supervisor/apply', lazy: page(() => import('./ApplyPage')) },
    // Signed in, but phone-first and outside the desk layout: supervisors score on site.
    { path: '/supervisor/tasks', lazy: page(() => import('./SupervisorTasksPage')) },
  ],
};
