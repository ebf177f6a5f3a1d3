/** 安全设置: the idle lock time (`settings/get`, `settings/update`). */
import { useEffect, useState } from 'react';
import { App, Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { SECURITY_TEXT } from './operators.strings';

export function SecurityTab() {
  const t = SECURITY_TEXT;
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const settings = useApiQuery('settings/get', {}, { refreshOn: ['settings'] });
  const [form] = Form.useForm<{ idleLockMinutes: number }>();
  const [isSaving, setSaving] = useState(false);

  useEffect(() => {
    if (settings.data) form.setFieldsValue({ idleLockMinutes: settings.data.idleLockMinutes });
  }, [form, settings.data]);

  const submit = async ({ idleLockMinutes }: { idleLockMinutes: number }): Promise<void> => {
    setSaving(true);
    try {
      await call('settings/update', { idleLockMinutes });
      void message.success(t.saved);
      settings.reload();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="operators-tab-scroll" data-testid="operators-security">
      <Card size="small" title={t.title} style={{ maxWidth: 640 }}>
        <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
        {settings.error && <ErrorAlert error={settings.error} onRetry={settings.reload} />}
        {settings.isLoading && !settings.data ? (
          <Skeleton active paragraph={{ rows: 2 }} />
        ) : (
          <Form<{ idleLockMinutes: number }>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => void submit(values)}
          >
            <Form.Item
              name="idleLockMinutes"
              label={t.minutes}
              extra={t.minutesHint}
              rules={[{ required: true, message: t.minutesRequired }]}
            >
              <InputNumber<number>
                min={1}
                max={480}
                precision={0}
                suffix={t.minutesUnit}
                style={{ width: 180 }}
                data-testid="security-idle-minutes"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={isSaving} data-testid="security-save">
              {t.save}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
