import { App, Typography } from 'antd';
import type { SurveyDefinition } from '@zhicheng/contracts/participation';
import { useI18n } from '../../../app/i18n';
import { SurveyForm } from '../SurveyForm';

/** The survey as a respondent's phone shows it (390 px wide); nothing is submitted. */
export function PhonePreview({
  title,
  definition,
  regionRoot,
}: {
  title: string;
  definition: SurveyDefinition;
  regionRoot: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
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
        <Typography.Title level={5}>{title}</Typography.Title>
        <SurveyForm
          key={JSON.stringify(definition)}
          definition={definition}
          regionRoot={regionRoot}
          onSubmit={() => message.info(t('预览:答案不会提交', 'Preview: nothing is submitted'))}
        />
      </div>
    </div>
  );
}
