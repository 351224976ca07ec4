import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Collapse,
  Dropdown,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import type { Question, QuestionType, Survey, SurveyDefinition } from '@zhicheng/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { SurveyForm } from './SurveyForm';

export const DEFAULT_DEFINITION: SurveyDefinition = {
  pages: [
    {
      id: 'p1',
      title: '',
      questions: [
        {
          id: 'q1',
          type: 'text',
          title: '您对智慧城市建设最迫切的需求是什么?',
          required: false,
          mandatory: false,
          demand: true,
          maxLength: 500,
        },
      ],
    },
  ],
};

const TYPES: { type: QuestionType; zh: string; en: string }[] = [
  { type: 'single', zh: '单选', en: 'Single choice' },
  { type: 'multiple', zh: '多选', en: 'Multiple choice' },
  { type: 'rating', zh: '评分', en: 'Rating' },
  { type: 'matrix', zh: '矩阵', en: 'Matrix' },
  { type: 'number', zh: '数字', en: 'Number' },
  { type: 'region', zh: '地区选择', en: 'Region' },
  { type: 'text', zh: '文字', en: 'Free text' },
];

const lines = (items?: { label: string }[]) => (items ?? []).map((o) => o.label).join('\n');
const fromLines = (text: string, prefix: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((label, i) => ({ id: `${prefix}${i + 1}`, label }));

function newQuestion(type: QuestionType, def: SurveyDefinition): Question {
  const used = new Set(def.pages.flatMap((p) => p.questions.map((q) => q.id)));
  let n = used.size + 1;
  while (used.has(`q${n}`)) n++;
  const q: Question = { id: `q${n}`, type, title: '', required: false, mandatory: false };
  if (type === 'single' || type === 'multiple')
    q.options = [
      { id: 'o1', label: '选项一' },
      { id: 'o2', label: '选项二' },
    ];
  if (type === 'matrix') {
    q.rows = [{ id: 'r1', label: '方面一' }];
    q.options = [
      { id: 'o1', label: '满意' },
      { id: 'o2', label: '一般' },
      { id: 'o3', label: '不满意' },
    ];
  }
  if (type === 'rating') q.scale = 5;
  if (type === 'text') {
    q.maxLength = 500;
    q.demand = true;
  }
  return q;
}

export function SurveyBuilderPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const nav = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['participation', 'survey', id],
    queryFn: () => api.get<Survey>(`/api/v1/participation/surveys/${id}`),
  });
  const base = useQuery({
    queryKey: ['participation', 'survey', q.data?.baseSurveyId],
    queryFn: () => api.get<Survey>(`/api/v1/participation/surveys/${q.data!.baseSurveyId}`),
    enabled: !!q.data?.baseSurveyId,
  });
  const [s, setS] = useState<Survey | null>(null);
  const [preview, setPreview] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [closed, setClosed] = useState<string[]>([]);
  useEffect(() => {
    if (q.data) {
      setS(q.data);
      setDirty(false);
    }
  }, [q.data]);
  if (!s) return <Card loading />;
  const editable = s.status === 'draft' && can('participation.surveys.manage');
  const locked = new Set(
    (base.data?.definition.pages ?? []).flatMap((p) => p.questions.filter((x) => x.mandatory).map((x) => x.id)),
  );
  const isTemplate = !s.baseSurveyId;
  const def = s.definition;
  const setDef = (d: SurveyDefinition) => {
    setS({ ...s, definition: d });
    setDirty(true);
  };
  const updateQ = (pi: number, qi: number, patch: Partial<Question>) =>
    setDef({
      pages: def.pages.map((p, i) =>
        i !== pi ? p : { ...p, questions: p.questions.map((x, j) => (j === qi ? { ...x, ...patch } : x)) },
      ),
    });
  const move = (pi: number, qi: number, d: -1 | 1) => {
    const qs2 = [...def.pages[pi]!.questions];
    const j = qi + d;
    if (j < 0 || j >= qs2.length) return;
    [qs2[qi], qs2[j]] = [qs2[j]!, qs2[qi]!];
    setDef({ pages: def.pages.map((p, i) => (i === pi ? { ...p, questions: qs2 } : p)) });
  };
  const save = async () => {
    try {
      const r = await api.put<Survey>(`/api/v1/participation/surveys/${s.id}`, {
        title: s.title,
        description: s.description,
        consentVersion: s.consentVersion,
        consentText: s.consentText,
        verifiedOnly: s.verifiedOnly,
        definition: def,
      });
      setS(r);
      setDirty(false);
      message.success(t('已保存', 'Saved'));
      return true;
    } catch (e) {
      message.error(problemText(e, lang));
      return false;
    }
  };
  const publish = () =>
    modal.confirm({
      title: t(
        '发布后问卷不可修改(修改需创建新版本),确定发布?',
        'A published survey cannot change (editing makes a new version). Publish?',
      ),
      okButtonProps: { 'data-testid': 'confirm-publish' } as never,
      onOk: async () => {
        if (dirty && !(await save())) return;
        try {
          const r = await api.post<Survey>(`/api/v1/participation/surveys/${s.id}/publish`);
          setS(r);
          void qc.invalidateQueries({ queryKey: ['participation'] });
          message.success(t('已发布', 'Published'));
        } catch (e) {
          message.error(problemText(e, lang));
        }
      },
    });
  const newVersion = async () => {
    try {
      const r = await api.post<Survey>(`/api/v1/participation/surveys/${s.id}/versions`);
      void qc.invalidateQueries({ queryKey: ['participation'] });
      nav(`/participation/surveys/${r.id}`);
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };
  const allQ = def.pages.flatMap((p) => p.questions);

  return (
    <div>
      <PageHeader
        title={
          <>
            {s.title} <Tag>v{s.version}</Tag>
            <Tag color={s.status === 'published' ? 'green' : 'default'} data-testid="survey-status">
              {s.status === 'draft'
                ? t('草稿', 'Draft')
                : s.status === 'published'
                  ? t('已发布', 'Published')
                  : t('已归档', 'Archived')}
            </Tag>
          </>
        }
        sub={`${s.regionName}${s.baseSurveyId ? t(' · 本地化自上级模板(必答题不可删改)', ' · localised from a template (mandatory questions locked)') : ''}`}
        extra={
          <>
            <Button icon={<EyeOutlined />} onClick={() => setPreview((p) => !p)} data-testid="toggle-preview">
              {preview ? t('关闭预览', 'Close preview') : t('预览', 'Preview')}
            </Button>
            {s.status === 'published' && (
              <a href={`/s/${s.id}`} target="_blank" rel="noreferrer">
                <Button>{t('打开答题页', 'Open answer page')}</Button>
              </a>
            )}
            {s.status !== 'draft' && can('participation.surveys.manage') && (
              <Button onClick={newVersion} data-testid="new-version">
                {t('修改(新版本)', 'Edit (new version)')}
              </Button>
            )}
            {editable && (
              <Button onClick={save} disabled={!dirty} data-testid="save-survey">
                {t('保存', 'Save')}
              </Button>
            )}
            {editable && (
              <Button type="primary" onClick={publish} data-testid="publish-survey">
                {t('发布', 'Publish')}
              </Button>
            )}
            <Button onClick={() => nav(`/participation/campaigns/${s.campaignId}`)}>{t('返回活动', 'Back')}</Button>
          </>
        }
      />
      {!editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t(
            '已发布的问卷不可修改;点击“修改(新版本)”生成草稿,发布后旧链接自动指向新版本。',
            'Published surveys are immutable; “Edit (new version)” makes a draft; once published, old links open the new version.',
          )}
        />
      )}
      <Row gutter={16}>
        <Col span={preview ? 14 : 24}>
          <Card size="small" title={t('问卷信息', 'Survey')} style={{ marginBottom: 12 }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Input
                addonBefore={t('标题', 'Title')}
                value={s.title}
                disabled={!editable}
                onChange={(e) => {
                  setS({ ...s, title: e.target.value });
                  setDirty(true);
                }}
              />
              <Input.TextArea
                placeholder={t('说明', 'Description')}
                value={s.description}
                disabled={!editable}
                onChange={(e) => {
                  setS({ ...s, description: e.target.value });
                  setDirty(true);
                }}
                autoSize
              />
              <Space wrap>
                <Input
                  addonBefore={t('告知版本', 'Notice version')}
                  value={s.consentVersion}
                  disabled={!editable}
                  style={{ width: 200 }}
                  onChange={(e) => {
                    setS({ ...s, consentVersion: e.target.value });
                    setDirty(true);
                  }}
                />
                <span>
                  {t('实名模式(需登录)', 'Verified mode (sign-in)')}{' '}
                  <Switch
                    checked={s.verifiedOnly}
                    disabled={!editable}
                    onChange={(v) => {
                      setS({ ...s, verifiedOnly: v });
                      setDirty(true);
                    }}
                  />
                </span>
              </Space>
              <Input.TextArea
                value={s.consentText}
                disabled={!editable}
                onChange={(e) => {
                  setS({ ...s, consentText: e.target.value });
                  setDirty(true);
                }}
                autoSize
                placeholder={t('个人信息告知', 'Privacy notice')}
              />
            </Space>
          </Card>
          {def.pages.map((p, pi) => (
            <Card
              key={p.id}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <Input
                  variant="borderless"
                  value={p.title}
                  placeholder={t(`第 ${pi + 1} 页标题`, `Page ${pi + 1} title`)}
                  disabled={!editable}
                  onChange={(e) =>
                    setDef({ pages: def.pages.map((x, i) => (i === pi ? { ...x, title: e.target.value } : x)) })
                  }
                />
              }
              extra={
                editable && (
                  <Space>
                    <Dropdown
                      menu={{
                        items: TYPES.map((ty) => ({
                          key: ty.type,
                          label: <span data-testid={`add-${ty.type}`}>{lang === 'zh' ? ty.zh : ty.en}</span>,
                          onClick: () =>
                            setDef({
                              pages: def.pages.map((x, i) =>
                                i === pi ? { ...x, questions: [...x.questions, newQuestion(ty.type, def)] } : x,
                              ),
                            }),
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
                        onClick={() => setDef({ pages: def.pages.filter((_, i) => i !== pi) })}
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
                  setClosed((c) => [
                    ...c.filter((k) => !p.questions.some((x) => x.id === k)),
                    ...p.questions.map((x) => x.id).filter((k) => !open.has(k)),
                  ]);
                }}
                items={p.questions.map((qq, qi) => {
                  const lock = locked.has(qq.id) || !editable;
                  const choices = allQ
                    .slice(0, allQ.indexOf(qq))
                    .filter((x) => x.type === 'single' || x.type === 'multiple');
                  return {
                    key: qq.id,
                    label: (
                      <Space>
                        <Tag>{qq.id}</Tag>
                        <Tag color="blue">
                          {lang === 'zh'
                            ? TYPES.find((x) => x.type === qq.type)!.zh
                            : TYPES.find((x) => x.type === qq.type)!.en}
                        </Tag>
                        {qq.title || (
                          <Typography.Text type="secondary">{t('(未填写题目)', '(no title)')}</Typography.Text>
                        )}
                        {qq.required && <Tag color="red">{t('必答', 'required')}</Tag>}
                        {qq.mandatory && <Tag color="purple">{t('上级必保留', 'mandatory')}</Tag>}
                        {qq.showIf && <Tag color="orange">{t('条件显示', 'conditional')}</Tag>}
                      </Space>
                    ),
                    extra: editable && (
                      <Space onClick={(e) => e.stopPropagation()}>
                        <Button size="small" icon={<ArrowUpOutlined />} onClick={() => move(pi, qi, -1)} />
                        <Button size="small" icon={<ArrowDownOutlined />} onClick={() => move(pi, qi, 1)} />
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={locked.has(qq.id)}
                          onClick={() =>
                            setDef({
                              pages: def.pages.map((x, i) =>
                                i === pi ? { ...x, questions: x.questions.filter((_, j) => j !== qi) } : x,
                              ),
                            })
                          }
                        />
                      </Space>
                    ),
                    children: (
                      <Space direction="vertical" style={{ width: '100%' }}>
                        <Input
                          addonBefore={t('题目', 'Question')}
                          value={qq.title}
                          disabled={lock}
                          data-testid={`q-title-${qq.id}`}
                          onChange={(e) => updateQ(pi, qi, { title: e.target.value })}
                        />
                        <Space wrap>
                          <span>
                            {t('必答', 'Required')}{' '}
                            <Switch
                              size="small"
                              checked={qq.required}
                              disabled={lock}
                              onChange={(v) => updateQ(pi, qi, { required: v })}
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
                                onChange={(v) => updateQ(pi, qi, { mandatory: v })}
                              />
                            </span>
                          )}
                          {qq.type === 'text' && (
                            <span>
                              {t('纳入需求分析', 'Demand analysis')}{' '}
                              <Switch
                                size="small"
                                checked={!!qq.demand}
                                disabled={lock}
                                onChange={(v) => updateQ(pi, qi, { demand: v })}
                              />
                            </span>
                          )}
                          {qq.type === 'rating' && (
                            <InputNumber
                              addonBefore={t('分值', 'Scale')}
                              min={2}
                              max={10}
                              value={qq.scale ?? 5}
                              disabled={lock}
                              onChange={(v) => updateQ(pi, qi, { scale: v ?? 5 })}
                            />
                          )}
                          {qq.type === 'multiple' && (
                            <InputNumber
                              addonBefore={t('最多选', 'Max')}
                              min={1}
                              max={50}
                              value={qq.maxChoices}
                              disabled={lock}
                              onChange={(v) => updateQ(pi, qi, { maxChoices: v ?? undefined })}
                            />
                          )}
                          {qq.type === 'number' && (
                            <>
                              <InputNumber
                                addonBefore={t('最小', 'Min')}
                                value={qq.min}
                                disabled={lock}
                                onChange={(v) => updateQ(pi, qi, { min: v ?? undefined })}
                              />
                              <InputNumber
                                addonBefore={t('最大', 'Max')}
                                value={qq.max}
                                disabled={lock}
                                onChange={(v) => updateQ(pi, qi, { max: v ?? undefined })}
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
                            onBlur={(e) => updateQ(pi, qi, { options: fromLines(e.target.value, 'o') })}
                          />
                        )}
                        {qq.type === 'matrix' && (
                          <Input.TextArea
                            autoSize
                            placeholder={t('矩阵行,每行一个', 'Matrix rows, one per line')}
                            disabled={lock}
                            defaultValue={lines(qq.rows)}
                            onBlur={(e) => updateQ(pi, qi, { rows: fromLines(e.target.value, 'r') })}
                          />
                        )}
                        {choices.length > 0 && (
                          <Space wrap>
                            <span>{t('显示条件:当', 'Show when')}</span>
                            <Select
                              allowClear
                              style={{ width: 220 }}
                              disabled={lock}
                              value={qq.showIf?.questionId}
                              placeholder={t('(总是显示)', '(always)')}
                              options={choices.map((x) => ({ value: x.id, label: `${x.id} ${x.title}` }))}
                              onChange={(v) =>
                                updateQ(pi, qi, {
                                  showIf: v
                                    ? { questionId: v, anyOf: [choices.find((x) => x.id === v)!.options![0]!.id] }
                                    : undefined,
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
                                  options={(choices.find((x) => x.id === qq.showIf!.questionId)?.options ?? []).map(
                                    (o) => ({ value: o.id, label: o.label }),
                                  )}
                                  onChange={(v: string[]) =>
                                    v.length &&
                                    updateQ(pi, qi, { showIf: { questionId: qq.showIf!.questionId, anyOf: v } })
                                  }
                                />
                              </>
                            )}
                          </Space>
                        )}
                      </Space>
                    ),
                  };
                })}
              />
            </Card>
          ))}
          {editable && (
            <Button
              icon={<PlusOutlined />}
              onClick={() =>
                setDef({
                  pages: [
                    ...def.pages,
                    { id: `p${def.pages.length + 1}${Date.now() % 1000}`, title: '', questions: [] },
                  ],
                })
              }
            >
              {t('添加分页', 'Add page')}
            </Button>
          )}
        </Col>
        {preview && (
          <Col span={10}>
            <div
              style={{
                position: 'sticky',
                top: 16,
                border: '10px solid #222',
                borderRadius: 28,
                maxWidth: 390,
                margin: '0 auto',
                background: '#fff',
                maxHeight: 760,
                overflow: 'auto',
              }}
              data-testid="preview"
            >
              <div style={{ padding: 12 }}>
                <Typography.Title level={5}>{s.title}</Typography.Title>
                <SurveyForm
                  key={JSON.stringify(def)}
                  definition={def}
                  regionRoot={s.regionCode}
                  onSubmit={() => message.info(t('预览:答案不会提交', 'Preview: nothing is submitted'))}
                />
              </div>
            </div>
          </Col>
        )}
      </Row>
    </div>
  );
}
