/**
 * Generated batches of a calendar (期次, dates, enrollment window, swap/withdraw cutoff), shown in
 * the readable view and in a what-if result alike.
 */
import { Table } from 'antd';
import { type CalendarBatch } from '@shared/domain/rules';
import { CALENDAR_VIEW_TEXT } from '../rules.strings';

const C = CALENDAR_VIEW_TEXT.batchColumns;

export function BatchTable({
  batches,
  isLoading = false,
  testId = 'calendar-batches',
}: {
  batches: readonly CalendarBatch[];
  isLoading?: boolean;
  testId?: string;
}) {
  const showNames = batches.some((batch) => batch.name !== `第 ${batch.no} 期`);
  return (
    <Table<CalendarBatch>
      size="small"
      bordered
      rowKey="no"
      loading={isLoading}
      pagination={false}
      dataSource={[...batches]}
      data-testid={testId}
      columns={[
        { title: C.no, dataIndex: 'no', width: 70, align: 'right' },
        ...(showNames ? [{ title: C.name, dataIndex: 'name', width: 140 }] : []),
        { title: C.start, dataIndex: 'start', className: 'cell-mono' },
        { title: C.end, dataIndex: 'end', className: 'cell-mono' },
        {
          title: C.enrollmentOpens,
          dataIndex: 'enrollmentOpens',
          className: 'cell-mono',
          render: (day: string | null) => day ?? CALENDAR_VIEW_TEXT.noLimit,
        },
        { title: C.enrollmentCloses, dataIndex: 'enrollmentCloses', className: 'cell-mono' },
        { title: C.changeUntil, dataIndex: 'changeUntil', className: 'cell-mono' },
      ]}
    />
  );
}
