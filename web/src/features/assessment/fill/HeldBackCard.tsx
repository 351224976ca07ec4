import { Card } from 'antd';
import { Link } from 'react-router';
import type { AssessmentSubmission } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';

/** The heaviest indicators below the next level, as the server's explanation lists them. */
export function HeldBackCard({ sub }: { sub: AssessmentSubmission }) {
  const { t } = useI18n();
  const heldBack = sub.rating?.explanation.heldBack ?? [];
  if (!heldBack.length) return null;
  return (
    <Card size="small" title={t('主要短板', 'Held back by')}>
      {heldBack.slice(0, 6).map((h) => (
        <div key={h.code}>
          {h.code} · {h.stars}★ · {t('权重', 'weight')} {h.weight}
        </div>
      ))}
      <div style={{ marginTop: 6 }}>
        <Link to="/assessment/simulate">{t('去达星模拟 →', 'Open the simulator →')}</Link>
      </div>
    </Card>
  );
}
