/**
 * What-if result of an assessment: the headline figures, the score distribution (or how many met
 * each condition), and one row per teacher with pass/excellent, the score and, in the engine's
 * words, what is still missing; a row opens to every component and condition with its note.
 */
import { useMemo } from 'react';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import {
  type AssessmentOutput,
  type AssessmentRecordResult,
  type AssessmentRuleSet,
} from '@shared/domain/rules';
import { EChart, type ChartOption } from '../../../components/EChart';
import { RESULT_TEXT } from '../rules.strings';
import { Figures, PersonCell, resultPagination } from './Figures';

type ComponentRow = AssessmentRecordResult['components'][number];
type GateRow = AssessmentRecordResult['gates'][number];

const T = RESULT_TEXT;

function valueText(value: number | boolean | null): string {
  if (value === null) return T.noValue;
  if (typeof value === 'boolean') return value ? T.flagYes : T.flagNo;
  return String(value);
}

function StatusTags({ record }: { record: AssessmentRecordResult }) {
  return (
    <Flex gap={4} wrap>
      <Tag color={record.isPassed ? 'success' : 'error'} data-testid="result-status">
        {record.isPassed ? T.passed : T.failed}
      </Tag>
      {record.isExcellent === true && (
        <Tag color="gold" data-testid="result-excellent">
          {T.excellent}
        </Tag>
      )}
      {record.plagiarism?.isPlagiarism && <Tag color="volcano">{T.plagiarism}</Tag>}
      {record.isSelected !== null && (
        <Tag color={record.isSelected ? 'blue' : 'default'}>
          {record.isSelected ? T.selected : T.notSelected}
        </Tag>
      )}
    </Flex>
  );
}

function RecordDetail({ record }: { record: AssessmentRecordResult }) {
  const c = T.componentColumns;
  const g = T.gateColumns;
  return (
    <Flex
      vertical
      gap={8}
      className="rules-result-detail"
      data-testid={`assessment-detail-${record.teacherId}`}
    >
      {record.components.length > 0 && (
        <Table<ComponentRow>
          size="small"
          bordered
          rowKey="key"
          pagination={false}
          dataSource={record.components}
          columns={[
            {
              title: c.label,
              dataIndex: 'label',
              width: 220,
              render: (label: string, row) => (
                <>
                  {row.section && row.section !== label && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {row.section} ·{' '}
                    </Typography.Text>
                  )}
                  {label}
                </>
              ),
            },
            {
              title: c.value,
              dataIndex: 'value',
              width: 100,
              align: 'right',
              render: valueText,
            },
            {
              title: c.points,
              key: 'points',
              width: 110,
              align: 'right',
              render: (_: unknown, row) => T.pointsOf(row.points, row.maxPoints),
            },
            { title: c.note, dataIndex: 'note' },
          ]}
        />
      )}
      {record.gates.length > 0 && (
        <Table<GateRow>
          size="small"
          bordered
          rowKey="key"
          pagination={false}
          dataSource={record.gates}
          columns={[
            { title: g.label, dataIndex: 'label', width: 220 },
            { title: g.value, dataIndex: 'value', width: 100, align: 'right' },
            { title: g.required, dataIndex: 'required', width: 110, align: 'right' },
            {
              title: g.isMet,
              dataIndex: 'isMet',
              width: 90,
              render: (isMet: boolean) => (
                <Tag color={isMet ? 'success' : 'error'}>{isMet ? T.met : T.notMet}</Tag>
              ),
            },
            { title: g.note, dataIndex: 'note' },
          ]}
        />
      )}
      {record.plagiarism?.banUntil && (
        <Typography.Text type="danger">
          {T.plagiarismBan(record.plagiarism.banUntil)}
        </Typography.Text>
      )}
      {record.notes.length > 0 && (
        <Typography.Text type="secondary">
          {T.notes}：{record.notes.join('；')}
        </Typography.Text>
      )}
    </Flex>
  );
}

function chartOf(output: AssessmentOutput, ruleSet: AssessmentRuleSet): ChartOption | null {
  if (output.records.length === 0) return null;
  const scoring = ruleSet.scoring;
  if (scoring) {
    const passMark = scoring.passMark;
    const scores = output.records.map((record) => record.score ?? 0);
    const top = Math.max(100, ...scores);
    const edges: number[] = [];
    for (let edge = 0; edge < top; edge += 10) edges.push(edge);
    const labels = edges.map((edge, i) =>
      T.scoreBin(edge, i === edges.length - 1 ? Math.ceil(top) : edge + 9),
    );
    const counts = edges.map(
      (edge, i) =>
        scores.filter((score) => score >= edge && (i === edges.length - 1 || score < edge + 10))
          .length,
    );
    return {
      title: { text: T.chartScores, left: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
      tooltip: { trigger: 'axis' },
      grid: { left: 36, right: 12, top: 44, bottom: 24 },
      xAxis: { type: 'category', data: labels, axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: T.chartPeople,
          barMaxWidth: 28,
          data: counts.map((count, i) => ({
            value: count,
            itemStyle: {
              color: passMark !== null && (edges[i] ?? 0) + 10 <= passMark ? '#d98c84' : '#5b8fd6',
            },
          })),
        },
      ],
    };
  }
  const gates = ruleSet.gates;
  if (gates.length === 0) return null;
  return {
    title: { text: T.chartGates, left: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 36, right: 12, top: 44, bottom: 24 },
    xAxis: { type: 'category', data: gates.map((gate) => gate.label) },
    yAxis: { type: 'value', minInterval: 1, max: output.records.length },
    series: [
      {
        type: 'bar',
        name: T.chartPeople,
        barMaxWidth: 36,
        itemStyle: { color: '#5b8fd6' },
        data: gates.map(
          (gate) =>
            output.records.filter((record) =>
              record.gates.some((result) => result.key === gate.key && result.isMet),
            ).length,
        ),
      },
    ],
  };
}

export function AssessmentResult({
  output,
  ruleSet,
}: {
  output: AssessmentOutput;
  ruleSet: AssessmentRuleSet;
}) {
  const option = useMemo(() => chartOf(output, ruleSet), [output, ruleSet]);
  const s = output.summary;
  const hasScore = ruleSet.scoring !== null;
  const c = T.columns;
  return (
    <Flex vertical gap={12} data-testid="assessment-result">
      <Flex gap={12} align="stretch" wrap>
        <div style={{ flex: '1 1 420px' }}>
          <Figures
            items={[
              { label: T.summary.records, value: s.records, testId: 'result-records' },
              { label: T.summary.passed, value: s.passed, tone: 'good', testId: 'result-passed' },
              {
                label: T.summary.passRate,
                value: s.passRate,
                suffix: '%',
                testId: 'result-pass-rate',
              },
              ...(ruleSet.scoring?.excellentMark !== null && ruleSet.scoring
                ? [{ label: T.summary.excellent, value: s.excellent, testId: 'result-excellent' }]
                : []),
              ...(ruleSet.plagiarism
                ? [
                    {
                      label: T.summary.plagiarism,
                      value: s.plagiarism,
                      tone: 'bad' as const,
                      testId: 'result-plagiarism',
                    },
                  ]
                : []),
              ...(s.selected !== null
                ? [{ label: T.summary.selected, value: s.selected, testId: 'result-selected' }]
                : []),
            ]}
          />
        </div>
        {option && (
          <div className="rules-chart" style={{ flex: '1 1 360px' }}>
            <EChart option={option} height={150} testId="result-chart" />
          </div>
        )}
      </Flex>
      {s.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={T.warnings}
          description={
            <ul className="rules-plain-list">
              {s.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          }
        />
      )}
      <Table<AssessmentRecordResult>
        size="small"
        bordered
        rowKey="teacherId"
        dataSource={output.records}
        pagination={resultPagination(output.records.length)}
        expandable={{ expandedRowRender: (record) => <RecordDetail record={record} /> }}
        data-testid="assessment-results"
        columns={[
          {
            title: c.teacher,
            key: 'teacher',
            width: 180,
            render: (_: unknown, row) => <PersonCell name={row.name} id={row.teacherId} />,
          },
          ...(hasScore
            ? [
                {
                  title: c.score,
                  dataIndex: 'score',
                  width: 90,
                  align: 'right' as const,
                  render: (score: number | null) => (
                    <span data-testid="result-score">{score ?? ''}</span>
                  ),
                },
              ]
            : []),
          ...(s.selected !== null
            ? [
                {
                  title: c.rank,
                  dataIndex: 'rank',
                  width: 70,
                  align: 'right' as const,
                  render: (rank: number | null) => rank ?? '',
                },
              ]
            : []),
          {
            title: c.result,
            key: 'result',
            width: 170,
            render: (_: unknown, row) => <StatusTags record={row} />,
          },
          {
            title: c.creditHours,
            dataIndex: 'creditHours',
            width: 70,
            align: 'right',
          },
          {
            title: c.missing,
            key: 'missing',
            render: (_: unknown, row) => {
              const lines = row.isPassed ? row.notes : row.missing;
              return lines.length === 0 ? (
                T.noMissing
              ) : (
                <ul className="rules-plain-list" data-testid="result-missing">
                  {lines.map((line) => (
                    <li key={line} className={row.isPassed ? undefined : 'rules-missing'}>
                      {line}
                    </li>
                  ))}
                </ul>
              );
            },
          },
        ]}
      />
    </Flex>
  );
}
