import { useState } from 'react';
import {
  Button,
  Card,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Upload,
} from 'antd';
import { COMPUTE_PERMISSIONS as P, type Claim, type ClaimStatus } from '@zhicheng/contracts/compute-network';
import { useAuth } from '../../../app/auth';
import { useI18n } from '../../../app/i18n';
import { SampleTag } from '../../../components/PageHeader';
import { yuan } from '../market/api';
import { contractUrl, useClaimStep, useClaims, useUploadContract } from './api';
import { ActionLink } from '../../../components/ActionLink';
import { chinaTime } from '../../../app/chinaDay';

export const CLAIM_STATUS: Record<ClaimStatus, [string, string, string]> = {
  submitted: ['processing', '待审批', 'Submitted'],
  rejected: ['error', '未通过', 'Rejected'],
  issued: ['cyan', '已发券', 'Issued'],
  redemption_submitted: ['blue', '待第三方核查', 'Redemption filed'],
  third_party_checked: ['purple', '待核验', 'Third-party checked'],
  verified: ['geekblue', '待审计', 'Verified'],
  audited: ['orange', '待拨付', 'Audited'],
  redemption_rejected: ['error', '核销未通过', 'Redemption rejected'],
  paid: ['green', '已拨付', 'Paid'],
  settled: ['success', '已结项', 'Settled'],
};

type Dialog =
  | { kind: 'redemption'; claim: Claim }
  | { kind: 'third-party-check'; claim: Claim }
  | { kind: 'verification'; claim: Claim }
  | { kind: 'payment'; claim: Claim }
  | { kind: 'review'; claim: Claim }
  | { kind: 'history'; claim: Claim };

/** Claims with the actions the caller's role allows at each stage; the server decides what each sees. */
export function ClaimsTable({ title }: { title: string }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const [status, setStatus] = useState<ClaimStatus>();
  const [q, setQ] = useState<string>();
  const [page, setPage] = useState(1);
  const claims = useClaims({ status, q, page, pageSize: 15 });
  const step = useClaimStep();
  const uploadContract = useUploadContract();
  const [passed, setPassed] = useState(true);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [text, setText] = useState('');
  const [num, setNum] = useState<number | null>(null);
  const [text2, setText2] = useState('');
  const [num2, setNum2] = useState<number | null>(null);
  const open = (d: Dialog) => {
    setDialog(d);
    setText('');
    setText2('');
    setNum(null);
    setNum2(null);
    setPassed(true);
    if (d.kind === 'redemption') {
      // Enterprises copy these from their invoice; prefilled with nothing so the cross-check means something.
    }
  };
  const close = () => setDialog(null);
  const submit = () => {
    if (!dialog) return;
    const id = dialog.claim.id;
    const done = { onSuccess: close };
    if (dialog.kind === 'redemption')
      step.mutate(
        {
          id,
          step: {
            kind: 'redemption',
            body: {
              invoiceNumber: text,
              invoiceAmountFen: Math.round((num ?? 0) * 100),
              paymentReference: text2,
              usageCardHours: num2 ?? 0,
            },
          },
        },
        done,
      );
    if (dialog.kind === 'third-party-check')
      step.mutate({ id, step: { kind: 'third-party-check', passed, finding: text } }, done);
    if (dialog.kind === 'verification') step.mutate({ id, step: { kind: 'verification', note: text } }, done);
    if (dialog.kind === 'payment') step.mutate({ id, step: { kind: 'payment', financeReference: text } }, done);
    if (dialog.kind === 'review') step.mutate({ id, step: { kind: 'review', score: num ?? 0, note: text } }, done);
  };

  return (
    <Card
      title={title}
      extra={
        <Space wrap>
          <Input.Search
            allowClear
            style={{ width: 200 }}
            placeholder={t('企业/编号/合同', 'Enterprise, number, contract')}
            onSearch={(v) => {
              setQ(v || undefined);
              setPage(1);
            }}
          />
          <Select
            aria-label={t('状态', 'Status')}
            allowClear
            style={{ width: 140 }}
            placeholder={t('状态', 'Status')}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={Object.entries(CLAIM_STATUS).map(([k, v]) => ({ value: k, label: lang === 'zh' ? v[1] : v[2] }))}
          />
        </Space>
      }
    >
      <Table<Claim>
        data-testid="claim-table"
        size="small"
        rowKey="id"
        loading={claims.isLoading}
        dataSource={claims.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 15,
          total: claims.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t(`共 ${n} 件`, `${n} claims`),
        }}
        columns={[
          {
            title: t('编号', 'Number'),
            dataIndex: 'number',
            render: (v, c) => (
              <>
                <ActionLink onClick={() => open({ kind: 'history', claim: c })}>{v}</ActionLink>{' '}
                {c.simulated && <SampleTag en={lang === 'en'} />}
              </>
            ),
          },
          { title: t('申请企业', 'Applicant'), dataIndex: 'applicantName' },
          { title: t('供应方', 'Supplier'), dataIndex: 'supplierName' },
          {
            title: t('合同', 'Contract'),
            dataIndex: 'contractNumber',
            render: (v: string, c) =>
              c.contractFile ? (
                <a href={contractUrl(c.id)} data-testid={`contract-${c.id}`} title={`SHA-256 ${c.contractSha256}`}>
                  {v}
                </a>
              ) : (
                <Space size={2}>
                  {v}
                  <Tag color="warning">{t('未上传合同', 'No file')}</Tag>
                </Space>
              ),
          },
          { title: t('合同金额', 'Contract'), dataIndex: 'contractAmountFen', align: 'right', render: (v) => yuan(v) },
          { title: t('券额', 'Voucher'), dataIndex: 'voucherFen', align: 'right', render: (v) => yuan(v) },
          { title: t('兑付额', 'Redeemed'), dataIndex: 'redeemFen', align: 'right', render: (v) => yuan(v) },
          {
            title: t('状态', 'Status'),
            key: 'status',
            render: (_, c) => (
              <Space size={2}>
                <Tag data-testid="claim-status" color={CLAIM_STATUS[c.status][0]}>
                  {CLAIM_STATUS[c.status][lang === 'zh' ? 1 : 2]}
                </Tag>
                {c.flagged && <Tag color="warning">{t('疑似拆分', 'Split?')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('办理', 'Act'),
            key: 'act',
            render: (_, c) => (
              <Space size={4} wrap>
                {can(P.voucherApprove) && c.status === 'submitted' && (
                  <>
                    <Popconfirm
                      title={t(
                        `批准并从资金池占用 ${yuan(c.voucherFen)}?`,
                        `Approve and commit ${yuan(c.voucherFen)}?`,
                      )}
                      onConfirm={() => step.mutate({ id: c.id, step: { kind: 'decision', decision: 'approve' } })}
                    >
                      <Button size="small" type="primary" data-testid={`approve-${c.id}`}>
                        {t('批准发券', 'Approve')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('驳回该申请?', 'Reject this claim?')}
                      onConfirm={() => step.mutate({ id: c.id, step: { kind: 'decision', decision: 'reject' } })}
                    >
                      <Button size="small" danger>
                        {t('驳回', 'Reject')}
                      </Button>
                    </Popconfirm>
                  </>
                )}
                {can(P.voucherApply) && c.status === 'issued' && (
                  <Button
                    size="small"
                    data-testid={`redeem-${c.id}`}
                    onClick={() => open({ kind: 'redemption', claim: c })}
                  >
                    {t('申请兑付', 'Redeem')}
                  </Button>
                )}
                {can(P.voucherApply) && c.status === 'submitted' && (
                  <Upload
                    showUploadList={false}
                    accept=".pdf,.png,.jpg,.jpeg"
                    beforeUpload={(f) => {
                      uploadContract.mutate({ id: c.id, file: f });
                      return false;
                    }}
                  >
                    <Button size="small" data-testid={`upload-contract-${c.id}`}>
                      {c.contractFile ? t('重新上传合同', 'Replace contract') : t('上传合同', 'Upload contract')}
                    </Button>
                  </Upload>
                )}
                {can(P.voucherThirdParty) && c.status === 'redemption_submitted' && (
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`tpc-${c.id}`}
                    onClick={() => open({ kind: 'third-party-check', claim: c })}
                  >
                    {t('第三方核查', 'Third-party check')}
                  </Button>
                )}
                {can(P.voucherReview) && c.status === 'third_party_checked' && (
                  <Button
                    size="small"
                    data-testid={`verify-${c.id}`}
                    onClick={() => open({ kind: 'verification', claim: c })}
                  >
                    {t('核验', 'Verify')}
                  </Button>
                )}
                {can(P.voucherApprove) && c.status === 'verified' && (
                  <Popconfirm
                    title={t('审计通过,转财政拨付?', 'Pass the audit and send to finance?')}
                    onConfirm={() => step.mutate({ id: c.id, step: { kind: 'audit', decision: 'approve' } })}
                  >
                    <Button size="small" type="primary" data-testid={`audit-${c.id}`}>
                      {t('审计通过', 'Audit')}
                    </Button>
                  </Popconfirm>
                )}
                {can(P.voucherFinance) && c.status === 'audited' && (
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`fpay-${c.id}`}
                    onClick={() => open({ kind: 'payment', claim: c })}
                  >
                    {t('确认拨付', 'Confirm payment')}
                  </Button>
                )}
                {can(P.voucherReview) && c.status === 'paid' && (
                  <Button
                    size="small"
                    data-testid={`review-${c.id}`}
                    onClick={() => open({ kind: 'review', claim: c })}
                  >
                    {t('绩效评价', 'Review')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!dialog && dialog.kind !== 'history'}
        title={
          dialog?.kind === 'redemption'
            ? t('申请兑付', 'Redeem')
            : dialog?.kind === 'third-party-check'
              ? t('第三方核查', 'Third-party check')
              : dialog?.kind === 'verification'
                ? t('核验', 'Verify')
                : dialog?.kind === 'payment'
                  ? t('确认拨付', 'Confirm payment')
                  : t('绩效评价', 'Performance review')
        }
        okButtonProps={{ loading: step.isPending, 'data-testid': 'step-submit' } as never}
        onCancel={close}
        onOk={submit}
      >
        {dialog?.kind === 'redemption' && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input
              data-testid="r-invoice"
              placeholder={t('发票号', 'Invoice number')}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
            <InputNumber
              data-testid="r-amount"
              style={{ width: '100%' }}
              addonBefore={t('发票金额(元)', 'Invoice (¥)')}
              value={num}
              onChange={setNum}
              precision={2}
            />
            <Input
              data-testid="r-payment"
              placeholder={t('付款凭证号', 'Payment reference')}
              value={text2}
              onChange={(e) => setText2(e.target.value)}
            />
            <InputNumber
              data-testid="r-usage"
              style={{ width: '100%' }}
              addonBefore={t('使用卡·时', 'Card-hours used')}
              value={num2}
              onChange={setNum2}
            />
          </Space>
        )}
        {dialog?.kind === 'third-party-check' && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Radio.Group data-testid="tpc-passed" value={passed} onChange={(e) => setPassed(e.target.value as boolean)}>
              <Radio value={true}>{t('通过:发票、付款与计量一致', 'Passed: invoice, payment and usage agree')}</Radio>
              <Radio value={false}>{t('不通过', 'Failed')}</Radio>
            </Radio.Group>
            <Input.TextArea
              data-testid="step-text"
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('核查结论', 'Finding')}
            />
          </Space>
        )}
        {dialog?.kind === 'verification' && dialog.claim.thirdPartyCheck && (
          <p data-testid="tpc-finding">
            <Tag color={dialog.claim.thirdPartyPassed ? 'success' : 'error'}>
              {dialog.claim.thirdPartyPassed
                ? t('第三方核查通过', 'Third party: passed')
                : t('第三方核查不通过', 'Third party: failed')}
            </Tag>
            {dialog.claim.thirdPartyCheck} · {dialog.claim.thirdPartyBy}
          </p>
        )}
        {(dialog?.kind === 'verification' || dialog?.kind === 'payment') && (
          <Input.TextArea
            data-testid="step-text"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={
              dialog.kind === 'payment'
                ? t('国库支付凭证号', 'Treasury payment reference')
                : t('核验意见', 'Verification note')
            }
          />
        )}
        {dialog?.kind === 'review' && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <InputNumber
              data-testid="step-score"
              min={0}
              max={100}
              addonBefore={t('得分', 'Score')}
              value={num}
              onChange={setNum}
            />
            <Input.TextArea
              data-testid="step-text"
              rows={3}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={t('评价意见', 'Findings')}
            />
          </Space>
        )}
      </Modal>
      <Modal open={dialog?.kind === 'history'} footer={null} title={dialog?.claim.number} onCancel={close}>
        <Timeline
          items={(dialog?.claim.history ?? []).map((h) => ({
            children: `${chinaTime(h.at)} ${CLAIM_STATUS[h.status as ClaimStatus]?.[lang === 'zh' ? 1 : 2] ?? h.status} · ${h.by}${h.note ? ` · ${h.note}` : ''}`,
          }))}
        />
      </Modal>
    </Card>
  );
}
