/**
 * The forced change of password: a new operator's first login, or after an administrator reset
 * the password. Nothing else opens until it is done (the core refuses every other call).
 */
import { Button, Card, Typography } from 'antd';
import { KeyOutlined } from '@ant-design/icons';
import { type Me } from '@shared/api/auth.contract';
import { ChangePasswordForm } from './ChangePasswordForm';
import { OperatorName } from './OperatorName';
import { CHANGE_PASSWORD_TEXT } from './auth.strings';

interface ChangePasswordScreenProps {
  me: Me;
  onChanged: () => void;
  onLogout: () => void;
}

export function ChangePasswordScreen({ me, onChanged, onLogout }: ChangePasswordScreenProps) {
  const t = CHANGE_PASSWORD_TEXT;
  return (
    <Card className="auth-card change-password-card" data-testid="change-password-screen">
      <div className="auth-card-head">
        <KeyOutlined className="auth-card-icon" />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.screenTitle}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t.screenIntro}</Typography.Paragraph>
      <Typography.Paragraph>
        {t.who}
        <OperatorName me={me} />
      </Typography.Paragraph>
      <ChangePasswordForm
        userName={me.userName}
        onDone={onChanged}
        actions={
          <Button type="link" onClick={onLogout} data-testid="change-password-logout">
            {t.logout}
          </Button>
        }
      />
    </Card>
  );
}
