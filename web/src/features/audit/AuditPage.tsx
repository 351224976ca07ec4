import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Input, Space, Table, Tooltip } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ROLE_NAMES, type AuditEvent, type Role } from '@zhicheng/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import { download } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { auditActionName } from './actionNames';
import { exportUrl, useAuditEvents, useVerifyAudit } from './api';
import { findingText, intactText } from './verifyText';

interface Filters {
  action?: string;
  actor?: string;
  objectType?: string;
  objectId?: string;
  range?: [Dayjs, Dayjs];
}

export default function AuditPage() {
  const { t, pick, lang } = useI18n();
  const { modal } = App.useApp();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const params = {
    action: filters.action,
    actor: filters.actor,
    objectType: filters.objectType,
    objectId: filters.objectId,
    from: filters.range?.[0]?.startOf('day').toISOString(),
    to: filters.range?.[1]?.endOf('day').toISOString(),
  };
  const q = useAuditEvents(params, page);
  const verifyChain = useVerifyAudit();

  const verify = () =>
    verifyChain.mutate(undefined, {
      onSuccess: (r) => {
        if (r.ok) modal.success({ title: t('审计链完整', 'Audit chain intact'), content: intactText(r, t) });
        else {
          const findings = r.problems.map((p, i) => <li key={i}>{findingText(p, t)}</li>);
          const content = <ul data-testid="audit-problems">{findings}</ul>;
          modal.error({ title: t('审计链已被破坏', 'Audit chain broken'), content });
        }
      },
    });

  return (
    <div>
      <PageHeader
        title={t('审计日志', 'Audit trail')}
        sub={t(
          '所有用户操作只增不改、哈希链式存储,不含口令与个人信息',
          'Every change by a user, append-only and hash-chained; no passwords or personal data',
        )}
        extra={
          <>
            <Button
              icon={<SafetyCertificateOutlined />}
              onClick={verify}
              loading={verifyChain.isPending}
              data-testid="audit-verify"
            >
              {t('校验完整性', 'Verify chain')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void download(exportUrl(params), 'audit.xlsx')}>
              {t('导出 Excel', 'Export Excel')}
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form
          layout="inline"
          onFinish={(v: Filters) => {
            setFilters(v);
            setPage({ ...page, page: 1 });
          }}
        >
          <Form.Item name="action" label={t('操作', 'Action')}>
            <Input allowClear placeholder="identity.login" />
          </Form.Item>
          <Form.Item name="actor" label={t('操作人', 'Actor')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="objectType" label={t('对象类型', 'Object type')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="range" label={t('时间', 'Time')}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t('查询', 'Search')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <Table<AuditEvent>
          data-testid="audit-table"
          size="small"
          rowKey="seq"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: q.data?.total ?? 0,
            showTotal: (n) => t(`共 ${n} 条`, `${n} in all`),
            onChange: (p, s) => setPage({ page: p, pageSize: s }),
          }}
          columns={[
            { title: '#', dataIndex: 'seq', width: 70 },
            {
              title: t('时间', 'Time'),
              dataIndex: 'at',
              width: 180,
              // One date format for everyone (2026-11-30 14:05:07), not the browser's locale.
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
            },
            {
              title: t('操作人', 'Actor'),
              dataIndex: 'actorUsername',
              width: 140,
              render: (v: string | null) => v ?? <i>{t('系统/匿名', 'system/anonymous')}</i>,
            },
            {
              title: t('角色', 'Role'),
              dataIndex: 'actorRole',
              width: 160,
              render: (v: string | null) => (v && v in ROLE_NAMES ? pick(ROLE_NAMES[v as Role]) : v),
            },
            { title: t('区划', 'Region'), dataIndex: 'actorRegion', width: 90 },
            {
              title: t('操作', 'Action'),
              dataIndex: 'action',
              render: (v: string) => <Tooltip title={v}>{auditActionName(v, lang)}</Tooltip>,
            },
            {
              title: t('对象', 'Object'),
              render: (_, r) => `${r.objectType}${r.objectId ? ` · ${r.objectId.slice(0, 8)}` : ''}`,
            },
            {
              title: t('请求', 'Request'),
              dataIndex: 'requestId',
              width: 100,
              render: (v: string | null) => <Tooltip title={v}>{v?.slice(0, 8)}</Tooltip>,
            },
            {
              title: t('链哈希', 'Hash'),
              dataIndex: 'hash',
              width: 100,
              render: (v: string) => (
                <Tooltip title={v}>
                  <code>{v.slice(0, 10)}</code>
                </Tooltip>
              ),
            },
          ]}
        />
      </Card>
      <Space />
    </div>
  );
}
