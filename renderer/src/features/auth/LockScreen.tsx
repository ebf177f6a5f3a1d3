/**
 * The idle lock: the operator re-enters their password (`auth/unlock`) and carries on where they
 * were; someone else logs the locked operator out first. Whether the window locked itself or the
 * core locked the session, this is the screen.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { type Me } from '@shared/api/auth.contract';
import { toApiError, type ApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { LOCK_TEXT } from './auth.strings';
import { OperatorName } from './OperatorName';

interface LockScreenProps {
  me: Me | null;
  idleLockMinutes: number;
  onUnlocked: (me: Me) => void;
  onLogout: () => void;
}

export function LockScreen({ me, idleLockMinutes, onUnlocked, onLogout }: LockScreenProps) {
  const t = LOCK_TEXT;
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);

  const submit = async ({ password }: { password: string }): Promise<void> => {
    setSubmitting(true);
    setError(null);
    try {
      onUnlocked(await call('auth/unlock', { password }));
    } catch (caught) {
      setError(toApiError(caught));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Card className="auth-card auth-lock-card" data-testid="lock-screen">
      <div className="auth-lock-icon">
        <LockOutlined />
      </div>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="lock-reason">
        {t.reason(idleLockMinutes)}
      </Typography.Title>
      {me && (
        <Typography.Text strong className="auth-lock-who">
          <OperatorName me={me} />
        </Typography.Text>
      )}
      <Typography.Paragraph type="secondary" className="auth-lock-explain">
        {t.explain}
      </Typography.Paragraph>
      <Form<{ password: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setError(null)}
        style={{ width: '100%' }}
      >
        <Form.Item
          name="password"
          label={t.password}
          rules={[{ required: true, message: t.passwordRequired }]}
        >
          <Input.Password
            size="large"
            autoFocus
            autoComplete="current-password"
            placeholder={t.passwordPlaceholder}
            data-testid="lock-password"
          />
        </Form.Item>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t.failedTitle}
            description={error.message}
            style={{ marginBottom: 16 }}
            data-testid="lock-error"
          />
        )}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={isSubmitting}
          data-testid="lock-submit"
        >
          {t.unlock}
        </Button>
      </Form>
      <Button type="link" onClick={onLogout} className="auth-lock-switch" data-testid="lock-logout">
        {t.switchUser}
      </Button>
    </Card>
  );
}
