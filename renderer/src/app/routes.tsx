/**
 * The app's pages, in menu order. Features never import each other; this is where they are
 * composed. A new page (e.g. the rule sets) is one entry here.
 */
import { type ReactNode } from 'react';
import {
  AuditOutlined,
  ClusterOutlined,
  InfoCircleOutlined,
  ProfileOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { AuditPage } from '../features/audit/AuditPage';
import { OrgPage } from '../features/org/OrgPage';
import { RosterPage } from '../features/roster/RosterPage';
import { RULES_TEXT } from '../features/rules/rules.strings';
import { RulesPage } from '../features/rules/RulesPage';
import { DemoCreateButton } from '../features/system/DemoCreateButton';
import { SystemPage } from '../features/system/SystemPage';
import { APP_TEXT } from './app.strings';

export interface AppRoute {
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
    render: () => <RosterPage emptyStateActions={<DemoCreateButton />} />,
  },
  { key: 'org', label: APP_TEXT.nav.org, icon: <ClusterOutlined />, render: () => <OrgPage /> },
  {
    key: 'rules',
    label: RULES_TEXT.navLabel,
    icon: <ProfileOutlined />,
    render: () => <RulesPage />,
  },
  { key: 'audit', label: APP_TEXT.nav.audit, icon: <AuditOutlined />, render: () => <AuditPage /> },
  {
    key: 'system',
    label: APP_TEXT.nav.system,
    icon: <InfoCircleOutlined />,
    render: () => <SystemPage />,
  },
];

export const DEFAULT_ROUTE = 'roster';
