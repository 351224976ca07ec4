import { Input, InputNumber, Select, Space, Switch } from 'antd';
import type { Question } from '@zhicheng/contracts/participation';
import { useI18n } from '../../../app/i18n';
import { fromLines, lines } from './definition';

/** One question's settings: title, required, type-specific settings, options, and the condition to show it. */
export function QuestionEditor({
  question: qq,
  earlier,
  editable,
  locked: lock,
  isTemplate,
  onChange,
}: {
  question: Question;
  /** The questions before this one: a condition may refer to a choice question among them. */
  earlier: Question[];
  editable: boolean;
  locked: boolean;
  isTemplate: boolean;
  onChange(patch: Partial<Question>): void;
}) {
  const { t } = useI18n();
  const choices = earlier.filter((x) => x.type === 'single' || x.type === 'multiple');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input
        addonBefore={t('题目', 'Question')}
        value={qq.title}
        disabled={lock}
        data-testid={`q-title-${qq.id}`}
        onChange={(e) => onChange({ title: e.target.value })}
      />
      <Space wrap>
        <span>
          {t('必答', 'Required')}{' '}
          <Switch
            size="small"
            checked={qq.required}
            disabled={lock}
            onChange={(v) => onChange({ required: v })}
            data-testid={`q-required-${qq.id}`}
          />
        </span>
        {isTemplate && (
          <span>
            {t('下级不可删除', 'Mandatory for localisations')}{' '}
            <Switch
              size="small"
              checked={qq.mandatory}
              disabled={!editable}
              onChange={(v) => onChange({ mandatory: v })}
            />
          </span>
        )}
        {qq.type === 'text' && (
          <span>
            {t('纳入需求分析', 'Demand analysis')}{' '}
            <Switch size="small" checked={!!qq.demand} disabled={lock} onChange={(v) => onChange({ demand: v })} />
          </span>
        )}
        {qq.type === 'rating' && (
          <InputNumber
            addonBefore={t('分值', 'Scale')}
            min={2}
            max={10}
            value={qq.scale ?? 5}
            disabled={lock}
            onChange={(v) => onChange({ scale: v ?? 5 })}
          />
        )}
        {qq.type === 'multiple' && (
          <InputNumber
            addonBefore={t('最多选', 'Max')}
            min={1}
            max={50}
            value={qq.maxChoices}
            disabled={lock}
            onChange={(v) => onChange({ maxChoices: v ?? undefined })}
          />
        )}
        {qq.type === 'number' && (
          <>
            <InputNumber
              addonBefore={t('最小', 'Min')}
              value={qq.min}
              disabled={lock}
              onChange={(v) => onChange({ min: v ?? undefined })}
            />
            <InputNumber
              addonBefore={t('最大', 'Max')}
              value={qq.max}
              disabled={lock}
              onChange={(v) => onChange({ max: v ?? undefined })}
            />
          </>
        )}
      </Space>
      {(qq.type === 'single' || qq.type === 'multiple' || qq.type === 'matrix') && (
        <Input.TextArea
          autoSize
          placeholder={t('选项,每行一个', 'Options, one per line')}
          disabled={lock}
          defaultValue={lines(qq.options)}
          data-testid={`q-options-${qq.id}`}
          onBlur={(e) => onChange({ options: fromLines(e.target.value, 'o') })}
        />
      )}
      {qq.type === 'matrix' && (
        <Input.TextArea
          autoSize
          placeholder={t('矩阵行,每行一个', 'Matrix rows, one per line')}
          disabled={lock}
          defaultValue={lines(qq.rows)}
          onBlur={(e) => onChange({ rows: fromLines(e.target.value, 'r') })}
        />
      )}
      {choices.length > 0 && (
        <Space wrap>
          <span>{t('显示条件:当', 'Show when')}</span>
          <Select
            aria-label={t('(总是显示)', '(always)')}
            allowClear
            style={{ width: 220 }}
            disabled={lock}
            value={qq.showIf?.questionId}
            placeholder={t('(总是显示)', '(always)')}
            options={choices.map((x) => ({ value: x.id, label: `${x.id} ${x.title}` }))}
            onChange={(v) =>
              onChange({
                showIf: v ? { questionId: v, anyOf: [choices.find((x) => x.id === v)!.options![0]!.id] } : undefined,
              })
            }
          />
          {qq.showIf && (
            <>
              <span>{t('选了', 'is')}</span>
              <Select
                mode="multiple"
                style={{ minWidth: 200 }}
                disabled={lock}
                value={qq.showIf.anyOf}
                options={(choices.find((x) => x.id === qq.showIf!.questionId)?.options ?? []).map((o) => ({
                  value: o.id,
                  label: o.label,
                }))}
                onChange={(v: string[]) =>
                  v.length && onChange({ showIf: { questionId: qq.showIf!.questionId, anyOf: v } })
                }
              />
            </>
          )}
        </Space>
      )}
    </Space>
  );
}
