import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DIRECTORY_PERMISSIONS as P, type ExpertDraw, type RegionRule } from '@zhicheng/contracts/directory';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { RegionTreePicker } from '../../components/RegionTreePicker';
import { useDraws, useRequestDraw } from './api';
import { DRAW_STATUS, FIELD_OPTIONS, fieldName } from './labels';
import { chinaTime } from '../../app/chinaDay';

interface DrawForm {
  title: string;
  objectId: string;
  regionCode: string;
  field?: string;
  count: number;
  regionRule: RegionRule;
  units?: string;
  companies?: string;
  redrawReason?: string;
}

const parties = (text?: string) =>
  (text ?? '')
    .split(/[\n,,、;;]/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 2)
    .map((name) => ({ name }));

/** Draw records in the caller's regions, and a new draw for a review object (the result only, never the pool). */
export default function DrawsPage() {
  const { t, pick } = useI18n();
  const { can, region } = useAuth();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const [status, setStatus] = useState<string | undefined>();
  // Other modules link here filtered to their draws (assessment: one draw per submission).
  const [params, setParams] = useSearchParams();
  const drawModule = params.get('module') ?? undefined;
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<DrawForm>();
  const draws = useDraws({ status, module: drawModule, page });
  const request = useRequestDraw();

  const submit = async () => {
    const v = await form.validateFields();
    // Irreversible: the seed's hash goes into the audit chain and a repeat needs a reason on record.
    modal.confirm({
      title: t('确认抽取?', 'Draw now?'),
      content: t(
        '抽取不可撤销:随机种子的哈希将先写入审计链,抽取结果与回避记录永久留存;再次抽取须说明原因。',
        'This cannot be undone: the seed’s hash is written to the audit chain first, the result and exclusions are kept, and a repeat needs a reason.',
      ),
      okText: t('抽取', 'Draw'),
      cancelText: t('取消', 'Cancel'),
      onOk: () =>
        request.mutate(
          {
            object: {
              module: 'directory',
              objectType: 'review',
              objectId: v.objectId,
              title: v.title,
              regionCode: v.regionCode,
              units: parties(v.units),
              companies: parties(v.companies),
            },
            quotas: [{ field: (v.field ?? null) as never, count: v.count }],
            regionRule: v.regionRule,
            ...(v.redrawReason ? { redrawReason: v.redrawReason } : {}),
          },
          { onSuccess: (d) => (setOpen(false), form.resetFields(), navigate(`/directory/draws/${d.id}`)) },
        ),
    });
  };

  return (
    <div>
      <PageHeader
        title={t('专家抽取', 'Expert draws')}
        sub={t(
          '按领域与人数随机抽取,自动回避利害关系;经办人只见结果,专家接受后方显示姓名;任何人可凭公开种子复核。',
          'Random by field and number with conflicts excluded; operators see results only, names after acceptance; anyone can re-run a draw from its revealed seed.',
        )}
        extra={
          can(P.drawRequest) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-draw">
              {t('发起抽取', 'New draw')}
            </Button>
          )
        }
      />
      <Card
        extra={
          <Space wrap>
            <Select
              aria-label={t('状态', 'Status')}
              allowClear
              placeholder={t('状态', 'Status')}
              style={{ width: 140 }}
              value={status}
              onChange={(s) => (setStatus(s), setPage(1))}
              options={Object.entries(DRAW_STATUS).map(([value, [zh, en]]) => ({ value, label: t(zh, en) }))}
            />
            <Select
              aria-label={t('模块', 'Module')}
              allowClear
              placeholder={t('模块', 'Module')}
              style={{ width: 140 }}
              value={drawModule}
              onChange={(m) => (setParams(m ? { module: m } : {}), setPage(1))}
              options={['assessment', 'directory', 'scenarios', 'communities'].map((value) => ({
                value,
                label: value,
              }))}
            />
          </Space>
        }
      >
        <Table<ExpertDraw>
          rowKey="id"
          size="small"
          loading={draws.isLoading}
          dataSource={draws.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: draws.data?.total ?? 0, onChange: setPage }}
          columns={[
            {
              title: t('评审对象', 'Object under review'),
              dataIndex: 'title',
              render: (v: string, r) => <Link to={`/directory/draws/${r.id}`}>{v}</Link>,
            },
            { title: t('模块', 'Module'), dataIndex: 'module', width: 110 },
            { title: t('地区', 'Region'), dataIndex: 'regionName', width: 90 },
            {
              title: t('领域 × 人数', 'Field × number'),
              dataIndex: 'quotas',
              render: (qs: ExpertDraw['quotas']) =>
                qs.map((q, i) => <Tag key={i}>{`${fieldName(q.field, pick, t('不限', 'any'))} × ${q.count}`}</Tag>),
            },
            { title: t('第几次', 'Attempt'), dataIndex: 'attempt', width: 80 },
            {
              title: t('状态', 'Status'),
              dataIndex: 'status',
              width: 100,
              render: (s: string) => <Tag color={DRAW_STATUS[s]?.[2]}>{t(DRAW_STATUS[s]![0], DRAW_STATUS[s]![1])}</Tag>,
            },
            {
              title: t('抽取时间', 'Drawn at'),
              dataIndex: 'requestedAt',
              width: 150,
              render: (v: string) => chinaTime(v),
            },
            {
              title: t('公开复核', 'Public record'),
              dataIndex: 'id',
              width: 100,
              render: (v: string) => (
                <a href={`/verify/draw/${v}`} target="_blank" rel="noreferrer">
                  {t('复核页', 'Verify')}
                </a>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={open}
        width={640}
        title={t('发起专家抽取', 'New expert draw')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={t('下一步', 'Next')}
        confirmLoading={request.isPending}
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ count: 3, regionRule: 'same_city', regionCode: region ?? undefined }}
        >
          <Form.Item name="title" label={t('评审事项', 'What is reviewed')} rules={[{ required: true, max: 200 }]}>
            <Input placeholder={t('如:2026年科普体验中心遴选评审', 'e.g. 2026 science centre selection')} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="objectId" label={t('事项编号', 'Reference')} rules={[{ required: true, max: 100 }]}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            {/* By name from the tree, never a typed code (the object's region drives the draw's region rule). */}
            <Form.Item
              name="regionCode"
              label={t('所在地区', 'Region')}
              rules={[{ required: true, message: t('请选择所在地区', 'Choose the region') }]}
            >
              <RegionTreePicker style={{ width: 220 }} data-testid="draw-region" />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="field" label={t('专业领域', 'Field')}>
              <Select allowClear style={{ width: 200 }} placeholder={t('不限', 'Any')} options={FIELD_OPTIONS(pick)} />
            </Form.Item>
            <Form.Item name="count" label={t('人数', 'Number')} rules={[{ required: true }]}>
              <InputNumber min={1} max={20} />
            </Form.Item>
            <Form.Item name="regionRule" label={t('地区回避', 'Region rule')}>
              <Select
                style={{ width: 200 }}
                options={[
                  { value: 'same_city', label: t('回避同市(含区县)', 'Not from the same city') },
                  { value: 'same_county', label: t('回避同区县', 'Not from the same county') },
                  { value: 'none', label: t('不回避地区', 'No region rule') },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="units"
            label={t('相关单位(申报单位、主管单位,逗号分隔)', 'Units on its side (comma-separated)')}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item
            name="companies"
            label={t('相关企业(承建、供货单位,逗号分隔)', 'Companies on its side (comma-separated)')}
          >
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item
            name="redrawReason"
            label={t('重新抽取原因(同一事项再次抽取时必填)', 'Reason for drawing again (when repeating)')}
          >
            <Input />
          </Form.Item>
          <Typography.Text type="secondary">
            {t('经办人看不到专家名单,只看到结果。', 'Operators never see the pool, only the result.')}
          </Typography.Text>
        </Form>
      </Modal>
    </div>
  );
}
