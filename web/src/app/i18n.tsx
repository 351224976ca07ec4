import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  /** The text in the current language: t('区划', 'Regions'). Chinese first, always both. */
  t(zh: string, en: string): string;
  /** Picks from a {zh, en} object (server messages, role names). */
  pick(b: { zh: string; en: string }): string;
}

const Ctx = createContext<I18n | null>(null);

function initialLang(): Lang {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('zc_lang') : null;
  return saved === 'en' ? 'en' : 'zh';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem('zc_lang', l);
    // The server reads the cookie to word its error titles in the same language.
    document.cookie = `zc_lang=${l}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: (zh, en) => (lang === 'zh' ? zh : en), pick: (b) => b[lang] }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
