import { useEffect, useMemo } from 'react';
import { DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { CaseInputRaw, ScenarioCase } from '@zhicheng/contracts/scenarios';
import { useI18n } from '../../app/i18n';
import { useTaxonomy } from './api';

interface Values extends Omit<CaseInputRaw, 'goLive' | 'investmentFen' | 'savingsFen'> {
  goLive?: Dayjs | null;
  /** 万元 in the form; fen on the wire. */
  investmentWan?: number;
  savingsWan?: number;
}

/** Files or edits a case: the fields of the contract, amounts in 万元 as officials write them. */
export default function CaseForm(props: {
  open: boolean;
  regionCode: string;
  initial?: ScenarioCase;
  saving: boolean;
  onCancel(): void;
  onSave(input: CaseInputRaw): void;
}) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const taxonomy = useTaxonomy();
  const domain = Form.useWatch('domain', form);
  const terms = useMemo(() => taxonomy.data?.items.filter((i) => i.active) ?? [], [taxonomy.data]);
  const name = (i: { zh: string; en: string }) => (lang === 'zh' ? i.zh : i.en);

  useEffect(() => {
    if (!props.open) return;
    const c = props.initial;
    form.setFieldsValue(
      c
        ? {
            ...c,
            goLive: c.goLive ? dayjs(c.goLive) : null,
            investmentWan: c.investmentFen / 1_000_000,
            savingsWan: c.savingsFen / 1_000_000,
          }
        : { tags: [], usersServed: 0, monthlyUsage: 0 },
    );
  }, [props.open, props.initial, form]);

  const save = async () => {
    const v = await form.validateFields();
    const { goLive, investmentWan, savingsWan, ...rest } = v;
    props.onSave({
      ...rest,
      regionCode: props.regionCode,
      goLive: goLive ? goLive.format('YYYY-MM-DD') : null,
      investmentFen: Math.round((investmentWan ?? 0) * 1_000_000),
      savingsFen: Math.round((savingsWan ?? 0) * 1_000_000),
    });
  };

  return (
    <Modal
      open={props.open}
      width={760}
      title={props.initial ? t('编辑案例', 'Edit case') : t('填报案例', 'File a case')}
      okText={t('保存', 'Save')}
      onOk={() => void save()}
      onCancel={props.onCancel}
      confirmLoading={props.saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark="optional">
        <Form.Item name="title" label={t('案例名称', 'Title')} rules={[{ required: true, min: 4, max: 80 }]}>
          <Input placeholder={t('如:历下区智慧停车一张网', 'e.g. One parking network for Lixia')} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="domain" label={t('领域', 'Domain')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select
              options={terms.filter((i) => i.kind === 'domain').map((i) => ({ value: i.code, label: name(i) }))}
              onChange={() => form.setFieldValue('category', undefined)}
            />
          </Form.Item>
          <Form.Item name="category" label={t('子类', 'Sub-category')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select
              options={terms
                .filter((i) => i.kind === 'category' && i.parent === domain)
                .map((i) => ({ value: i.code, label: name(i) }))}
            />
          </Form.Item>
          <Form.Item
            name="operatingModel"
            label={t('运营模式', 'Operating model')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <Select
              options={terms
                .filter((i) => i.kind === 'operating_model')
                .map((i) => ({ value: i.code, label: name(i) }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="summary" label={t('案例简介', 'Summary')} rules={[{ required: true, min: 10, max: 500 }]}>
          <Input.TextArea rows={2} showCount maxLength={500} />
        </Form.Item>
        <Form.Item name="problem" label={t('解决的问题', 'Problem')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="approach" label={t('主要做法', 'Approach')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="results" label={t('应用成效', 'Results')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="usersServed" label={t('服务人数', 'People served')}>
            <InputNumber min={0} precision={0} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="monthlyUsage" label={t('月使用量', 'Monthly uses')}>
            <InputNumber min={0} precision={0} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="savingsWan" label={t('年节约(万元)', 'Savings/yr (10k yuan)')}>
            <InputNumber min={0} precision={2} style={{ width: 150 }} />
          </Form.Item>
          <Form.Item name="investmentWan" label={t('投资(万元)', 'Investment (10k yuan)')}>
            <InputNumber min={0} precision={2} style={{ width: 150 }} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="investmentSource" label={t('资金来源', 'Funding source')} rules={[{ max: 200 }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="goLive" label={t('上线时间', 'Go-live')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="responsibleUnit" label={t('责任单位', 'Responsible unit')} rules={[{ max: 100 }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="builder" label={t('建设单位', 'Builder')} rules={[{ max: 100 }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        </div>
        <Form.Item name="operatingNote" label={t('长效运营说明', 'How it keeps running')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="tags" label={t('标签', 'Tags')}>
          <Select mode="tags" maxCount={10} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
