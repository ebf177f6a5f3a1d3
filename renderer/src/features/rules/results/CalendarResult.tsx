/**
 * What-if result of a calendar: the batches of the year and, for each question asked ("may this
 * school enroll into batch 3 on 10 August?"), yes or no with the reason and any warning.
 */
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import { type CalendarOutput } from '@shared/domain/rules';
import { CALENDAR_VIEW_TEXT, ENUM_TEXT, RESULT_TEXT } from '../rules.strings';
import { BatchTable } from './BatchTable';

type Check = CalendarOutput['checks'][number];

const T = RESULT_TEXT;

export function CalendarResult({ output }: { output: CalendarOutput }) {
  const c = T.checkColumns;
  return (
    <Flex vertical gap={12} data-testid="calendar-result">
      <Flex align="center" gap={12}>
        <Typography.Text strong>{CALENDAR_VIEW_TEXT.generatedTitle(output.year)}</Typography.Text>
        {output.quotaDeadline && (
          <Typography.Text type="secondary">
            {CALENDAR_VIEW_TEXT.quotaLastDay(output.quotaDeadline.lastDay)}
          </Typography.Text>
        )}
      </Flex>
      <BatchTable batches={output.batches} testId="calendar-result-batches" />
      {output.notes.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={
            <ul className="rules-plain-list">
              {output.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          }
        />
      )}
      {output.checks.length > 0 && (
        <>
          <Typography.Text strong>{T.checksTitle}</Typography.Text>
          <Table<Check>
            size="small"
            bordered
            rowKey={(row) => `${row.action}-${row.batchNo ?? ''}-${row.on}-${row.reason}`}
            pagination={false}
            dataSource={output.checks}
            data-testid="calendar-checks"
            columns={[
              {
                title: c.action,
                dataIndex: 'action',
                width: 100,
                render: (action: string) => ENUM_TEXT.calendarAction[action] ?? action,
              },
              { title: c.batchNo, dataIndex: 'batchNo', width: 70, align: 'right' },
              { title: c.on, dataIndex: 'on', width: 110, className: 'cell-mono' },
              {
                title: c.isAllowed,
                dataIndex: 'isAllowed',
                width: 90,
                render: (allowed: boolean) => (
                  <Tag color={allowed ? 'success' : 'error'}>
                    {allowed ? T.allowed : T.notAllowed}
                  </Tag>
                ),
              },
              { title: c.reason, dataIndex: 'reason' },
              {
                title: c.warnings,
                dataIndex: 'warnings',
                render: (warnings: string[]) => (
                  <Typography.Text type="warning">{warnings.join('；')}</Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
