import { Card, Progress, Tag, Timeline, Typography } from 'antd';
import type { AssessmentSubmission } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { Stars, StatusTag } from './labels';

/** The submission's current rating: level, score and the weight share reaching each level, as rated by the server. */
export function RatingCard({ sub }: { sub: AssessmentSubmission }) {
  const { t, pick } = useI18n();
  const r = sub.rating;
  if (!r) return null;
  return (
    <Card size="small" title={t('当前测算星级', 'Current rating')} data-testid="rating-card">
      <Stars n={r.level} subGrade={r.subGrade} />
      <div style={{ margin: '8px 0' }}>
        {t('得分', 'Score')} {r.score} · {t('加分', 'Bonus')} {r.bonus}
      </div>
      {r.explanation.shares.map((s, i) => (
        <div key={i} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
          <span style={{ width: 28 }}>{i + 1}★</span>
          <Progress
            aria-label={`${i + 1}★`}
            percent={Math.round(s * 1000) / 10}
            size="small"
            // Levels up to the one reached by weight meet the policy's bar.
            status={i < r.explanation.levelByWeight ? 'success' : 'normal'}
            style={{ flex: 1, margin: 0 }}
          />
        </div>
      ))}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {pick(r.explanation.text)}
      </Typography.Paragraph>
    </Card>
  );
}

/** Every step the submission took, with who and why (a return's reason in red). */
export function HistoryCard({ sub }: { sub: AssessmentSubmission }) {
  const { t } = useI18n();
  if (!sub.history.length) return null;
  return (
    <Card size="small" title={t('流转记录', 'History')}>
      <Timeline
        items={sub.history.map((h) => ({
          color: h.action === 'send_back' ? 'red' : 'blue',
          children: (
            <span>
              {new Date(h.at).toLocaleString()} · {h.actor ?? ''} ·{' '}
              <StatusTag s={h.to as AssessmentSubmission['status']} />
              {h.late && (
                <Tag color="orange" data-testid="history-late">
                  {t('逾期', 'late')}
                </Tag>
              )}
              {h.reason && <div style={{ color: '#c00' }}>{h.reason}</div>}
            </span>
          ),
        }))}
      />
    </Card>
  );
}
