/**
 * 名额分配: one unit's seats per batch and how it shares them among the units right under it.
 * Edits are checked live (Σ of the children ≤ the unit's seats, red cells otherwise) and only the
 * changed cells are sent on 保存; changing seats already given asks for a reason. A child's row
 * opens its own sheet, with a breadcrumb back.
 */
import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Breadcrumb, Button, Empty, Flex, Space, Typography } from 'antd';
import {
  CalculatorOutlined,
  ReloadOutlined,
  RollbackOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { toApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { useCan } from '../../api/session';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { PageHeader } from '../../components/PageHeader';
import { StatRow } from '../../components/StatRow';
import { ProjectPicker, useChosenProject } from '../../components/ProjectPicker';
import { CoveragePanel } from './CoveragePanel';
import { refusedField } from './project-form';
import { QUOTAS_TEXT } from './projects.strings';
import { QuotaGrid } from './QuotaGrid';
import { ReasonModal, ReclaimModal, type ReclaimRequest } from './QuotaDialogs';
import {
  cellKey,
  changedCells,
  changesSavedSeats,
  editsFromProposal,
  overBatches,
  sheetSummary,
  type SeatCell,
  type SeatEdits,
} from './quota-model';
import './projects.css';

interface Crumb {
  unitId: string;
  name: string;
}

export function QuotasPage() {
  const t = QUOTAS_TEXT;
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const canManage = useCan('quotas.manage');
  const { projects, rows: projectRows, project, choose: setChosenId } = useChosenProject();
  const [trail, setTrail] = useState<Crumb[]>([]);
  const unitId = trail.at(-1)?.unitId;
  const sheetQuery = useApiQuery(
    'quotas/show',
    { projectId: project?.id ?? '', ...(unitId ? { unitId } : {}) },
    { isEnabled: project !== null, refreshOn: ['projects'] },
  );
  const sheet = sheetQuery.data;
  const [edits, setEdits] = useState<SeatEdits>({});
  const [notes, setNotes] = useState<string[] | null>(null);
  const [pending, setPending] = useState<SeatCell[] | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [isReclaiming, setReclaiming] = useState(false);
  const [isReclaimOpen, setReclaimOpen] = useState(false);

  /** Another sheet: the edits and the proposal's notes of this one are dropped. */
  const goTo = (next: Crumb[]): void => {
    setTrail(next);
    setEdits({});
    setNotes(null);
  };

  const canEdit = canManage && sheet?.canEdit === true;
  const canEditParent =
    canEdit && sheet !== undefined && project?.organizer.id === sheet.parent.unit.id;
  const changed = useMemo(() => (sheet ? changedCells(sheet, edits) : []), [sheet, edits]);
  const over = useMemo(
    () => (sheet ? overBatches(sheet, edits) : new Set<string>()),
    [sheet, edits],
  );

  const onEdit = useCallback((unit: string, batch: string, seats: number) => {
    setEdits((current) => ({ ...current, [cellKey(unit, batch)]: seats }));
  }, []);
  const drillable = useMemo(
    () => new Set(sheet?.children.filter((c) => c.unit.kind !== 'school').map((c) => c.unit.id)),
    [sheet],
  );
  const onDrill = useCallback(
    (id: string, name: string) => {
      if (!drillable.has(id)) return;
      setTrail((current) => [...current, { unitId: id, name }]);
      setEdits({});
      setNotes(null);
    },
    [drillable],
  );

  const propose = async (): Promise<void> => {
    if (!project || !sheet) return;
    try {
      const result = await call('quotas/propose', {
        projectId: project.id,
        ...(unitId ? { unitId } : {}),
      });
      const proposal = result.cells.filter((c) => c.unitId !== sheet.parent.unit.id);
      setEdits((current) => ({ ...current, ...editsFromProposal(sheet, proposal) }));
      setNotes(result.notes);
      void message.info(t.proposed);
    } catch (caught) {
      showError(caught);
    }
  };

  const send = async (cells: SeatCell[], reason?: string): Promise<void> => {
    if (!project) return;
    setSaving(true);
    try {
      const result = await call('quotas/set', {
        projectId: project.id,
        cells,
        ...(reason ? { reason } : {}),
      });
      setPending(null);
      setEdits({});
      setNotes(null);
      void message.success(t.saved(result.changed));
      sheetQuery.reload();
    } catch (caught) {
      const error = toApiError(caught);
      if (!reason && error.code === 'INVALID_INPUT' && refusedField(error) === 'reason') {
        setPending(cells);
      } else {
        showError(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const save = (): void => {
    if (!sheet) return;
    if (changed.length === 0) {
      void message.info(t.nothingChanged);
      return;
    }
    if (over.size > 0) return;
    if (changesSavedSeats(sheet, changed)) setPending(changed);
    else void send(changed);
  };

  const reclaim = async (request: ReclaimRequest): Promise<void> => {
    if (!project || !sheet) return;
    setReclaiming(true);
    try {
      const result = await call('quotas/reclaim', {
        projectId: project.id,
        batchId: request.batchId,
        reason: request.reason,
        ...(request.childUnitId
          ? { childUnitId: request.childUnitId }
          : { parentUnitId: sheet.parent.unit.id }),
      });
      setReclaimOpen(false);
      void message.success(t.reclaimed(result.reclaimed, result.units));
      sheetQuery.reload();
    } catch (caught) {
      showError(caught);
    } finally {
      setReclaiming(false);
    }
  };

  const summary = sheet ? sheetSummary(sheet) : null;
  const overNames = sheet
    ? sheet.batches
        .filter((b) => over.has(b.id))
        .map((b) => b.name)
        .join('、')
    : '';

  return (
    <div className="app-page" data-testid="quotas-page">
      <PageHeader
        title={t.pageTitle}
        description={t.pageDescription}
        extra={
          <>
            <ProjectPicker
              label={t.project}
              rows={projectRows}
              value={project?.id}
              isLoading={projects.isLoading}
              width={300}
              onChange={(id) => {
                setChosenId(id);
                goTo([]);
              }}
              testId="quota-project"
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={sheetQuery.reload}
              aria-label={t.pageTitle}
            />
          </>
        }
      />
      <div className="page-scroll">
        <Flex vertical gap={12}>
          {projects.error && <ErrorAlert error={projects.error} onRetry={projects.reload} />}
          {projects.data && projectRows.length === 0 && (
            <Empty description={t.noProjects} data-testid="quotas-no-projects" />
          )}
          {sheetQuery.error && <ErrorAlert error={sheetQuery.error} onRetry={sheetQuery.reload} />}
          {sheet && summary && (
            <>
              {trail.length > 0 && (
                <Breadcrumb
                  data-testid="quota-breadcrumb"
                  items={[
                    {
                      title: (
                        <Typography.Link onClick={() => goTo([])}>
                          {t.breadcrumbRoot}
                        </Typography.Link>
                      ),
                    },
                    ...trail.map((crumb, index) => ({
                      title:
                        index < trail.length - 1 ? (
                          <Typography.Link onClick={() => goTo(trail.slice(0, index + 1))}>
                            {crumb.name}
                          </Typography.Link>
                        ) : (
                          crumb.name
                        ),
                    })),
                  ]}
                />
              )}
              <Typography.Title level={5} style={{ margin: 0 }} data-testid="quota-unit-name">
                {sheet.parent.unit.name}
              </Typography.Title>
              <StatRow
                items={[
                  { label: t.summary.seats, value: summary.seats, testId: 'quota-sum-seats' },
                  {
                    label: t.summary.handedDown,
                    value: summary.handedDown,
                    testId: 'quota-sum-handed',
                  },
                  {
                    label: t.summary.enrolled,
                    value: summary.enrolled,
                    testId: 'quota-sum-enrolled',
                  },
                  {
                    label: t.summary.remaining,
                    value: summary.remaining,
                    tone: 'good',
                    testId: 'quota-sum-remaining',
                  },
                  {
                    label: t.summary.teachers,
                    value: sheet.parent.teachers,
                    testId: 'quota-sum-teachers',
                  },
                ]}
              />
              {/* Without the right, one notice says so; the core's own note is about the right too. */}
              {canManage && sheet.editNote && (
                <Alert
                  type="warning"
                  showIcon
                  title={sheet.canEdit ? t.editNoteLateTitle : t.editNoteTitle}
                  description={sheet.editNote}
                  data-testid="quota-edit-note"
                />
              )}
              {!canManage && <Alert type="info" showIcon title={t.readOnly} />}
              {notes && notes.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  closable
                  onClose={() => setNotes(null)}
                  title={t.proposeNotes}
                  description={
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {notes.map((note) => (
                        <li key={note}>{note}</li>
                      ))}
                    </ul>
                  }
                />
              )}
              {over.size > 0 && (
                <Alert type="error" showIcon title={t.over(overNames)} data-testid="quota-over" />
              )}
              {canEdit && (
                <Flex gap={8} align="center" wrap>
                  <Button
                    icon={<CalculatorOutlined />}
                    onClick={() => void propose()}
                    disabled={sheet.children.length === 0}
                    data-testid="quota-propose"
                  >
                    {t.propose}
                  </Button>
                  <Button
                    type="primary"
                    icon={<SaveOutlined />}
                    onClick={save}
                    loading={isSaving && pending === null}
                    disabled={changed.length === 0 || over.size > 0}
                    data-testid="quota-save"
                  >
                    {t.save}
                  </Button>
                  <Button
                    icon={<UndoOutlined />}
                    disabled={Object.keys(edits).length === 0}
                    onClick={() => {
                      setEdits({});
                      setNotes(null);
                    }}
                  >
                    {t.discard}
                  </Button>
                  <Button
                    icon={<RollbackOutlined />}
                    disabled={sheet.children.length === 0}
                    onClick={() => setReclaimOpen(true)}
                    data-testid="quota-reclaim"
                  >
                    {t.reclaim}
                  </Button>
                  {changed.length > 0 && (
                    <Space>
                      <Typography.Text type="warning" data-testid="quota-changed">
                        {t.changedCount(changed.length)}
                      </Typography.Text>
                    </Space>
                  )}
                </Flex>
              )}
              <QuotaGrid
                sheet={sheet}
                edits={edits}
                canEditChildren={canEdit}
                canEditParent={canEditParent}
                onEdit={onEdit}
                onDrill={drillable.size > 0 ? onDrill : undefined}
              />
              {sheet.children.length === 0 && (
                <Typography.Text type="secondary">{t.noChildren}</Typography.Text>
              )}
              <CoveragePanel sheet={sheet} />
              <ReasonModal
                isOpen={pending !== null}
                isSaving={isSaving}
                onCancel={() => setPending(null)}
                onConfirm={(reason) => {
                  if (pending) void send(pending, reason);
                }}
              />
              <ReclaimModal
                sheet={sheet}
                isOpen={isReclaimOpen}
                isSaving={isReclaiming}
                onCancel={() => setReclaimOpen(false)}
                onConfirm={(request) => void reclaim(request)}
              />
            </>
          )}
        </Flex>
      </div>
    </div>
  );
}
