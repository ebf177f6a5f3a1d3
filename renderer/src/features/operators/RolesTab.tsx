/**
 * 角色与权限: the roles as columns and the rights as rows, grouped as the catalogue groups them,
 * with a tick where a role grants a right; below, what each role is for and how many hold it.
 */
import { useMemo } from 'react';
import { Card, Descriptions, Flex, Skeleton, Table, Typography } from 'antd';
import { CheckOutlined, MinusOutlined } from '@ant-design/icons';
import { PERMISSION_GROUPS } from '@shared/domain/auth/permissions';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert } from '../../components/errors';
import { rightsTable, roleHolders, type RightRow } from './operators-model';
import { ROLES_TEXT } from './operators.strings';

export function RolesTab() {
  const t = ROLES_TEXT;
  const roles = useApiQuery('operators/roles', {});
  const operators = useApiQuery('operators/list', {}, { refreshOn: ['operators'] });
  const list = useMemo(() => roles.data?.roles ?? [], [roles.data]);
  const rows = useMemo(() => rightsTable(list, PERMISSION_GROUPS), [list]);
  const holders = useMemo(() => roleHolders(operators.data?.rows ?? []), [operators.data]);

  return (
    <div className="operators-tab-scroll" data-testid="operators-roles">
      <Flex vertical gap={12} style={{ maxWidth: 1100 }}>
        <Typography.Text type="secondary">{t.intro}</Typography.Text>
        {roles.error && <ErrorAlert error={roles.error} onRetry={roles.reload} />}
        {roles.isLoading && !roles.data ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            <Table<RightRow>
              className="rights-table"
              size="small"
              bordered
              rowKey="key"
              pagination={false}
              dataSource={rows}
              data-testid="rights-table"
              columns={[
                {
                  title: t.group,
                  dataIndex: 'group',
                  width: 130,
                  onCell: (row) => ({ rowSpan: row.groupSpan }),
                },
                { title: t.permission, dataIndex: 'name', width: 170 },
                ...list.map((role) => ({
                  title: role.name,
                  key: role.code,
                  className: 'rights-role',
                  align: 'center' as const,
                  render: (_: unknown, row: RightRow) =>
                    row.grants[role.code] ? (
                      <CheckOutlined
                        className="rights-tick"
                        aria-label={t.granted}
                        data-testid={`right-${role.code}-${row.key}`}
                      />
                    ) : (
                      <MinusOutlined className="rights-none" aria-label={t.notGranted} />
                    ),
                })),
              ]}
            />
            <Card size="small" title={t.descriptionsTitle}>
              <Descriptions
                size="small"
                column={1}
                styles={{ label: { width: 150 } }}
                items={list.map((role) => ({
                  key: role.code,
                  label: role.name,
                  children: (
                    <Flex gap={12} justify="space-between" style={{ width: '100%' }}>
                      <span>{role.description}</span>
                      {operators.data && (
                        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                          {t.users(holders.get(role.code) ?? 0)}
                        </Typography.Text>
                      )}
                    </Flex>
                  ),
                }))}
              />
            </Card>
          </>
        )}
      </Flex>
    </div>
  );
}
