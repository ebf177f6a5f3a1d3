/**
 * Adds a teacher by hand (`roster/create`), edits one (`roster/update`) or deletes one
 * (`roster/delete`). When editing, the identity fields derived from the ID number are shown, not
 * editable: the ID is the key. Only the fields that changed are sent, so the audit log says what
 * was edited. The form checks what it can at once (ID number, mobile) with the importer's own
 * rules; the core checks everything again.
 */
import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  TreeSelect,
} from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { type EmploymentStatus, type Stage } from '@shared/api/common.schemas';
import { EMPLOYMENT_STATUSES, STAGES } from '@shared/api/values';
import { type OrgNode } from '@shared/api/org.contract';
import { type TeacherRow } from '@shared/api/roster.contract';
import { checkIdNumber } from '@shared/domain/roster/id-number';
import { checkMobile } from '@shared/domain/roster/mobile';
import { CANONICAL_TITLES } from '@shared/domain/roster/vocabulary';
import { call } from '../../api/client';
import { useErrorNotice } from '../../components/errors';
import { buildForest, type OrgTreeItem } from '../../components/org-tree/org-tree-model';
import { EDIT_TEXT } from './roster.strings';

interface TeacherDrawerProps {
  /** The teacher to edit; null with `isCreating` to add one. */
  teacher: TeacherRow | null;
  isCreating?: boolean;
  /** The school a new teacher starts in (the unit chosen in the tree, when it is a school). */
  defaultSchoolId?: string | null;
  orgNodes: readonly OrgNode[];
  onClose: () => void;
  /** After a save or a deletion (null). */
  onSaved: (row: TeacherRow | null) => void;
}

interface FormValues {
  idNumber: string;
  name: string;
  schoolId: string;
  stages: Stage[];
  subject: string;
  title: string;
  mobile: string;
  employmentStatus: EmploymentStatus;
}

interface SchoolOption {
  value: string;
  title: string;
  selectable: boolean;
  children: SchoolOption[];
}

function toSchoolOptions(items: readonly OrgTreeItem[]): SchoolOption[] {
  return items.map(({ node, children }) => ({
    value: node.id,
    title: node.name,
    selectable: node.kind === 'school',
    children: toSchoolOptions(children),
  }));
}

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function buildPatch(row: TeacherRow, values: FormValues) {
  const patch: {
    name?: string;
    schoolId?: string;
    stages?: Stage[];
    subject?: string | null;
    title?: string | null;
    mobile?: string | null;
    employmentStatus?: EmploymentStatus;
  } = {};
  if (values.name.trim() !== row.name) patch.name = values.name.trim();
  if (values.schoolId !== row.schoolId) patch.schoolId = values.schoolId;
  if (values.stages.join() !== row.stages.join()) patch.stages = values.stages;
  if (orNull(values.subject) !== row.subject) patch.subject = orNull(values.subject);
  if (orNull(values.title) !== row.title) patch.title = orNull(values.title);
  if (orNull(values.mobile) !== row.mobile) patch.mobile = orNull(values.mobile);
  if (values.employmentStatus !== row.employmentStatus)
    patch.employmentStatus = values.employmentStatus;
  return patch;
}

function TeacherForm({ teacher, defaultSchoolId, orgNodes, onClose, onSaved }: TeacherDrawerProps) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [isSaving, setSaving] = useState(false);
  const [isDeleting, setDeleting] = useState(false);
  const schoolOptions = useMemo(() => toSchoolOptions(buildForest(orgNodes)), [orgNodes]);

  const create = async (values: FormValues): Promise<void> => {
    setSaving(true);
    try {
      const created = await call('roster/create', {
        idNumber: values.idNumber.trim(),
        name: values.name.trim(),
        schoolId: values.schoolId,
        stages: values.stages,
        subject: orNull(values.subject),
        title: orNull(values.title),
        mobile: orNull(values.mobile),
        employmentStatus: values.employmentStatus,
      });
      void message.success(EDIT_TEXT.created(created.name));
      onSaved(created);
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const remove = async (): Promise<void> => {
    if (!teacher) return;
    setDeleting(true);
    try {
      const result = await call('roster/delete', { id: teacher.id });
      void message.success(
        result.markedLeft ? EDIT_TEXT.markedLeft(teacher.name) : EDIT_TEXT.deleted(teacher.name),
      );
      onSaved(null);
    } catch (error) {
      showError(error);
    } finally {
      setDeleting(false);
    }
  };

  const save = async (values: FormValues): Promise<void> => {
    if (!teacher) {
      await create(values);
      return;
    }
    const patch = buildPatch(teacher, values);
    if (Object.keys(patch).length === 0) {
      void message.info(EDIT_TEXT.noChanges);
      onClose();
      return;
    }
    setSaving(true);
    try {
      const updated = await call('roster/update', { id: teacher.id, patch });
      void message.success(EDIT_TEXT.saved);
      onSaved(updated);
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      initialValues={
        teacher
          ? {
              idNumber: '',
              name: teacher.name,
              schoolId: teacher.schoolId,
              stages: teacher.stages,
              subject: teacher.subject ?? '',
              title: teacher.title ?? '',
              mobile: teacher.mobile ?? '',
              employmentStatus: teacher.employmentStatus,
            }
          : {
              idNumber: '',
              name: '',
              ...(defaultSchoolId ? { schoolId: defaultSchoolId } : {}),
              stages: [],
              subject: '',
              title: '',
              mobile: '',
              employmentStatus: '在职',
            }
      }
      onFinish={(values) => void save(values)}
      data-testid="teacher-form"
    >
      {teacher ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          title={<span style={{ fontSize: 13 }}>{EDIT_TEXT.readOnlySection}</span>}
          style={{ marginBottom: 16 }}
          items={[
            {
              key: 'id',
              label: EDIT_TEXT.idNumber,
              children: <span className="cell-mono">{teacher.idNumberMasked}</span>,
            },
            { key: 'gender', label: EDIT_TEXT.gender, children: teacher.gender },
            { key: 'birth', label: EDIT_TEXT.birthDate, children: teacher.birthDate },
          ]}
        />
      ) : (
        <Form.Item
          name="idNumber"
          label={EDIT_TEXT.idNumber}
          extra={EDIT_TEXT.idNumberHint}
          rules={[
            {
              // The importer's check: the same message for the same mistake.
              validator: (_, value: string) => {
                const checked = checkIdNumber(value ?? '');
                return checked.ok ? Promise.resolve() : Promise.reject(new Error(checked.message));
              },
            },
          ]}
        >
          <Input maxLength={20} className="cell-mono" data-testid="teacher-id-number" />
        </Form.Item>
      )}
      <Form.Item
        name="name"
        label={EDIT_TEXT.name}
        rules={[{ required: true, whitespace: true, message: EDIT_TEXT.nameRequired }]}
      >
        <Input maxLength={50} data-testid="teacher-name" />
      </Form.Item>
      <Form.Item
        name="schoolId"
        label={EDIT_TEXT.school}
        rules={[{ required: true, message: EDIT_TEXT.schoolRequired }]}
      >
        <TreeSelect
          showSearch
          treeNodeFilterProp="title"
          treeData={schoolOptions}
          placeholder={EDIT_TEXT.schoolPlaceholder}
          treeDefaultExpandedKeys={
            teacher ? [teacher.schoolId] : defaultSchoolId ? [defaultSchoolId] : []
          }
          data-testid="teacher-school"
        />
      </Form.Item>
      <Form.Item
        name="stages"
        label={EDIT_TEXT.stages}
        rules={[{ required: true, type: 'array', min: 1, message: EDIT_TEXT.stagesRequired }]}
      >
        <Select
          mode="multiple"
          options={STAGES.map((s) => ({ value: s, label: s }))}
          data-testid="teacher-stages"
        />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="subject" label={EDIT_TEXT.subject} style={{ flex: 1 }}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="title" label={EDIT_TEXT.title} style={{ flex: 1 }}>
          <Select
            allowClear
            showSearch
            options={CANONICAL_TITLES.map((t) => ({ value: t, label: t }))}
          />
        </Form.Item>
      </Flex>
      <Flex gap={12}>
        <Form.Item
          name="mobile"
          label={EDIT_TEXT.mobile}
          style={{ flex: 1 }}
          rules={[
            {
              // The same check as the import, so the form and the core agree on what is valid.
              validator: (_, value: string) => {
                if (!value || !value.trim()) return Promise.resolve();
                const checked = checkMobile(value);
                return checked.ok ? Promise.resolve() : Promise.reject(new Error(checked.message));
              },
            },
          ]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="employmentStatus" label={EDIT_TEXT.status} style={{ flex: 1 }}>
          <Select options={EMPLOYMENT_STATUSES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
      </Flex>
      <Flex justify="flex-end" gap={8}>
        {teacher && (
          <Popconfirm
            title={EDIT_TEXT.deleteConfirmTitle(teacher.name)}
            description={EDIT_TEXT.deleteConfirmText}
            okText={EDIT_TEXT.deleteOk}
            okButtonProps={{ danger: true }}
            cancelText={EDIT_TEXT.cancel}
            onConfirm={() => remove()}
          >
            <Button
              danger
              icon={<DeleteOutlined />}
              loading={isDeleting}
              style={{ marginRight: 'auto' }}
              data-testid="teacher-delete"
            >
              {EDIT_TEXT.delete}
            </Button>
          </Popconfirm>
        )}
        <Button onClick={onClose}>{EDIT_TEXT.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={isSaving} data-testid="teacher-save">
          {EDIT_TEXT.save}
        </Button>
      </Flex>
    </Form>
  );
}

export function TeacherDrawer(props: TeacherDrawerProps) {
  const { teacher, isCreating = false, onClose } = props;
  const isOpen = teacher !== null || isCreating;
  return (
    <Drawer
      open={isOpen}
      onClose={onClose}
      size={440}
      title={teacher ? EDIT_TEXT.drawerTitle(teacher.name) : EDIT_TEXT.createTitle}
      destroyOnHidden
      data-testid="teacher-drawer"
    >
      {isOpen && <TeacherForm key={teacher?.id ?? 'new'} {...props} />}
    </Drawer>
  );
}
