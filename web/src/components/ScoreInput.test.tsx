import { useState } from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../app/i18n';
import { ScoreInput, scoreOutOfRange } from './ScoreInput';

let last: number | null = null;
function Form() {
  const [v, setV] = useState<number | null>(null);
  return (
    <I18nProvider>
      <ScoreInput
        value={v}
        onChange={(x) => {
          last = x;
          setV(x);
        }}
        testId="score"
      />
    </I18nProvider>
  );
}

describe('score input', () => {
  afterEach(cleanup);

  it('keeps a typed 150 and says it is out of range, instead of clipping it to 100', () => {
    render(<Form />);
    const input = screen.getByLabelText('评分(0–100)') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '150' } });
    fireEvent.blur(input);
    expect(last).toBe(150);
    expect(input.value).toBe('150');
    expect(screen.getByRole('alert').textContent).toContain('评分须在 0–100 之间,您填的是 150');
    fireEvent.change(input, { target: { value: '95' } });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('marks only values outside 0–100', () => {
    expect([-1, 0, 100, 100.5, null, undefined].map(scoreOutOfRange)).toEqual([true, false, false, true, false, false]);
  });
});
