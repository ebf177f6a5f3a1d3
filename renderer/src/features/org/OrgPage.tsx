/**
 * Org management: the unit tree on the left; on the right the selected unit, its direct children,
 * and the actions that fit it (create the allowed child kind, edit, delete when empty). Imports an
 * org list for offices that set up a whole city at once. An operator without the right to maintain
 * units sees the tree and the details only. A new top-level unit is offered only while there are
 * no units at all: an operator's scope is the subtree under their home unit, never above it.
 */
import { useMemo, useState } from 'react';
import { App, Button, Descriptions, Empty, Flex, Popconfirm, Table, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { type OrgNode } from '@shared/api/org.contract';
import { call } from '../../api/client';
import { useCan } from '../../api/session';
import { ORG_KIND_LABELS } from '../../components/components.strings';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { OrgTree } from '../../components/org-tree/OrgTree';
import { childKindOf } from '../../components/org-tree/org-tree-model';
import { useOrgTree } from '../../components/org-tree/use-org-tree';
import { PageHeader } from '../../components/PageHeader';
import { isStringOrNull, useStoredState } from '../../components/use-stored-state';
import { OrgFormModal, type OrgFormMode } from './OrgFormModal';
import { OrgImportWizard } from './OrgImportWizard';
import { ORG_TEXT } from './org.strings';
import { formatCount } from '../../components/format-count';

function UnitDetails({
  node,
  parent,
  childCount,
}: {
  node: OrgNode;
  parent: OrgNode | undefined;
  childCount: number;
}) {
  const d = ORG_TEXT.details;
  return (
    <Descriptions
      size="small"
      bordered
      column={3}
      data-testid="org-details"
      items={[
        { key: 'name', label: d.name, children: node.name, span: 2 },
        { key: 'kind', label: d.kind, children: ORG_KIND_LABELS[node.kind] },
        { key: 'code', label: d.code, children: node.code ?? d.none },
        { key: 'parent', label: d.parent, children: parent?.name ?? d.none },
        { key: 'teachers', label: d.teachers, children: formatCount(node.teacherCount) },
        { key: 'children', label: d.children, children: childCount },
      ]}
    />
  );
}

export function OrgPage() {
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const canEdit = useCan('org.edit');
  const orgTree = useOrgTree();
  const [storedId, setStoredId] = useStoredState<string | null>(
    'org.selected',
    null,
    isStringOrNull,
  );
  const [formMode, setFormMode] = useState<OrgFormMode | null>(null);
  const [isImportOpen, setImportOpen] = useState(false);
  const [isDeleting, setDeleting] = useState(false);

  const selected = storedId ? orgTree.byId.get(storedId) : undefined;
  const parent = selected?.parentId ? orgTree.byId.get(selected.parentId) : undefined;
  const children = useMemo(
    () =>
      orgTree.nodes
        .filter((n) => n.parentId === (selected?.id ?? null))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    [orgTree.nodes, selected],
  );
  const childKind = selected ? childKindOf(selected.kind) : null;
  // The core refuses to delete a unit with children or teachers; say so before, not after.
  const deleteBlocked = !selected
    ? null
    : children.length > 0
      ? ORG_TEXT.deleteBlockedChildren(selected.name, children.length)
      : selected.teacherCount > 0
        ? ORG_TEXT.deleteBlockedTeachers(selected.name, selected.teacherCount)
        : null;

  const remove = async (node: OrgNode): Promise<void> => {
    setDeleting(true);
    try {
      await call('org/delete', { id: node.id });
      void message.success(ORG_TEXT.deleted(node.name));
      setStoredId(node.parentId);
      orgTree.reload();
    } catch (error) {
      showError(error);
    } finally {
      setDeleting(false);
    }
  };

  const c = ORG_TEXT.childColumns;
  return (
    <div className="app-page" data-testid="org-page">
      <PageHeader
        title={ORG_TEXT.pageTitle}
        description={ORG_TEXT.pageDescription}
        extra={
          canEdit && (
            <>
              <Button
                icon={<ImportOutlined />}
                onClick={() => setImportOpen(true)}
                data-testid="org-import"
              >
                {ORG_TEXT.importButton}
              </Button>
              {!orgTree.isLoading && !orgTree.error && orgTree.nodes.length === 0 && (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setFormMode({ type: 'create', parent: null, kind: 'province' })}
                  data-testid="org-create-top"
                >
                  {ORG_TEXT.createTop}
                </Button>
              )}
            </>
          )
        }
      />
      <div style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <aside className="side-panel">
          <Typography.Text strong className="side-panel-head">
            {ORG_TEXT.treeTitle}
          </Typography.Text>
          {orgTree.error ? (
            <ErrorAlert error={orgTree.error} onRetry={orgTree.reload} />
          ) : (
            <OrgTree
              nodes={orgTree.nodes}
              selectedId={selected?.id ?? null}
              onSelect={setStoredId}
              storageKey="org.tree"
              testId="org-tree"
            />
          )}
        </aside>
        <section className="main-panel page-scroll">
          {!selected ? (
            <Flex vertical align="center" justify="center" style={{ height: '100%' }}>
              <Empty
                description={
                  orgTree.nodes.length === 0 ? ORG_TEXT.emptyTree : ORG_TEXT.nothingSelected
                }
              />
            </Flex>
          ) : (
            <Flex vertical gap={12} data-testid="org-selected" data-org-id={selected.id}>
              <Flex justify="space-between" align="center">
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {selected.name}
                </Typography.Title>
                {canEdit && (
                  <Flex gap={8}>
                    {childKind && (
                      <Button
                        type="primary"
                        icon={<PlusOutlined />}
                        onClick={() =>
                          setFormMode({ type: 'create', parent: selected, kind: childKind })
                        }
                        data-testid="org-create-child"
                      >
                        {ORG_TEXT.createChild(ORG_KIND_LABELS[childKind])}
                      </Button>
                    )}
                    <Button
                      icon={<EditOutlined />}
                      onClick={() => setFormMode({ type: 'edit', node: selected })}
                      data-testid="org-rename"
                    >
                      {ORG_TEXT.rename}
                    </Button>
                    <Popconfirm
                      title={ORG_TEXT.deleteConfirmTitle(selected.name)}
                      description={ORG_TEXT.deleteConfirmBody}
                      okText={ORG_TEXT.deleteOk}
                      cancelText={ORG_TEXT.cancel}
                      okButtonProps={{ danger: true, 'data-testid': 'org-delete-ok' }}
                      onConfirm={() => remove(selected)}
                    >
                      <Button
                        danger
                        icon={<DeleteOutlined />}
                        loading={isDeleting}
                        disabled={deleteBlocked !== null}
                        title={deleteBlocked ?? undefined}
                        data-testid="org-delete"
                      >
                        {ORG_TEXT.delete}
                      </Button>
                    </Popconfirm>
                  </Flex>
                )}
              </Flex>
              {canEdit && deleteBlocked && (
                <Typography.Text type="secondary" data-testid="org-delete-blocked">
                  {deleteBlocked}
                </Typography.Text>
              )}
              <UnitDetails node={selected} parent={parent} childCount={children.length} />
              {childKind && (
                <>
                  <Typography.Text strong>
                    {ORG_TEXT.childrenTitle(children.length)}
                  </Typography.Text>
                  <Table<OrgNode>
                    size="small"
                    rowKey="id"
                    dataSource={children}
                    pagination={
                      children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false
                    }
                    locale={{ emptyText: ORG_TEXT.noChildren }}
                    onRow={(row) => ({ onDoubleClick: () => setStoredId(row.id) })}
                    columns={[
                      { title: c.name, dataIndex: 'name' },
                      {
                        title: c.kind,
                        dataIndex: 'kind',
                        width: 90,
                        render: (kind: OrgNode['kind']) => ORG_KIND_LABELS[kind],
                      },
                      {
                        title: c.code,
                        dataIndex: 'code',
                        width: 180,
                        render: (code: string | null) => code ?? '',
                      },
                      {
                        title: c.teachers,
                        dataIndex: 'teacherCount',
                        width: 110,
                        align: 'right',
                        render: (n: number) => formatCount(n),
                      },
                    ]}
                    data-testid="org-children"
                  />
                </>
              )}
            </Flex>
          )}
        </section>
      </div>
      <OrgFormModal
        mode={formMode}
        onClose={() => setFormMode(null)}
        onSaved={(node) => {
          setFormMode(null);
          setStoredId(node.id);
          orgTree.reload();
        }}
      />
      <OrgImportWizard
        open={isImportOpen}
        onClose={() => setImportOpen(false)}
        onImported={orgTree.reload}
      />
    </div>
  );
}
