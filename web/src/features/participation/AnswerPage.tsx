import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Checkbox, Input, Result, Skeleton } from 'antd';
import { MobilePhone, type Answer, type ResponseReceipt } from '@zhicheng/contracts/participation';
import { ApiError } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/SampleTag';
import { problemText } from '../../components/problem';
import { submitResponse, usePublicSurvey } from './api';
import { deviceToken, idempotencyKeys } from './public/device';
import { PhoneFrame } from './public/PhoneFrame';
import { SurveyForm } from './SurveyForm';

/** The public answer page (/s/:surveyId): phone-first, no sign-in; a receipt once the answer is stored. */
export default function AnswerPage() {
  const { surveyId = '' } = useParams();
  const { t, lang } = useI18n();
  const q = usePublicSurvey(surveyId);
  const [consent, setConsent] = useState(false);
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ questionId?: string; text: string } | null>(null);
  const [done, setDone] = useState<ResponseReceipt | null>(() => {
    const s = localStorage.getItem(`zc_done_${surveyId}`);
    return s ? (JSON.parse(s) as ResponseReceipt) : null;
  });

  if (q.isLoading)
    return (
      <PhoneFrame>
        <Skeleton active />
      </PhoneFrame>
    );
  if (q.error || !q.data)
    return (
      <PhoneFrame>
        <Result status="info" title={problemText(q.error, lang)} />
      </PhoneFrame>
    );
  const s = q.data;
  if (done) {
    return (
      <PhoneFrame>
        <Result
          status="success"
          title={t('提交成功,感谢您的参与!', 'Thank you! Your answer was received.')}
          subTitle={`${t('回执编号', 'Receipt')}: ${done.id.slice(0, 8)}`}
          data-testid="answer-done"
          extra={<Button href={`/progress/${s.campaignId}`}>{t('查看需求办理进展', 'See what is being done')}</Button>}
        />
      </PhoneFrame>
    );
  }

  const submit = async (answers: Answer[]) => {
    if (!consent) {
      setError({ text: t('请先阅读并同意个人信息告知', 'Please accept the notice first') });
      return;
    }
    if (phone && !MobilePhone.safeParse(phone).success) {
      setError({ text: t('手机号须为11位数字', 'The phone number must be 11 digits') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        answers,
        consentVersion: s.consentVersion,
        deviceToken: deviceToken(),
        ...(phone ? { phone } : {}),
      };
      const receipt = await submitResponse(s.id, body, idempotencyKeys.take(s.id));
      idempotencyKeys.forget(s.id);
      localStorage.setItem(`zc_done_${surveyId}`, JSON.stringify(receipt));
      setDone(receipt);
    } catch (e) {
      const path = e instanceof ApiError ? e.problem.errors?.[0]?.path : undefined;
      setError({ questionId: path?.startsWith('answers.') ? path.slice(8) : undefined, text: problemText(e, lang) });
      // A refusal is final for this key; a network failure keeps it for the retry.
      if (e instanceof ApiError) idempotencyKeys.forget(s.id);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PhoneFrame>
      {/* Plain elements instead of antd's Card and Typography: the page stays under 300 KB of script on a phone. */}
      <div className="zc-phone-card">
        <h1 className="zc-survey-title" data-testid="survey-title">
          {s.title} {s.demo && <SampleTag />}
        </h1>
        <p className="zc-secondary">
          {s.regionName} · {s.campaignTitle}
        </p>
        {s.description && <p>{s.description}</p>}
        {s.verifiedOnly && (
          <Alert
            type="info"
            showIcon
            title={t('本问卷需登录后填写(实名)', 'Sign in to answer this survey')}
            style={{ marginBottom: 12 }}
          />
        )}
        <SurveyForm
          definition={s.definition}
          regionRoot={s.regionCode}
          onSubmit={(answers) => void submit(answers)}
          submitting={busy}
          serverError={error}
          footer={
            <div style={{ marginTop: 16 }}>
              <label htmlFor="zc-answer-phone" style={{ fontWeight: 600 }}>
                {t('联系电话(选填,用于回访办理结果)', 'Phone (optional, for a follow-up)')}
              </label>
              <Input
                id="zc-answer-phone"
                value={phone}
                onChange={(e) => setPhone(e.target.value.trim())}
                inputMode="tel"
                maxLength={11}
                placeholder="138xxxxxxxx"
                style={{ marginTop: 6 }}
                data-testid="phone"
              />
              <div className="zc-consent">
                <p style={{ marginBottom: 8 }}>{s.consentText}</p>
                <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="consent">
                  {t(
                    `我已阅读并同意(告知版本 ${s.consentVersion})`,
                    `I have read and agree (notice ${s.consentVersion})`,
                  )}
                </Checkbox>
              </div>
            </div>
          }
        />
      </div>
    </PhoneFrame>
  );
}
