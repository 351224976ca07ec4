import { InputNumber, Typography } from 'antd';
import { useI18n } from '../app/i18n';

export const SCORE_MIN = 0;
export const SCORE_MAX = 100;

/** A typed score outside 0–100 is an error to show, never a value to clip (issue 15: 150 became 100 silently). */
export const scoreOutOfRange = (v: number | null | undefined) =>
  v !== null && v !== undefined && (v < SCORE_MIN || v > SCORE_MAX);

/**
 * A 0–100 score. Ant Design's InputNumber clamps to min/max on blur, which turned a typed 150 into 100 with a
 * success message; this one keeps what was typed, marks it and says why, and the form refuses to send it.
 */
export function ScoreInput({
  value,
  onChange,
  size,
  width = 140,
  testId,
}: {
  value: number | null | undefined;
  onChange: (v: number | null) => void;
  size?: 'large' | 'middle' | 'small';
  width?: number | string;
  testId?: string;
}) {
  const { t } = useI18n();
  const bad = scoreOutOfRange(value);
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      <InputNumber
        aria-label={t('评分(0–100)', 'Score (0–100)')}
        placeholder={t('评分 0–100', 'Score 0–100')}
        size={size}
        value={value ?? null}
        onChange={(x) => onChange(x === null || x === undefined ? null : Number(x))}
        status={bad ? 'error' : undefined}
        style={{ width }}
        inputMode="decimal"
        data-testid={testId}
      />
      {bad && (
        <Typography.Text type="danger" role="alert" style={{ fontSize: 12 }} data-testid="score-range-error">
          {t(`评分须在 0–100 之间,您填的是 ${value}`, `The score must be 0–100; you typed ${value}`)}
        </Typography.Text>
      )}
    </span>
  );
}
