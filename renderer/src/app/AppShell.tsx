/**
 * The window frame of a signed-in operator: header with the product name and who is logged in,
 * the left navigation built from the ROUTES their rights allow, the current page, and the status
 * bar. An address the operator may not open lands on the first page they may.
 */
import { useMemo, useState } from 'react';
import { Dropdown, Empty, Menu, Typography } from 'antd';
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useSession } from '../api/session';
import { useSystemInfo } from '../api/system-info';
import { ErrorAlert, useErrorNotice } from '../components/errors';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { AppHeader } from './AppHeader';
import { APP_TEXT } from './app.strings';
import { landingRoute, routesFor } from './route-access';
import { DEFAULT_ROUTE, ROUTES } from './routes';
import { StatusBar } from './StatusBar';
import { useHashRoute } from './use-hash-route';

export function AppShell() {
  const { info, error } = useSystemInfo();
  const { me } = useSession();
  const allowed = useMemo(() => routesFor(ROUTES, me.permissions), [me.permissions]);
  const allowedKeys = useMemo(() => allowed.map((route) => route.key), [allowed]);
  const fallback = landingRoute(allowed, DEFAULT_ROUTE) ?? DEFAULT_ROUTE;
  const [current, navigate] = useHashRoute(allowedKeys, fallback);
  const route = allowed.find((r) => r.key === current);

  return (
    <div className="app-shell" data-testid="app-shell" data-ready={String(info !== undefined)}>
      <AppHeader extra={<UserMenu />} />
      <div className="app-body">
        <nav className="app-nav">
          <Menu
            mode="inline"
            selectedKeys={[current]}
            onClick={({ key }) => navigate(key)}
            items={allowed.map((r) => ({
              key: r.key,
              icon: r.icon,
              label: <span data-testid={`nav-${r.key}`}>{r.label}</span>,
            }))}
          />
        </nav>
        <main className="app-content">
          {error && !info && (
            <div style={{ padding: 12 }}>
              <ErrorAlert error={error} />
            </div>
          )}
          {route ? (
            <div className="app-page" key={route.key}>
              {route.render()}
            </div>
          ) : (
            <NoPages />
          )}
        </main>
      </div>
      <StatusBar />
    </div>
  );
}

/** Never a blank window: an operator whose roles open no page is told whom to ask. */
function NoPages() {
  return (
    <div className="app-page" data-testid="no-pages">
      <Empty
        style={{ margin: 'auto' }}
        description={
          <>
            <Typography.Paragraph strong style={{ marginBottom: 4 }}>
              {APP_TEXT.noPages.title}
            </Typography.Paragraph>
            <Typography.Text type="secondary">{APP_TEXT.noPages.description}</Typography.Text>
          </>
        }
      />
    </div>
  );
}

/** Who is logged in (name, roles, home unit), with 修改密码 and 退出登录. */
function UserMenu() {
  const { me, logout } = useSession();
  const showError = useErrorNotice();
  const [isChangingPassword, setChangingPassword] = useState(false);
  const t = APP_TEXT.user;
  const roleNames = me.roles.map((role) => role.name).join('、');
  return (
    <>
      <Dropdown
        trigger={['click']}
        placement="bottomRight"
        menu={{
          items: [
            {
              key: 'who',
              type: 'group',
              label: (
                <div className="user-menu-who">
                  <div>
                    {t.roles}：{roleNames}
                  </div>
                  <div>
                    {t.unit}：{me.homeUnit.name}
                  </div>
                </div>
              ),
            },
            { type: 'divider' },
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: <span data-testid="user-menu-password">{t.changePassword}</span>,
            },
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              label: <span data-testid="user-menu-logout">{t.logout}</span>,
            },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChangingPassword(true);
            if (key === 'logout') logout().catch(showError);
          },
        }}
      >
        <button
          type="button"
          className="user-menu-button"
          aria-label={t.menuLabel(me.displayName)}
          data-testid="user-menu"
        >
          <UserOutlined className="user-menu-avatar" />
          <span className="user-menu-text">
            <span className="user-menu-name" data-testid="user-display-name">
              {me.displayName}
            </span>
            <span className="user-menu-meta" data-testid="user-meta">
              {roleNames} · {me.homeUnit.name}
            </span>
          </span>
          <DownOutlined className="user-menu-caret" />
        </button>
      </Dropdown>
      <ChangePasswordModal
        open={isChangingPassword}
        userName={me.userName}
        onClose={() => setChangingPassword(false)}
      />
    </>
  );
}
