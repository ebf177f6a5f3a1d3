/**
 * A project's detail: its facts, its batches (from the rules' calendar) and, for the batch chosen,
 * its courses in an editable table saved with `projects/saveCourses`.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  InputNumber,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, ImportOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { type BatchRow, type ProjectRow } from '@shared/api/projects.contract';
import { type Stage } from '@shared/api/common.schemas';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { useCan, useMe } from '../../api/session';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { holdsOrganizer } from './batch-edit';
import { BatchesSection } from './BatchesSection';
import { CourseImportModal } from './CourseImportModal';
import { coursesToSave, draftsOf, mergeCourses, type CourseDraft } from './course-rows';
import { PROJECT_STATUS_LABELS, PROJECTS_TEXT, STAGE_OPTIONS } from './projects.strings';

let newKey = 0;
const nextKey = (): string => {
  newKey += 1;
  return `new-${newKey}`;
};

function CoursesEditor({
  batch,
  stages,
  organizer,
}: {
  batch: BatchRow;
  stages: readonly Stage[];
  organizer: ProjectRow['organizer'];
}) {
  const t = PROJECTS_TEXT.courses;
  const me = useMe();
  const hasRight = useCan('projects.manage');
  const holds = holdsOrganizer(me.homeUnit, organizer);
  // The core keeps a project's courses to its organizer's offices.
  const canManage = hasRight && holds;
  const [isImporting, setImporting] = useState(false);
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const { data, error, isLoading, reload } = useApiQuery('projects/courses', {
    batchId: batch.id,
  });
  const [drafts, setDrafts] = useState<CourseDraft[]>([]);
  const [isDirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);

  // A fresh answer of the core replaces the drafts (adjusting state while rendering, not in an
  // effect: https://react.dev/learn/you-might-not-need-an-effect).
  const [shown, setShown] = useState(data);
  if (data !== shown) {
    setShown(data);
    if (data) {
      setDrafts(draftsOf(data.rows));
      setDirty(false);
      setProblem(null);
    }
  }

  const update = (key: string, patch: Partial<CourseDraft>): void => {
    setDrafts((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
    setDirty(true);
  };

  const save = async (): Promise<void> => {
    const checked = coursesToSave(drafts, t);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    setSaving(true);
    try {
      const result = await call('projects/saveCourses', {
        batchId: batch.id,
        courses: checked.courses,
      });
      setDrafts(draftsOf(result.rows));
      setDirty(false);
      void message.success(t.saved(result.rows.length));
    } catch (caught) {
      showError(caught);
    } finally {
      setSaving(false);
    }
  };

  const stageOptions = (stages.length > 0 ? stages : STAGE_OPTIONS).map((s) => ({
    value: s,
    label: s,
  }));
  return (
    <Flex vertical gap={8} data-testid="courses-editor">
      {!canManage && (
        <Alert
          type="info"
          showIcon
          title={hasRight ? t.manageTip(organizer.name) : t.readOnly}
          data-testid="courses-read-only"
        />
      )}
      {error && <ErrorAlert error={error} onRetry={reload} />}
      {problem && <Alert type="error" showIcon title={problem} data-testid="courses-problem" />}
      <Table<CourseDraft>
        size="small"
        rowKey="key"
        loading={isLoading}
        dataSource={drafts}
        pagination={false}
        locale={{ emptyText: PROJECTS_TEXT.detail.coursesEmpty }}
        data-testid="courses-table"
        columns={[
          {
            title: t.code,
            dataIndex: 'code',
            width: 120,
            render: (value: string, row) =>
              canManage ? (
                <Input
                  size="small"
                  value={value}
                  maxLength={32}
                  onChange={(e) => update(row.key, { code: e.target.value })}
                  aria-label={t.code}
                />
              ) : (
                value
              ),
          },
          {
            title: t.name,
            dataIndex: 'name',
            render: (value: string, row) =>
              canManage ? (
                <Input
                  size="small"
                  value={value}
                  maxLength={100}
                  onChange={(e) => update(row.key, { name: e.target.value })}
                  aria-label={t.name}
                />
              ) : (
                value
              ),
          },
          {
            title: t.stage,
            dataIndex: 'stage',
            width: 100,
            render: (value: Stage | null, row) =>
              canManage ? (
                <Select
                  size="small"
                  value={value ?? undefined}
                  options={stageOptions}
                  onChange={(stage: Stage) => update(row.key, { stage })}
                  style={{ width: '100%' }}
                  aria-label={t.stage}
                />
              ) : (
                value
              ),
          },
          {
            title: t.subject,
            dataIndex: 'subject',
            width: 100,
            render: (value: string, row) =>
              canManage ? (
                <Input
                  size="small"
                  value={value}
                  maxLength={20}
                  onChange={(e) => update(row.key, { subject: e.target.value })}
                  aria-label={t.subject}
                />
              ) : (
                value
              ),
          },
          {
            title: t.hours,
            dataIndex: 'hours',
            width: 80,
            render: (value: number, row) =>
              canManage ? (
                <InputNumber
                  size="small"
                  min={0}
                  max={1000}
                  precision={0}
                  value={value}
                  onChange={(hours) => update(row.key, { hours: hours ?? 0 })}
                  style={{ width: '100%' }}
                  aria-label={t.hours}
                />
              ) : (
                value
              ),
          },
          {
            title: t.capacity,
            dataIndex: 'capacity',
            width: 100,
            render: (value: number | null, row) =>
              canManage ? (
                <InputNumber
                  size="small"
                  min={0}
                  precision={0}
                  value={value}
                  placeholder={t.capacityPlaceholder}
                  onChange={(capacity) => update(row.key, { capacity: capacity ?? null })}
                  style={{ width: '100%' }}
                  aria-label={t.capacity}
                />
              ) : (
                (value ?? t.capacityPlaceholder)
              ),
          },
          ...(canManage
            ? [
                {
                  title: t.actions,
                  key: 'actions',
                  width: 70,
                  render: (_: unknown, row: CourseDraft) => (
                    <Button
                      size="small"
                      type="link"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => {
                        setDrafts((rows) => rows.filter((r) => r.key !== row.key));
                        setDirty(true);
                      }}
                    >
                      {t.remove}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && (
        <Flex gap={8} align="center">
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              const key = nextKey();
              setDrafts((rows) => [
                ...rows,
                {
                  key,
                  code: '',
                  name: '',
                  stage: stages[0] ?? null,
                  subject: '',
                  hours: 0,
                  capacity: null,
                },
              ]);
              setDirty(true);
            }}
            data-testid="course-add"
          >
            {t.add}
          </Button>
          <Button
            icon={<ImportOutlined />}
            onClick={() => setImporting(true)}
            data-testid="course-import-open"
          >
            {t.import}
          </Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={isSaving}
            disabled={!isDirty}
            onClick={() => void save()}
            data-testid="courses-save"
          >
            {t.save}
          </Button>
          {isDirty && (
            <>
              <Button
                onClick={() => {
                  setDrafts(draftsOf(data?.rows ?? []));
                  setDirty(false);
                  setProblem(null);
                }}
              >
                {t.reset}
              </Button>
              <Typography.Text type="warning">{t.unsaved}</Typography.Text>
            </>
          )}
        </Flex>
      )}
      {canManage && (
        <CourseImportModal
          batchId={batch.id}
          batchName={batch.name}
          isOpen={isImporting}
          onClose={() => setImporting(false)}
          onMerge={(courses) => {
            setDrafts((rows) => mergeCourses(rows, courses, nextKey));
            setDirty(true);
            setProblem(null);
            setImporting(false);
            void message.success(PROJECTS_TEXT.courseImport.merged(courses.length));
          }}
        />
      )}
    </Flex>
  );
}

interface ProjectDrawerProps {
  project: ProjectRow | null;
  onClose: () => void;
}

export function ProjectDrawer({ project, onClose }: ProjectDrawerProps) {
  const t = PROJECTS_TEXT.detail;
  const [batchId, setBatchId] = useState<string | null>(null);
  const batch = project?.batches.find((b) => b.id === batchId) ?? null;
  return (
    <Drawer
      open={project !== null}
      onClose={() => {
        setBatchId(null);
        onClose();
      }}
      size={980}
      title={project ? t.title(project.code, project.name) : ''}
      destroyOnHidden
      data-testid="project-drawer"
    >
      {project && (
        <Flex vertical gap={16}>
          <Descriptions size="small" column={3} bordered title={t.info}>
            <Descriptions.Item label={t.organizer}>{project.organizer.name}</Descriptions.Item>
            <Descriptions.Item label={t.rules}>{project.ruleSetName}</Descriptions.Item>
            <Descriptions.Item label={t.status}>
              {PROJECT_STATUS_LABELS[project.status]}
            </Descriptions.Item>
            <Descriptions.Item label={t.stages}>
              {project.stages.map((s) => (
                <Tag key={s}>{s}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label={t.quotaDeadline} span={2}>
              {project.quotaDeadline ?? PROJECTS_TEXT.none}
            </Descriptions.Item>
          </Descriptions>
          <BatchesSection project={project} batchId={batchId} onPick={setBatchId} />
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {batch ? t.courses(batch.name) : t.pickBatch}
            </Typography.Title>
            {batch && (
              <CoursesEditor
                key={batch.id}
                batch={batch}
                stages={project.stages}
                organizer={project.organizer}
              />
            )}
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
