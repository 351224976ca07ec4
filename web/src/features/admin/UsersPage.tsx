import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect } from 'antd';
import { PlusOutlined, SafetyCertificateOutlined, UnlockOutlined } from '@ant-design/icons';
import {
  IDENTITY_PERMISSIONS,
  ROLE_NAMES,
  roleConflict,
  SEPARATED_ADMIN_ROLES,
  type CreateUserRequest,
  type Role,
  type RoleGrant,
  type UserSummary,
} from '@zhicheng/contracts';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useCreateUser, useOrganisations, useSetRoles, useUnlock, useUsers } from './api';
import { AccountActions } from './users/AccountActions';
import { OrganisationsCard } from './users/OrganisationsCard';
import { useRegionTree } from './users/regionTree';

export default function UsersPage() {
  const { t, pick } = useI18n();
  const { can, me } = useAuth();
  const { message } = App.useApp();
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<UserSummary | null>(null);
  const [form] = Form.useForm<CreateUserRequest>();
  const [rolesForm] = Form.useForm<{ grants: RoleGrant[] }>();
  const users = useUsers(search);
  const orgs = useOrganisations();
  const regionTree = useRegionTree();
  const createUser = useCreateUser();
  const setRoles = useSetRoles();
  const unlockUser = useUnlock();

  const create = async () => {
    const v = await form.validateFields();
    createUser.mutate(v, { onSuccess: () => (setCreating(false), form.resetFields()) });
  };

  const openGrant = (u: UserSummary) => {
    setGranting(u);
    rolesForm.setFieldsValue({ grants: u.roles.map((r) => ({ role: r.role, regionCode: r.regionCode })) });
  };

  const saveRoles = async () => {
    if (!granting) return;
    const { grants = [] } = await rolesForm.validateFields();
    // The same rule the server applies, from the shared contract, so the official sees it before sending.
    const conflict = roleConflict(grants.map((g) => g.role));
    if (conflict) return void message.error(pick(conflict));
    setRoles.mutate({ id: granting.id, roles: grants }, { onSuccess: () => setGranting(null) });
  };

  // Admin roles come only from the command line; the security admin grants business roles.
  const grantable = (Object.keys(ROLE_NAMES) as Role[]).filter((r) => !SEPARATED_ADMIN_ROLES.includes(r));

  return (
    <div>
      <PageHeader
        title={t('用户与角色', 'Users and roles')}
        sub={t(
          '三员分立:系统管理员创建账号,安全管理员授予角色,审计管理员查看审计;管理员账号只能由命令行创建',
          'Separation of duties: the system admin creates accounts, the security admin grants roles, the audit admin reads the audit trail; admin accounts come only from the command line',
        )}
        extra={
          can('identity.users.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('新建用户', 'New user')}
            </Button>
          )
        }
      />
      <Card
        extra={
          <Input.Search
            allowClear
            placeholder={t('用户名或姓名', 'Username or name')}
            onSearch={setSearch}
            style={{ width: 240 }}
          />
        }
      >
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
            {
              title: t('角色', 'Roles'),
              render: (_, u) =>
                u.roles.length ? (
                  u.roles.map((r) => (
                    <Tag key={r.role + r.regionCode} color="blue">
                      {r.regionName} · {pick(ROLE_NAMES[r.role])}
                    </Tag>
                  ))
                ) : (
                  <Tag>{t('待授予角色', 'No role yet')}</Tag>
                ),
            },
            {
              title: t('状态', 'Status'),
              render: (_, u) => (
                <Space size={2} wrap>
                  {u.status === 'disabled' ? (
                    <Tag color="default">{t('已停用', 'Disabled')}</Tag>
                  ) : u.lockedUntil ? (
                    <Tag color="red">{t('登录受限', 'Sign-in held back')}</Tag>
                  ) : (
                    <Tag color="green">{t('正常', 'Active')}</Tag>
                  )}
                  {u.mustChangePassword && <Tag color="orange">{t('待改一次性密码', 'One-time password')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('操作', 'Actions'),
              width: 420,
              render: (_, u) => (
                <Space wrap size={4}>
                  {can(IDENTITY_PERMISSIONS.usersManage) && !u.admin && u.id !== me?.id && <AccountActions user={u} />}
                  {can(IDENTITY_PERMISSIONS.rolesGrant) &&
                    !u.roles.some((r) => SEPARATED_ADMIN_ROLES.includes(r.role)) && (
                      <Button size="small" icon={<SafetyCertificateOutlined />} onClick={() => openGrant(u)}>
                        {t('设置角色', 'Set roles')}
                      </Button>
                    )}
                  {u.lockedUntil && can(IDENTITY_PERMISSIONS.usersUnlock) && (
                    <Button size="small" icon={<UnlockOutlined />} onClick={() => unlockUser.mutate(u.id)}>
                      {t('解除限制', 'Lift hold')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <div style={{ height: 16 }} />
      <OrganisationsCard />
      <Modal
        open={creating}
        title={t('新建用户', 'New user')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okText={t('创建', 'Create')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="username"
            label={t('用户名', 'Username')}
            rules={[
              {
                required: true,
                pattern: /^[a-z0-9_.-]{3,64}$/,
                message: t('3–64位小写字母、数字、_ . -', '3–64 lowercase letters, digits, _ . -'),
              },
            ]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="displayName" label={t('姓名', 'Name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="organisationId" label={t('单位', 'Organisation')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('初始密码', 'Initial password')}
            extra={t('一次性密码:对方首次登录时须修改', 'A one-time password: changed at the first sign-in')}
            rules={[
              { required: true, min: 12, message: t('至少12位,含三类字符', 'At least 12 characters of three classes') },
            ]}
          >
            <Input.Password />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!granting}
        title={`${t('设置角色', 'Set roles')} · ${granting?.displayName ?? ''}`}
        onCancel={() => setGranting(null)}
        onOk={() => void saveRoles()}
        okText={t('保存', 'Save')}
        destroyOnHidden
      >
        <Form form={rolesForm} layout="vertical">
          <Form.List name="grants">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'role']} label={t('角色', 'Role')} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 160 }}
                        options={grantable.map((r) => ({ value: r, label: pick(ROLE_NAMES[r]) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'regionCode']} label={t('区划', 'Region')} rules={[{ required: true }]}>
                      <TreeSelect
                        style={{ width: 220 }}
                        showSearch
                        treeNodeFilterProp="title"
                        treeData={regionTree.data}
                        popupMatchSelectWidth={280}
                      />
                    </Form.Item>
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      {t('移除', 'Remove')}
                    </Button>
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add()}>
                  {t('添加角色', 'Add role')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </div>
  );
}
