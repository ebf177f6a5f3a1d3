/**
 * Current password, new password, confirmation → `auth/changePassword`. The new one is checked
 * against the policy as it is typed; the core's refusal (a wrong current password) is shown in
 * the form, in its words.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Flex, Form, Input } from 'antd';
import { type Me } from '@shared/api/auth.contract';
import { toApiError, type ApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { PasswordFields } from '../../components/PasswordFields';
import { CHANGE_PASSWORD_TEXT } from './auth.strings';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

interface ChangePasswordFormProps {
  userName: string;
  onDone: (me: Me) => void;
  /** Left of the submit button (cancel, log out). */
  actions?: ReactNode;
}

export function ChangePasswordForm({ userName, onDone, actions }: ChangePasswordFormProps) {
  const t = CHANGE_PASSWORD_TEXT;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);

  const submit = async (values: Values): Promise<void> => {
    // The warning under the fields says why nothing happens.
    if (values.currentPassword === values.newPassword) return;
    setSaving(true);
    setError(null);
    try {
      const me = await call('auth/changePassword', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      form.resetFields();
      onDone(me);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      onValuesChange={() => setError(null)}
      data-testid="change-password-form"
    >
      <Form.Item
        name="currentPassword"
        label={t.current}
        rules={[{ required: true, message: t.currentRequired }]}
      >
        <Input.Password autoComplete="current-password" data-testid="change-password-current" />
      </Form.Item>
      <PasswordFields
        name="newPassword"
        confirmName="confirmPassword"
        label={t.newPassword}
        confirmLabel={t.confirm}
        userName={userName}
        testId="change-password-new"
      />
      <Form.Item noStyle dependencies={['currentPassword', 'newPassword']}>
        {({ getFieldValue }) => {
          const current = String((getFieldValue('currentPassword') as unknown) ?? '');
          const next = String((getFieldValue('newPassword') as unknown) ?? '');
          return current !== '' && current === next ? (
            <Alert type="warning" showIcon title={t.sameAsCurrent} style={{ marginBottom: 16 }} />
          ) : null;
        }}
      </Form.Item>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t.failedTitle}
          description={error.message}
          style={{ marginBottom: 16 }}
          data-testid="change-password-error"
        />
      )}
      <Flex justify="flex-end" gap={8}>
        {actions}
        <Button
          type="primary"
          htmlType="submit"
          loading={isSaving}
          data-testid="change-password-submit"
        >
          {t.submit}
        </Button>
      </Flex>
    </Form>
  );
}
