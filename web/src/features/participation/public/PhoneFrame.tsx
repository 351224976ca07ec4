import type { ReactNode } from 'react';
import { useI18n } from '../../../app/i18n';
import { useLargeText } from '../../../app/largeText';

/**
 * A phone-width column with a slim header, the language switch and the large-text switch (大字): citizens, many of
 * them elderly, open these pages on their phones.
 */
export function PhoneFrame({ children, title }: { children: ReactNode; title?: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const [large, setLarge] = useLargeText();
  return (
    <div style={{ minHeight: '100vh', background: '#f3f6fb' }}>
      <header className="zc-phone-header">
        <span style={{ fontWeight: 600 }}>{title ?? t('智城 · 问需于民', 'Zhicheng · Citizen survey')}</span>
        <span style={{ display: 'flex', gap: 8 }}>
          <button
            type="button"
            className="zc-phone-switch"
            aria-pressed={large}
            onClick={() => setLarge(!large)}
            data-testid="large-text"
          >
            {large ? t('标准字', 'Normal text') : t('大字', 'Large text')}
          </button>
          <button type="button" className="zc-phone-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'EN' : '中文'}
          </button>
        </span>
      </header>
      <main className={large ? 'zc-phone-body zc-large-text' : 'zc-phone-body'} lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        {children}
      </main>
    </div>
  );
}
