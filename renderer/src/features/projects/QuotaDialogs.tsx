/** The two questions of 名额分配: why saved seats change, and which unused seats to take back. */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { type QuotaSheet } from '@shared/api/projects.contract';
import { QUOTAS_TEXT } from './projects.strings';

interface ReasonModalProps {
  isOpen: boolean;
  isSaving: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
  /** What the reason is for (default: changing seats already handed down). */
  hint?: string;
  /** The core's own words on why a reason is needed, shown under the hint. */
  detail?: string | null;
  placeholder?: string;
  /** Test id of the text field; its OK button gets `<testId>-ok`. */
  testId?: string;
}

export function ReasonModal({
  isOpen,
  isSaving,
  onCancel,
  onConfirm,
  hint = QUOTAS_TEXT.reasonHint,
  detail = null,
  placeholder = QUOTAS_TEXT.reasonPlaceholder,
  testId = 'quota-reason',
}: ReasonModalProps) {
  const t = QUOTAS_TEXT;
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={isOpen}
      title={t.reasonTitle}
      okText={t.confirm}
      cancelText={t.cancel}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${testId}-ok` }}
    >
      <Alert
        type="info"
        showIcon
        title={detail ?? hint}
        description={detail ? hint : undefined}
        style={{ marginBottom: 12 }}
      />
      <Form form={form} layout="vertical" onFinish={(values) => onConfirm(values.reason.trim())}>
        <ReasonField testId={testId} placeholder={placeholder} />
      </Form>
    </Modal>
  );
}

export interface ReclaimRequest {
  batchId: string;
  childUnitId: string | null;
  reason: string;
}

interface ReclaimModalProps {
  sheet: QuotaSheet;
  isOpen: boolean;
  isSaving: boolean;
  onCancel: () => void;
  onConfirm: (request: ReclaimRequest) => void;
}

const ALL = '__all__';

export function ReclaimModal({ sheet, isOpen, isSaving, onCancel, onConfirm }: ReclaimModalProps) {
  const t = QUOTAS_TEXT;
  const [form] = Form.useForm<{ batchId: string; unit: string; reason: string }>();
  return (
    <Modal
      open={isOpen}
      title={t.reclaimTitle}
      okText={t.reclaim}
      cancelText={t.cancel}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ danger: true, 'data-testid': 'quota-reclaim-ok' }}
    >
      <Alert type="info" showIcon title={t.reclaimHint} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ unit: ALL }}
        onFinish={(values) =>
          onConfirm({
            batchId: values.batchId,
            childUnitId: values.unit === ALL ? null : values.unit,
            reason: values.reason.trim(),
          })
        }
      >
        <Form.Item
          name="batchId"
          label={t.reclaimBatch}
          rules={[{ required: true, message: t.reclaimBatch }]}
        >
          <Select
            options={sheet.batches.map((b) => ({ value: b.id, label: b.name }))}
            data-testid="quota-reclaim-batch"
          />
        </Form.Item>
        <Form.Item name="unit" label={t.reclaimUnit}>
          <Select
            options={[
              { value: ALL, label: t.reclaimAll },
              ...sheet.children.map((c) => ({ value: c.unit.id, label: c.unit.name })),
            ]}
            data-testid="quota-reclaim-unit"
          />
        </Form.Item>
        <ReasonField testId="quota-reclaim-reason" />
      </Form>
    </Modal>
  );
}

/** The reason a change of seats needs (it goes to the audit log), at most 200 characters. */
function ReasonField({
  testId,
  placeholder = QUOTAS_TEXT.reasonPlaceholder,
}: {
  testId: string;
  placeholder?: string;
}) {
  const t = QUOTAS_TEXT;
  return (
    <Form.Item
      name="reason"
      label={t.reasonLabel}
      rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}
    >
      <Input.TextArea
        rows={3}
        maxLength={200}
        showCount
        placeholder={placeholder}
        data-testid={testId}
      />
    </Form.Item>
  );
}
