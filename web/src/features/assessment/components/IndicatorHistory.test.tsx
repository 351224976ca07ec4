import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../../app/i18n';
import { IndicatorHistoryButton } from './IndicatorHistory';

describe('indicator history', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('loads the indicator’s changes on opening and shows who changed what, before and after', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            items: [
              {
                indicatorCode: 'A',
                kind: 'value',
                before: '10',
                after: '12',
                actor: 'lixia',
                at: '2026-11-30T06:05:00Z',
              },
              {
                indicatorCode: 'A',
                kind: 'evidence',
                before: null,
                after: '说明.pdf',
                actor: 'lixia',
                at: '2026-11-30T06:06:00Z',
              },
            ],
          }),
          { headers: { 'content-type': 'application/json' } },
        ),
    );
    vi.stubGlobal('fetch', fetch);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <I18nProvider>
          <IndicatorHistoryButton submissionId="s1" code="A" name="指标A" />
        </I18nProvider>
      </QueryClientProvider>,
    );
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('history-A'));
    expect(await screen.findByText('12')).toBeTruthy();
    expect(screen.getByText(/上传 说明.pdf/)).toBeTruthy();
    expect(screen.getAllByText('lixia')).toHaveLength(2);
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toContain(
      '/api/v1/assessment/submissions/s1/changes?indicator=A',
    );
  });
});
