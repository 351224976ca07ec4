import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Input,
  InputNumber,
  Progress,
  Radio,
  Rate,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
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

function RegionPicker({ root, value, onChange }: { root: string; value?: string; onChange(v: string): void }) {
  const { t } = useI18n();
  const items = useRegionChoices(root);
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: '100%' }}
      placeholder={t('请选择或输入搜索', 'Choose or search')}
      value={value}
      onChange={onChange}
      options={items.map((r) => ({ value: r.code, label: r.name }))}
      data-testid="region-picker"
    />
  );
}

function QuestionInput({
  q,
  value,
  onChange,
  regionRoot,
}: {
  q: Question;
  value: Answer['value'] | undefined;
  onChange(v: Answer['value'] | undefined): void;
  regionRoot: string;
}) {
  const { t } = useI18n();
  switch (q.type) {
    case 'single':
      return (
        <Radio.Group
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
          count={q.scale ?? 5}
          value={(value as number) ?? 0}
          onChange={(v) => onChange(v || undefined)}
          style={{ fontSize: 32 }}
        />
      );
    case 'number':
      return (
        <InputNumber
          value={value as number | undefined}
          min={q.min}
          max={q.max}
          onChange={(v) => onChange(v ?? undefined)}
          style={{ width: '100%' }}
          inputMode="numeric"
        />
      );
    case 'region':
      return <RegionPicker root={regionRoot} value={value as string | undefined} onChange={onChange} />;
    case 'text':
      return (
        <Input.TextArea
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
      return (
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={rows}
          scroll={{ x: true }}
          columns={[
            { title: '', dataIndex: 'label', width: 90 },
            ...(q.options ?? []).map((o) => ({
              title: o.label,
              key: o.id,
              align: 'center' as const,
              render: (_: unknown, r: { id: string }, i: number) => (
                <Radio
                  checked={arr[i] === o.id}
                  onChange={() => {
                    const next = rows.map((_, j) => (j === i ? o.id : (arr[j] ?? '')));
                    onChange(next.every(Boolean) ? next : next);
                  }}
                  aria-label={`${r.id}-${o.id}`}
                />
              ),
            })),
          ]}
        />
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
        />
      )}
      {current.title && (
        <Typography.Title level={5} style={{ marginTop: 12 }}>
          {current.title}
        </Typography.Title>
      )}
      {visible.map((q) => {
        n += 1;
        const err = missing.includes(q.id) || serverError?.questionId === q.id;
        return (
          <div key={q.id} data-question={q.id} style={{ padding: '14px 0', borderBottom: '1px solid #f0f0f0' }}>
            <div style={{ fontSize: 16, fontWeight: 500, marginBottom: 10 }}>
              {q.required && <span style={{ color: '#cf1322' }}>* </span>}
              {n}. {q.title}
              {q.type === 'multiple' && q.maxChoices ? (
                <Typography.Text type="secondary">
                  {' '}
                  {t(`(最多 ${q.maxChoices} 项)`, `(up to ${q.maxChoices})`)}
                </Typography.Text>
              ) : null}
            </div>
            {q.help && <Typography.Paragraph type="secondary">{q.help}</Typography.Paragraph>}
            <QuestionInput
              q={q}
              value={values[q.id]}
              regionRoot={regionRoot}
              onChange={(v) => setValues((s) => ({ ...s, [q.id]: v }))}
            />
            {err && (
              <Typography.Text type="danger" data-testid="question-error">
                {serverError?.questionId === q.id ? serverError.text : t('此题必答', 'This question is required')}
              </Typography.Text>
            )}
          </div>
        );
      })}
      {serverError && !serverError.questionId && (
        <Alert type="error" title={serverError.text} style={{ marginTop: 12 }} />
      )}
      {footer}
      <Space style={{ marginTop: 16, width: '100%', justifyContent: 'space-between' }}>
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
      </Space>
    </div>
  );
}
