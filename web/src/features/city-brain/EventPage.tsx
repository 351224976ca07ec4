import { useState } from 'react';
import { useParams } from 'react-router';
import {
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Rate,
  Select,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import {
  CITY_BRAIN_PERMISSIONS as P,
  EVENT_CATEGORIES,
  EVENT_STEP_LABEL,
  EVENT_STEPS,
  type EventHistoryEntry,
} from '@zhicheng/contracts/city-brain';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useEvent, useEventStep, useRegionsUnder } from './api';
import { chinaTime } from '../../app/chinaDay';

const time = (v: string | null) => chinaTime(v, true);
const ACTION_LABEL: Record<EventHistoryEntry['action'], { zh: string; en: string }> = {
  ...EVENT_STEP_LABEL,
  verify_failed: { zh: '核查未通过(返工)', en: 'Check failed (rework)' },
  reminder: { zh: '超时催办', en: 'Reminder' },
  escalation: { zh: '超时督办', en: 'Escalation' },
};

/** One event: where it is in the seven steps, its full history, and the next step for whoever may take it. */
export default function EventPage() {
  const { id } = useParams();
  const { t, pick, lang } = useI18n();
  const { can } = useAuth();
  const ev = useEvent(id);
  const step = useEventStep(id ?? '');
  const [dispatching, setDispatching] = useState(false);
  const [feedback, setFeedback] = useState(false);
  const [dispatchForm] = Form.useForm<{ regionCode: string; department: string; note?: string }>();
  const [feedbackForm] = Form.useForm<{ result: string }>();
  const e = ev.data;
  const city = e ? `${e.regionCode.slice(0, 4)}00` : undefined;
  const counties = useRegionsUnder(dispatching ? city : undefined);
  if (!e) return <Card loading={ev.isLoading} />;

  const current = e.status === 'rejected' ? 1 : EVENT_STEPS.indexOf(e.status as (typeof EVENT_STEPS)[number]);
  const handle = can(P.handleEvents);
  const verify = can(P.verifyEvents);
  const run = (s: Parameters<typeof step.mutate>[0]['step'], body: unknown, done?: () => void) =>
    step.mutate({ step: s, body }, { onSuccess: () => done?.() });

  return (
    <div>
      <PageHeader
        title={
          <>
            {e.title} {e.demo && <SampleTag en={lang === 'en'} />}
          </>
        }
        sub={`${e.regionName} · ${pick(EVENT_CATEGORIES[e.category])}`}
        extra={
          <Space wrap>
            {handle && e.status === 'reported' && (
              <>
                <Button type="primary" onClick={() => run('register', { accept: true })}>
                  {t('立案', 'Register')}
                </Button>
                <Popconfirm
                  title={t('确定不予立案?', 'Not take it on?')}
                  onConfirm={() => run('register', { accept: false })}
                >
                  <Button>{t('不予立案', 'Reject')}</Button>
                </Popconfirm>
              </>
            )}
            {handle && ['registered', 'dispatched', 'handling'].includes(e.status) && (
              <Button type={e.status === 'registered' ? 'primary' : 'default'} onClick={() => setDispatching(true)}>
                {e.status === 'registered' ? t('派遣', 'Dispatch') : t('转派', 'Transfer')}
              </Button>
            )}
            {handle && ['dispatched', 'handling'].includes(e.status) && (
              <Button onClick={() => setFeedback(true)}>{t('反馈处置结果', 'Report handled')}</Button>
            )}
            {verify && e.status === 'fed_back' && (
              <>
                <Popconfirm
                  title={t('核查通过并结案?结案后不能再派遣。', 'Close it? It cannot be dispatched again.')}
                  onConfirm={() => run('verify', { passed: true })}
                >
                  <Button type="primary">{t('核查结案', 'Verify and close')}</Button>
                </Popconfirm>
                <Popconfirm
                  title={t('核查未通过,退回返工?', 'Send it back for rework?')}
                  onConfirm={() => run('verify', { passed: false })}
                >
                  <Button danger>{t('返工', 'Rework')}</Button>
                </Popconfirm>
              </>
            )}
            {verify && e.status === 'closed' && (
              <Space>
                {t('评价', 'Rate')}
                <Rate onChange={(rating) => run('evaluate', { rating })} />
              </Space>
            )}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          status={e.status === 'rejected' ? 'error' : e.overdue ? 'error' : undefined}
          items={EVENT_STEPS.map((s) => ({ title: pick(EVENT_STEP_LABEL[s]) }))}
        />
      </Card>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('环节', 'Step')}>{pick(EVENT_STEP_LABEL[e.status])}</Descriptions.Item>
          <Descriptions.Item label={t('本环节时限', 'Due')}>
            <span style={{ color: e.overdue ? '#cf1322' : undefined }}>{time(e.deadline)}</span>{' '}
            {e.supervision && (
              <Tag color="red">{e.supervision === 'escalation' ? t('督办', 'Escalated') : t('催办', 'Reminded')}</Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('来源', 'Source')}>
            {e.source === 'city' ? e.subPlatformCode : t('平台登记', 'Desk')}
          </Descriptions.Item>
          <Descriptions.Item label={t('处置单位', 'Handled by')}>
            {e.handlerDepartment ? `${e.handlerRegionName} ${e.handlerDepartment}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('处置结果', 'Result')}>{e.result ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('评价', 'Rating')}>{e.rating ? `${e.rating} / 5` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('描述', 'Description')}>{e.description ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('流转记录', 'History')}>
        <Timeline
          items={e.history.map((h) => ({
            color:
              h.action === 'escalation' || h.onTime === false ? 'red' : h.action === 'reminder' ? 'orange' : 'blue',
            children: (
              <Space direction="vertical" size={0}>
                <span>
                  <Typography.Text strong>{pick(ACTION_LABEL[h.action])}</Typography.Text> {time(h.at)} {h.by}
                  {h.onTime === false && <Tag color="red">{t('超时', 'Late')}</Tag>}
                </span>
                {h.note && <Typography.Text type="secondary">{h.note}</Typography.Text>}
              </Space>
            ),
          }))}
        />
      </Card>
      <Modal
        open={dispatching}
        title={t('派遣', 'Dispatch')}
        onCancel={() => setDispatching(false)}
        confirmLoading={step.isPending}
        destroyOnHidden
        onOk={() => void dispatchForm.validateFields().then((v) => run('dispatch', v, () => setDispatching(false)))}
      >
        <Form form={dispatchForm} layout="vertical" initialValues={{ regionCode: e.regionCode }}>
          <Form.Item
            name="regionCode"
            label={t('处置区划(本级、上级或下级)', 'Region (own, above or below)')}
            rules={[{ required: true }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={[
                { value: e.regionCode, label: e.regionName },
                ...(city && city !== e.regionCode ? [{ value: city, label: t('所在市', 'Its city') }] : []),
                ...(counties.data?.items ?? [])
                  .filter((r) => r.code !== e.regionCode)
                  .map((r) => ({ value: r.code, label: r.name })),
              ]}
            />
          </Form.Item>
          <Form.Item name="department" label={t('处置部门', 'Department')} rules={[{ required: true, max: 100 }]}>
            <Input placeholder={t('如 市南区城市管理局', 'e.g. district city-management bureau')} />
          </Form.Item>
          <Form.Item name="note" label={t('说明', 'Note')} rules={[{ max: 1000 }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={feedback}
        title={t('反馈处置结果', 'Report handled')}
        onCancel={() => setFeedback(false)}
        confirmLoading={step.isPending}
        destroyOnHidden
        onOk={() =>
          void feedbackForm
            .validateFields()
            .then((v) => run('feedback', { stage: 'handled', result: v.result }, () => setFeedback(false)))
        }
      >
        <Form form={feedbackForm} layout="vertical">
          <Form.Item name="result" label={t('处置结果', 'Result')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
