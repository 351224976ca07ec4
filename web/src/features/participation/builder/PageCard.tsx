import { useState } from 'react';
import { Button, Card, Collapse, Dropdown, Input, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Question, SurveyDefinition } from '@zhicheng/contracts/participation';
import { useI18n } from '../../../app/i18n';
import { newQuestion, TYPES } from './definition';
import { QuestionEditor } from './QuestionEditor';

/** One page of the survey: its title, its questions (each folds open), adding, moving and removing questions. */
export function PageCard({
  definition: def,
  pageIndex: pi,
  editable,
  locked,
  isTemplate,
  onChange,
}: {
  definition: SurveyDefinition;
  pageIndex: number;
  editable: boolean;
  /** Mandatory questions of the template this survey localises: they cannot change. */
  locked: Set<string>;
  isTemplate: boolean;
  onChange(def: SurveyDefinition): void;
}) {
  const { t, pick } = useI18n();
  const [closed, setClosed] = useState<string[]>([]);
  const p = def.pages[pi]!;
  const allQ = def.pages.flatMap((x) => x.questions);
  const setPage = (patch: Partial<typeof p>) =>
    onChange({ pages: def.pages.map((x, i) => (i === pi ? { ...x, ...patch } : x)) });
  const setQuestions = (questions: Question[]) => setPage({ questions });
  const move = (qi: number, d: -1 | 1) => {
    const qs = [...p.questions];
    const j = qi + d;
    if (j < 0 || j >= qs.length) return;
    [qs[qi], qs[j]] = [qs[j]!, qs[qi]!];
    setQuestions(qs);
  };

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Input
          variant="borderless"
          value={p.title}
          placeholder={t(`第 ${pi + 1} 页标题`, `Page ${pi + 1} title`)}
          disabled={!editable}
          onChange={(e) => setPage({ title: e.target.value })}
        />
      }
      extra={
        editable && (
          <Space>
            <Dropdown
              menu={{
                items: TYPES.map((ty) => ({
                  key: ty.type,
                  label: <span data-testid={`add-${ty.type}`}>{pick(ty)}</span>,
                  onClick: () => setQuestions([...p.questions, newQuestion(ty.type, def)]),
                })),
              }}
            >
              <Button size="small" icon={<PlusOutlined />} data-testid={`add-question-${pi}`}>
                {t('添加题目', 'Add question')}
              </Button>
            </Dropdown>
            {def.pages.length > 1 && !p.questions.some((x) => locked.has(x.id)) && (
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => onChange({ pages: def.pages.filter((_, i) => i !== pi) })}
              />
            )}
          </Space>
        )
      }
    >
      <Collapse
        size="small"
        activeKey={p.questions.map((x) => x.id).filter((k) => !closed.includes(k))}
        onChange={(keys) => {
          const open = new Set(Array.isArray(keys) ? keys : [keys]);
          setClosed(p.questions.map((x) => x.id).filter((k) => !open.has(k)));
        }}
        items={p.questions.map((qq, qi) => ({
          key: qq.id,
          label: (
            <Space>
              <Tag>{qq.id}</Tag>
              <Tag color="blue">{pick(TYPES.find((x) => x.type === qq.type)!)}</Tag>
              {qq.title || <Typography.Text type="secondary">{t('(未填写题目)', '(no title)')}</Typography.Text>}
              {qq.required && <Tag color="red">{t('必答', 'required')}</Tag>}
              {qq.mandatory && <Tag color="purple">{t('上级必保留', 'mandatory')}</Tag>}
              {qq.showIf && <Tag color="orange">{t('条件显示', 'conditional')}</Tag>}
            </Space>
          ),
          extra: editable && (
            <Space onClick={(e) => e.stopPropagation()}>
              <Button size="small" icon={<ArrowUpOutlined />} onClick={() => move(qi, -1)} />
              <Button size="small" icon={<ArrowDownOutlined />} onClick={() => move(qi, 1)} />
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                disabled={locked.has(qq.id)}
                onClick={() => setQuestions(p.questions.filter((_, j) => j !== qi))}
              />
            </Space>
          ),
          children: (
            <QuestionEditor
              question={qq}
              earlier={allQ.slice(0, allQ.indexOf(qq))}
              editable={editable}
              locked={locked.has(qq.id) || !editable}
              isTemplate={isTemplate}
              onChange={(patch) => setQuestions(p.questions.map((x, j) => (j === qi ? { ...x, ...patch } : x)))}
            />
          ),
        }))}
      />
    </Card>
  );
}
