import { useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import {
  Alert,
  Avatar,
  Button,
  Dropdown,
  Grid,
  Layout,
  Menu,
  Segmented,
  Space,
  Tag,
  TreeSelect,
  Typography,
  theme,
} from 'antd';
import {
  KeyOutlined,
  LogoutOutlined,
  UserOutlined,
  DashboardOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { ROLE_NAMES, type Region } from '@zhicheng/contracts';
import { api } from '../api/client';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import { FEATURES } from './features';
import { ChangePasswordModal } from './ChangePasswordModal';
import { TodoBell } from './todos';

const { Header, Sider, Content } = Layout;

/** Regions the user may switch to: each bound region and what lies under it, down to counties. */
function useScopeTree() {
  const { me } = useAuth();
  const roots = [...new Set(me?.roles.map((r) => r.regionCode) ?? [])];
  return useQuery({
    queryKey: ['scope-tree', roots],
    enabled: roots.length > 0,
    queryFn: async () => {
      const trees = [];
      for (const root of roots) {
        const [self, below] = await Promise.all([
          api.get<Region & { ancestors: unknown[] }>(`/api/v1/regions/${root}`),
          api.get<{ items: Region[] }>(`/api/v1/regions?parent=${root}&descendants=true`),
        ]);
        const byParent = new Map<string, Region[]>();
        for (const r of below.items.filter((x) => x.level === 'city' || x.level === 'county')) {
          byParent.set(r.parentCode ?? '', [...(byParent.get(r.parentCode ?? '') ?? []), r]);
        }
        const build = (r: Region): { value: string; title: string; children?: unknown[] } => ({
          value: r.code,
          title: r.name,
          children: (byParent.get(r.code) ?? []).map(build),
        });
        trees.push(build(self));
      }
      return trees;
    },
  });
}

export function Shell() {
  const { me, loading, logout, region, setRegion } = useAuth();
  const { t, pick, lang, setLang } = useI18n();
  const loc = useLocation();
  const nav = useNavigate();
  // On a phone (below md) the menu is hidden until asked for, and the header keeps only what fits in 390 px.
  const phone = !Grid.useBreakpoint().md;
  const [collapsedByUser, setCollapsed] = useState<boolean | null>(null);
  const collapsed = collapsedByUser ?? phone;
  const [changingPassword, setChangingPassword] = useState(false);
  const scope = useScopeTree();
  const { token } = theme.useToken();

  const menuItems = useMemo(() => {
    if (!me) return [];
    const can = (perms?: string[]) => !perms || perms.some((p) => me.permissions.includes(p));
    return [
      { key: '/', icon: <DashboardOutlined />, label: <Link to="/">{t('工作台', 'Dashboard')}</Link> },
      ...FEATURES.map((f) => {
        const items = f.nav.filter((n) => can(n.permissions));
        if (!items.length) return null;
        const label = (
          <span>
            {pick(f.group)}
            {f.underConstruction && (
              <Tag style={{ marginInlineStart: 6 }} color="default">
                {t('建设中', 'Planned')}
              </Tag>
            )}
          </span>
        );
        if (items.length === 1)
          return { key: items[0]!.path, icon: f.icon, label: <Link to={items[0]!.path}>{label}</Link> };
        return {
          key: f.key,
          icon: f.icon,
          label,
          children: items.map((n) => ({ key: n.path, label: <Link to={n.path}>{pick(n.label)}</Link> })),
        };
      }).filter(Boolean),
    ];
  }, [me, pick, t]);

  if (loading) return null;
  if (!me)
    return (
      <Navigate
        to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}${loc.pathname !== '/' ? '&expired=1' : ''}`}
        replace
      />
    );

  const selected = menuItems
    .flatMap((m) => (m && 'children' in m && m.children ? m.children.map((c) => c.key) : m ? [m.key] : []))
    .filter((k) => (k === '/' ? loc.pathname === '/' : loc.pathname.startsWith(k)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        collapsedWidth={phone ? 0 : 80}
        trigger={null}
        width={224}
        theme="dark"
        style={{ background: '#0b2a5b' }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            gap: 10,
            padding: '0 18px',
            color: '#fff',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          <img src="/favicon.svg" width={28} height={28} alt="" />
          {!collapsed && (
            <span style={{ fontWeight: 600, fontSize: 16, letterSpacing: 1 }}>{t('智城', 'Zhicheng')}</span>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected}
          items={menuItems as never}
          style={{ background: 'transparent' }}
          onClick={() => phone && setCollapsed(true)}
          data-testid="main-nav"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            padding: phone ? '0 8px' : '0 20px',
            display: 'flex',
            alignItems: 'center',
            gap: phone ? 6 : 16,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            aria-label={t('展开或收起菜单', 'Show or hide the menu')}
          />
          {!phone && (
            <Typography.Text strong style={{ fontSize: 15 }}>
              {t('山东省新型智慧城市建设管理平台', 'Shandong New-type Smart City Platform')}
            </Typography.Text>
          )}
          <div style={{ flex: 1 }} />
          <Space>
            {!phone && <span>{t('当前区划', 'Region')}</span>}
            <TreeSelect
              data-testid="region-switcher"
              aria-label={t('当前区划', 'Region')}
              style={{ width: phone ? 110 : 200 }}
              value={region ?? undefined}
              treeData={(scope.data ?? []) as never}
              treeDefaultExpandedKeys={me.roles.map((r) => r.regionCode)}
              onChange={(v: string) => setRegion(v)}
              showSearch
              treeNodeFilterProp="title"
              popupMatchSelectWidth={260}
            />
          </Space>
          <TodoBell />
          <Segmented
            data-testid="lang-switch"
            size="small"
            value={lang}
            onChange={(v) => setLang(v as 'zh' | 'en')}
            options={[
              { label: '中文', value: 'zh' },
              { label: 'EN', value: 'en' },
            ]}
          />
          <Dropdown
            menu={{
              items: [
                {
                  key: 'roles',
                  disabled: true,
                  label: me.roles.map((r) => `${r.regionName} · ${pick(ROLE_NAMES[r.role])}`).join(' / '),
                },
                { type: 'divider' },
                { key: 'password', icon: <KeyOutlined />, label: t('修改密码', 'Change password') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录', 'Sign out') },
              ],
              onClick: async ({ key }) => {
                if (key === 'password') setChangingPassword(true);
                if (key === 'logout') {
                  await logout();
                  nav('/login');
                }
              },
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1256b0' }} />
              {!phone && <span>{me.displayName}</span>}
            </Space>
          </Dropdown>
        </Header>
        {me.demoMode && (
          <Alert
            type="warning"
            banner
            showIcon
            data-testid="demo-banner"
            title={t(
              '演示模式:页面中的业务数据均为模拟示例数据(示例),不代表官方统计。',
              'Demo mode: the business data shown is simulated (示例) and is not official.',
            )}
          />
        )}
        <Content style={{ margin: phone ? 10 : 20 }}>
          <Outlet />
        </Content>
        <ChangePasswordModal
          open={changingPassword || me.mustChangePassword}
          forced={me.mustChangePassword}
          onClose={() => setChangingPassword(false)}
        />
      </Layout>
    </Layout>
  );
}
