/**
 * 新建培训项目: code, name, year (next year by default), a rule set with a calendar part and the
 * stages. The core's refusals (a code in use, a rule set without a calendar) show under their field.
 */
import { useState } from 'react';
import dayjs from 'dayjs';
import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { type ProjectRow } from '@shared/api/projects.contract';
import { type Stage } from '@shared/api/common.schemas';
import { toApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { useErrorNotice } from '../../components/errors';
import { calendarRuleSets, refusedField } from './project-form';
import { PROJECTS_TEXT, STAGE_OPTIONS } from './projects.strings';

interface FormValues {
  code: string;
  name: string;
  year: number;
  ruleSetId: string;
  stages: Stage[];
}

const FIELDS = new Set(['code', 'name', 'year', 'ruleSetId', 'stages']);

interface CreateProjectModalProps {
  isOpen: boolean;
  onClose: () => void;
  onCreated: (project: ProjectRow) => void;
}

export function CreateProjectModal({ isOpen, onClose, onCreated }: CreateProjectModalProps) {
  const t = PROJECTS_TEXT.form;
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [form] = Form.useForm<FormValues>();
  const [isSaving, setSaving] = useState(false);
  const rules = useApiQuery('rules/list', {}, { isEnabled: isOpen });
  const options = calendarRuleSets(rules.data?.items ?? []).map((item) => ({
    value: item.id,
    label: item.name,
  }));

  const submit = async (values: FormValues): Promise<void> => {
    setSaving(true);
    try {
      const project = await call('projects/create', {
        code: values.code,
        name: values.name,
        year: values.year,
        ruleSetId: values.ruleSetId,
        stages: values.stages,
        subjects: [],
      });
      void message.success(t.created(project.code));
      form.resetFields();
      onCreated(project);
    } catch (caught) {
      const error = toApiError(caught);
      const field = refusedField(error);
      if (field && FIELDS.has(field)) {
        form.setFields([{ name: field as keyof FormValues, errors: [error.message] }]);
      } else {
        showError(error);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={isOpen}
      title={t.title}
      okText={t.submit}
      cancelText={t.cancel}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
      okButtonProps={{ 'data-testid': 'project-create-submit' }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        initialValues={{ year: dayjs().year() + 1, stages: ['小学', '初中'] }}
        data-testid="project-create-form"
      >
        <Form.Item
          name="code"
          label={t.code}
          rules={[{ required: true, whitespace: true, message: t.required(t.code) }]}
        >
          <Input placeholder={t.codePlaceholder} maxLength={32} data-testid="project-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t.name}
          rules={[{ required: true, whitespace: true, message: t.required(t.name) }]}
        >
          <Input placeholder={t.namePlaceholder} maxLength={100} data-testid="project-name" />
        </Form.Item>
        <Form.Item
          name="year"
          label={t.year}
          rules={[{ required: true, message: t.required(t.year) }]}
        >
          <InputNumber
            min={2000}
            max={2200}
            precision={0}
            style={{ width: 160 }}
            data-testid="project-year"
          />
        </Form.Item>
        <Form.Item
          name="ruleSetId"
          label={t.ruleSet}
          extra={rules.data && options.length === 0 ? t.ruleSetEmpty : t.ruleSetHelp}
          rules={[{ required: true, message: t.pick(t.ruleSet) }]}
        >
          <Select
            options={options}
            loading={rules.isLoading}
            placeholder={t.pick(t.ruleSet)}
            data-testid="project-rule-set"
          />
        </Form.Item>
        <Form.Item
          name="stages"
          label={t.stages}
          rules={[{ required: true, message: t.pick(t.stages) }]}
        >
          <Select
            mode="multiple"
            options={STAGE_OPTIONS.map((stage) => ({ value: stage, label: stage }))}
            placeholder={t.pick(t.stages)}
            data-testid="project-stages"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
