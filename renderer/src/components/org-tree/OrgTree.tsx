/**
 * The org tree shown beside the roster and in org management: units with their teacher counts,
 * a search box that keeps the path to each match, virtual scrolling for hundreds of schools, and
 * remembered expanded nodes.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Empty, Flex, Input, Tree, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { type TreeDataNode } from 'antd';
import { type OrgNode } from '@shared/api/org.contract';
import { ORG_KIND_LABELS, ORG_TREE_TEXT } from '../components.strings';
import { useElementHeight } from '../use-element-height';
import { isStringArray, useStoredState } from '../use-stored-state';
import {
  ancestorIds,
  buildForest,
  collectIds,
  defaultExpandedIds,
  filterForest,
  indexById,
  type OrgTreeItem,
} from './org-tree-model';
import './org-tree.css';
import { formatCount } from '../format-count';

interface OrgTreeProps {
  nodes: readonly OrgNode[];
  /** False until the units have been read: the tree says it is loading, not that there are none. */
  hasLoaded?: boolean;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** localStorage key for the expanded nodes, per view. */
  storageKey: string;
  testId?: string;
}

function Highlight({ text, needle }: { text: string; needle: string }) {
  const at = needle ? text.toLowerCase().indexOf(needle.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="org-tree-mark">{text.slice(at, at + needle.length)}</mark>
      {text.slice(at + needle.length)}
    </>
  );
}

function toTreeData(items: readonly OrgTreeItem[], needle: string): TreeDataNode[] {
  return items.map(({ node, children }) => ({
    key: node.id,
    isLeaf: children.length === 0,
    title: (
      <span
        className="org-tree-title"
        data-testid="org-node"
        data-org-id={node.id}
        data-org-name={node.name}
        data-count={node.teacherCount}
        title={`${ORG_KIND_LABELS[node.kind]}：${node.name}，${ORG_TREE_TEXT.teacherCountTitle(node.teacherCount)}`}
      >
        <span className="org-tree-name" data-testid="org-node-name">
          <Highlight text={node.name} needle={needle} />
        </span>
        <span className="org-tree-count" data-testid="org-node-count">
          {formatCount(node.teacherCount)}
        </span>
      </span>
    ),
    children: toTreeData(children, needle),
  }));
}

export function OrgTree({
  nodes,
  hasLoaded = true,
  selectedId,
  onSelect,
  storageKey,
  testId = 'org-tree',
}: OrgTreeProps) {
  const forest = useMemo(() => buildForest(nodes), [nodes]);
  const [search, setSearch] = useState('');
  const [storedExpanded, setStoredExpanded] = useStoredState<string[] | null>(
    `${storageKey}.expanded`,
    null,
    (value): value is string[] | null => value === null || isStringArray(value),
  );
  const hostRef = useRef<HTMLDivElement>(null);
  const height = useElementHeight(hostRef);

  // A unit selected from elsewhere (a new unit, a remembered one) is revealed in the tree.
  const byId = useMemo(() => indexById(nodes), [nodes]);
  const selectedPath = selectedId && byId.has(selectedId) ? ancestorIds(byId, selectedId) : [];
  const selectedPathKey = selectedPath.join('/');
  useEffect(() => {
    if (!selectedPathKey) return;
    const base = storedExpanded ?? defaultExpandedIds(forest);
    const missing = selectedPathKey.split('/').filter((id) => !base.includes(id));
    if (missing.length > 0) setStoredExpanded([...base, ...missing]);
    // Only a change of selection reveals; collapsing by hand afterwards is respected.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedPathKey]);

  const needle = search.trim();
  const visible = useMemo(() => filterForest(forest, needle), [forest, needle]);
  const treeData = useMemo(() => toTreeData(visible, needle), [visible, needle]);
  const expandedKeys = needle
    ? collectIds(visible)
    : (storedExpanded ?? defaultExpandedIds(forest));

  return (
    <Flex vertical gap={8} style={{ height: '100%', minHeight: 0 }} data-testid={testId}>
      <Input
        allowClear
        size="small"
        prefix={<SearchOutlined style={{ color: '#8a919f' }} />}
        placeholder={ORG_TREE_TEXT.searchPlaceholder}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        data-testid={`${testId}-search`}
      />
      <div ref={hostRef} style={{ flex: 1, minHeight: 0 }}>
        {!hasLoaded ? (
          // Plain text, not antd's Skeleton: on a cold start its styles would be built before the
          // roster's first rows for a notice shown a few hundred milliseconds.
          <Typography.Text
            type="secondary"
            role="status"
            className="org-tree-loading"
            data-testid={`${testId}-loading`}
          >
            {ORG_TREE_TEXT.loading}
          </Typography.Text>
        ) : treeData.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Typography.Text type="secondary">
                {needle ? ORG_TREE_TEXT.noMatch : ORG_TREE_TEXT.empty}
              </Typography.Text>
            }
          />
        ) : (
          <Tree
            className="org-tree"
            blockNode
            height={height}
            treeData={treeData}
            expandedKeys={expandedKeys}
            onExpand={(keys) => {
              if (!needle) setStoredExpanded(keys.map(String));
            }}
            selectedKeys={selectedId ? [selectedId] : []}
            onSelect={(keys) => {
              const first = keys[0];
              onSelect(first === undefined ? null : String(first));
            }}
          />
        )}
      </div>
    </Flex>
  );
}
