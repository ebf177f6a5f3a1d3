/**
 * 新建培训项目: code, name, year (next year by default), a rule set with a calendar part and the
 * stages. The core's refusals (a code in use, a rule set without a calendar) show under their field.
 * Once a rule set and a year are chosen, the batches they generate are shown before anything is
 * created (the core evaluates the calendar, as the project would).
 */
import { useState } from 'react';
import dayjs from 'dayjs';
import { App, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { type ProjectRow } from '@shared/api/projects.contract';
import { type Stage } from '@shared/api/common.schemas';
import { type CalendarBatch, type CalendarOutput } from '@shared/domain/rules';
import { partOf } from '@shared/domain/rules/rule-set';
import { toApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { useErrorNotice } from '../../components/errors';
import { calendarRuleSets, refusedField } from './project-form';
import { PROJECTS_TEXT, STAGE_OPTIONS } from './projects.strings';
import './projects.css';

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
  const ruleSetId = Form.useWatch('ruleSetId', form);
  const year = Form.useWatch('year', form);
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
      width={680}
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
        {isOpen && ruleSetId && typeof year === 'number' && (
          <BatchPreview ruleSetId={ruleSetId} year={year} />
        )}
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

/** The batches a rule set's calendar generates for a year, as the new project would get them. */
function BatchPreview({ ruleSetId, year }: { ruleSetId: string; year: number }) {
  const t = PROJECTS_TEXT.form.preview;
  // The rule set's calendar part (a preset is a bundle of parts), evaluated for the year as the
  // rules page shows it.
  const saved = useApiQuery('rules/get', { id: ruleSetId });
  const calendar = saved.data ? partOf(saved.data.ruleSet, 'calendar') : null;
  const evaluated = useApiQuery(
    'rules/evaluate',
    { ruleSet: calendar, input: { year }, now: dayjs().format('YYYY-MM-DD') },
    { isEnabled: calendar !== null },
  );
  // The core evaluated a calendar part.
  const output = evaluated.data?.output as CalendarOutput | undefined;
  const batches = output?.batches ?? [];
  const failed = saved.error ?? evaluated.error ?? (saved.data && !calendar);
  return (
    <div className="project-batch-preview" data-testid="project-batch-preview">
      <Typography.Text type="secondary">
        {failed
          ? t.failed
          : !output
            ? t.loading
            : batches.length === 0
              ? t.none(year)
              : t.summary(year, batches.length, output.quotaDeadline?.lastDay ?? null)}
      </Typography.Text>
      {batches.length > 0 && (
        <Table<CalendarBatch>
          size="small"
          rowKey="no"
          pagination={false}
          scroll={{ y: 180 }}
          dataSource={batches}
          columns={[
            { title: t.columns.no, dataIndex: 'no', width: 60, align: 'right' },
            {
              title: t.columns.dates,
              key: 'dates',
              render: (_: unknown, b: CalendarBatch) => `${b.start} 至 ${b.end}`,
            },
            {
              title: t.columns.enrollment,
              key: 'enrollment',
              render: (_: unknown, b: CalendarBatch) =>
                b.enrollmentOpens
                  ? `${b.enrollmentOpens} 至 ${b.enrollmentCloses}`
                  : t.untilDay(b.enrollmentCloses),
            },
            { title: t.columns.changeUntil, dataIndex: 'changeUntil', width: 120 },
          ]}
        />
      )}
    </div>
  );
}
