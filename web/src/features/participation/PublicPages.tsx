import { useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Empty,
  Form,
  Input,
  Rate,
  Result,
  Select,
  Skeleton,
  Space,
  Steps,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { PublicProgress, PublicSurvey, Region, ResponseReceipt } from '@zhicheng/contracts';
import { api, ApiError, qs } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/PageHeader';
import { problemText } from '../../components/problem';
import { SurveyForm } from './SurveyForm';

/** A phone-width column: citizens answer on their phones. */
export function PhoneFrame({ children, title }: { children: React.ReactNode; title?: React.ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <div style={{ minHeight: '100vh', background: '#f3f6fb' }}>
      <div
        style={{
          background: '#1256b0',
          color: '#fff',
          padding: '12px 16px',
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'center',
        }}
      >
        <span style={{ fontWeight: 600 }}>{title ?? t('智城 · 问需于民', 'Zhicheng · Citizen survey')}</span>
        <a style={{ color: '#fff' }} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {lang === 'zh' ? 'EN' : '中文'}
        </a>
      </div>
      <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>{children}</div>
    </div>
  );
}

const uuid = () =>
  crypto.randomUUID
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`;

/** One device token per browser; the idempotency key lives until the answer is acknowledged, so a retry reuses it. */
function deviceToken(): string {
  let d = localStorage.getItem('zc_device');
  if (!d) {
    d = uuid();
    localStorage.setItem('zc_device', d);
  }
  return d;
}

export function AnswerPage() {
  const { surveyId = '' } = useParams();
  const { t, lang } = useI18n();
  const q = useQuery({
    queryKey: ['public-survey', surveyId],
    queryFn: () => api.get<PublicSurvey>(`/api/v1/participation/public/surveys/${surveyId}`),
  });
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

  const submit = async (answers: { questionId: string; value: string | number | string[] }[]) => {
    if (!consent) {
      setError({ text: t('请先阅读并同意个人信息告知', 'Please accept the notice first') });
      return;
    }
    if (phone && !/^1\d{10}$/.test(phone)) {
      setError({ text: t('手机号须为11位数字', 'The phone number must be 11 digits') });
      return;
    }
    setBusy(true);
    setError(null);
    const keyName = `zc_idem_${s.id}`;
    const key = sessionStorage.getItem(keyName) ?? uuid();
    sessionStorage.setItem(keyName, key);
    try {
      const r = await fetch(`/api/v1/participation/surveys/${s.id}/responses`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({
          answers,
          consentVersion: s.consentVersion,
          deviceToken: deviceToken(),
          ...(phone ? { phone } : {}),
        }),
      });
      const body = await r.json();
      if (!r.ok) throw new ApiError(r.status, body);
      sessionStorage.removeItem(keyName);
      localStorage.setItem(`zc_done_${surveyId}`, JSON.stringify(body));
      setDone(body as ResponseReceipt);
    } catch (e) {
      const path = e instanceof ApiError ? e.problem.errors?.[0]?.path : undefined;
      setError({ questionId: path?.startsWith('answers.') ? path.slice(8) : undefined, text: problemText(e, lang) });
      // A refusal is final for this key; a network failure keeps it for the retry.
      if (e instanceof ApiError) sessionStorage.removeItem(keyName);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PhoneFrame>
      <Card styles={{ body: { padding: 16 } }}>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="survey-title">
          {s.title} {s.demo && <SampleTag />}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {s.regionName} · {s.campaignTitle}
        </Typography.Paragraph>
        {s.description && <Typography.Paragraph>{s.description}</Typography.Paragraph>}
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
          onSubmit={submit}
          submitting={busy}
          serverError={error}
          footer={
            <div style={{ marginTop: 16 }}>
              <Typography.Text strong>
                {t('联系电话(选填,用于回访办理结果)', 'Phone (optional, for a follow-up)')}
              </Typography.Text>
              <Input
                value={phone}
                onChange={(e) => setPhone(e.target.value.trim())}
                inputMode="tel"
                maxLength={11}
                placeholder="138xxxxxxxx"
                style={{ marginTop: 6 }}
                data-testid="phone"
              />
              <Card size="small" style={{ marginTop: 12, background: '#fafafa' }}>
                <Typography.Paragraph style={{ fontSize: 13, marginBottom: 8 }}>{s.consentText}</Typography.Paragraph>
                <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="consent">
                  {t(
                    `我已阅读并同意(告知版本 ${s.consentVersion})`,
                    `I have read and agree (notice ${s.consentVersion})`,
                  )}
                </Checkbox>
              </Card>
            </div>
          }
        />
      </Card>
    </PhoneFrame>
  );
}

const STATUS: Record<string, [string, string, string]> = {
  planned: ['待办理', 'Planned', 'default'],
  in_progress: ['办理中', 'In progress', 'processing'],
  done: ['已办结', 'Done', 'success'],
};

export function ProgressPage() {
  const { campaignId = '' } = useParams();
  const { t, lang } = useI18n();
  const q = useQuery({
    queryKey: ['progress', campaignId],
    queryFn: () => api.get<PublicProgress>(`/api/v1/participation/public/campaigns/${campaignId}/progress`),
  });
  if (q.isLoading)
    return (
      <PhoneFrame>
        <Skeleton active />
      </PhoneFrame>
    );
  if (!q.data)
    return (
      <PhoneFrame>
        <Result status="warning" title={problemText(q.error, lang)} />
      </PhoneFrame>
    );
  const { campaign, items } = q.data;
  return (
    <PhoneFrame title={t('你提我办 · 办理进展', 'You ask, we act · progress')}>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {campaign.title} {campaign.demo && <SampleTag />}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {t(
            `共收到 ${campaign.responseCount} 份意见,形成 ${items.length} 项办理事项`,
            `${campaign.responseCount} responses, ${items.length} action items`,
          )}
        </Typography.Paragraph>
      </Card>
      {items.length === 0 && <Empty style={{ marginTop: 24 }} description={t('暂无办理事项', 'No action items yet')} />}
      {items.map((it) => (
        <Card key={it.id} size="small" style={{ marginTop: 12 }} data-testid="progress-item">
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text strong>{it.title}</Typography.Text>
            <Tag color={STATUS[it.status]![2]}>{lang === 'zh' ? STATUS[it.status]![0] : STATUS[it.status]![1]}</Tag>
          </Space>
          <Typography.Paragraph type="secondary" style={{ margin: '6px 0' }}>
            {it.regionName} · {it.department} · {t('期限', 'Due')} {it.deadline}
            {it.topicLabel ? ` · ${t('需求', 'Demand')}: ${it.topicLabel}` : ''}
            {it.demandCount ? ` (${it.demandCount})` : ''}
          </Typography.Paragraph>
          <Steps
            size="small"
            responsive={false}
            current={it.status === 'planned' ? 0 : it.status === 'in_progress' ? 1 : 2}
            status={it.status === 'done' ? 'finish' : 'process'}
            items={[{ title: t('受理', 'Accepted') }, { title: t('办理中', 'Working') }, { title: t('办结', 'Done') }]}
          />
          {it.progressNote && <Typography.Paragraph style={{ marginTop: 8 }}>{it.progressNote}</Typography.Paragraph>}
          {it.satisfaction !== null && (
            <div>
              {t('群众满意度', 'Satisfaction')}:{' '}
              <Rate disabled allowHalf value={it.satisfaction} style={{ fontSize: 14 }} /> {it.satisfaction}
            </div>
          )}
        </Card>
      ))}
    </PhoneFrame>
  );
}

export function FollowupPage() {
  const { token = '' } = useParams();
  const { t, lang } = useI18n();
  const q = useQuery({
    queryKey: ['followup', token],
    queryFn: () =>
      api.get<{ actionTitle: string; department: string; progressNote: string; status: string; answered: boolean }>(
        `/api/v1/participation/public/followups/${token}`,
      ),
  });
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  if (q.isLoading)
    return (
      <PhoneFrame>
        <Skeleton active />
      </PhoneFrame>
    );
  if (!q.data)
    return (
      <PhoneFrame>
        <Result status="warning" title={problemText(q.error, lang)} />
      </PhoneFrame>
    );
  if (sent || q.data.answered)
    return (
      <PhoneFrame>
        <Result status="success" title={t('感谢您的评价', 'Thank you for your feedback')} />
      </PhoneFrame>
    );
  return (
    <PhoneFrame title={t('办理结果回访', 'Follow-up')}>
      <Card>
        <Typography.Title level={5}>{q.data.actionTitle}</Typography.Title>
        <Typography.Paragraph type="secondary">{q.data.department}</Typography.Paragraph>
        <Typography.Paragraph>{q.data.progressNote}</Typography.Paragraph>
        <Typography.Text strong>{t('您对办理结果满意吗?', 'Are you satisfied with the result?')}</Typography.Text>
        <div>
          <Rate value={score} onChange={setScore} style={{ fontSize: 32 }} />
        </div>
        <Input.TextArea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          maxLength={500}
          placeholder={t('意见(选填)', 'Comment (optional)')}
          style={{ marginTop: 8 }}
        />
        {err && <Alert type="error" title={err} style={{ marginTop: 8 }} />}
        <Button
          type="primary"
          block
          size="large"
          style={{ marginTop: 12 }}
          disabled={!score}
          onClick={async () => {
            try {
              await api.post(`/api/v1/participation/public/followups/${token}`, {
                satisfaction: score,
                comment: comment || undefined,
              });
              setSent(true);
            } catch (e) {
              setErr(problemText(e, lang));
            }
          }}
        >
          {t('提交评价', 'Submit')}
        </Button>
      </Card>
    </PhoneFrame>
  );
}

export function ApplyPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [done, setDone] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const counties = useQuery({
    queryKey: ['counties'],
    queryFn: () => api.get<{ items: Region[] }>(`/api/v1/regions${qs({ parent: '370000', descendants: true })}`),
  });
  if (done)
    return (
      <PhoneFrame>
        <Result
          status="success"
          title={t('申请已提交,审核结果将电话告知', 'Application received; we will call you with the result')}
          data-testid="apply-done"
        />
      </PhoneFrame>
    );
  return (
    <PhoneFrame title={t('市民监督员招募', 'Become a citizen supervisor')}>
      <Card>
        <Typography.Paragraph>
          {t(
            '市民监督员参与智慧城市建设成效的监督共评:体验政务服务并打分、到现场核验申报的建设成果。任期两年。',
            'Citizen supervisors help evaluate smart-city results: try services and score them, verify claimed results on site. Two-year term.',
          )}
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ media: false, gender: 'female', ageBand: '30-44' }}
          onFinish={async (v) => {
            setErr(null);
            try {
              await api.post('/api/v1/participation/public/supervisor-applications', v);
              setDone(true);
            } catch (e) {
              setErr(problemText(e, lang));
            }
          }}
        >
          <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true }]}>
            <Input data-testid="apply-name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('手机号', 'Mobile')}
            rules={[{ required: true, pattern: /^1\d{10}$/, message: t('11位手机号', '11-digit mobile') }]}
          >
            <Input inputMode="tel" maxLength={11} data-testid="apply-phone" />
          </Form.Item>
          <Form.Item name="regionCode" label={t('所在市或县(市、区)', 'City or county')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="apply-region"
              options={(counties.data?.items ?? [])
                .filter((r) => r.level !== 'province' && r.level !== 'street' && r.level !== 'community')
                .map((r) => ({ value: r.code, label: r.name }))}
            />
          </Form.Item>
          <Form.Item name="occupation" label={t('职业', 'Occupation')} rules={[{ required: true }]}>
            <Input data-testid="apply-occupation" />
          </Form.Item>
          <Form.Item name="ageBand" label={t('年龄段', 'Age')}>
            <Select options={['18-29', '30-44', '45-59', '60+'].map((a) => ({ value: a, label: a }))} />
          </Form.Item>
          <Form.Item name="gender" label={t('性别', 'Gender')}>
            <Select
              options={[
                { value: 'female', label: t('女', 'Female') },
                { value: 'male', label: t('男', 'Male') },
              ]}
            />
          </Form.Item>
          <Form.Item name="media" label={t('媒体从业者', 'Media')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="statement" label={t('申请说明(选填)', 'Statement (optional)')}>
            <Input.TextArea maxLength={1000} />
          </Form.Item>
          {err && <Alert type="error" title={err} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block size="large" data-testid="apply-submit">
            {t('提交申请', 'Apply')}
          </Button>
        </Form>
      </Card>
    </PhoneFrame>
  );
}
