import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Space,
  Tag,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { VOUCHER_RULES, type ClaimInput, type EligibilityResult } from '@zhicheng/contracts/compute-network';
import { ApiError } from '../../../api/client';
import { useI18n } from '../../../app/i18n';
import { useOrders, yuan } from '../market/api';
import { sha256OfFile, useApply, useCheckClaim, useProfile, useSaveProfile } from './api';

/** The enterprise's side: register its profile, then apply on one of its orders with the signed contract. */
export function ApplyCard() {
  const { t, lang } = useI18n();
  const profile = useProfile(true);
  const saveProfile = useSaveProfile();
  const orders = useOrders({ pageSize: 200 });
  const check = useCheckClaim();
  const [form] = Form.useForm<{ orderId: string; contractNumber: string; amountYuan: number; signedOn: Dayjs }>();
  const [pform] = Form.useForm<{ creditCode: string; legalRepresentative: string; shareholders: string }>();
  const [sha, setSha] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [checks, setChecks] = useState<EligibilityResult | null>(null);
  const [refusal, setRefusal] = useState<{ path: string; message: string }[] | null>(null);
  const apply = useApply((e) => {
    if (e instanceof ApiError && e.problem.code === 'voucher_ineligible') {
      setRefusal(e.problem.errors ?? []);
      return true;
    }
  });
  const eligibleOrders = (orders.data?.items ?? []).filter(
    (o) => o.voucherEligible && ['confirmed', 'active', 'billed', 'paid'].includes(o.status),
  );
  const ruleName = (r: string) => {
    const w = VOUCHER_RULES[r as keyof typeof VOUCHER_RULES];
    return w ? (lang === 'zh' ? w.zh : w.en) : r;
  };
  const input = async (): Promise<ClaimInput | null> => {
    const v = await form.validateFields();
    if (!sha) return null;
    return {
      orderId: v.orderId,
      contractNumber: v.contractNumber,
      contractAmountFen: Math.round(v.amountYuan * 100),
      contractSignedOn: v.signedOn.format('YYYY-MM-DD'),
      contractSha256: sha,
    };
  };

  return (
    <Row gutter={12} style={{ marginBottom: 12 }}>
      <Col xs={24} md={9}>
        <Card title={t('单位信息(用于关联关系核查)', 'Organisation profile (for the affiliation check)')}>
          {profile.data && (
            <Alert
              style={{ marginBottom: 8 }}
              type="success"
              message={`${profile.data.creditCode} · ${t('法定代表人', 'Legal rep.')} ${profile.data.legalRepresentative}`}
            />
          )}
          <Form
            form={pform}
            layout="vertical"
            data-testid="profile-form"
            onFinish={(v) =>
              saveProfile.mutate({
                creditCode: v.creditCode,
                legalRepresentative: v.legalRepresentative,
                shareholders: (v.shareholders ?? '')
                  .split(/[,,;;\n]/)
                  .map((s) => s.trim())
                  .filter(Boolean),
              })
            }
          >
            <Form.Item
              name="creditCode"
              label={t('统一社会信用代码', 'Unified social credit code')}
              rules={[{ required: true, len: 18 }]}
            >
              <Input data-testid="profile-credit" maxLength={18} />
            </Form.Item>
            <Form.Item
              name="legalRepresentative"
              label={t('法定代表人', 'Legal representative')}
              rules={[{ required: true, min: 2 }]}
            >
              <Input data-testid="profile-rep" maxLength={64} />
            </Form.Item>
            <Form.Item name="shareholders" label={t('股东(逗号分隔,企业填信用代码)', 'Shareholders (comma separated)')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button htmlType="submit" data-testid="profile-save" loading={saveProfile.isPending}>
              {t('保存', 'Save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} md={15}>
        <Card title={t('申领算力券', 'Apply for a voucher')}>
          <Form form={form} layout="vertical" data-testid="claim-form" initialValues={{ signedOn: dayjs() }}>
            <Row gutter={8}>
              <Col span={24}>
                <Form.Item name="orderId" label={t('算力订单', 'Order')} rules={[{ required: true }]}>
                  <Select
                    data-testid="claim-order"
                    showSearch
                    optionFilterProp="label"
                    options={eligibleOrders.map((o) => ({
                      value: o.id,
                      label: `${o.number} · ${o.dataCentreName} · ${o.modelName} × ${o.cards} · ${yuan(o.estimateFen)}`,
                    }))}
                    onChange={(id) => {
                      const o = eligibleOrders.find((x) => x.id === id);
                      if (o) form.setFieldValue('amountYuan', o.estimateFen / 100);
                    }}
                  />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item
                  name="contractNumber"
                  label={t('合同编号', 'Contract no.')}
                  rules={[{ required: true, min: 3 }]}
                >
                  <Input data-testid="claim-contract" maxLength={64} />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name="amountYuan" label={t('合同金额(元)', 'Amount (¥)')} rules={[{ required: true }]}>
                  <InputNumber data-testid="claim-amount" min={0.01} precision={2} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={8}>
                <Form.Item name="signedOn" label={t('签订日期', 'Signed on')} rules={[{ required: true }]}>
                  <DatePicker />
                </Form.Item>
              </Col>
            </Row>
            <Space wrap>
              <Upload
                showUploadList={false}
                accept=".pdf,.png,.jpg,.jpeg"
                beforeUpload={(f) => {
                  setFile(f);
                  void sha256OfFile(f).then(setSha);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} data-testid="claim-file">
                  {t('选择已签合同文件(PDF/PNG/JPG,≤10 MB)', 'Signed contract (PDF/PNG/JPG, ≤ 10 MB)')}
                </Button>
              </Upload>
              {sha && (
                <Tag data-testid="claim-sha">
                  {file?.name} · SHA-256 {sha.slice(0, 12)}…
                </Tag>
              )}
              <Button
                disabled={!sha}
                onClick={() =>
                  void input().then((i) => i && check.mutate(i, { onSuccess: (r) => (setChecks(r), setRefusal(null)) }))
                }
              >
                {t('资格自检', 'Check eligibility')}
              </Button>
              <Button
                type="primary"
                data-testid="claim-submit"
                disabled={!sha}
                loading={apply.isPending}
                onClick={() =>
                  void input().then(
                    (i) => i && file && apply.mutate({ input: i, file }, { onSuccess: () => setRefusal(null) }),
                  )
                }
              >
                {t('提交申请', 'Apply')}
              </Button>
            </Space>
          </Form>
          {refusal && (
            <Alert
              data-testid="claim-refusal"
              style={{ marginTop: 8 }}
              type="error"
              message={t('不符合申领条件', 'Not eligible')}
              description={refusal.map((r) => `${ruleName(r.path)}(${r.message})`).join(';')}
            />
          )}
          {checks && (
            <List
              data-testid="claim-checks"
              size="small"
              style={{ marginTop: 8 }}
              header={
                <b>
                  {checks.eligible ? t('符合条件', 'Eligible') : t('不符合条件', 'Not eligible')} ·{' '}
                  {t('可获券额', 'Voucher')} {yuan(checks.voucherFen)}
                </b>
              }
              dataSource={checks.checks}
              renderItem={(c) => (
                <List.Item>
                  <Tag color={!c.ok ? 'error' : c.flag ? 'warning' : 'success'}>
                    {!c.ok ? t('不通过', 'Fail') : c.flag ? t('提示', 'Flag') : t('通过', 'Pass')}
                  </Tag>
                  {ruleName(c.rule)} {c.detail && <span style={{ color: '#666' }}>({c.detail})</span>}
                </List.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
