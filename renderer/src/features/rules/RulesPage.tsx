/**
 * The 规则 page: the rule sets (presets and the office's own), a readable view of each, "clone and
 * adjust" for next year's project, and a what-if panel to try a rule set on a few records.
 */
import { useMemo, useState } from 'react';
import { Tabs } from 'antd';
import { useApiQuery } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { CloneEditor } from './CloneEditor';
import { RuleSetDetail } from './RuleSetDetail';
import { RuleSetList } from './RuleSetList';
import { RULES_TEXT } from './rules.strings';
import { WhatIfPanel } from './what-if/WhatIfPanel';
import './rules.css';

type Tab = 'list' | 'whatif';
type ListView = { type: 'list' } | { type: 'detail'; id: string } | { type: 'clone'; id: string };

export function RulesPage() {
  const [tab, setTab] = useState<Tab>('list');
  const [view, setView] = useState<ListView>({ type: 'list' });
  const [whatIfId, setWhatIfId] = useState<string | null>(null);
  const list = useApiQuery('rules/list', {}, { refreshOn: ['rules'] });
  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const names = useMemo(() => new Map(items.map((item) => [item.id, item.name])), [items]);
  const nameOf = (id: string): string => names.get(id) ?? id;

  const openWhatIf = (id: string): void => {
    setWhatIfId(id);
    setTab('whatif');
  };

  let listContent;
  if (view.type === 'detail') {
    listContent = (
      <RuleSetDetail
        key={view.id}
        id={view.id}
        nameOf={nameOf}
        onBack={() => setView({ type: 'list' })}
        onClone={(id) => setView({ type: 'clone', id })}
        onWhatIf={openWhatIf}
        onDeleted={() => {
          setView({ type: 'list' });
          list.reload();
        }}
      />
    );
  } else if (view.type === 'clone') {
    listContent = (
      <CloneEditor
        sourceId={view.id}
        onCancel={() => setView({ type: 'list' })}
        onSaved={() => {
          list.reload();
          setView({ type: 'list' });
        }}
      />
    );
  } else {
    listContent = (
      <RuleSetList
        items={items}
        isLoading={list.isLoading}
        error={list.error}
        reload={list.reload}
        onView={(id) => setView({ type: 'detail', id })}
        onClone={(id) => setView({ type: 'clone', id })}
        onWhatIf={openWhatIf}
      />
    );
  }

  return (
    <div className="app-page" data-testid="rules-page">
      <PageHeader title={RULES_TEXT.pageTitle} description={RULES_TEXT.pageDescription} />
      <Tabs
        className="rules-tabs"
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={[
          {
            key: 'list',
            label: <span data-testid="rules-tab-list">{RULES_TEXT.tabList}</span>,
            children: <div className="page-scroll rules-tab-body">{listContent}</div>,
          },
          {
            key: 'whatif',
            label: <span data-testid="rules-tab-whatif">{RULES_TEXT.tabWhatIf}</span>,
            children: (
              <div className="page-scroll rules-tab-body">
                <WhatIfPanel items={items} ruleSetId={whatIfId} onRuleSetChange={setWhatIfId} />
              </div>
            ),
          },
        ]}
      />
    </div>
  );
}
