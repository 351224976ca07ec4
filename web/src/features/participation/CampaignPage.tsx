import { useState } from 'react';
import { useParams } from 'react-router';
import { Button, Card, Tabs } from 'antd';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useCampaign } from './api';
import { ActionsTab } from './campaign/ActionsTab';
import { ResponsesTab } from './campaign/ResponsesTab';
import { StatsTab } from './campaign/StatsTab';
import { SurveysTab } from './campaign/SurveysTab';
import { TopicsTab } from './campaign/TopicsTab';

/** One campaign: its surveys, live statistics, demand topics, the responses and 你提我办 action items. */
export default function CampaignPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [tab, setTab] = useState('surveys');
  const c = useCampaign(id).data;
  if (!c) return <Card loading />;
  return (
    <div>
      <PageHeader
        title={
          <>
            {c.title} {c.demo && <SampleTag />}
          </>
        }
        sub={`${c.regionName} · ${c.year} · ${t('答卷', 'responses')} ${c.responseCount} · ${c.status === 'open' ? t('征集中', 'open') : t('已结束', 'closed')}`}
        extra={
          <a href={`/progress/${c.id}`} target="_blank" rel="noreferrer">
            <Button>{t('公开办理进展页', 'Public progress page')}</Button>
          </a>
        }
      />
      {/* Tabs other than the first render only when opened: each loads its own data. */}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'surveys', label: t('问卷', 'Surveys'), children: <SurveysTab c={c} /> },
          {
            key: 'stats',
            label: <span data-testid="tab-stats">{t('统计分析', 'Statistics')}</span>,
            children: tab === 'stats' && <StatsTab c={c} />,
          },
          {
            key: 'topics',
            label: <span data-testid="tab-topics">{t('需求主题', 'Demand topics')}</span>,
            children: tab === 'topics' && <TopicsTab c={c} />,
          },
          { key: 'responses', label: t('答卷', 'Responses'), children: tab === 'responses' && <ResponsesTab c={c} /> },
          { key: 'actions', label: t('你提我办', 'Action items'), children: tab === 'actions' && <ActionsTab c={c} /> },
        ]}
      />
    </div>
  );
}
