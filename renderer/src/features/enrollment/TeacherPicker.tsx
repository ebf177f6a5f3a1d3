/** Teachers of the operator's scope (`roster/list`), filtered and paged in the core, to tick. */
import { useState } from 'react';
import { Flex, Input, Select, Table, Typography } from 'antd';
import { type Stage } from '@shared/api/common.schemas';
import { type TeacherRow } from '@shared/api/roster.contract';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert } from '../../components/errors';
import { ENROLLMENT_TEXT } from './enrollment.strings';

const STAGES: Stage[] = ['幼儿园', '小学', '初中', '高中', '中职'];
const PAGE_SIZE = 10;

interface TeacherPickerProps {
  mode: 'multiple' | 'single';
  selected: TeacherRow[];
  onChange: (rows: TeacherRow[]) => void;
}

export function TeacherPicker({ mode, selected, onChange }: TeacherPickerProps) {
  const t = ENROLLMENT_TEXT.picker;
  const [search, setSearch] = useState('');
  const [stage, setStage] = useState<Stage | undefined>(undefined);
  const [subject, setSubject] = useState('');
  const [title, setTitle] = useState('');
  const [page, setPage] = useState(1);
  const { data, error, isLoading, reload } = useApiQuery('roster/list', {
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(stage ? { stage } : {}),
    ...(subject.trim() ? { subject: subject.trim() } : {}),
    ...(title.trim() ? { title: title.trim() } : {}),
  });
  const c = t.columns;
  const selectedIds = selected.map((row) => row.id);

  return (
    <Flex vertical gap={8} data-testid="teacher-picker">
      <Flex gap={8} wrap align="center">
        <Input.Search
          allowClear
          placeholder={t.search}
          style={{ width: 220 }}
          onSearch={(value) => {
            setSearch(value);
            setPage(1);
          }}
          data-testid="picker-search"
        />
        <Select<Stage>
          allowClear
          placeholder={t.stage}
          style={{ width: 110 }}
          value={stage}
          options={STAGES.map((s) => ({ value: s, label: s }))}
          onChange={(value) => {
            setStage(value);
            setPage(1);
          }}
          data-testid="picker-stage"
        />
        <Input
          allowClear
          placeholder={t.subject}
          style={{ width: 110 }}
          value={subject}
          onChange={(e) => {
            setSubject(e.target.value);
            setPage(1);
          }}
        />
        <Input
          allowClear
          placeholder={t.title}
          style={{ width: 110 }}
          value={title}
          onChange={(e) => {
            setTitle(e.target.value);
            setPage(1);
          }}
        />
        {mode === 'multiple' && (
          <Typography.Text type="secondary" data-testid="picker-selected">
            {t.selected(selected.length)}
          </Typography.Text>
        )}
      </Flex>
      {error && <ErrorAlert error={error} onRetry={reload} />}
      <Table<TeacherRow>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.rows ?? []}
        rowSelection={{
          type: mode === 'multiple' ? 'checkbox' : 'radio',
          selectedRowKeys: selectedIds,
          preserveSelectedRowKeys: true,
          onChange: (keys, rows) => {
            const known = new Map(
              [...selected, ...rows.filter((r): r is TeacherRow => r !== undefined)].map((r) => [
                r.id,
                r,
              ]),
            );
            onChange(
              keys.flatMap((key) => {
                const row = known.get(String(key));
                return row ? [row] : [];
              }),
            );
          },
        }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: t.total,
          onChange: setPage,
          size: 'small',
        }}
        data-testid="picker-table"
        columns={[
          { title: c.name, dataIndex: 'name', width: 90 },
          { title: c.idNumber, dataIndex: 'idNumberMasked', width: 180 },
          { title: c.school, dataIndex: 'schoolName', ellipsis: true },
          {
            title: c.stages,
            dataIndex: 'stages',
            width: 110,
            render: (stages: Stage[]) => stages.join('、'),
          },
          { title: c.subject, dataIndex: 'subject', width: 80 },
          { title: c.title, dataIndex: 'title', width: 110, ellipsis: true },
        ]}
      />
    </Flex>
  );
}
