import { Button, Tabs } from 'antd';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { PoolTab } from './supervisors/PoolTab';
import { TasksTab } from './supervisors/TasksTab';

/** The 市民监督员 pool and supervision tasks (/participation/supervisors). */
export default function SupervisorsPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeader
        title={t('市民监督员库', 'Citizen supervisor pool')}
        sub={t(
          '公开招募、审核、任期管理;按地区、年龄、性别分层随机抽取监督小组(种子留存可复核),评分送评估模块',
          'Public recruitment, vetting, terms; stratified random panels (seed recorded for re-checks); scores go to assessment',
        )}
        extra={
          <a href="/supervisor/apply" target="_blank" rel="noreferrer">
            <Button>{t('公开招募页', 'Public application page')}</Button>
          </a>
        }
      />
      <Tabs
        items={[
          { key: 'pool', label: t('监督员', 'Supervisors'), children: <PoolTab /> },
          {
            key: 'tasks',
            label: <span data-testid="tab-tasks">{t('监督任务', 'Tasks')}</span>,
            children: <TasksTab />,
          },
        ]}
      />
    </div>
  );
}
