import { useState } from 'react';
import { Input, Modal } from 'antd';
import { useI18n } from '../../../app/i18n';
import { useEnterPaper, useSurvey } from '../api';
import { SurveyForm } from '../SurveyForm';

/** One paper form typed in by staff (the offline channel), by its serial number. */
export function PaperEntryModal({ surveyId, onClose }: { surveyId: string | null; onClose(): void }) {
  const { t } = useI18n();
  const [paperRef, setPaperRef] = useState('');
  const survey = useSurvey(surveyId);
  const enter = useEnterPaper(surveyId ?? '');
  return (
    <Modal
      open={!!surveyId}
      width={640}
      footer={null}
      onCancel={onClose}
      title={t('录入纸质问卷(线下渠道)', 'Enter a paper form (offline channel)')}
      destroyOnHidden
    >
      <Input
        addonBefore={t('纸质编号', 'Form no.')}
        value={paperRef}
        onChange={(e) => setPaperRef(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {survey.data && (
        <SurveyForm
          definition={survey.data.definition}
          regionRoot={survey.data.regionCode}
          submitting={enter.isPending}
          onSubmit={(answers) =>
            enter.mutate(
              { answers, paperRef },
              {
                onSuccess: () => {
                  setPaperRef('');
                  onClose();
                },
              },
            )
          }
        />
      )}
    </Modal>
  );
}
