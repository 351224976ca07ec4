import { useState } from 'react';
import { useScrollRegions } from '../../components/useScrollRegions';
import { Link } from 'react-router';
import {
  Alert,
  Badge,
  Button,
  Card,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import {
  CITY_BRAIN_PERMISSIONS as P,
  type IssuedCredentials,
  type LinkStatus,
  type SubPlatform,
  type SubPlatformKind,
} from '@zhicheng/contracts/city-brain';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader, SampleTag } from '../../components/PageHeader';
import { useIssueCredentials, useSubPlatforms } from './api';
import { DOWN_LABEL, KIND_LABEL, STATUS_LABEL, UP_LABEL } from './labels';
import { SubPlatformForm } from './SubPlatformForm';
import { chinaTime } from '../../app/chinaDay';

const time = (v: string | null) => chinaTime(v, true);

/** 子平台接入登记: every city brain and domain platform, its owner, its key and its link. */
export default function RegistryPage() {
  const { t, pick, lang } = useI18n();
  const tableArea = useScrollRegions<HTMLDivElement>(t('子平台列表', 'Sub-platforms'));
  const { can } = useAuth();
  const [q, setQ] = useState<string>();
  const [kind, setKind] = useState<SubPlatformKind>();
  const [status, setStatus] = useState<LinkStatus>();
  const [page, setPage] = useState(1);
  const [form, setForm] = useState<{ editing?: SubPlatform } | null>(null);
  const [issued, setIssued] = useState<IssuedCredentials | null>(null);
  const list = useSubPlatforms({ q, kind, status, page });
  const issue = useIssueCredentials();
  const manage = can(P.manage);

  return (
    <div>
      <PageHeader
        title={t('子平台接入登记', 'Sub-platform registry')}
        sub={t(
          '16市城市大脑与省级领域子平台:责任单位、联系人、接入密钥、收发内容与连接状态',
          'City brains and domain platforms: owner, contact, key, message kinds and link',
        )}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({})}>
              {t('登记子平台', 'Register')}
            </Button>
          )
        }
      />
      <Card
        extra={
          <Space wrap>
            <Select
              aria-label={t('类型', 'Kind')}
              allowClear
              placeholder={t('类型', 'Kind')}
              style={{ width: 140 }}
              value={kind}
              onChange={(v) => (setKind(v), setPage(1))}
              options={(['city_brain', 'domain'] as const).map((k) => ({ value: k, label: pick(KIND_LABEL[k]) }))}
            />
            <Select
              aria-label={t('连接状态', 'Link')}
              allowClear
              placeholder={t('连接状态', 'Link')}
              style={{ width: 140 }}
              value={status}
              onChange={(v) => (setStatus(v), setPage(1))}
              options={(['online', 'stale', 'offline', 'never'] as const).map((s) => ({
                value: s,
                label: pick(STATUS_LABEL[s]),
              }))}
            />
            <Input.Search
              allowClear
              placeholder={t('名称、编码、单位、领域', 'Name, code, owner, domain')}
              onSearch={(v) => (setQ(v || undefined), setPage(1))}
              style={{ width: 240 }}
            />
          </Space>
        }
      >
        <div ref={tableArea}>
          <Table<SubPlatform>
            rowKey="id"
            size="small"
            scroll={{ x: 1200 }}
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
            columns={[
              {
                title: t('子平台', 'Sub-platform'),
                dataIndex: 'name',
                fixed: 'left',
                render: (v: string, r) => (
                  <Space direction="vertical" size={0}>
                    <span>
                      {r.kind === 'city_brain' ? <Link to={`/city-brain/cities/${r.id}`}>{v}</Link> : v}{' '}
                      {r.demo && <SampleTag en={lang === 'en'} />}
                    </span>
                    <Typography.Text type="secondary" code>
                      {r.code}
                    </Typography.Text>
                  </Space>
                ),
              },
              {
                title: t('类型', 'Kind'),
                dataIndex: 'kind',
                render: (k: SubPlatformKind, r) => (
                  <Tag color={k === 'city_brain' ? 'blue' : 'purple'}>
                    {k === 'domain' && r.domain ? r.domain : pick(KIND_LABEL[k])}
                  </Tag>
                ),
              },
              { title: t('区划', 'Region'), dataIndex: 'regionName' },
              { title: t('责任单位', 'Owner'), dataIndex: 'ownerUnit' },
              {
                title: t('联系人', 'Contact'),
                render: (_, r) => `${r.contactName} ${r.contactPhone}`,
              },
              {
                title: t('连接', 'Link'),
                render: (_, r) => {
                  const s = STATUS_LABEL[r.link.status];
                  return (
                    <Tooltip title={`${t('最近心跳', 'Last heartbeat')}: ${time(r.link.lastHeartbeatAt)}`}>
                      <Badge status={s.color as 'success'} text={pick(s)} />
                    </Tooltip>
                  );
                },
              },
              { title: t('连接起始', 'Connected since'), render: (_, r) => time(r.link.connectedSince) },
              {
                title: t('速率(条/分)', 'Rate (msg/min)'),
                render: (_, r) => `↑${r.link.upPerMinute} ↓${r.link.downPerMinute}`,
              },
              {
                title: t('延迟', 'Lag'),
                render: (_, r) => (r.link.lagSeconds === null ? '—' : `${r.link.lagSeconds} s`),
              },
              {
                title: t('收发内容', 'Messages'),
                render: (_, r) => (
                  <Space size={2} wrap>
                    {r.publishes.map((k) => (
                      <Tag key={k}>↑{pick(UP_LABEL[k])}</Tag>
                    ))}
                    {r.receives.map((k) => (
                      <Tag key={k} color="geekblue">
                        ↓{pick(DOWN_LABEL[k])}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('接入凭据', 'Login'),
                render: (_, r) =>
                  r.credentials ? (
                    <Tooltip title={`${t('签发于', 'Issued')} ${time(r.credentials.issuedAt)}`}>
                      <Typography.Text code>{r.credentials.user}</Typography.Text>
                    </Tooltip>
                  ) : (
                    <Typography.Text type="secondary">{t('未签发', 'None')}</Typography.Text>
                  ),
              },
              ...(manage
                ? [
                    {
                      title: t('操作', 'Actions'),
                      fixed: 'right' as const,
                      render: (_: unknown, r: SubPlatform) => (
                        <Space>
                          <Button size="small" onClick={() => setForm({ editing: r })}>
                            {t('编辑', 'Edit')}
                          </Button>
                          <Popconfirm
                            title={
                              r.credentials
                                ? t(
                                    '签发新凭据后旧密码立即失效,确定吗?',
                                    'The old password stops working at once. Continue?',
                                  )
                                : t('签发接入凭据?', 'Issue a login?')
                            }
                            onConfirm={() => issue.mutate(r.id, { onSuccess: setIssued })}
                          >
                            <Button size="small" icon={<KeyOutlined />}>
                              {r.credentials ? t('重新签发', 'Re-issue') : t('签发凭据', 'Issue login')}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      </Card>
      {form && <SubPlatformForm editing={form.editing} onClose={() => setForm(null)} />}
      <Modal
        open={!!issued}
        title={t('接入凭据(仅显示一次)', 'Login (shown once)')}
        onCancel={() => setIssued(null)}
        footer={<Button onClick={() => setIssued(null)}>{t('我已妥善保存', 'I have stored it')}</Button>}
      >
        {issued && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type="warning"
              showIcon
              message={t(
                '密码只显示这一次,平台只保存其哈希;请交给子平台运维人员配置到其 NATS 叶子节点。',
                'The password is shown this once; the hub keeps only its hash. Give it to the sub-platform’s operators for their NATS leaf node.',
              )}
            />
            <Typography.Text strong>{t('用户名', 'User')}</Typography.Text>
            <Typography.Paragraph code copyable>
              {issued.user}
            </Typography.Paragraph>
            <Typography.Text strong>{t('密码', 'Password')}</Typography.Text>
            <Typography.Paragraph code copyable data-testid="issued-password">
              {issued.password}
            </Typography.Paragraph>
            <Typography.Text strong>{t('叶子节点接入', 'Leaf node')}</Typography.Text>
            <Typography.Paragraph>
              {t('省平台地址', 'Hub')}:{' '}
              <Typography.Text code>{issued.leafUrl ?? t('(由部署确定)', '(per deployment)')}</Typography.Text>
              <br />
              {t('本地 JetStream 域', 'Own JetStream domain')}:{' '}
              <Typography.Text code>{issued.jetStreamDomain}</Typography.Text>
              <br />
              {t('本地流', 'Own streams')}: <Typography.Text code>CITY_UP</Typography.Text>{' '}
              <Typography.Text code>CITY_DOWN</Typography.Text>
            </Typography.Paragraph>
            <Typography.Text strong>{t('权限(仅本平台主题)', 'Permissions (its own subjects only)')}</Typography.Text>
            <Typography.Paragraph>
              {t('上行', 'Up')}: <Typography.Text code>{issued.subjects.publish.join(' ')}</Typography.Text>
              <br />
              {t('下行', 'Down')}: <Typography.Text code>{issued.subjects.subscribe.join(' ')}</Typography.Text>
            </Typography.Paragraph>
          </Space>
        )}
      </Modal>
    </div>
  );
}
