import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  COMMUNITIES_PERMISSIONS as P,
  COMMUNITY_METRICS,
  type IngestToken,
  type RollupRow,
} from '@zhicheng/contracts/communities';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { download } from '../../api/client';
import { useImportErrors } from '../../components/ImportErrorsTable';
import { SampleTag } from '../../components/PageHeader';
import { figuresTemplateUrl, useCreateToken, useImportFigures, useRevokeToken, useRollup, useTokens } from './api';
import { chinaTime } from '../../app/chinaDay';

const SHOWN = [
  'services_delivered',
  'residents_served',
  'work_orders',
  'work_orders_closed',
  'elderly_care_visits',
  'devices_online',
] as const;

/** The monthly report sheet's headers by key, as the template writes them. */
const SHEET_HEADERS: Record<string, string> = {
  communityCode: '社区代码',
  month: '月份',
  ...Object.fromEntries(Object.entries(COMMUNITY_METRICS).map(([k, m]) => [k, `${m.zh}(${m.unit})`])),
};

function Freshness({ days }: { days: number | null }) {
  const { t } = useI18n();
  if (days === null) return <Tag>{t('无数据', 'no data')}</Tag>;
  const color = days <= 35 ? 'green' : days <= 70 ? 'orange' : 'red';
  return <Tag color={color}>{t(`${days}天前`, `${days} d ago`)}</Tag>;
}

/** Data upward: figures rolled up below the region with freshness, forms saved, and the systems' access tokens. */
export function DataTab({ root }: { root: string }) {
  const { t, pick } = useI18n();
  const { can } = useAuth();
  const rollup = useRollup(root);
  const r = rollup.data;
  if (!r) return <Card loading={rollup.isLoading} />;
  const forms = r.formsSaved;
  const all = forms.api + forms.excel + forms.form;
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={
                <>
                  {t('免填报表(接口推送的月报)', 'Forms saved (monthly reports by API)')} {r.demo && <SampleTag />}
                </>
              }
              value={forms.api}
              suffix={<small>/ {all}</small>}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('手工填报 / Excel 导入月报', 'Reports keyed by hand / imported from Excel')}
              value={forms.form}
              suffix={<small data-testid="excel-count">/ Excel {forms.excel}</small>}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('报送社区 / 已登记', 'Reporting / registered')}
              value={r.total.reporting}
              suffix={<small>/ {r.total.registered}</small>}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Typography.Text type="secondary">{t('最新数据', 'Newest data')}</Typography.Text>
            <div>
              <Freshness days={r.total.ageDays} />
            </div>
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={t(`逐级汇总 ${r.from} 至 ${r.to}`, `Roll-up ${r.from} to ${r.to}`)}
      >
        <Table<RollupRow>
          rowKey="regionCode"
          size="small"
          dataSource={r.children}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          scroll={{ x: 900 }}
          columns={[
            { title: t('区域', 'Region'), dataIndex: 'regionName' },
            ...SHOWN.map((m) => ({
              title: `${pick(COMMUNITY_METRICS[m])}(${COMMUNITY_METRICS[m].unit})`,
              render: (_: unknown, x: RollupRow) => Math.round(x.values[m] ?? 0).toLocaleString(),
            })),
            {
              title: t('报送/登记', 'Reporting'),
              render: (_: unknown, x: RollupRow) => `${x.reporting}/${x.registered}`,
            },
            { title: t('新鲜度', 'Freshness'), render: (_: unknown, x: RollupRow) => <Freshness days={x.ageDays} /> },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t(
            '累计类指标按月相加;在线设备等状态类指标取区间末月。社区系统通过 POST /api/v1/communities/ingest(Bearer 令牌)推送月报,县市平台以同一接口 GET 拉取辖区数据;接口文档见 /api/docs。',
            'Totals add up over months; states such as devices online take the window’s last month. Community systems push monthly reports to POST /api/v1/communities/ingest (Bearer token); county and city platforms pull their subtree with GET on the same path; see /api/docs.',
          )}
        </Typography.Paragraph>
      </Card>
      {can(P.selfReport) && <ExcelCard region={root} />}
      {can(P.selfReport) && <TokensCard region={root} />}
    </>
  );
}

/** Monthly reports by Excel for communities whose system cannot push yet: the template, then the filled-in sheet. */
function ExcelCard({ region }: { region: string }) {
  const { t } = useI18n();
  const importFigures = useImportFigures();
  const showImportErrors = useImportErrors();
  return (
    <Card size="small" style={{ marginTop: 12 }} title={t('Excel 报送月报', 'Monthly reports by Excel')}>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void download(figuresTemplateUrl(region), `社区月报-${region}.xlsx`)}
        >
          {t('下载月报模板', 'Download the template')}
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(f) => {
            importFigures.mutate(f, {
              // Name the column as the sheet does (服务居民(人次)), not by its key.
              onSuccess: (r) =>
                r.errors.length &&
                showImportErrors(r.errors.map((e) => ({ ...e, field: SHEET_HEADERS[e.field] ?? e.field }))),
            });
            return false;
          }}
        >
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={importFigures.isPending}
            data-testid="import-figures"
          >
            {t('导入月报', 'Import reports')}
          </Button>
        </Upload>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t(
          '模板已列出本辖区社区和上月月份;填好后整表导入,任何一行有误则整表不写入,并逐行列出问题。尚未联网的社区用此方式报送,计入“Excel 导入”。',
          'The template lists the region’s communities for last month; the filled-in sheet is imported whole — if any row is wrong nothing is written and every problem is listed by row. For communities not yet connected; counted as Excel imports.',
        )}
      </Typography.Paragraph>
    </Card>
  );
}

function TokensCard({ region }: { region: string }) {
  const { t } = useI18n();
  const tokens = useTokens(region, true);
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      title={t('系统接入令牌(联网对接)', 'System access tokens')}
      extra={
        <Button type="primary" onClick={() => setOpen(true)}>
          {t('生成令牌', 'Issue token')}
        </Button>
      }
    >
      <Table<IngestToken>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={tokens.data ?? []}
        columns={[
          { title: t('系统', 'System'), dataIndex: 'name' },
          { title: t('区域', 'Region'), dataIndex: 'regionName' },
          {
            title: t('最近使用', 'Last used'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => chinaTime(v),
          },
          {
            title: t('状态', 'Status'),
            render: (_: unknown, x) =>
              x.revokedAt ? (
                <Tag>{t('已吊销', 'Revoked')}</Tag>
              ) : (
                <Popconfirm
                  title={t('吊销后该系统将无法推送,确定?', 'The system can no longer push. Revoke?')}
                  onConfirm={() => revoke.mutate(x.id)}
                >
                  <Button size="small" danger>
                    {t('吊销', 'Revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('生成接入令牌', 'Issue an access token')}
        onCancel={() => (setOpen(false), setSecret(null))}
        footer={secret ? null : undefined}
        onOk={() =>
          void form
            .validateFields()
            .then((v) => create.mutate({ regionCode: region, name: v.name }, { onSuccess: (r) => setSecret(r.token) }))
        }
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        {secret ? (
          <Alert
            type="success"
            message={t(
              '令牌只显示这一次,请立即配置到社区系统中',
              'The token is shown once: configure it in the system now',
            )}
            description={
              <Typography.Text copyable code data-testid="new-token">
                {secret}
              </Typography.Text>
            }
          />
        ) : (
          <Form form={form} layout="vertical">
            <Form.Item name="name" label={t('接入系统名称', 'System name')} rules={[{ required: true, max: 100 }]}>
              <Input placeholder={t('如:社区智慧安防平台', 'e.g. community security platform')} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
