import { Outlet } from 'react-router';
import { useI18n } from './i18n';
import { useLargeText } from './largeText';

/**
 * The public pages' layout (the case board, a public case, the data-centre map, a draw's public record, sign-in): a
 * slim bar with the large-text switch (大字, 适老化) and the language switch; the choice is kept on the device
 * (app/largeText.ts) and shared with the citizens' phone pages, which draw their own frame with the same switch.
 */
export function PublicLayout({ languageSwitch = true }: { languageSwitch?: boolean }) {
  const { t, lang, setLang } = useI18n();
  const [large, setLarge] = useLargeText();
  return (
    <>
      <div className="zc-public-bar" role="toolbar" aria-label={t('显示设置', 'Display settings')}>
        <button
          type="button"
          className="zc-public-switch"
          aria-pressed={large}
          onClick={() => setLarge(!large)}
          data-testid="large-text"
        >
          {large ? t('标准字', 'Normal text') : t('大字', 'Large text')}
        </button>
        {languageSwitch && (
          <button type="button" className="zc-public-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {lang === 'zh' ? 'EN' : '中文'}
          </button>
        )}
      </div>
      <div className={large ? 'zc-large-text' : undefined} data-testid="public-body">
        <Outlet />
      </div>
    </>
  );
}
