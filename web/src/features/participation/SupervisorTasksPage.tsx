import { Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { PhoneFrame } from './public/PhoneFrame';
import { MyTaskList } from './supervisors/MyTaskList';

/** The supervisor's tasks outside the desk layout (/supervisor/tasks): signed in, but scored on a phone on site. */
export default function SupervisorTasksPage() {
  const { t } = useI18n();
  return (
    <PhoneFrame title={t('智城 · 市民监督员', 'Zhicheng · Citizen supervisor')}>
      <Typography.Title level={4}>{t('我的监督任务', 'My supervision tasks')}</Typography.Title>
      <MyTaskList phone />
    </PhoneFrame>
  );
}
