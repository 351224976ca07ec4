import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_NAMES, type Organisation, type Region, type Role, type UserSummary } from '@zhicheng/contracts';
import { api, qs } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { problemText } from '../../components/problem';

export function UsersPage() {
  const { t, pick, lang } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const users = useQuery({ queryKey: ['users', search], queryFn: () => api.get<{ items: UserSummary[] }>(`/api/v1/identity/users${qs({ q: search })}`) });
  const orgs = useQuery({ queryKey: ['orgs'], queryFn: () => api.get<{ items: Organisation[] }>('/api/v1/identity/organisations') });
  const regions = useQuery({ queryKey: ['regions', 'all-admin'], queryFn: () => api.get<{ items: Region[] }>('/api/v1/regions?parent=370000&descendants=true') });

  const create = async () => {
    const v = await form.validateFields();
    try {
      await api.post('/api/v1/identity/users', { ...v, roles: [{ role: v.role, regionCode: v.regionCode }] });
      message.success(t('已创建', 'Created'));
      setCreating(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };

  const unlock = async (id: string) => {
    try {
      await api.post(`/api/v1/identity/users/${id}/unlock`);
      message.success(t('已解锁', 'Unlocked'));
      void qc.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      message.error(problemText(e, lang));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('用户与角色', 'Users and roles')}
        sub={t('系统管理员、安全管理员、审计管理员三员分立;角色绑定到区划', 'System, security and audit admins are separate people; roles are bound to regions')}
        extra={can('identity.users.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('新建用户', 'New user')}</Button>}
      />
      <Card extra={<Input.Search allowClear placeholder={t('用户名或姓名', 'Username or name')} onSearch={setSearch} style={{ width: 240 }} />}>
        <Table<UserSummary>
          rowKey="id"
          size="small"
          loading={users.isLoading}
          dataSource={users.data?.items ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: t('用户名', 'Username'), dataIndex: 'username' },
            { title: t('姓名', 'Name'), dataIndex: 'displayName' },
            { title: t('单位', 'Organisation'), dataIndex: 'organisationName' },
            { title: t('角色', 'Roles'), render: (_, u) => u.roles.map((r) => <Tag key={r.role + r.regionCode} color="blue">{r.regionName} · {pick(ROLE_NAMES[r.role])}</Tag>) },
            { title: t('状态', 'Status'), render: (_, u) => (u.lockedUntil ? <Tag color="red">{t('已锁定', 'Locked')}</Tag> : <Tag color="green">{t('正常', 'Active')}</Tag>) },
            {
              title: t('操作', 'Actions'),
              render: (_, u) => (
                <Space>{u.lockedUntil && can('identity.users.unlock') && <Button size="small" icon={<UnlockOutlined />} onClick={() => void unlock(u.id)}>{t('解锁', 'Unlock')}</Button>}</Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal open={creating} title={t('新建用户', 'New user')} onCancel={() => setCreating(false)} onOk={() => void create()} okText={t('创建', 'Create')} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="username" label={t('用户名', 'Username')} rules={[{ required: true, pattern: /^[a-z0-9_.-]{3,64}$/, message: t('3–64位小写字母、数字、_ . -', '3–64 lowercase letters, digits, _ . -') }]}><Input /></Form.Item>
          <Form.Item name="displayName" label={t('姓名', 'Name')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="organisationId" label={t('单位', 'Organisation')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Form.Item name="role" label={t('角色', 'Role')} rules={[{ required: true }]}>
            <Select options={(Object.keys(ROLE_NAMES) as Role[]).map((r) => ({ value: r, label: pick(ROLE_NAMES[r]) }))} />
          </Form.Item>
          <Form.Item name="regionCode" label={t('区划', 'Region')} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={[{ value: '370000', label: '山东省' }, ...(regions.data?.items ?? []).filter((r) => r.level === 'city' || r.level === 'county').map((r) => ({ value: r.code, label: `${r.name} ${r.code}` }))]} />
          </Form.Item>
          <Form.Item name="password" label={t('初始密码', 'Initial password')} rules={[{ required: true, min: 12, message: t('至少12位,含三类字符', 'At least 12 characters of three classes') }]}><Input.Password /></Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
