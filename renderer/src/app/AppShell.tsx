/**
 * The window frame: header with the product name, the left navigation built from ROUTES, the
 * current page, and the status bar. If the browser has no valid access token, nothing else can
 * work, so the shell shows only how to open the app properly (AccessHelp) instead.
 */
import { Suspense } from 'react';
import { Menu, Spin } from 'antd';
import { useSystemInfo } from '../api/system-info';
import { ErrorAlert } from '../components/errors';
import { AccessHelp } from './AccessHelp';
import { APP_TEXT } from './app.strings';
import { DEFAULT_ROUTE, ROUTES } from './routes';
import { StatusBar } from './StatusBar';
import { useHashRoute } from './use-hash-route';

const ROUTE_KEYS = ROUTES.map((route) => route.key);

export function AppShell() {
  const { info, error } = useSystemInfo();
  const [current, navigate] = useHashRoute(ROUTE_KEYS, DEFAULT_ROUTE);
  const route = ROUTES.find((r) => r.key === current) ?? ROUTES[0];

  if (error?.code === 'UNAUTHORIZED') {
    return (
      <div className="app-shell" data-testid="app-shell" data-ready="false">
        <Header />
        <main className="app-content access-help-page">
          <AccessHelp reason={error.message} />
        </main>
      </div>
    );
  }

  return (
    <div className="app-shell" data-testid="app-shell" data-ready={String(info !== undefined)}>
      <Header />
      <div className="app-body">
        <nav className="app-nav">
          <Menu
            mode="inline"
            selectedKeys={[current]}
            onClick={({ key }) => navigate(key)}
            items={ROUTES.map((r) => ({
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
          <div className="app-page" key={route?.key}>
            <Suspense
              fallback={<Spin className="app-page-loading" description={APP_TEXT.pageLoading} />}
            >
              {route?.render()}
            </Suspense>
          </div>
        </main>
      </div>
      <StatusBar />
    </div>
  );
}

function Header() {
  return (
    <header className="app-header">
      <span className="app-brand">
        <span className="app-brand-mark">{APP_TEXT.mark}</span>
        {APP_TEXT.name}
        <span className="app-brand-en">{APP_TEXT.nameEn}</span>
      </span>
      <span className="app-header-extra">{APP_TEXT.tagline}</span>
    </header>
  );
}
