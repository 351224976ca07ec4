import type { ReactNode } from 'react';
import { ActionLink } from '../../../components/ActionLink';
import { Link } from 'react-router';
import { useI18n } from '../../../app/i18n';

/** A phone-width column with a slim header and the language switch: citizens open the board on their phones. */
export function Frame({ children, title }: { children: ReactNode; title?: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <div style={{ minHeight: '100vh', background: '#f3f6fb' }}>
      <div
        style={{
          background: '#b3261e',
          color: '#fff',
          padding: '12px 16px',
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
        }}
      >
        <Link to="/board" style={{ color: '#fff', fontWeight: 600 }}>
          {title ?? t('智城 · 优秀案例打榜', 'Zhicheng · Scenario board')}
        </Link>
        <ActionLink style={{ color: '#fff' }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'EN' : '中文'}
        </ActionLink>
      </div>
      <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>{children}</div>
    </div>
  );
}
