/**
 * 重置密码: the administrator types a temporary password twice (the policy applies); the operator
 * must change it at their next login.
 */
import { useState } from 'react';
import { App, Button, Flex, Form, Modal, Typography } from 'antd';
import { type OperatorRow } from '@shared/api/auth.contract';
import { call } from '../../api/client';
import { useErrorNotice } from '../../components/errors';
import { PasswordFields } from '../../components/PasswordFields';
import { RESET_TEXT } from './operators.strings';

interface ResetPasswordModalProps {
  row: OperatorRow | null;
  onClose: () => void;
  onDone: () => void;
}

export function ResetPasswordModal({ row, onClose, onDone }: ResetPasswordModalProps) {
  return (
    <Modal
      open={row !== null}
      title={row ? RESET_TEXT.title(row.displayName) : ''}
      footer={null}
      width={460}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {row && <ResetForm row={row} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function ResetForm({
  row,
  onClose,
  onDone,
}: {
  row: OperatorRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [isSaving, setSaving] = useState(false);

  const submit = async ({ password }: { password: string }): Promise<void> => {
    setSaving(true);
    try {
      await call('operators/resetPassword', { id: row.id, password });
      void message.success(RESET_TEXT.done(row.displayName));
      onDone();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<{ password: string; confirmPassword: string }>
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      data-testid="reset-password-form"
    >
      <Typography.Paragraph type="secondary">{RESET_TEXT.intro}</Typography.Paragraph>
      <PasswordFields
        name="password"
        confirmName="confirmPassword"
        label={RESET_TEXT.password}
        confirmLabel={RESET_TEXT.confirm}
        userName={row.userName}
        testId="reset-password"
      />
      <Flex justify="flex-end" gap={8} className="modal-footer-bar">
        <Button onClick={onClose}>{RESET_TEXT.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={isSaving} data-testid="reset-password-ok">
          {RESET_TEXT.ok}
        </Button>
      </Flex>
    </Form>
  );
}
