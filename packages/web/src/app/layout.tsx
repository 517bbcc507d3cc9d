import { Layout, Menu, Button, Space, Typography, Dropdown, Tag, type MenuProps } from 'antd';
import { UserOutlined, LogoutOutlined, LoginOutlined, ApiOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { ROLE_LABELS } from '@zhuanhua/domain';
import { MENU } from './features.ts';
import { useAuth } from './auth.tsx';
import type { MenuEntry } from './feature.ts';

const GROUP_ORDER = ['首页', '供给', '需求', '交易', '金融', '政府', '系统'];

export function AppLayout() {
  const { user, logout } = useAuth();
  const nav = useNavigate();
  const loc = useLocation();
  const visible = MENU.filter((m) => m.roles === 'public' || (user && (!m.roles || m.roles.includes(user.role))));
  const groups = new Map<string, MenuEntry[]>();
  for (const m of visible) {
    const g = m.group ?? '首页';
    groups.set(g, [...(groups.get(g) ?? []), m]);
  }
  const items: MenuProps['items'] = [...groups.entries()].sort((a, b) => GROUP_ORDER.indexOf(a[0]) - GROUP_ORDER.indexOf(b[0])).flatMap(([g, list]) =>
    g === '首页' ? list.map((m): NonNullable<MenuProps['items']>[number] => ({ key: m.key, icon: m.icon, label: m.label }))
      : [{ type: 'group' as const, key: `g-${g}`, label: g, children: list.map((m) => ({ key: m.key, icon: m.icon, label: m.label })) }]);
  const selected = visible.map((m) => m.key).filter((k) => k !== '/' && loc.pathname.startsWith(k)).sort((a, b) => b.length - a.length)[0] ?? '/';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0} style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16, color: '#1677ff' }}>专利转化平台</div>
        <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={(e) => nav(e.key)} style={{ borderRight: 0 }} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'space-between', alignItems: 'center', borderBottom: '1px solid #f0f0f0' }}>
          <Typography.Text type="secondary">专利转化专项计划 · 供需对接 · 运营监测</Typography.Text>
          <Space>
            <Button type="link" icon={<ApiOutlined />} href="/api/docs" target="_blank">API 文档</Button>
            {user ? (
              <Dropdown menu={{ items: [{ key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => { void logout().then(() => nav('/')); } }] }}>
                <Space style={{ cursor: 'pointer' }} data-testid="current-user">
                  <UserOutlined />{user.displayName}<Tag>{ROLE_LABELS[user.role]}</Tag>{user.orgName && <Typography.Text type="secondary">{user.orgName}</Typography.Text>}
                </Space>
              </Dropdown>
            ) : <Button icon={<LoginOutlined />} type="primary" onClick={() => nav(`/login?next=${encodeURIComponent(loc.pathname)}`)}>登录</Button>}
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
