import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { COMMUNITIES_PERMISSIONS as P, TIER_NAMES, type TierView } from '@zhicheng/contracts/communities';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { SampleTag } from '../../components/PageHeader';
import { useReportIndicators, useStartOnsiteCheck, useTierDecision, useTierView } from './api';
import { TierTag } from './RegistryTab';

const STATUS: Record<string, [string, string, string]> = {
  reported: ['已填报待核查', 'Reported, awaiting check', 'processing'],
  awaiting_province: ['待省级实地核验确认标杆型', 'Awaiting the province’s on-site check', 'warning'],
  confirmed: ['已确认', 'Confirmed', 'success'],
  returned: ['已退回', 'Returned', 'error'],
};

type Indicator = TierView['indicators'][number];

const EXPERT_STATUS: Record<string, [string, string]> = {
  invited: ['待答复', 'invited'],
  accepted: ['已接受', 'accepted'],
  declined: ['已谢绝', 'declined'],
  assigned: ['已指派', 'assigned'],
};

/** The community's tier for a year: the rating by the shared rule, the cheapest path to the next tier, the checks. */
export function TierCard({ code, year }: { code: string; year: number }) {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const view = useTierView(code, year);
  const [reporting, setReporting] = useState(false);
  const check = useTierDecision(code, year, 'check');
  const benchmark = useTierDecision(code, year, 'benchmark');
  const startCheck = useStartOnsiteCheck(code, year);
  if (!view.data) return <Card loading={view.isLoading} />;
  const v = view.data;
  const a = v.assessment;
  const status = a ? STATUS[a.status] : null;
  const onsite = v.onsiteCheck;
  return (
    <Card
      size="small"
      title={
        <Space>
          {t(`${year}年度分型`, `Tier ${year}`)}
          {a && <TierTag tier={a.ratedTier} />}
          {status && <Tag color={status[2]}>{t(status[0], status[1])}</Tag>}
          {a?.demo && <SampleTag />}
        </Space>
      }
      extra={
        <Space>
          {can(P.selfReport) && (!a || a.status === 'reported' || a.status === 'returned') && (
            <Button onClick={() => setReporting(true)}>{t('填报指标', 'Report indicators')}</Button>
          )}
          {can(P.tierCheck) && a?.status === 'reported' && (
            <>
              <Popconfirm
                title={t('确认按指标体系评定的分型?', 'Confirm the tier the rule gives?')}
                onConfirm={() => check.mutate({ decision: 'confirm' })}
              >
                <Button type="primary">{t('核查确认', 'Confirm')}</Button>
              </Popconfirm>
              <Popconfirm
                title={t('退回社区补充?', 'Return to the community?')}
                onConfirm={() => check.mutate({ decision: 'return' })}
              >
                <Button danger>{t('退回', 'Return')}</Button>
              </Popconfirm>
            </>
          )}
          {can(P.onsiteCheck) && a?.status === 'awaiting_province' && !onsite && (
            <Popconfirm
              title={t(
                '从本市监督员库抽取 5 名监督员(至少 1 名媒体),并从市外专家中抽取 3 名智慧社区专家?抽取后不可撤销。',
                'Draw 5 citizen supervisors (at least 1 journalist) from the city’s pool and 3 smart-community experts from outside the city? A draw cannot be undone.',
              )}
              onConfirm={() => startCheck.mutate({ panelSize: 5, minMedia: 1, pool: 'city', experts: 3 })}
            >
              <Button type="primary" loading={startCheck.isPending} data-testid="onsite-start">
                {t('发起实地核验', 'Start on-site check')}
              </Button>
            </Popconfirm>
          )}
          {can(P.benchmarkConfirm) && a?.status === 'awaiting_province' && (
            <>
              <Popconfirm
                title={t('实地核验已通过,确认为标杆型?', 'On-site check passed: confirm benchmark?')}
                onConfirm={() => benchmark.mutate({ decision: 'confirm' })}
                disabled={!onsite?.passed}
              >
                <Button type="primary" disabled={!onsite?.passed} data-testid="benchmark-confirm">
                  {t('确认标杆型', 'Confirm benchmark')}
                </Button>
              </Popconfirm>
              <Popconfirm
                title={t('不予确认,保留为成长型?', 'Decline: keep the community at growth tier?')}
                onConfirm={() => benchmark.mutate({ decision: 'return' })}
              >
                <Button danger>{t('不予确认', 'Decline')}</Button>
              </Popconfirm>
            </>
          )}
        </Space>
      }
    >
      {v.explanation && <Typography.Paragraph>{pick(v.explanation)}</Typography.Paragraph>}
      {onsite && (
        <Alert
          data-testid="onsite-check"
          type={onsite.passed ? 'success' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          message={
            onsite.passed
              ? t('实地核验已通过,待省级确认', 'On-site check passed; awaiting the province’s decision')
              : t('实地核验进行中', 'On-site check under way')
          }
          description={
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label={t('监督员评分', 'Panel scores')}>
                {onsite.scored} / {onsite.panelSize}
              </Descriptions.Item>
              <Descriptions.Item label={t('确认属实', 'Confirmed on site')}>{onsite.confirmed}</Descriptions.Item>
              <Descriptions.Item label={t('评分中位数', 'Median score')}>{onsite.median ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('抽取专家', 'Experts drawn')} span={2}>
                {onsite.experts.map((e) => (
                  <Tag key={e.code}>
                    {e.alias}({e.code}) {EXPERT_STATUS[e.status] ? t(...EXPERT_STATUS[e.status]!) : e.status}
                  </Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('抽取记录', 'Draw record')}>
                <Link to={`/directory/draws/${onsite.drawId}`}>
                  {t('抽取记录与公开验证', 'Draw record and verification')}
                </Link>
              </Descriptions.Item>
            </Descriptions>
          }
        />
      )}
      {v.nextTier && v.path && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t(
            `升至${TIER_NAMES[v.nextTier].zh}的最省路径(${v.path.solver} 求解)`,
            `Cheapest path to ${TIER_NAMES[v.nextTier].en} (solved by ${v.path.solver})`,
          )}
          description={
            v.path.feasible ? (
              <ul style={{ margin: 0 }} data-testid="tier-path">
                {v.path.improvements.map((m) => (
                  <li key={m.code}>
                    {m.name}: {m.from ?? '—'} → {m.to}
                    {m.unit} ({m.fromStars}★ → {m.toStars}★)
                  </li>
                ))}
              </ul>
            ) : (
              t('在现有指标体系下无法达到', 'Not reachable with this catalogue')
            )
          }
        />
      )}
      <Table<Indicator>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={v.indicators}
        scroll={{ x: 800 }}
        columns={[
          { title: t('领域', 'Domain'), dataIndex: 'domain' },
          { title: t('指标', 'Indicator'), dataIndex: 'name' },
          { title: t('值', 'Value'), render: (_: unknown, r) => (r.value === null ? '—' : `${r.value}${r.unit}`) },
          { title: t('星级', 'Stars'), dataIndex: 'stars', render: (s: number) => '★'.repeat(s) || '—' },
          {
            title: t('1★–5★阈值', '1★–5★ thresholds'),
            render: (_: unknown, r) => (
              <>
                {r.thresholds.join(' / ')}{' '}
                {r.published !== null ? (
                  <Tag color="green">{t(`基础型公开要求 ≥${r.published}`, `published basic ≥${r.published}`)}</Tag>
                ) : (
                  <SampleTag />
                )}
              </>
            ),
          },
          { title: t('权重', 'Weight'), dataIndex: 'weight' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t(
          `指标体系:${v.catalogue.name} 第${v.catalogue.version}版。分型规则(示例):达到3★为基础型、4★为成长型、5★为标杆型(须省级实地核验确认);仅基础型的光纤、5G、有线电视、视频监控要求为公开标准,其余阈值与权重为示例。`,
          `Catalogue: ${v.catalogue.name} v${v.catalogue.version}. Tier rule (sample): 3★ basic, 4★ growth, 5★ benchmark (confirmed by the province after an on-site check); only the basic fibre, 5G, TV and video requirements are published, other thresholds and weights are samples.`,
        )}
      </Typography.Paragraph>
      {reporting && <ReportModal code={code} year={year} view={v} onClose={() => setReporting(false)} />}
    </Card>
  );
}

function ReportModal({
  code,
  year,
  view,
  onClose,
}: {
  code: string;
  year: number;
  view: TierView;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, number | null>>();
  const report = useReportIndicators(code, year);
  const initial = Object.fromEntries(view.indicators.map((i) => [i.code, i.value]));
  return (
    <Modal
      open
      width={640}
      title={t(`填报${year}年度指标`, `Report indicators for ${year}`)}
      onCancel={onClose}
      okText={t('提交评定', 'Submit')}
      confirmLoading={report.isPending}
      onOk={() =>
        void form.validateFields().then((values) =>
          report.mutate(Object.fromEntries(Object.entries(values).map(([k, x]) => [k, x ?? null])), {
            onSuccess: onClose,
          }),
        )
      }
    >
      <Form form={form} layout="horizontal" labelCol={{ span: 14 }} initialValues={initial}>
        {view.indicators.map((i) => (
          <Form.Item key={i.code} name={i.code} label={`${i.name}${i.unit ? `(${i.unit})` : ''}`}>
            <InputNumber min={0} max={i.unit === '%' ? 100 : undefined} style={{ width: 140 }} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
