import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { MyTaskList } from './supervisors/MyTaskList';

/** The signed-in supervisor's tasks inside the desk layout (/participation/my-tasks). */
export default function MyTasksPage() {
  const { t } = useI18n();
  return (
    <div>
      <PageHeader
        title={t('我的监督任务', 'My supervision tasks')}
        sub={t(
          '评分(0–100)将提交至评估模块,作为监督共评的一部分',
          'Scores (0–100) go to the assessment module as co-evaluation',
        )}
      />
      <MyTaskList />
    </div>
  );
}
