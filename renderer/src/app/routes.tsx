/**
 * The app's pages, in menu order. Features never import each other; this is where they are
 * composed. A new page (e.g. the rule sets) is one entry here, with the right it needs: the shell
 * shows an operator only the pages their roles allow (route-access.ts).
 *
 * Each page is a chunk of its own, loaded when it is first opened (see Page): the first paint
 * waits only for the shell and the page it shows, not for the rule presets of the 规则 page.
 */
import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { Spin } from 'antd';
import {
  AuditOutlined,
  ClusterOutlined,
  FolderOpenOutlined,
  InfoCircleOutlined,
  PieChartOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { ENROLLMENT_TEXT } from '../features/enrollment/enrollment.strings';
import { PROJECTS_TEXT, QUOTAS_TEXT } from '../features/projects/projects.strings';
import { startFirstRows } from '../features/roster/roster-first-rows';
import { RULES_TEXT } from '../features/rules/rules.strings';
import { APP_TEXT } from './app.strings';
import { type RouteAccess } from './route-access';

/** Each page's chunk, fetched once: by preloadRoute at start-up, or by Page on first use. */
const loaders = {
  roster: () => import('../features/roster/RosterPage').then((m) => ({ default: m.RosterPage })),
  org: () => import('../features/org/OrgPage').then((m) => ({ default: m.OrgPage })),
  rules: () => import('../features/rules/RulesPage').then((m) => ({ default: m.RulesPage })),
  projects: () =>
    import('../features/projects/ProjectsPage').then((m) => ({ default: m.ProjectsPage })),
  quotas: () => import('../features/projects/QuotasPage').then((m) => ({ default: m.QuotasPage })),
  enrollment: () =>
    import('../features/enrollment/EnrollmentPage').then((m) => ({ default: m.EnrollmentPage })),
  operators: () =>
    import('../features/operators/OperatorsPage').then((m) => ({ default: m.OperatorsPage })),
  audit: () => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })),
  system: () => import('../features/system/SystemPage').then((m) => ({ default: m.SystemPage })),
};
type PageKey = keyof typeof loaders;

/** A page's first queries, started with its chunk on a cold start (early-calls.ts). */
const firstQueries: Partial<Record<PageKey, () => void>> = { roster: startFirstRows };

type PageModule = { default: ComponentType };
const started = new Map<PageKey, Promise<PageModule>>();
const loadedPages = new Map<PageKey, ComponentType>();
function load(key: PageKey): Promise<PageModule> {
  let promise = started.get(key);
  if (!promise) {
    promise = loaders[key]().then((module: PageModule) => {
      loadedPages.set(key, module.default);
      return module;
    });
    started.set(key, promise);
  }
  return promise;
}

/**
 * A page: rendered at once when its chunk has arrived, else a loading notice until it does. This
 * is React.lazy's job, done by hand because of how React reveals a lazy page: once a Suspense
 * fallback has been shown, React holds the content back for up to 300 ms after it. On a cold start
 * the session's answer (asked for early) often comes a moment before the page's chunk has run, so
 * with React.lazy the first rows waited those 300 ms for nothing. A chunk that fails to load is
 * thrown, as React.lazy would.
 */
function Page({ pageKey }: { pageKey: PageKey }) {
  const [loaded, setLoaded] = useState<{ Component: ComponentType } | { error: unknown } | null>(
    () => {
      const Component = loadedPages.get(pageKey);
      return Component ? { Component } : null;
    },
  );
  useEffect(() => {
    if (loaded) return undefined;
    let isCurrent = true;
    load(pageKey).then(
      (module) => isCurrent && setLoaded({ Component: module.default }),
      (error: unknown) => isCurrent && setLoaded({ error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [pageKey, loaded]);
  if (!loaded) return <Spin className="app-page-loading" description={APP_TEXT.pageLoading} />;
  if ('error' in loaded) throw loaded.error;
  return <loaded.Component />;
}

/**
 * Starts fetching the page the address shows before React renders, so its chunk loads while the
 * shell renders instead of after (saves one round of waiting on a cold start), and its first
 * queries with it.
 */
export function preloadRoute(hash: string): void {
  const key = /^#\/([\w-]+)/.exec(hash)?.[1] ?? DEFAULT_ROUTE;
  if (!(key in loaders)) return;
  void load(key as PageKey);
  firstQueries[key as PageKey]?.();
}

export interface AppRoute extends RouteAccess {
  /** The address: `#/<key>`. */
  key: string;
  label: string;
  icon: ReactNode;
  render: () => ReactNode;
}

export const ROUTES: readonly AppRoute[] = [
  {
    key: 'roster',
    label: APP_TEXT.nav.roster,
    icon: <TeamOutlined />,
    permission: 'roster.read',
    render: () => <Page pageKey="roster" />,
  },
  {
    key: 'org',
    label: APP_TEXT.nav.org,
    icon: <ClusterOutlined />,
    permission: 'org.read',
    render: () => <Page pageKey="org" />,
  },
  {
    key: 'rules',
    label: RULES_TEXT.navLabel,
    icon: <ProfileOutlined />,
    permission: 'rules.read',
    render: () => <Page pageKey="rules" />,
  },
  {
    key: 'projects',
    label: PROJECTS_TEXT.navLabel,
    icon: <FolderOpenOutlined />,
    permission: 'projects.read',
    render: () => <Page pageKey="projects" />,
  },
  {
    key: 'quotas',
    label: QUOTAS_TEXT.navLabel,
    icon: <PieChartOutlined />,
    permission: 'projects.read',
    render: () => <Page pageKey="quotas" />,
  },
  {
    key: 'enrollment',
    label: ENROLLMENT_TEXT.navLabel,
    icon: <SolutionOutlined />,
    // Reading the lists needs projects.read; enrolling itself needs enrollment.manage (the page's
    // buttons ask). Every preset role with enrollment.manage also has projects.read.
    permission: 'projects.read',
    render: () => <Page pageKey="enrollment" />,
  },
  {
    key: 'operators',
    label: APP_TEXT.nav.operators,
    icon: <SafetyCertificateOutlined />,
    permission: 'operators.manage',
    render: () => <Page pageKey="operators" />,
  },
  {
    key: 'audit',
    label: APP_TEXT.nav.audit,
    icon: <AuditOutlined />,
    permission: 'audit.read',
    render: () => <Page pageKey="audit" />,
  },
  {
    key: 'system',
    label: APP_TEXT.nav.system,
    icon: <InfoCircleOutlined />,
    render: () => <Page pageKey="system" />,
  },
];

export const DEFAULT_ROUTE = 'roster';
