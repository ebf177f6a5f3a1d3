/**
 * Edits one teacher (`roster/update`). Identity fields derived from the ID number are shown, not
 * editable: the ID is the key. Only the fields that changed are sent, so the audit log says what
 * was edited.
 */
import { useMemo, useState } from 'react';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, Select, TreeSelect } from 'antd';
import {
  employmentStatus,
  stage,
  type EmploymentStatus,
  type Stage,
} from '@shared/api/common.schemas';
import { type OrgNode } from '@shared/api/org.contract';
import { type TeacherRow } from '@shared/api/roster.contract';
import { checkMobile } from '@shared/domain/roster/mobile';
import { CANONICAL_TITLES } from '@shared/domain/roster/vocabulary';
import { call } from '../../api/client';
import { useErrorNotice } from '../../components/errors';
import { buildForest, type OrgTreeItem } from '../../components/org-tree/org-tree-model';
import { EDIT_TEXT } from './roster.strings';

interface TeacherDrawerProps {
  teacher: TeacherRow | null;
  orgNodes: readonly OrgNode[];
  onClose: () => void;
  onSaved: (row: TeacherRow) => void;
}

interface FormValues {
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

function TeacherForm({
  teacher,
  orgNodes,
  onClose,
  onSaved,
}: TeacherDrawerProps & { teacher: TeacherRow }) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [isSaving, setSaving] = useState(false);
  const schoolOptions = useMemo(() => toSchoolOptions(buildForest(orgNodes)), [orgNodes]);

  const save = async (values: FormValues): Promise<void> => {
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
      initialValues={{
        name: teacher.name,
        schoolId: teacher.schoolId,
        stages: teacher.stages,
        subject: teacher.subject ?? '',
        title: teacher.title ?? '',
        mobile: teacher.mobile ?? '',
        employmentStatus: teacher.employmentStatus,
      }}
      onFinish={(values) => void save(values)}
      data-testid="teacher-form"
    >
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
          treeDefaultExpandedKeys={[teacher.schoolId]}
        />
      </Form.Item>
      <Form.Item
        name="stages"
        label={EDIT_TEXT.stages}
        rules={[{ required: true, type: 'array', min: 1, message: EDIT_TEXT.stagesRequired }]}
      >
        <Select mode="multiple" options={stage.options.map((s) => ({ value: s, label: s }))} />
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
          <Select options={employmentStatus.options.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
      </Flex>
      <Flex justify="flex-end" gap={8}>
        <Button onClick={onClose}>{EDIT_TEXT.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={isSaving} data-testid="teacher-save">
          {EDIT_TEXT.save}
        </Button>
      </Flex>
    </Form>
  );
}

export function TeacherDrawer(props: TeacherDrawerProps) {
  const { teacher, onClose } = props;
  return (
    <Drawer
      open={teacher !== null}
      onClose={onClose}
      size={440}
      title={teacher ? EDIT_TEXT.drawerTitle(teacher.name) : ''}
      destroyOnHidden
      data-testid="teacher-drawer"
    >
      {teacher && <TeacherForm key={teacher.id} {...props} teacher={teacher} />}
    </Drawer>
  );
}
