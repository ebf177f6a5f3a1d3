/**
 * New operator (user name, name, roles, home unit, first password) or changes to one (name, roles,
 * home unit). The user name is checked as it is typed, and so is the password, with the policy the
 * core applies; the new operator must change the first password at their first login.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Drawer,
  Flex,
  Form,
  Input,
  Select,
  TreeSelect,
  Typography,
} from 'antd';
import { type OperatorRow } from '@shared/api/auth.contract';
import { checkUserName } from '@shared/domain/auth/password-policy';
import { call } from '../../api/client';
import { useMe } from '../../api/session';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { PasswordFields } from '../../components/PasswordFields';
import { UserNameField } from '../../components/UserNameField';
import { defaultExpandedIds, buildForest } from '../../components/org-tree/org-tree-model';
import { useOrgTree } from '../../components/org-tree/use-org-tree';
import { unitOptions } from './operators-model';
import { EDITOR_TEXT } from './operators.strings';

export type EditorMode = { type: 'create' } | { type: 'edit'; row: OperatorRow };

interface Values {
  userName: string;
  displayName: string;
  roles: string[];
  homeUnitId: string;
  password: string;
  confirmPassword: string;
}

interface OperatorDrawerProps {
  mode: EditorMode | null;
  onClose: () => void;
  onSaved: () => void;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

export function OperatorDrawer({ mode, onClose, onSaved }: OperatorDrawerProps) {
  const t = EDITOR_TEXT;
  const title = !mode
    ? ''
    : mode.type === 'create'
      ? t.createTitle
      : t.editTitle(mode.row.displayName);
  return (
    <Drawer
      open={mode !== null}
      title={title}
      size={520}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="operator-drawer"
    >
      {mode && <EditorForm mode={mode} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}

function EditorForm({ mode, onClose, onSaved }: { mode: EditorMode } & OperatorDrawerProps) {
  const t = EDITOR_TEXT;
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [isSaving, setSaving] = useState(false);
  const roles = useApiQuery('operators/roles', {});
  const orgTree = useOrgTree();
  const treeData = useMemo(() => unitOptions(orgTree.nodes), [orgTree.nodes]);
  const expanded = useMemo(() => defaultExpandedIds(buildForest(orgTree.nodes)), [orgTree.nodes]);
  const isCreate = mode.type === 'create';
  const row = mode.type === 'edit' ? mode.row : null;

  useEffect(() => {
    form.setFieldsValue(
      row
        ? {
            displayName: row.displayName,
            roles: row.roles.map((r) => r.code),
            homeUnitId: row.homeUnit.id,
          }
        : { homeUnitId: me.homeUnit.id, roles: [] },
    );
  }, [form, row, me.homeUnit.id]);

  const submit = async (values: Values): Promise<void> => {
    setSaving(true);
    try {
      if (!row) {
        const userName = checkUserName(values.userName);
        if (!userName.ok) return;
        const created = await call('operators/create', {
          userName: userName.value,
          displayName: values.displayName.trim(),
          roles: values.roles,
          homeUnitId: values.homeUnitId,
          password: values.password,
        });
        void message.success(t.created(created.displayName));
      } else {
        const changes: { displayName?: string; roles?: string[]; homeUnitId?: string } = {};
        const displayName = values.displayName.trim();
        if (displayName !== row.displayName) changes.displayName = displayName;
        const before = row.roles.map((r) => r.code);
        if (!sameSet(values.roles, before)) changes.roles = values.roles;
        if (values.homeUnitId !== row.homeUnit.id) changes.homeUnitId = values.homeUnitId;
        if (Object.keys(changes).length === 0) {
          void message.info(t.noChanges);
          onClose();
          return;
        }
        await call('operators/update', { id: row.id, ...changes });
        void message.success(t.saved);
      }
      onSaved();
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const roleList = roles.data?.roles ?? [];
  const roleOptions = roleList.map((role) => ({ value: role.code, label: role.name }));
  const describe = (code: unknown): string =>
    roleList.find((role) => role.code === code)?.description ?? '';

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      data-testid="operator-form"
    >
      {row ? (
        <Form.Item label={t.userName}>
          <Typography.Text className="operator-user-name" translate="no">
            {row.userName}
          </Typography.Text>
        </Form.Item>
      ) : (
        <UserNameField
          name="userName"
          label={t.userName}
          hint={t.userNameHint}
          placeholder={t.userNamePlaceholder}
          autoComplete="off"
          testId="operator-username"
        />
      )}
      <Form.Item
        name="displayName"
        label={t.displayName}
        rules={[{ required: true, whitespace: true, message: t.displayNameRequired }]}
      >
        <Input maxLength={50} placeholder={t.displayNamePlaceholder} data-testid="operator-name" />
      </Form.Item>
      {roles.error && <ErrorAlert error={roles.error} onRetry={roles.reload} />}
      <Form.Item
        name="roles"
        label={t.roles}
        extra={t.rolesHint}
        rules={[{ required: true, type: 'array', min: 1, message: t.rolesRequired }]}
      >
        <Select
          mode="multiple"
          placeholder={t.rolesPlaceholder}
          options={roleOptions}
          loading={roles.isLoading}
          optionFilterProp="label"
          optionRender={(option) => (
            <div className="role-option">
              <div>{option.label}</div>
              <div className="role-option-description">{describe(option.value)}</div>
            </div>
          )}
          maxCount={5}
          data-testid="operator-roles"
        />
      </Form.Item>
      {orgTree.error && <ErrorAlert error={orgTree.error} onRetry={orgTree.reload} />}
      <Form.Item
        name="homeUnitId"
        label={t.unit}
        extra={t.unitHint}
        rules={[{ required: true, message: t.unitRequired }]}
      >
        <TreeSelect
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeData={treeData}
          treeDefaultExpandedKeys={expanded}
          placeholder={orgTree.isLoading ? t.unitsLoading : t.unitPlaceholder}
          listHeight={360}
          popupMatchSelectWidth
          data-testid="operator-unit"
        />
      </Form.Item>
      {isCreate && (
        <>
          <PasswordFields
            name="password"
            confirmName="confirmPassword"
            label={t.password}
            confirmLabel={t.passwordConfirm}
            userNameField="userName"
            testId="operator-password"
          />
          <Alert type="info" showIcon title={t.passwordNote} style={{ marginBottom: 16 }} />
        </>
      )}
      <Flex justify="flex-end" gap={8} className="modal-footer-bar">
        <Button onClick={onClose}>{t.cancel}</Button>
        <Button type="primary" htmlType="submit" loading={isSaving} data-testid="operator-save">
          {isCreate ? t.createOk : t.save}
        </Button>
      </Flex>
    </Form>
  );
}
