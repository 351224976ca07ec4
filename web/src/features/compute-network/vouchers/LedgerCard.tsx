import { useState } from 'react';
import { Button, Card, Col, Empty, Form, InputNumber, Input, Modal, Row, Statistic } from 'antd';
import { COMPUTE_PERMISSIONS as P, SHANDONG_VOUCHER_POLICY, type Policy } from '@zhicheng/contracts/compute-network';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { echarts, ReactEChartsCore } from '../../../components/charts';
import { yuan } from '../market/api';
import { useCreatePolicy, usePolicies } from './api';

/** The pool's ledger (committed, redeemed, paid, remaining), drawn; the bureau's operator publishes the year's policy. */
export function LedgerCard() {
  const { t } = useI18n();
  const { can } = useAuth();
  const policies = usePolicies();
  const create = useCreatePolicy();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ year: number; name: string; poolYuan: number; ratioPct: number; capYuan: number }>();
  const p: Policy | undefined = policies.data?.find((x) => x.status === 'active') ?? policies.data?.[0];
  const l = p?.ledger;
  return (
    <Card
      title={t('算力券资金池', 'Voucher pool')}
      style={{ marginBottom: 12 }}
      extra={
        can(P.voucherReview) && (
          <Button data-testid="policy-new" onClick={() => setOpen(true)}>
            {t('配置年度政策', 'Configure the year’s policy')}
          </Button>
        )
      }
    >
      {!p || !l ? (
        <Empty description={t('尚未配置算力券政策', 'No voucher policy yet')} />
      ) : (
        <Row gutter={12} align="middle">
          <Col xs={24} md={12}>
            <div style={{ marginBottom: 8 }}>
              <b>{p.name}</b> · {t('补贴比例', 'ratio')} {p.ratioBasisPoints / 100}% · {t('单企业上限', 'cap')}{' '}
              {yuan(p.perEnterpriseCapFen)}
            </div>
            <Row gutter={8} data-testid="ledger">
              <Col span={12}>
                <Statistic title={t('资金池', 'Pool')} value={yuan(l.poolFen)} />
              </Col>
              <Col span={12}>
                <Statistic title={t('剩余', 'Remaining')} value={yuan(l.remainingFen)} />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t('已发放(占用)', 'Committed')}
                  value={yuan(l.committedFen)}
                  valueStyle={{ fontSize: 16 }}
                />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t('已核销待拨付', 'Redeemed')}
                  value={yuan(l.redeemedFen)}
                  valueStyle={{ fontSize: 16 }}
                />
              </Col>
              <Col span={8}>
                <Statistic title={t('已拨付', 'Paid')} value={yuan(l.paidFen)} valueStyle={{ fontSize: 16 }} />
              </Col>
            </Row>
          </Col>
          <Col xs={24} md={12}>
            <ReactEChartsCore
              echarts={echarts}
              style={{ height: 220 }}
              notMerge
              option={{
                tooltip: {
                  trigger: 'item',
                  formatter: (x: { name: string; value: number }) => `${x.name}: ${yuan(x.value)}`,
                },
                legend: { bottom: 0 },
                series: [
                  {
                    type: 'pie',
                    radius: ['45%', '70%'],
                    data: [
                      { name: t('已发放', 'Committed'), value: l.committedFen },
                      { name: t('已核销', 'Redeemed'), value: l.redeemedFen },
                      { name: t('已拨付', 'Paid'), value: l.paidFen },
                      { name: t('剩余', 'Remaining'), value: l.remainingFen },
                    ],
                  },
                ],
              }}
            />
          </Col>
        </Row>
      )}
      <Modal
        open={open}
        title={t('配置年度算力券政策', 'Configure the year’s voucher policy')}
        onCancel={() => setOpen(false)}
        okText={t('发布', 'Publish')}
        okButtonProps={{ loading: create.isPending }}
        onOk={() =>
          void form.validateFields().then((v) =>
            Modal.confirm({
              title: t('发布后资金池即生效,确认?', 'The pool takes effect once published. Continue?'),
              onOk: () =>
                create.mutate(
                  {
                    year: v.year,
                    name: v.name,
                    poolFen: Math.round(v.poolYuan * 100),
                    ratioBasisPoints: Math.round(v.ratioPct * 100),
                    perEnterpriseCapFen: Math.round(v.capYuan * 100),
                    splitWindowDays: 90,
                  },
                  { onSuccess: () => setOpen(false) },
                ),
            }),
          )
        }
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            year: new Date().getFullYear(),
            name: `${new Date().getFullYear()} 年山东省算力券`,
            poolYuan: SHANDONG_VOUCHER_POLICY.poolFen / 100,
            ratioPct: SHANDONG_VOUCHER_POLICY.ratioBasisPoints / 100,
            capYuan: SHANDONG_VOUCHER_POLICY.perEnterpriseCapFen / 100,
          }}
        >
          <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
            <InputNumber min={2020} max={2100} />
          </Form.Item>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
            <Input maxLength={128} />
          </Form.Item>
          <Form.Item name="poolYuan" label={t('资金池(元)', 'Pool (¥)')} rules={[{ required: true }]}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="ratioPct" label={t('补贴比例(%)', 'Ratio (%)')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={100} step={0.5} />
          </Form.Item>
          <Form.Item
            name="capYuan"
            label={t('单企业累计上限(元)', 'Per-enterprise cap (¥)')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
