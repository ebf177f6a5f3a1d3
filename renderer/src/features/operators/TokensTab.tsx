/**
 * 接口令牌: tokens that let a script or another system act as an operator. A new token is shown
 * once, with a copy button and the warning that it cannot be shown again; revoking asks first.
 */
import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Typography,
} from 'antd';
import { CopyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { type ApiTokenRow } from '@shared/api/auth.contract';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { TOKENS_TEXT } from './operators.strings';

function formatTime(at: string): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm');
}

export function TokensTab() {
  const t = TOKENS_TEXT;
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const tokens = useApiQuery('tokens/list', {}, { refreshOn: ['operators'] });
  const [isCreating, setCreating] = useState(false);
  const [shown, setShown] = useState<{ name: string; token: string } | null>(null);

  const revoke = async (row: ApiTokenRow): Promise<void> => {
    try {
      await call('tokens/revoke', { id: row.id });
      void message.success(t.revoked(row.name));
      tokens.reload();
    } catch (error) {
      showError(error);
    }
  };

  const c = t.columns;
  return (
    <div className="operators-tab-scroll" data-testid="operators-tokens">
      <Flex vertical gap={12} style={{ maxWidth: 1100 }}>
        <Flex align="flex-start" gap={16}>
          <Typography.Text type="secondary" style={{ flex: 1 }}>
            {t.intro}
          </Typography.Text>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="tokens-create"
          >
            {t.create}
          </Button>
        </Flex>
        {tokens.error && <ErrorAlert error={tokens.error} onRetry={tokens.reload} />}
        <Table<ApiTokenRow>
          size="small"
          rowKey="id"
          loading={tokens.isLoading}
          dataSource={tokens.data?.rows ?? []}
          pagination={false}
          locale={{ emptyText: t.empty }}
          data-testid="tokens-table"
          columns={[
            { title: c.name, dataIndex: 'name' },
            {
              title: c.operator,
              key: 'operator',
              render: (_: unknown, row) => (
                <>
                  {row.operator.displayName}（<span translate="no">{row.operator.userName}</span>）
                </>
              ),
            },
            {
              title: c.createdAt,
              key: 'createdAt',
              width: 220,
              render: (_: unknown, row) => (
                <Flex vertical>
                  <span>{formatTime(row.createdAt)}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t.createdByBefore}
                    <span translate="no">{row.createdBy}</span>
                    {t.createdByAfter}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: c.lastUsedAt,
              dataIndex: 'lastUsedAt',
              width: 150,
              render: (at: string | null) => (at ? formatTime(at) : t.neverUsed),
            },
            {
              title: c.status,
              dataIndex: 'revokedAt',
              width: 200,
              render: (at: string | null) =>
                at ? (
                  <Typography.Text type="secondary">{t.revokedAt(formatTime(at))}</Typography.Text>
                ) : (
                  <span className="operator-status-active">{t.active}</span>
                ),
            },
            {
              title: c.actions,
              key: 'actions',
              width: 90,
              render: (_: unknown, row) =>
                !row.revokedAt && (
                  <Popconfirm
                    title={t.revokeConfirmTitle(row.name)}
                    description={t.revokeConfirmBody}
                    okText={t.revokeOk}
                    cancelText={t.cancel}
                    okButtonProps={{ danger: true, 'data-testid': 'tokens-revoke-ok' }}
                    onConfirm={() => revoke(row)}
                  >
                    <Button
                      size="small"
                      type="link"
                      danger
                      icon={<StopOutlined />}
                      data-testid={`tokens-revoke-${row.name}`}
                    >
                      {t.revoke}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Flex>
      <CreateTokenModal
        open={isCreating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setShown(created);
          tokens.reload();
        }}
      />
      <TokenShownModal shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}

interface CreateValues {
  operatorId: string;
  name: string;
}

function CreateTokenModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: { name: string; token: string }) => void;
}) {
  const t = TOKENS_TEXT;
  return (
    <Modal
      open={open}
      title={t.createTitle}
      footer={null}
      width={480}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <CreateTokenForm onClose={onClose} onCreated={onCreated} />
    </Modal>
  );
}

function CreateTokenForm({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (created: { name: string; token: string }) => void;
}) {
  const t = TOKENS_TEXT;
  const showError = useErrorNotice();
  const operators = useApiQuery('operators/list', {});
  const [isSaving, setSaving] = useState(false);
  const options = useMemo(
    () =>
      (operators.data?.rows ?? [])
        .filter((row) => row.isActive)
        .map((row) => ({
          value: row.id,
          label: `${row.displayName} · ${row.homeUnit.name}`,
        })),
    [operators.data],
  );

  const submit = async (values: CreateValues): Promise<void> => {
    setSaving(true);
    try {
      const created = await call('tokens/create', {
        operatorId: values.operatorId,
        name: values.name.trim(),
      });
      onCreated({ name: created.row.name, token: created.token });
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<CreateValues>
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      data-testid="tokens-create-form"
    >
      {operators.error && <ErrorAlert error={operators.error} onRetry={operators.reload} />}
      <Form.Item
        name="operatorId"
        label={t.operator}
        extra={t.operatorHint}
        rules={[{ required: true, message: t.operatorRequired }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t.operatorPlaceholder}
          options={options}
          loading={operators.isLoading}
          data-testid="tokens-operator"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t.name}
        rules={[{ required: true, whitespace: true, message: t.nameRequired }]}
      >
        <Input maxLength={50} placeholder={t.namePlaceholder} data-testid="tokens-name" />
      </Form.Item>
      <Flex justify="flex-end" gap={8} className="modal-footer-bar">
        <Button onClick={onClose}>{t.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={isSaving} data-testid="tokens-create-ok">
          {t.createOk}
        </Button>
      </Flex>
    </Form>
  );
}

function TokenShownModal({
  shown,
  onClose,
}: {
  shown: { name: string; token: string } | null;
  onClose: () => void;
}) {
  const t = TOKENS_TEXT;
  const { message } = App.useApp();
  const copy = async (token: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(token);
      void message.success(t.copied);
    } catch {
      void message.warning(t.copyFailed);
    }
  };
  return (
    <Modal
      open={shown !== null}
      title={t.shownTitle}
      width={560}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-shown-close">
          {t.close}
        </Button>
      }
    >
      {shown && (
        <Flex vertical gap={12} data-testid="token-shown">
          <Alert type="warning" showIcon title={t.shownWarningTitle} description={t.shownWarning} />
          <Typography.Text strong>{shown.name}</Typography.Text>
          <div className="token-box" translate="no" data-testid="token-value">
            {shown.token}
          </div>
          <div>
            <Button
              icon={<CopyOutlined />}
              onClick={() => void copy(shown.token)}
              data-testid="token-copy"
            >
              {t.copy}
            </Button>
          </div>
        </Flex>
      )}
    </Modal>
  );
}
