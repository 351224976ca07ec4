import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Period, ReportInput, type DataCentreSummary } from '@zhicheng/contracts/compute-network';
import { ApiError } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { useSubmitReport } from './api';
import { lastPeriod } from './common';
import { contractRule, fieldErrors } from './forms';

type Values = ReportInput & { dataCentreId: string };
const FIELDS = Object.keys(ReportInput.shape) as (keyof ReportInput)[];

/** The monthly report form (纳统): one centre, one month; the server's rule violations land on their fields. */
export function ReportForm({
  centres,
  initialCentre,
}: {
  centres: Pick<DataCentreSummary, 'id' | 'name'>[];
  initialCentre?: string;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = useSubmitReport((e) => {
    if (e instanceof ApiError) form.setFields(fieldErrors(e.problem, FIELDS));
  });
  const onFinish = ({ dataCentreId, ...input }: Values) =>
    submit.mutate(
      { dataCentreId, input: { ...input, explanation: input.explanation || null } },
      { onSuccess: () => form.resetFields(['explanation']) },
    );
  const num = (name: keyof ReportInput, label: string, extra: Record<string, unknown> = {}) => (
    <Col xs={12} md={6}>
      <Form.Item
        name={name}
        label={label}
        rules={[{ required: true, message: t('必填', 'Required') }, contractRule(ReportInput.shape[name])]}
      >
        <InputNumber style={{ width: '100%' }} data-testid={`report-${name}`} {...extra} />
      </Form.Item>
    </Col>
  );
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={{ period: lastPeriod(), dataCentreId: initialCentre ?? centres[0]?.id }}
      data-testid="report-form"
    >
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="dataCentreId" label={t('数据中心', 'Data centre')} rules={[{ required: true }]}>
            <Select
              data-testid="report-centre"
              showSearch
              optionFilterProp="label"
              options={centres.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          {/* Picked from a calendar (months not yet ended cannot be chosen); the form keeps it as YYYY-MM. */}
          <Form.Item
            name="period"
            label={t('月份', 'Month')}
            rules={[{ required: true }, contractRule(Period)]}
            getValueProps={(v?: string) => ({ value: v ? dayjs(`${v}-01`) : null })}
            normalize={(d: Dayjs | null) => (d ? d.format('YYYY-MM') : undefined)}
          >
            <DatePicker
              picker="month"
              style={{ width: '100%' }}
              data-testid="report-period"
              disabledDate={(d) => d.isAfter(dayjs(`${lastPeriod()}-01`), 'month')}
            />
          </Form.Item>
        </Col>
        {num('racksInUse', t('在用标准机架', 'Racks in use'), { precision: 0 })}
        {num('utilisationPct', t('算力利用率 %', 'Utilisation %'))}
        {num('energyMwh', t('月耗电量 MWh', 'Energy MWh'))}
        {num('measuredPue', t('实测 PUE', 'Measured PUE'), { step: 0.01 })}
        {num('computeInUsePflops', t('在用算力 PFLOPS', 'Compute in use PFLOPS'))}
        {num('storageUsedPb', t('已用存储 PB', 'Storage used PB'))}
        <Col xs={24} md={12}>
          <Form.Item
            name="explanation"
            label={t('变化说明(与上月变化较大时必填)', 'Explanation (needed for large changes)')}
          >
            <Input.TextArea rows={1} data-testid="report-explanation" />
          </Form.Item>
        </Col>
      </Row>
      <Button type="primary" htmlType="submit" loading={submit.isPending} data-testid="report-submit">
        {t('提交月报', 'Submit report')}
      </Button>
    </Form>
  );
}
