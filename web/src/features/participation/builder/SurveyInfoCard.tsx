import { Card, Input, Space, Switch } from 'antd';
import type { Survey } from '@zhicheng/contracts/participation';
import { useI18n } from '../../../app/i18n';

/** The survey's title, description, privacy notice and verified mode. */
export function SurveyInfoCard({
  survey: s,
  editable,
  onChange,
}: {
  survey: Survey;
  editable: boolean;
  onChange(patch: Partial<Survey>): void;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('问卷信息', 'Survey')} style={{ marginBottom: 12 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input
          addonBefore={t('标题', 'Title')}
          value={s.title}
          disabled={!editable}
          onChange={(e) => onChange({ title: e.target.value })}
        />
        <Input.TextArea
          placeholder={t('说明', 'Description')}
          value={s.description}
          disabled={!editable}
          onChange={(e) => onChange({ description: e.target.value })}
          autoSize
        />
        <Space wrap>
          <Input
            addonBefore={t('告知版本', 'Notice version')}
            value={s.consentVersion}
            disabled={!editable}
            style={{ width: 200 }}
            onChange={(e) => onChange({ consentVersion: e.target.value })}
          />
          <span>
            {t('实名模式(需登录)', 'Verified mode (sign-in)')}{' '}
            <Switch checked={s.verifiedOnly} disabled={!editable} onChange={(v) => onChange({ verifiedOnly: v })} />
          </span>
        </Space>
        <Input.TextArea
          value={s.consentText}
          disabled={!editable}
          onChange={(e) => onChange({ consentText: e.target.value })}
          autoSize
          placeholder={t('个人信息告知', 'Privacy notice')}
        />
      </Space>
    </Card>
  );
}
