import { useState } from 'react';
import { useParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Popconfirm,
  Result,
  Skeleton,
  Space,
  Tag,
  Timeline,
} from 'antd';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useCase, useCaseStep, useReturnCase, useUpdateCase } from './api';
import CaseForm from './CaseForm';
import { Duplicates } from './Duplicates';
import { Attachments } from './Attachments';
import { Merges } from './Merges';
import { ACTION, STATUS, wan } from './labels';
import { chinaTime } from '../../app/chinaDay';

/** One case: its facts, its way through the review (with reasons), and the step the viewer may take now. */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t, pick, lang } = useI18n();
  const c = useCase(id);
  const step = useCaseStep(id);
  const back = useReturnCase(id);
  const update = useUpdateCase(id);
  const [editing, setEditing] = useState(false);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');

  if (c.isLoading) return <Skeleton active />;
  if (!c.data) return <Result status="404" title={t('找不到案例', 'Case not found')} />;
  const k = c.data;
  const can = (s: string) => k.allowed.includes(s as never);
  const confirmStep = (s: 'submit' | 'recommend' | 'accept', zh: string, en: string, sure: [string, string]) =>
    can(s) && (
      <Popconfirm key={s} title={t(...sure)} onConfirm={() => step.mutate(s)}>
        <Button type="primary" loading={step.isPending}>
          {t(zh, en)}
        </Button>
      </Popconfirm>
    );

  return (
    <div>
      <PageHeader
        title={
          <>
            {k.title} {k.demo && <SampleTag en={lang === 'en'} />}
          </>
        }
        sub={`${k.cityName === k.regionName ? k.regionName : `${k.cityName} · ${k.regionName}`} · ${k.domainName} / ${k.categoryName}`}
        extra={
          <Space>
            <Tag color={STATUS[k.status].color}>{pick(STATUS[k.status])}</Tag>
            {can('edit') && <Button onClick={() => setEditing(true)}>{t('编辑', 'Edit')}</Button>}
            {confirmStep('submit', '上报', 'Submit', [
              '确认上报?上报后不能再修改。',
              'Submit? You cannot edit it afterwards.',
            ])}
            {confirmStep('recommend', '推荐至省级', 'Recommend', [
              '确认推荐该案例至省级?',
              'Recommend this case to the province?',
            ])}
            {confirmStep('accept', '入榜', 'Accept onto the board', [
              '确认该案例入榜?',
              'Accept this case onto the board?',
            ])}
            {can('return') && (
              <Button danger onClick={() => setReturning(true)}>
                {t('退回', 'Return')}
              </Button>
            )}
          </Space>
        }
      />
      <Duplicates caseId={k.id} canDecide={can('recommend') || can('accept') || can('return')} />
      {k.status === 'returned' && k.returnReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('退回原因', 'Returned because')}
          description={k.returnReason}
        />
      )}
      <Merges items={k.merges} />
      <Card title={t('案例概况', 'The case')} style={{ marginBottom: 12 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('简介', 'Summary')} span={2}>
            {k.summary}
          </Descriptions.Item>
          <Descriptions.Item label={t('解决的问题', 'Problem')} span={2}>
            {k.problem || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('主要做法', 'Approach')} span={2}>
            {k.approach || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('应用成效', 'Results')} span={2}>
            {k.results || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('服务人数', 'People served')}>{k.usersServed.toLocaleString()}</Descriptions.Item>
          <Descriptions.Item label={t('月使用量', 'Monthly uses')}>{k.monthlyUsage.toLocaleString()}</Descriptions.Item>
          <Descriptions.Item label={t('年节约(万元)', 'Savings/yr (10k yuan)')}>{wan(k.savingsFen)}</Descriptions.Item>
          <Descriptions.Item label={t('投资(万元)', 'Investment (10k yuan)')}>
            {wan(k.investmentFen)} {k.investmentSource && `(${k.investmentSource})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('运营模式', 'Operating model')}>{k.operatingModelName}</Descriptions.Item>
          <Descriptions.Item label={t('长效运营', 'Keeps running by')}>{k.operatingNote || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('上线时间', 'Go-live')}>{k.goLive ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('责任单位', 'Responsible unit')}>{k.responsibleUnit || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('建设单位', 'Builder')}>{k.builder || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('标签', 'Tags')}>
            {k.tags.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Attachments caseId={k.id} items={k.attachments} editable={can('edit')} />
      <Card title={t('办理过程', 'Steps')}>
        <Timeline
          items={k.history.map((h) => ({
            color: h.action === 'return' ? 'orange' : h.toStatus === 'accepted' ? 'green' : 'blue',
            children: (
              <>
                <b>{pick(ACTION[h.action] ?? { zh: h.action, en: h.action })}</b> · {h.byName} · {chinaTime(h.at)}
                {h.reason && (
                  <div>
                    {t('原因:', 'Reason: ')}
                    {h.reason}
                  </div>
                )}
              </>
            ),
          }))}
        />
      </Card>
      <CaseForm
        open={editing}
        regionCode={k.regionCode}
        initial={k}
        saving={update.isPending}
        onCancel={() => setEditing(false)}
        onSave={(input) => update.mutate(input, { onSuccess: () => setEditing(false) })}
      />
      <Modal
        open={returning}
        title={t('退回案例', 'Return the case')}
        okText={t('退回', 'Return')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        confirmLoading={back.isPending}
        onCancel={() => setReturning(false)}
        onOk={() => back.mutate({ reason }, { onSuccess: () => (setReturning(false), setReason('')) })}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('请写明退回原因,填报人据此修改', 'Say why, so the author knows what to change')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </div>
  );
}
