/**
 * The login form (user name, password). The core gives the same answer for an unknown user and a
 * wrong password, and its own answer for a locked account; both are shown as it words them. While
 * the demo workspace is in use, its accounts are listed beside the form, each a click from filled.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { type AuthState, type Me } from '@shared/api/auth.contract';
import { toApiError, type ApiError } from '../../api/api-error';
import { ERROR_TITLES } from '../../api/api.strings';
import { call } from '../../api/client';
import { LOGIN_TEXT } from './auth.strings';

interface Values {
  userName: string;
  password: string;
}

interface LoginPageProps {
  state: Pick<AuthState, 'installation' | 'demoAccounts' | 'demoPassword'>;
  /** Why the operator is here again (their session ended elsewhere), if that is the case. */
  notice: string | null;
  onLoggedIn: (me: Me) => void;
}

export function LoginPage({ state, notice, onLoggedIn }: LoginPageProps) {
  const t = LOGIN_TEXT;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);

  const submit = async (values: Values): Promise<void> => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await call('auth/login', {
        userName: values.userName.trim(),
        password: values.password,
      });
      onLoggedIn(me);
    } catch (caught) {
      setError(toApiError(caught));
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  const { demoAccounts, demoPassword } = state;
  const hasDemo = demoAccounts.length > 0 && demoPassword !== null;

  return (
    <div className="auth-login" data-testid="login-page">
      <Card className="auth-card auth-login-card">
        <Typography.Title level={3} className="auth-login-title">
          {t.title}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="login-installation">
          {t.subtitle(state.installation?.name ?? null)}
        </Typography.Text>
        {notice && !error && (
          <Alert
            type="info"
            showIcon
            title={t.sessionEnded}
            description={notice === t.sessionEnded ? undefined : notice}
            style={{ marginTop: 16 }}
            data-testid="login-notice"
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          style={{ marginTop: 20 }}
          onFinish={(values) => void submit(values)}
          onValuesChange={() => setError(null)}
        >
          <Form.Item
            name="userName"
            label={t.userName}
            rules={[{ required: true, whitespace: true, message: t.userNameRequired }]}
          >
            <Input
              size="large"
              prefix={<UserOutlined className="auth-input-icon" />}
              placeholder={t.userNamePlaceholder}
              autoComplete="username"
              autoFocus
              data-testid="login-username"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t.password}
            rules={[{ required: true, message: t.passwordRequired }]}
          >
            <Input.Password
              size="large"
              prefix={<LockOutlined className="auth-input-icon" />}
              placeholder={t.passwordPlaceholder}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error.code === 'NETWORK' ? ERROR_TITLES.NETWORK : t.failedTitle}
              description={error.message}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
              data-error-code={error.code}
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={isSubmitting}
            data-testid="login-submit"
          >
            {t.submit}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="auth-login-hint">
          {t.forgotHint}
        </Typography.Paragraph>
      </Card>
      {hasDemo && (
        <Card
          className="auth-card auth-demo-card"
          size="small"
          title={t.demoTitle}
          data-testid="demo-accounts"
        >
          <Typography.Paragraph type="secondary" style={{ marginBottom: 10 }}>
            {t.demoIntroBefore}{' '}
            <Typography.Text code translate="no" data-testid="demo-password">
              {demoPassword}
            </Typography.Text>
            {t.demoIntroAfter}
          </Typography.Paragraph>
          <div className="demo-account-list" role="list">
            <div className="demo-account demo-account-head" role="presentation">
              <span>{t.demoColumns.userName}</span>
              <span>{t.demoColumns.role}</span>
              <span>{t.demoColumns.unit}</span>
            </div>
            {demoAccounts.map((account) => (
              <button
                key={account.userName}
                type="button"
                role="listitem"
                className="demo-account"
                title={account.displayName}
                onClick={() => {
                  form.setFieldsValue({ userName: account.userName, password: demoPassword });
                  setError(null);
                }}
                data-testid={`demo-account-${account.userName}`}
              >
                <span className="demo-account-user" translate="no">
                  {account.userName}
                </span>
                <span>{account.roleName}</span>
                <span className="demo-account-unit">{account.unitName}</span>
              </button>
            ))}
          </div>
          <Typography.Paragraph type="secondary" className="auth-demo-note">
            {t.demoNote}
          </Typography.Paragraph>
        </Card>
      )}
    </div>
  );
}
