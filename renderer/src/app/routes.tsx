/**
 * The app's pages, in menu order. Features never import each other; this is where they are
 * composed. A new page (e.g. the rule sets) is one entry here, with the right it needs: the shell
 * shows an operator only the pages their roles allow (route-access.ts).
 *
 * Each page is a chunk of its own, loaded when it is first opened (React.lazy): the first paint
 * waits only for the shell and the page it shows, not for the rule presets of the 规则 page.
 */
import { lazy, type ReactNode } from 'react';
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
import { RULES_TEXT } from '../features/rules/rules.strings';
import { APP_TEXT } from './app.strings';
import { type RouteAccess } from './route-access';

/** Each page's chunk, fetched once: by preloadRoute at start-up, or by React.lazy on first use. */
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

const started = new Map<PageKey, ReturnType<(typeof loaders)[PageKey]>>();
function load<K extends PageKey>(key: K): ReturnType<(typeof loaders)[K]> {
  let promise = started.get(key);
  if (!promise) {
    promise = loaders[key]();
    started.set(key, promise);
  }
  return promise as ReturnType<(typeof loaders)[K]>;
}

const RosterPage = lazy(() => load('roster'));
const OrgPage = lazy(() => load('org'));
const RulesPage = lazy(() => load('rules'));
const ProjectsPage = lazy(() => load('projects'));
const QuotasPage = lazy(() => load('quotas'));
const EnrollmentPage = lazy(() => load('enrollment'));
const OperatorsPage = lazy(() => load('operators'));
const AuditPage = lazy(() => load('audit'));
const SystemPage = lazy(() => load('system'));

/**
 * Starts fetching the page the address shows before React renders, so its chunk loads while the
 * shell renders instead of after (saves one round of waiting on a cold start).
 */
export function preloadRoute(hash: string): void {
  const key = /^#\/([\w-]+)/.exec(hash)?.[1] ?? DEFAULT_ROUTE;
  if (key in loaders) void load(key as PageKey);
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
    render: () => <RosterPage />,
  },
  {
    key: 'org',
    label: APP_TEXT.nav.org,
    icon: <ClusterOutlined />,
    permission: 'org.read',
    render: () => <OrgPage />,
  },
  {
    key: 'rules',
    label: RULES_TEXT.navLabel,
    icon: <ProfileOutlined />,
    permission: 'rules.read',
    render: () => <RulesPage />,
  },
  {
    key: 'projects',
    label: PROJECTS_TEXT.navLabel,
    icon: <FolderOpenOutlined />,
    permission: 'projects.read',
    render: () => <ProjectsPage />,
  },
  {
    key: 'quotas',
    label: QUOTAS_TEXT.navLabel,
    icon: <PieChartOutlined />,
    permission: 'projects.read',
    render: () => <QuotasPage />,
  },
  {
    key: 'enrollment',
    label: ENROLLMENT_TEXT.navLabel,
    icon: <SolutionOutlined />,
    // Reading the lists needs projects.read; enrolling itself needs enrollment.manage (the page's
    // buttons ask). Every preset role with enrollment.manage also has projects.read.
    permission: 'projects.read',
    render: () => <EnrollmentPage />,
  },
  {
    key: 'operators',
    label: APP_TEXT.nav.operators,
    icon: <SafetyCertificateOutlined />,
    permission: 'operators.manage',
    render: () => <OperatorsPage />,
  },
  {
    key: 'audit',
    label: APP_TEXT.nav.audit,
    icon: <AuditOutlined />,
    permission: 'audit.read',
    render: () => <AuditPage />,
  },
  {
    key: 'system',
    label: APP_TEXT.nav.system,
    icon: <InfoCircleOutlined />,
    render: () => <SystemPage />,
  },
];

export const DEFAULT_ROUTE = 'roster';
