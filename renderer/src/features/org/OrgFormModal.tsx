/**
 * Create or edit one org unit. A child's kind follows from its parent (province → city → district
 * → school); only a top-level unit lets the officer choose. Names must be unique under a parent:
 * the core says so in Chinese when they are not.
 */
import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { type OrgKind } from '@shared/api/common.schemas';
import { ORG_KINDS } from '@shared/api/values';
import { type OrgNode } from '@shared/api/org.contract';
import { call } from '../../api/client';
import { ORG_KIND_LABELS } from '../../components/components.strings';
import { useErrorNotice } from '../../components/errors';
import { ORG_FORM_TEXT, ORG_TEXT } from './org.strings';

export type OrgFormMode =
  { type: 'create'; parent: OrgNode | null; kind: OrgKind } | { type: 'edit'; node: OrgNode };

interface OrgFormModalProps {
  mode: OrgFormMode | null;
  onClose: () => void;
  onSaved: (node: OrgNode) => void;
}

interface FormValues {
  name: string;
  kind: OrgKind;
  code: string;
}

function OrgForm({ mode, onClose, onSaved }: OrgFormModalProps & { mode: OrgFormMode }) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [isSaving, setSaving] = useState(false);
  const isTopLevel = mode.type === 'create' && mode.parent === null;

  const save = async (values: FormValues): Promise<void> => {
    setSaving(true);
    try {
      const code = values.code.trim();
      const node =
        mode.type === 'create'
          ? await call('org/create', {
              name: values.name,
              kind: isTopLevel ? values.kind : mode.kind,
              parentId: mode.parent?.id ?? null,
              ...(code ? { code } : {}),
            })
          : await call('org/update', { id: mode.node.id, name: values.name, code: code || null });
      void message.success(mode.type === 'create' ? ORG_TEXT.created(node.name) : ORG_TEXT.updated);
      onSaved(node);
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const title =
    mode.type === 'create'
      ? ORG_FORM_TEXT.createTitle(ORG_KIND_LABELS[mode.kind], mode.parent?.name ?? null)
      : ORG_FORM_TEXT.editTitle(mode.node.name);

  return (
    <Modal
      open
      title={title}
      okText={ORG_FORM_TEXT.ok}
      cancelText={ORG_FORM_TEXT.cancel}
      confirmLoading={isSaving}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'org-form-ok' }}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          name: mode.type === 'edit' ? mode.node.name : '',
          kind: mode.type === 'create' ? mode.kind : mode.node.kind,
          code: mode.type === 'edit' ? (mode.node.code ?? '') : '',
        }}
        onFinish={(values) => void save(values)}
        data-testid="org-form"
      >
        <Form.Item
          name="name"
          label={ORG_FORM_TEXT.name}
          rules={[{ required: true, whitespace: true, message: ORG_FORM_TEXT.nameRequired }]}
        >
          <Input maxLength={100} autoFocus data-testid="org-form-name" />
        </Form.Item>
        <Form.Item name="kind" label={ORG_FORM_TEXT.kind}>
          <Select
            disabled={!isTopLevel}
            options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
            data-testid="org-form-kind"
          />
        </Form.Item>
        <Form.Item name="code" label={ORG_FORM_TEXT.code} extra={ORG_FORM_TEXT.codeHint}>
          <Input maxLength={32} data-testid="org-form-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function OrgFormModal(props: OrgFormModalProps) {
  if (!props.mode) return null;
  return <OrgForm {...props} mode={props.mode} />;
}
