/**
 * 用户与权限: the operators (accounts, roles, home units), what each role may do, API tokens for
 * automation, and the security settings (the idle lock), as tabs.
 */
import { useState } from 'react';
import { Tabs } from 'antd';
import { useCan } from '../../api/session';
import { PageHeader } from '../../components/PageHeader';
import { OPERATORS_TEXT } from './operators.strings';
import { RolesTab } from './RolesTab';
import { SecurityTab } from './SecurityTab';
import { TokensTab } from './TokensTab';
import { UsersTab } from './UsersTab';
import './operators.css';

type Tab = 'users' | 'roles' | 'tokens' | 'security';

export function OperatorsPage() {
  const [tab, setTab] = useState<Tab>('users');
  const canManageSettings = useCan('settings.manage');
  const t = OPERATORS_TEXT.tabs;
  const label = (key: Tab, text: string) => (
    <span data-testid={`operators-tab-${key}`}>{text}</span>
  );
  return (
    <div className="app-page" data-testid="operators-page">
      <PageHeader title={OPERATORS_TEXT.pageTitle} description={OPERATORS_TEXT.pageDescription} />
      <Tabs
        className="operators-tabs"
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        destroyOnHidden
        items={[
          { key: 'users', label: label('users', t.users), children: <UsersTab /> },
          { key: 'roles', label: label('roles', t.roles), children: <RolesTab /> },
          { key: 'tokens', label: label('tokens', t.tokens), children: <TokensTab /> },
          ...(canManageSettings
            ? [{ key: 'security', label: label('security', t.security), children: <SecurityTab /> }]
            : []),
        ]}
      />
    </div>
  );
}
