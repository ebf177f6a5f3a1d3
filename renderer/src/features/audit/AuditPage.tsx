/**
 * The operation log (`audit/list`), newest first as the core returns it, paged in the core, and the
 * integrity check (`audit/verify`) whose answer is shown plainly: intact, or where the chain breaks.
 */
import { useState } from 'react';
import dayjs from 'dayjs';
import { Alert, Button, Flex, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { type MethodOutput } from '@shared/api/contract';
import { type AuditEntry } from '@shared/api/system.contract';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { PageHeader } from '../../components/PageHeader';
import {
  auditActorText,
  auditActionLabel,
  auditEntityIdText,
  auditEntityLabel,
  auditSummaryParts,
  auditSummaryText,
} from './audit-summary';
import { AUDIT_TEXT } from './audit.strings';

type VerifyResult = MethodOutput<'audit/verify'> & { at: string };

const PAGE_SIZE = 50;

function VerifyOutcome({ result }: { result: VerifyResult }) {
  return (
    <Alert
      type={result.isIntact ? 'success' : 'error'}
      showIcon
      title={result.isIntact ? AUDIT_TEXT.intactTitle : AUDIT_TEXT.brokenTitle}
      description={
        <>
          <div>
            {result.isIntact
              ? AUDIT_TEXT.intact(result.checked)
              : AUDIT_TEXT.broken(result.checked, result.brokenAtSeq)}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {AUDIT_TEXT.verifiedAt(result.at)}
          </Typography.Text>
        </>
      }
      data-testid="audit-verify-result"
      data-intact={String(result.isIntact)}
    />
  );
}

export function AuditPage() {
  const showError = useErrorNotice();
  const [page, setPage] = useState(1);
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [isVerifying, setVerifying] = useState(false);
  const { data, error, isLoading, reload } = useApiQuery(
    'audit/list',
    { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE },
    { refreshOn: ['audit', 'roster', 'org'] },
  );

  const runVerify = async (): Promise<void> => {
    setVerifying(true);
    try {
      const result = await call('audit/verify', {});
      setVerify({ ...result, at: dayjs().format('YYYY-MM-DD HH:mm:ss') });
    } catch (caught) {
      showError(caught);
    } finally {
      setVerifying(false);
    }
  };

  const c = AUDIT_TEXT.columns;
  return (
    <div className="app-page" data-testid="audit-page">
      <PageHeader
        title={AUDIT_TEXT.pageTitle}
        description={AUDIT_TEXT.pageDescription}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {AUDIT_TEXT.refresh}
            </Button>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={isVerifying}
              onClick={() => void runVerify()}
              data-testid="audit-verify"
            >
              {AUDIT_TEXT.verify}
            </Button>
          </>
        }
      />
      <div className="page-scroll">
        <Flex vertical gap={12}>
          {verify && <VerifyOutcome result={verify} />}
          {error && <ErrorAlert error={error} onRetry={reload} />}
          <Table<AuditEntry>
            size="small"
            rowKey="seq"
            loading={isLoading}
            dataSource={data?.rows ?? []}
            locale={{ emptyText: AUDIT_TEXT.empty }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: data?.total ?? 0,
              showSizeChanger: false,
              showTotal: AUDIT_TEXT.total,
              onChange: setPage,
            }}
            columns={[
              { title: c.seq, dataIndex: 'seq', width: 80, align: 'right' },
              {
                title: c.at,
                dataIndex: 'at',
                width: 160,
                render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
              },
              {
                title: c.actor,
                dataIndex: 'actor',
                width: 120,
                // The operator's login name is theirs to read as it is (often Latin letters).
                render: (actor: string) => <span translate="no">{auditActorText(actor)}</span>,
              },
              {
                title: c.action,
                dataIndex: 'action',
                width: 150,
                render: (action: string) => (
                  <Tag
                    color={action === 'roster.export.full-id' ? 'warning' : undefined}
                    title={action}
                  >
                    {auditActionLabel(action)}
                  </Tag>
                ),
              },
              {
                title: c.entity,
                dataIndex: 'entity',
                width: 90,
                render: (entity: string) => auditEntityLabel(entity),
              },
              {
                title: c.entityId,
                dataIndex: 'entityId',
                width: 140,
                ellipsis: true,
                render: (id: string | null) => (
                  <span title={id ?? undefined}>{auditEntityIdText(id)}</span>
                ),
              },
              {
                title: c.summary,
                dataIndex: 'summary',
                render: (summary: string) =>
                  auditSummaryParts(auditSummaryText(summary)).map((part, index) =>
                    part.isLoginName ? (
                      <span key={index} translate="no">
                        {part.text}
                      </span>
                    ) : (
                      part.text
                    ),
                  ),
              },
            ]}
            data-testid="audit-table"
          />
        </Flex>
      </div>
    </div>
  );
}
