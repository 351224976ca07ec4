import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Row, Tag } from 'antd';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { PARTICIPATION_PERMISSIONS as P, type Survey, type SurveyDefinition } from '@zhicheng/contracts/participation';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useNewVersion, usePublishSurvey, useSaveSurvey, useSurvey } from './api';
import { PageCard } from './builder/PageCard';
import { PhonePreview } from './builder/PhonePreview';
import { SurveyInfoCard } from './builder/SurveyInfoCard';

/** The survey builder: pages of questions, conditions, a phone preview; publishing freezes a version. */
export default function SurveyBuilderPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useAuth();
  const { modal } = App.useApp();
  const nav = useNavigate();
  const q = useSurvey(id);
  const template = useSurvey(q.data?.baseSurveyId);
  const save = useSaveSurvey(id);
  const publish = usePublishSurvey(id);
  const newVersion = useNewVersion(id);
  const [s, setS] = useState<Survey | null>(null);
  const [preview, setPreview] = useState(false);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (q.data) {
      setS(q.data);
      setDirty(false);
    }
  }, [q.data]);
  if (!s) return <Card loading />;

  const editable = s.status === 'draft' && can(P.surveysManage);
  // The template's mandatory questions stay as they are in a localisation (the server refuses a change).
  const locked = new Set(
    (template.data?.definition.pages ?? []).flatMap((p) => p.questions.filter((x) => x.mandatory).map((x) => x.id)),
  );
  const def = s.definition;
  const edit = (patch: Partial<Survey>) => {
    setS({ ...s, ...patch });
    setDirty(true);
  };
  const setDef = (d: SurveyDefinition) => edit({ definition: d });
  const saveNow = async () => {
    try {
      const { title, description, consentVersion, consentText, verifiedOnly } = s;
      setS(await save.mutateAsync({ title, description, consentVersion, consentText, verifiedOnly, definition: def }));
      setDirty(false);
      return true;
    } catch {
      return false;
    }
  };
  const confirmPublish = () =>
    modal.confirm({
      title: t(
        '发布后问卷不可修改(修改需创建新版本),确定发布?',
        'A published survey cannot change (editing makes a new version). Publish?',
      ),
      okButtonProps: { 'data-testid': 'confirm-publish' } as never,
      onOk: async () => {
        if (dirty && !(await saveNow())) return;
        setS(await publish.mutateAsync(undefined).catch(() => s));
      },
    });
  const startNewVersion = () =>
    newVersion.mutate(undefined, { onSuccess: (r) => nav(`/participation/surveys/${r.id}`) });

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
            {s.status !== 'draft' && can(P.surveysManage) && (
              <Button onClick={startNewVersion} data-testid="new-version">
                {t('修改(新版本)', 'Edit (new version)')}
              </Button>
            )}
            {editable && (
              <Button onClick={() => void saveNow()} disabled={!dirty} data-testid="save-survey">
                {t('保存', 'Save')}
              </Button>
            )}
            {editable && (
              <Button type="primary" onClick={confirmPublish} data-testid="publish-survey">
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
          <SurveyInfoCard survey={s} editable={editable} onChange={edit} />
          {def.pages.map((p, pi) => (
            <PageCard
              key={p.id}
              definition={def}
              pageIndex={pi}
              editable={editable}
              locked={locked}
              isTemplate={!s.baseSurveyId}
              onChange={setDef}
            />
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
            <PhonePreview title={s.title} definition={def} regionRoot={s.regionCode} />
          </Col>
        )}
      </Row>
    </div>
  );
}
