import type { ReactNode } from 'react';
import { ActionLink } from '../../components/ActionLink';
import { useI18n } from '../../app/i18n';

/** A phone-width column with a slim header and the language switch: the public opens these pages on phones. */
export function PublicFrame({ children, title }: { children: ReactNode; title?: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <div style={{ minHeight: '100vh', background: '#f3f6fb' }}>
      <div
        style={{
          background: '#1256b0',
          color: '#fff',
          padding: '12px 16px',
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
        }}
      >
        <span style={{ fontWeight: 600 }}>{title ?? t('智城 · 名录库', 'Zhicheng · Directory')}</span>
        <ActionLink style={{ color: '#fff' }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'EN' : '中文'}
        </ActionLink>
      </div>
      <div style={{ maxWidth: 720, margin: '0 auto', padding: 12 }}>{children}</div>
    </div>
  );
}
