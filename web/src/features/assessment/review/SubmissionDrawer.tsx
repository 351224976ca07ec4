import { Card, Drawer, Space, Table, Tag } from 'antd';
import { useI18n } from '../../../app/i18n';
import { useCatalogue, useSubmission } from '../api';
import { EvidenceLinks } from '../components/EvidenceLinks';
import { IndicatorHistoryButton } from '../components/IndicatorHistory';
import { StageDeadlineTag, StatusTag } from '../components/labels';
import { HistoryCard, RatingCard } from '../components/SubmissionCards';
import { ObjectionsCard } from './ObjectionsCard';

/**
 * One submission as a reviewer sees it: rating, expert and co-evaluation scores, values with their explanations
 * and evidence (previewed in the page), objections, history.
 */
export function SubmissionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const sub = useSubmission(id);
  const s = sub.data;
  const cat = useCatalogue(s?.catalogueId);
  const stars = new Map((s?.rating?.indicators ?? []).map((o) => [o.code, o.stars]));
  return (
    <Drawer open={!!id} onClose={onClose} width={900} title={s ? `${s.regionName} · ${s.year}` : ''}>
      {s && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <StatusTag s={s.status} />
            {s.disagreement && <Tag color="red">{t('专家意见分歧较大', 'Experts disagree')}</Tag>}
            <StageDeadlineTag sub={s} />
          </Space>
          <RatingCard sub={s} />
          {s.experts.length > 0 && (
            <Card size="small" title={t('专家评分', 'Expert scores')}>
              {s.experts.map((e) => (
                <Tag key={e.alias} color={e.late ? 'orange' : undefined}>
                  {e.alias}: {e.score ?? t('未评', 'pending')}
                  {e.late && ` · ${t('逾期', 'late')}`}
                </Tag>
              ))}
            </Card>
          )}
          {s.coEvaluation.count > 0 && (
            <Card size="small" title={t('监督共评', 'Co-evaluation')}>
              {t(
                `共 ${s.coEvaluation.count} 条(每位监督员每项只计最新一次${s.coEvaluation.replaced ? `,另有 ${s.coEvaluation.replaced} 条被本人更新替换` : ''}),平均 ${s.coEvaluation.average},未被证实 ${s.coEvaluation.unconfirmed}`,
                `${s.coEvaluation.count} scores (each supervisor's newest per item${s.coEvaluation.replaced ? `; ${s.coEvaluation.replaced} replaced by their own resubmission` : ''}), average ${s.coEvaluation.average}, unconfirmed ${s.coEvaluation.unconfirmed}`,
              )}
            </Card>
          )}
          <Table
            size="small"
            rowKey="code"
            pagination={{ pageSize: 12 }}
            dataSource={cat.data?.indicators ?? []}
            columns={[
              { title: t('代码', 'Code'), dataIndex: 'code', width: 90 },
              { title: t('指标', 'Indicator'), dataIndex: 'name' },
              { title: t('值', 'Value'), width: 90, render: (_, i) => s.values[i.code]?.value ?? '—' },
              { title: t('上年', 'Last year'), width: 80, render: (_, i) => s.previousValues[i.code] ?? '—' },
              { title: '★', width: 50, render: (_, i) => stars.get(i.code) ?? 0 },
              { title: t('说明', 'Explanation'), width: 140, render: (_, i) => s.values[i.code]?.explanation ?? '' },
              {
                title: t('佐证', 'Evidence'),
                width: 150,
                render: (_, i) => (
                  <EvidenceLinks submissionId={s.id} evidence={s.evidence.filter((e) => e.indicatorCode === i.code)} />
                ),
              },
              {
                title: t('历史', 'History'),
                width: 80,
                render: (_, i) => <IndicatorHistoryButton submissionId={s.id} code={i.code} name={i.name} />,
              },
            ]}
          />
          <ObjectionsCard sub={s} />
          <HistoryCard sub={s} />
        </Space>
      )}
    </Drawer>
  );
}
