/**
 * The roster workspace: the org tree on the left (the unit chosen scopes everything), and on the
 * right the toolbar (quick search, filters, import, export), the unit's figures and the grid.
 * With no teachers at all it offers the first steps instead of an empty grid. What the operator's
 * rights do not allow (editing, importing, exporting, full ID numbers) is not offered.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Empty, Flex, Input, Select, Typography } from 'antd';
import {
  ClearOutlined,
  ExportOutlined,
  ImportOutlined,
  SearchOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { type EmploymentStatus, type Stage } from '@shared/api/common.schemas';
import { EMPLOYMENT_STATUSES, STAGES } from '@shared/api/values';
import { type RosterFilter, type TeacherRow } from '@shared/api/roster.contract';
import { CANONICAL_TITLES } from '@shared/domain/roster/vocabulary';
import { useCan } from '../../api/session';
import { useSystemInfo } from '../../api/system-info';
import { ErrorAlert } from '../../components/errors';
import { OrgTree } from '../../components/org-tree/OrgTree';
import { useOrgTree } from '../../components/org-tree/use-org-tree';
import { isStringOrNull, useStoredState } from '../../components/use-stored-state';
import { ExportDialog } from './ExportDialog';
import { RosterGrid } from './RosterGrid';
import { RosterImportWizard, TemplateButton } from './RosterImportWizard';
import { RosterStats } from './RosterStats';
import { EXPORT_TEXT, ROSTER_TEXT } from './roster.strings';
import { TeacherDrawer } from './TeacherDrawer';
import './roster.css';

const SEARCH_DELAY_MS = 300;

function useDebounced(value: string, delay: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export function RosterPage() {
  const { info, reload: reloadInfo } = useSystemInfo();
  const canEdit = useCan('roster.edit');
  const canExport = useCan('roster.export');
  const [storedOrgId, setStoredOrgId] = useStoredState<string | null>(
    'roster.orgId',
    null,
    isStringOrNull,
  );
  /**
   * The first rows come first: the unit tree and the statistics are asked for once the grid's
   * first block is in (or could not be read). Asked at once, they were queued in the core ahead
   * of the rows and their rendering held the first rows back on a cold start. A remembered unit
   * needs the tree at once: the unit's rows are asked for once the tree has confirmed it.
   */
  const [hasFirstRows, setHasFirstRows] = useState(false);
  const onFirstBlock = useCallback(() => setHasFirstRows(true), []);
  const isEmpty = info !== undefined && info.teacherCount === 0;
  const arePanelsEnabled = hasFirstRows || isEmpty || storedOrgId !== null;
  const orgTree = useOrgTree({ isEnabled: arePanelsEnabled });
  // The core announces changes with `data/changed`; after our own writes we also reload explicitly.
  const [reloadSignal, setReloadSignal] = useState(0);
  const reloadAll = (): void => {
    orgTree.reload();
    reloadInfo();
    setReloadSignal((n) => n + 1);
  };
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), SEARCH_DELAY_MS);
  const [stage, setStage] = useState<Stage | undefined>(undefined);
  const [title, setTitle] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<EmploymentStatus | undefined>(undefined);
  const [isImportOpen, setImportOpen] = useState(false);
  const [isExportOpen, setExportOpen] = useState(false);
  const [editing, setEditing] = useState<TeacherRow | null>(null);
  const [isCreating, setCreating] = useState(false);
  /** How many teachers the grid shows (from the statistics, which use the same filter). */
  const [shownTotal, setShownTotal] = useState<number | null>(null);

  // A remembered unit that no longer exists (deleted, other data dir) falls back to all units.
  const selectedOrg = storedOrgId ? orgTree.byId.get(storedOrgId) : undefined;
  const orgId = selectedOrg?.id ?? null;

  const filter = useMemo<RosterFilter>(() => {
    const f: RosterFilter = {};
    if (orgId) f.orgId = orgId;
    if (search) f.search = search;
    if (stage) f.stage = stage;
    if (title) f.title = title;
    if (status) f.employmentStatus = status;
    return f;
  }, [orgId, search, stage, title, status]);

  const filterParts = useMemo(() => {
    const parts: string[] = [];
    if (selectedOrg) parts.push(EXPORT_TEXT.scopeUnit(selectedOrg.name));
    if (search) parts.push(EXPORT_TEXT.scopeSearch(search));
    if (stage) parts.push(EXPORT_TEXT.scopeStage(stage));
    if (title) parts.push(EXPORT_TEXT.scopeTitle(title));
    if (status) parts.push(EXPORT_TEXT.scopeStatus(status));
    return parts;
  }, [selectedOrg, search, stage, title, status]);

  const hasFilters = Boolean(searchText || stage || title || status);

  const clearFilters = (): void => {
    setSearchText('');
    setStage(undefined);
    setTitle(undefined);
    setStatus(undefined);
  };

  return (
    <div className="roster-page" data-testid="roster-page">
      <aside className="side-panel">
        <Flex align="center" justify="space-between" className="side-panel-head">
          <Typography.Text strong>{ROSTER_TEXT.treeTitle}</Typography.Text>
          <Button
            size="small"
            type={orgId ? 'link' : 'text'}
            disabled={!orgId}
            onClick={() => setStoredOrgId(null)}
            data-testid="roster-all-units"
          >
            {ROSTER_TEXT.allUnits}
          </Button>
        </Flex>
        {orgTree.error ? (
          <ErrorAlert error={orgTree.error} onRetry={orgTree.reload} />
        ) : (
          <OrgTree
            nodes={orgTree.nodes}
            hasLoaded={orgTree.hasLoaded}
            selectedId={orgId}
            onSelect={setStoredOrgId}
            storageKey="roster.tree"
            testId="roster-org-tree"
          />
        )}
      </aside>
      <section className="main-panel">
        {/*
          One line at 1440 px with every filter set and every action allowed (their widths add up
          to about 880 px of the 944 there); narrower, the actions wrap to a line of their own,
          still at the right. 清除筛选 sits with the count it changes, in the grid's caption.
        */}
        <Flex className="toolbar" gap={8} align="center" wrap data-testid="roster-toolbar">
          <Input
            allowClear
            style={{ width: 200 }}
            prefix={<SearchOutlined style={{ color: '#8a919f' }} />}
            placeholder={ROSTER_TEXT.searchPlaceholder}
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            data-testid="roster-search"
          />
          <Select<Stage>
            allowClear
            style={{ width: 100 }}
            placeholder={ROSTER_TEXT.stagePlaceholder}
            value={stage}
            onChange={(value) => setStage(value)}
            options={STAGES.map((s) => ({ value: s, label: s }))}
            data-testid="roster-filter-stage"
          />
          <Select<string>
            allowClear
            style={{ width: 120 }}
            placeholder={ROSTER_TEXT.titlePlaceholder}
            value={title}
            onChange={(value) => setTitle(value)}
            showSearch
            popupMatchSelectWidth={false}
            options={CANONICAL_TITLES.map((t) => ({ value: t, label: t }))}
            data-testid="roster-filter-title"
          />
          <Select<EmploymentStatus>
            allowClear
            style={{ width: 110 }}
            placeholder={ROSTER_TEXT.statusPlaceholder}
            value={status}
            onChange={(value) => setStatus(value)}
            options={EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: s }))}
            data-testid="roster-filter-status"
          />
          <Flex gap={8} style={{ marginLeft: 'auto' }}>
            {canEdit && (
              <>
                <Button
                  icon={<UserAddOutlined />}
                  onClick={() => setCreating(true)}
                  data-testid="roster-add-teacher"
                >
                  {ROSTER_TEXT.addTeacher}
                </Button>
                <Button
                  type="primary"
                  icon={<ImportOutlined />}
                  onClick={() => setImportOpen(true)}
                  data-testid="roster-import"
                >
                  {ROSTER_TEXT.importButton}
                </Button>
              </>
            )}
            {canExport && (
              <Button
                icon={<ExportOutlined />}
                onClick={() => setExportOpen(true)}
                disabled={isEmpty}
                data-testid="roster-export"
              >
                {ROSTER_TEXT.exportButton}
              </Button>
            )}
          </Flex>
        </Flex>
        {selectedOrg && (
          <Typography.Text type="secondary" className="scope-line" data-testid="roster-scope">
            {ROSTER_TEXT.unitScope(selectedOrg.name)}
          </Typography.Text>
        )}
        {isEmpty ? (
          <Flex flex={1} align="center" justify="center" data-testid="roster-empty">
            <Empty
              description={
                <Flex vertical gap={4}>
                  <Typography.Text strong>{ROSTER_TEXT.emptyTitle}</Typography.Text>
                  <Typography.Text type="secondary">
                    {canEdit ? ROSTER_TEXT.emptyDescription : ROSTER_TEXT.emptyReadOnly}
                  </Typography.Text>
                  {canEdit && orgTree.nodes.length === 0 && (
                    <Typography.Text type="secondary">{ROSTER_TEXT.noOrgHint}</Typography.Text>
                  )}
                </Flex>
              }
            >
              {canEdit && (
                <Flex gap={8} justify="center">
                  <Button
                    type="primary"
                    icon={<ImportOutlined />}
                    onClick={() => setImportOpen(true)}
                    data-testid="roster-empty-import"
                  >
                    {ROSTER_TEXT.importButton}
                  </Button>
                  <TemplateButton testId="roster-empty-template" />
                </Flex>
              )}
            </Empty>
          </Flex>
        ) : (
          <>
            <RosterStats
              filter={filter}
              isFiltered={hasFilters}
              reloadSignal={reloadSignal}
              onTotal={setShownTotal}
              isEnabled={arePanelsEnabled}
            />
            {shownTotal === 0 && (hasFilters || orgId) ? (
              <Flex flex={1} align="center" justify="center" data-testid="roster-no-match">
                <Empty
                  description={
                    <Flex vertical gap={4}>
                      <Typography.Text strong>{ROSTER_TEXT.noMatchTitle}</Typography.Text>
                      <Typography.Text type="secondary" data-testid="roster-no-match-filter">
                        {ROSTER_TEXT.noMatchDescription(filterParts)}
                      </Typography.Text>
                    </Flex>
                  }
                >
                  <Flex gap={8} justify="center">
                    {hasFilters && (
                      <Button
                        type="primary"
                        onClick={clearFilters}
                        data-testid="roster-no-match-clear"
                      >
                        {ROSTER_TEXT.clearFilters}
                      </Button>
                    )}
                    {orgId && (
                      <Button onClick={() => setStoredOrgId(null)}>
                        {ROSTER_TEXT.showAllUnits}
                      </Button>
                    )}
                  </Flex>
                </Empty>
              </Flex>
            ) : (
              <RosterGrid
                filter={filter}
                onOpenTeacher={canEdit ? setEditing : undefined}
                reloadSignal={reloadSignal}
                onFirstBlock={onFirstBlock}
                captionExtra={
                  hasFilters && (
                    <Button
                      type="link"
                      size="small"
                      icon={<ClearOutlined />}
                      onClick={clearFilters}
                      data-testid="roster-clear-filters"
                    >
                      {ROSTER_TEXT.clearFilters}
                    </Button>
                  )
                }
              />
            )}
          </>
        )}
      </section>
      <RosterImportWizard
        open={isImportOpen}
        orgNodes={orgTree.nodes}
        onClose={() => setImportOpen(false)}
        onImported={reloadAll}
      />
      <ExportDialog
        open={isExportOpen}
        filter={filter}
        filterParts={filterParts}
        onClose={() => setExportOpen(false)}
      />
      <TeacherDrawer
        teacher={editing}
        isCreating={isCreating}
        defaultSchoolId={selectedOrg?.kind === 'school' ? selectedOrg.id : null}
        orgNodes={orgTree.nodes}
        onClose={() => {
          setEditing(null);
          setCreating(false);
        }}
        onSaved={() => {
          setEditing(null);
          setCreating(false);
          reloadAll();
        }}
      />
    </div>
  );
}
