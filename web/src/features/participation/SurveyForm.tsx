import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Input, InputNumber, Progress, Radio, Rate } from 'antd';
import {
  isEmptyAnswer,
  questionShown,
  type Answer,
  type Question,
  type SurveyDefinition,
} from '@zhicheng/contracts/participation';
import { useI18n } from '../../app/i18n';
import { useRegionChoices } from './api';

type Values = Record<string, Answer['value'] | undefined>;

/** Shown by the rule the server checks answers with (questionShown, in the contract). */
const isVisible = (q: Question, values: Values) => questionShown(q, (id) => values[id]);

/** The answers to send: visible, non-empty, in survey order. */
function toAnswers(def: SurveyDefinition, values: Values): Answer[] {
  return def.pages
    .flatMap((p) => p.questions)
    .filter((q) => isVisible(q, values) && !isEmptyAnswer(values[q.id]))
    .map((q) => ({ questionId: q.id, value: values[q.id]! }));
}

/**
 * The phone's own list picker (a native select): large, familiar to elderly respondents, read out by screen readers,
 * and no dropdown library to download on the public page.
 */
function RegionPicker({
  root,
  value,
  onChange,
  labelledBy,
}: {
  root: string;
  value?: string;
  onChange(v: string): void;
  labelledBy: string;
}) {
  const { t } = useI18n();
  const items = useRegionChoices(root);
  return (
    <select
      className="zc-native-select"
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value)}
      aria-labelledby={labelledBy}
      data-testid="region-picker"
    >
      <option value="" disabled>
        {t('请选择', 'Choose')}
      </option>
      {items.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
    </select>
  );
}

function QuestionInput({
  q,
  value,
  onChange,
  regionRoot,
  labelledBy,
}: {
  q: Question;
  value: Answer['value'] | undefined;
  onChange(v: Answer['value'] | undefined): void;
  regionRoot: string;
  /** The id of the question's title: every control is named by it for screen readers. */
  labelledBy: string;
}) {
  const { t } = useI18n();
  switch (q.type) {
    case 'single':
      return (
        <Radio.Group
          aria-labelledby={labelledBy}
          value={value}
          onChange={(e) => onChange(e.target.value as string)}
          style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
        >
          {(q.options ?? []).map((o) => (
            <Radio key={o.id} value={o.id} style={{ fontSize: 16 }}>
              {o.label}
            </Radio>
          ))}
        </Radio.Group>
      );
    case 'multiple':
      return (
        <Checkbox.Group
          aria-labelledby={labelledBy}
          value={(value as string[]) ?? []}
          onChange={(v) => onChange(v as string[])}
          style={{ display: 'flex', flexDirection: 'column', gap: 10 }}
        >
          {(q.options ?? []).map((o) => (
            <Checkbox
              key={o.id}
              value={o.id}
              disabled={
                !!q.maxChoices &&
                ((value as string[]) ?? []).length >= q.maxChoices &&
                !((value as string[]) ?? []).includes(o.id)
              }
              style={{ fontSize: 16 }}
            >
              {o.label}
            </Checkbox>
          ))}
        </Checkbox.Group>
      );
    case 'rating':
      return (
        <Rate
          aria-labelledby={labelledBy}
          count={q.scale ?? 5}
          value={(value as number) ?? 0}
          onChange={(v) => onChange(v || undefined)}
          style={{ fontSize: 32 }}
        />
      );
    case 'number':
      return (
        <InputNumber
          aria-labelledby={labelledBy}
          value={value as number | undefined}
          min={q.min}
          max={q.max}
          onChange={(v) => onChange(v ?? undefined)}
          style={{ width: '100%' }}
          inputMode="numeric"
        />
      );
    case 'region':
      return (
        <RegionPicker
          root={regionRoot}
          value={value as string | undefined}
          onChange={onChange}
          labelledBy={labelledBy}
        />
      );
    case 'text':
      return (
        <Input.TextArea
          aria-labelledby={labelledBy}
          value={(value as string) ?? ''}
          maxLength={q.maxLength ?? 1000}
          showCount
          autoSize={{ minRows: 3, maxRows: 8 }}
          onChange={(e) => onChange(e.target.value)}
          placeholder={t('请填写', 'Your answer')}
        />
      );
    case 'matrix': {
      const rows = q.rows ?? [];
      const arr = (value as string[]) ?? [];
      // A plain table rather than antd's Table: the phone page should not download a data grid (pagination,
      // sorting, filters) for a few rows of radio buttons, and a native table gives screen readers its headers.
      return (
        <div className="zc-matrix">
          <table>
            <thead>
              <tr>
                <td />
                {(q.options ?? []).map((o) => (
                  <th key={o.id} scope="col">
                    {o.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id}>
                  <th scope="row">{r.label}</th>
                  {(q.options ?? []).map((o) => (
                    <td key={o.id}>
                      <Radio
                        checked={arr[i] === o.id}
                        onChange={() => onChange(rows.map((_, j) => (j === i ? o.id : (arr[j] ?? ''))))}
                        aria-label={`${r.label}:${o.label}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
  }
}

/**
 * A survey as a respondent sees it: page by page, conditional questions shown only when their condition holds.
 * Used by the public answer page and by the builder's preview.
 */
export function SurveyForm({
  definition,
  regionRoot,
  onSubmit,
  submitting,
  serverError,
  footer,
}: {
  definition: SurveyDefinition;
  regionRoot: string;
  onSubmit(answers: Answer[]): void;
  submitting?: boolean;
  /** The question the server rejected, shown next to it. */
  serverError?: { questionId?: string; text: string } | null;
  footer?: React.ReactNode;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Values>({});
  const [page, setPage] = useState(0);
  const [missing, setMissing] = useState<string[]>([]);
  const pages = definition.pages;
  const current = pages[page]!;
  const visible = useMemo(() => current.questions.filter((q) => isVisible(q, values)), [current, values]);
  let n = pages.slice(0, page).reduce((a, p) => a + p.questions.filter((q) => isVisible(q, values)).length, 0);

  const check = () => {
    const m = visible
      .filter((q) => {
        const v = values[q.id];
        if (q.type === 'matrix' && Array.isArray(v) && v.some((x) => !x)) return true;
        return q.required && isEmptyAnswer(v);
      })
      .map((q) => q.id);
    setMissing(m);
    if (m.length)
      document.querySelector(`[data-question="${m[0]}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    return m.length === 0;
  };

  return (
    <div data-testid="survey-form">
      {pages.length > 1 && (
        <Progress
          percent={Math.round(((page + 1) / pages.length) * 100)}
          format={() => `${page + 1}/${pages.length}`}
          size="small"
          aria-label={t(`第 ${page + 1} 页,共 ${pages.length} 页`, `Page ${page + 1} of ${pages.length}`)}
        />
      )}
      {current.title && <h2 className="zc-survey-page-title">{current.title}</h2>}
      {visible.map((q) => {
        n += 1;
        const err = missing.includes(q.id) || serverError?.questionId === q.id;
        return (
          <div key={q.id} data-question={q.id} style={{ padding: '14px 0', borderBottom: '1px solid #f0f0f0' }}>
            <div id={`zc-q-${q.id}`} style={{ fontSize: 16, fontWeight: 500, marginBottom: 10 }}>
              {q.required && (
                <span style={{ color: '#cf1322' }} aria-label={t('必答', 'required')}>
                  *{' '}
                </span>
              )}
              {n}. {q.title}
              {q.type === 'multiple' && q.maxChoices ? (
                <span className="zc-secondary"> {t(`(最多 ${q.maxChoices} 项)`, `(up to ${q.maxChoices})`)}</span>
              ) : null}
            </div>
            {q.help && <p className="zc-secondary">{q.help}</p>}
            <QuestionInput
              labelledBy={`zc-q-${q.id}`}
              q={q}
              value={values[q.id]}
              regionRoot={regionRoot}
              onChange={(v) => setValues((s) => ({ ...s, [q.id]: v }))}
            />
            {err && (
              <div className="zc-danger" role="alert" data-testid="question-error">
                {serverError?.questionId === q.id ? serverError.text : t('此题必答', 'This question is required')}
              </div>
            )}
          </div>
        );
      })}
      {serverError && !serverError.questionId && (
        <Alert type="error" title={serverError.text} style={{ marginTop: 12 }} />
      )}
      {footer}
      <div style={{ marginTop: 16, display: 'flex', gap: 8, justifyContent: 'space-between' }}>
        <Button size="large" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          {t('上一页', 'Back')}
        </Button>
        {page < pages.length - 1 ? (
          <Button size="large" type="primary" data-testid="next-page" onClick={() => check() && setPage((p) => p + 1)}>
            {t('下一页', 'Next')}
          </Button>
        ) : (
          <Button
            size="large"
            type="primary"
            data-testid="submit-survey"
            loading={submitting}
            onClick={() => check() && onSubmit(toAnswers(definition, values))}
          >
            {t('提交', 'Submit')}
          </Button>
        )}
      </div>
    </div>
  );
}
