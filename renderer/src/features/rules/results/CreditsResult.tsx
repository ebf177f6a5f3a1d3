/**
 * What-if result of a credits rule set: per teacher the cycle total and a yes/no for every purpose
 * (annual appraisal, certificate renewal, title evaluation…), each with the engine's reasons; a row
 * opens to the years, the category bounds and every hour a daily cap cut.
 */
import { useMemo } from 'react';
import { Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { type CreditsOutput, type CreditsTeacherResult } from '@shared/domain/rules';
import { EChart, type ChartOption } from '../../../components/EChart';
import { RESULT_TEXT } from '../rules.strings';
import { Figures, PersonCell, resultPagination } from './Figures';

type Purpose = CreditsTeacherResult['purposes'][number];
type Year = CreditsTeacherResult['years'][number];
type Bound = CreditsTeacherResult['cycle']['bounds'][number];
type Adjustment = CreditsTeacherResult['adjustments'][number];

const T = RESULT_TEXT;

function EligibleTag({ value }: { value: boolean | null }) {
  if (value === null) return <Tag>{T.unknown}</Tag>;
  return <Tag color={value ? 'success' : 'error'}>{value ? T.eligible : T.notEligible}</Tag>;
}

function Reasons({ lines }: { lines: readonly string[] }) {
  return (
    <ul className="rules-plain-list">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function TeacherDetail({ teacher }: { teacher: CreditsTeacherResult }) {
  const p = T.purposeColumns;
  const y = T.yearColumns;
  const b = T.boundColumns;
  const a = T.adjustmentColumns;
  return (
    <Flex
      vertical
      gap={8}
      className="rules-result-detail"
      data-testid={`credits-detail-${teacher.teacherId}`}
    >
      <Typography.Text strong>{T.purposesTitle}</Typography.Text>
      <Table<Purpose>
        size="small"
        bordered
        rowKey="purpose"
        pagination={false}
        dataSource={teacher.purposes}
        columns={[
          { title: p.label, dataIndex: 'label', width: 220 },
          {
            title: p.isEligible,
            dataIndex: 'isEligible',
            width: 90,
            render: (value: boolean | null) => <EligibleTag value={value} />,
          },
          {
            title: p.window,
            dataIndex: 'window',
            width: 210,
            render: (window: Purpose['window']) =>
              window ? T.windowText(window.from, window.to) : '',
          },
          {
            title: p.reasons,
            dataIndex: 'reasons',
            render: (lines: string[]) => <Reasons lines={lines} />,
          },
        ]}
      />
      <Typography.Text strong>{T.yearsTitle}</Typography.Text>
      <Table<Year>
        size="small"
        bordered
        rowKey="year"
        pagination={false}
        dataSource={teacher.years}
        columns={[
          { title: y.year, dataIndex: 'year', width: 80 },
          { title: y.hours, dataIndex: 'hours', width: 80, align: 'right' },
          { title: y.counted, dataIndex: 'counted', width: 80, align: 'right' },
          {
            title: y.meets,
            dataIndex: 'meetsMinimum',
            width: 90,
            render: (meets: boolean) => <EligibleTag value={meets} />,
          },
          { title: y.note, dataIndex: 'note' },
        ]}
      />
      {teacher.cycle.bounds.length > 0 && (
        <>
          <Typography.Text strong>{T.boundsTitle}</Typography.Text>
          <Table<Bound>
            size="small"
            bordered
            rowKey="label"
            pagination={false}
            dataSource={teacher.cycle.bounds}
            columns={[
              { title: b.label, dataIndex: 'label', width: 160 },
              { title: b.hours, dataIndex: 'hours', width: 80, align: 'right' },
              {
                title: b.limit,
                key: 'limit',
                width: 100,
                render: (_: unknown, row) => `${row.kind === 'max' ? '≤' : '≥'} ${row.limit}`,
              },
              {
                title: b.isMet,
                dataIndex: 'isMet',
                width: 90,
                render: (isMet: boolean) => <EligibleTag value={isMet} />,
              },
              { title: b.note, dataIndex: 'note' },
            ]}
          />
        </>
      )}
      {teacher.adjustments.length > 0 && (
        <>
          <Typography.Text strong>{T.adjustmentsTitle}</Typography.Text>
          <Table<Adjustment>
            size="small"
            bordered
            rowKey={(row) => `${row.date}-${row.category}-${row.hours}-${row.counted}`}
            pagination={false}
            dataSource={teacher.adjustments}
            columns={[
              { title: a.date, dataIndex: 'date', width: 110, className: 'cell-mono' },
              {
                title: a.category,
                dataIndex: 'category',
                width: 100,
                // The category as the user entered it in the records (often its code).
                render: (category: string) => <span translate="no">{category}</span>,
              },
              { title: a.hours, dataIndex: 'hours', width: 70, align: 'right' },
              { title: a.counted, dataIndex: 'counted', width: 70, align: 'right' },
              { title: a.reason, dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </Flex>
  );
}

function chartOf(output: CreditsOutput): ChartOption | null {
  if (output.teachers.length === 0) return null;
  const teachers = output.teachers.slice(0, 30);
  return {
    title: { text: T.chartCredits, left: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 44, right: 12, top: 44, bottom: 24 },
    xAxis: { type: 'category', data: teachers.map((t) => t.name ?? t.teacherId) },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        data: teachers.map((t) => ({
          value: t.cycle.total,
          itemStyle: { color: t.cycle.isMet ? '#5fa97c' : '#5b8fd6' },
        })),
      },
    ],
  };
}

export function CreditsResult({ output }: { output: CreditsOutput }) {
  const option = useMemo(() => chartOf(output), [output]);
  const c = T.creditsColumns;
  const s = output.summary;
  return (
    <Flex vertical gap={12} data-testid="credits-result">
      <Flex gap={12} align="stretch" wrap>
        <div style={{ flex: '1 1 360px' }}>
          <Figures
            items={[
              { label: T.summary.teachers, value: s.teachers, testId: 'result-teachers' },
              {
                label: T.summary.cycleMet,
                value: s.cycleMet,
                tone: 'good',
                testId: 'result-cycle-met',
              },
              {
                label: T.summary.appraisalEligible,
                value: s.appraisalEligible,
                tone: 'good',
                testId: 'result-appraisal',
              },
            ]}
          />
        </div>
        {option && (
          <div className="rules-chart" style={{ flex: '1 1 420px' }}>
            <EChart option={option} height={150} testId="result-chart" />
          </div>
        )}
      </Flex>
      <Table<CreditsTeacherResult>
        size="small"
        bordered
        rowKey="teacherId"
        dataSource={output.teachers}
        pagination={resultPagination(output.teachers.length)}
        expandable={{ expandedRowRender: (teacher) => <TeacherDetail teacher={teacher} /> }}
        data-testid="credits-results"
        columns={[
          {
            title: c.teacher,
            key: 'teacher',
            width: 170,
            render: (_: unknown, row) => <PersonCell name={row.name} id={row.teacherId} />,
          },
          {
            title: c.cycle,
            key: 'cycle',
            width: 110,
            render: (_: unknown, row) => T.cycleText(row.cycle.startYear, row.cycle.endYear),
          },
          {
            title: c.cycleTotal,
            key: 'total',
            width: 110,
            align: 'right',
            render: (_: unknown, row) => (
              <Tooltip title={<Reasons lines={row.cycle.reasons} />}>
                <span>{row.cycle.total}</span>
              </Tooltip>
            ),
          },
          {
            title: c.purposes,
            key: 'purposes',
            render: (_: unknown, row) => (
              <Flex vertical gap={4}>
                {row.purposes.map((purpose) => (
                  <div key={purpose.purpose} data-testid={`purpose-${purpose.purpose}`}>
                    <EligibleTag value={purpose.isEligible} />
                    <Typography.Text strong>{purpose.label}</Typography.Text>
                    {purpose.reasons[0] && (
                      <Typography.Text type="secondary">
                        ：{purpose.reasons.join('；')}
                      </Typography.Text>
                    )}
                  </div>
                ))}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
