import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Select, Switch, Typography } from 'antd';
import { AgeBand, MobilePhone, type SupervisorApplication } from '@zhicheng/contracts/participation';
import { useProvince } from '../../api/province';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../components/problem';
import { useApplySupervisor, useRegionsUnder } from './api';
import { schemaRule } from './form-rules';
import { PhoneFrame } from './public/PhoneFrame';

/** Public recruitment of citizen supervisors (/supervisor/apply). */
export default function ApplyPage() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [done, setDone] = useState(false);
  const [err, setErr] = useState<string | null>(null);
  const province = useProvince();
  const regions = useRegionsUnder(province?.code);
  const apply = useApplySupervisor((e) => setErr(problemText(e, lang)));
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
          onFinish={(v: SupervisorApplication) => {
            setErr(null);
            apply.mutate(v, { onSuccess: () => setDone(true) });
          }}
        >
          <Form.Item name="name" label={t('姓名', 'Name')} rules={[{ required: true }]}>
            <Input data-testid="apply-name" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('手机号', 'Mobile')}
            rules={[{ required: true }, schemaRule(MobilePhone, t('11位手机号', '11-digit mobile'))]}
          >
            <Input inputMode="tel" maxLength={11} data-testid="apply-phone" />
          </Form.Item>
          <Form.Item name="regionCode" label={t('所在市或县(市、区)', 'City or county')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="apply-region"
              options={(regions.data?.items ?? [])
                .filter((r) => r.level === 'city' || r.level === 'county')
                .map((r) => ({ value: r.code, label: r.name }))}
            />
          </Form.Item>
          <Form.Item name="occupation" label={t('职业', 'Occupation')} rules={[{ required: true }]}>
            <Input data-testid="apply-occupation" />
          </Form.Item>
          <Form.Item name="ageBand" label={t('年龄段', 'Age')}>
            <Select options={AgeBand.options.map((a) => ({ value: a, label: a }))} />
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
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={apply.isPending}
            data-testid="apply-submit"
          >
            {t('提交申请', 'Apply')}
          </Button>
        </Form>
      </Card>
    </PhoneFrame>
  );
}
