/**
 * The page a browser tab sees without a valid access token (bridge mode). The token lives in the
 * link the server prints and is removed from the address bar once read, so a user who opens
 * http://127.0.0.1:PORT/ again in a new tab — or after a restart — has no way in unless this page
 * says where the link is and how to get a new one.
 */
import { Result, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { APP_TEXT } from './app.strings';

export function AccessHelp({ reason }: { reason: string }) {
  const t = APP_TEXT.access;
  return (
    <Result
      className="access-help"
      status="warning"
      icon={<LockOutlined />}
      title={t.title}
      subTitle={reason}
      data-testid="unauthorized"
    >
      <Typography.Paragraph strong>{t.stepsTitle}</Typography.Paragraph>
      <ol className="access-help-steps" data-testid="access-steps">
        {t.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <Typography.Paragraph type="secondary">{t.why}</Typography.Paragraph>
    </Result>
  );
}
