import { useEffect } from 'react';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import type { OpenCampaignRequest } from '@zhicheng/contracts/assessment';
import { useI18n } from '../../../app/i18n';
import { useCatalogue, useCatalogues, useOpenCampaign } from '../api';

/** Opening the year's campaign: catalogues, the indicators open to co-evaluation, experts and notice days. */
export function OpenCampaignModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Omit<OpenCampaignRequest, 'deadlines'>>();
  const cats = useCatalogues();
  const openCampaign = useOpenCampaign();
  const catOptions = (level: string) =>
    (cats.data?.items ?? [])
      .filter((c) => c.level === level)
      .map((c) => ({ value: c.id, label: `${c.name} v${c.version}` }));
  // 监督共评 indicators: chosen from the selected catalogues, by default the ones the server proposes for each.
  const cityCatId = Form.useWatch('cityCatalogueId', form) as string | null | undefined;
  const countyCatId = Form.useWatch('countyCatalogueId', form) as string | null | undefined;
  const cityCat = useCatalogue(open ? cityCatId : null);
  const countyCat = useCatalogue(open ? countyCatId : null);
  const chosen = [cityCatId ? cityCat.data : undefined, countyCatId ? countyCat.data : undefined].filter((c) => !!c);
  const options = chosen.flatMap((c) =>
    c.indicators
      .filter((i) => !i.bonusPoints)
      .map((i) => ({ value: i.code, label: `${i.code} ${i.name}(${i.domain})` })),
  );
  const defaults = [...new Set(chosen.flatMap((c) => c.coEvaluationDefault))].join(',');
  useEffect(() => {
    if (open && !form.isFieldTouched('coEvaluationIndicators'))
      form.setFieldValue('coEvaluationIndicators', defaults ? defaults.split(',') : []);
  }, [open, defaults, form]);

  const submit = async () => {
    const v = await form.validateFields();
    // Untouched, the choice is the server's default, which it applies itself (even before the catalogues load here).
    if (!form.isFieldTouched('coEvaluationIndicators')) delete v.coEvaluationIndicators;
    openCampaign.mutate(v, { onSuccess: onClose });
  };

  return (
    <Modal
      open={open}
      title={t('开启年度评估', 'Open a campaign')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={openCampaign.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          year: new Date().getFullYear(),
          expertsPerSubmission: 3,
          noticeDays: 7,
          cityCatalogueId: catOptions('city')[0]?.value ?? null,
          countyCatalogueId: catOptions('county')[0]?.value ?? null,
        }}
      >
        <Form.Item name="year" label={t('年度', 'Year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="cityCatalogueId" label={t('城市指标体系', 'City catalogue')}>
          <Select allowClear options={catOptions('city')} />
        </Form.Item>
        <Form.Item name="countyCatalogueId" label={t('县级指标体系', 'County catalogue')}>
          <Select allowClear options={catOptions('county')} />
        </Form.Item>
        <Form.Item
          name="coEvaluationIndicators"
          label={t('监督共评指标(默认:数字惠民)', 'Co-evaluation indicators (default: 数字惠民, citizen services)')}
          extra={t(
            '市民监督员与媒体仅可核验这些指标',
            'Citizen supervisors and media can verify only these indicators',
          )}
        >
          <Select
            mode="multiple"
            allowClear
            optionFilterProp="label"
            maxTagCount="responsive"
            options={options}
            data-testid="coeval-indicators-select"
          />
        </Form.Item>
        <Form.Item name="expertsPerSubmission" label={t('每份抽取专家数', 'Experts per submission')}>
          <InputNumber min={1} max={9} />
        </Form.Item>
        <Form.Item name="noticeDays" label={t('公示天数', 'Notice days')}>
          <InputNumber min={0} max={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
