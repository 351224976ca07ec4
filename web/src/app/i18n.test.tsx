import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider, useI18n } from './i18n';

function Probe() {
  const { t, setLang, lang } = useI18n();
  return (
    <button type="button" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
      {t('行政区划', 'Regions')}
    </button>
  );
}

describe('language switch', () => {
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it('starts in Chinese, switches to English and remembers it', () => {
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('行政区划');
    act(() => screen.getByRole('button').click());
    expect(screen.getByRole('button').textContent).toBe('Regions');
    expect(localStorage.getItem('zc_lang')).toBe('en');
    expect(document.cookie).toContain('zc_lang=en');
    cleanup();
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByRole('button').textContent).toBe('Regions');
  });
});
