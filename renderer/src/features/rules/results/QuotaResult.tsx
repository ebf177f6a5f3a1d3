/**
 * What-if result of a quota policy: the split (every unit's proportional share, its seats and why),
 * and the org-tree check naming every unit whose children exceed it or whose coverage is too low.
 */
import { useMemo } from 'react';
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import { type QuotaPolicyOutput, type SplitResult } from '@shared/domain/rules';
import { EChart, type ChartOption } from '../../../components/EChart';
import { RESULT_TEXT } from '../rules.strings';

type Allocation = SplitResult['allocations'][number];
type Violation = NonNullable<QuotaPolicyOutput['tree']>['violations'][number];
type Coverage = NonNullable<QuotaPolicyOutput['tree']>['coverage'][number];

const T = RESULT_TEXT;

function chartOf(split: SplitResult | null): ChartOption | null {
  if (!split || split.allocations.length === 0) return null;
  const rows = split.allocations.slice(0, 40);
  return {
    title: { text: T.chartAllocation, left: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 12, top: 44, bottom: 24 },
    xAxis: { type: 'category', data: rows.map((row) => row.name ?? row.id) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#5b8fd6' },
        data: rows.map((row) => row.allocated),
      },
    ],
  };
}

export function QuotaResult({ output }: { output: QuotaPolicyOutput }) {
  const option = useMemo(() => chartOf(output.split), [output]);
  const split = output.split;
  const tree = output.tree;
  const s = T.splitColumns;
  const v = T.violationColumns;
  const c = T.coverageColumns;
  return (
    <Flex vertical gap={12} data-testid="quota-result">
      {split && (
        <>
          <Flex align="center" gap={8}>
            <Typography.Text strong>
              {T.splitTitle(split.total, split.allocatedSum)}
            </Typography.Text>
            {!split.isFeasible && <Tag color="error">{T.infeasible}</Tag>}
          </Flex>
          {split.message && (
            <Alert type={split.isFeasible ? 'info' : 'error'} showIcon title={split.message} />
          )}
          <Flex gap={12} align="flex-start" wrap>
            <div style={{ flex: '2 1 560px' }}>
              <Table<Allocation>
                size="small"
                bordered
                rowKey="id"
                pagination={false}
                dataSource={split.allocations}
                data-testid="quota-allocations"
                columns={[
                  { title: s.id, dataIndex: 'id', width: 90, className: 'cell-mono' },
                  {
                    title: s.name,
                    dataIndex: 'name',
                    width: 140,
                    render: (name: string | null) => name ?? '',
                  },
                  { title: s.teachers, dataIndex: 'teachers', width: 90, align: 'right' },
                  { title: s.minimum, dataIndex: 'minimum', width: 70, align: 'right' },
                  { title: s.ideal, dataIndex: 'ideal', width: 90, align: 'right' },
                  {
                    title: s.allocated,
                    dataIndex: 'allocated',
                    width: 70,
                    align: 'right',
                    render: (n: number) => <strong>{n}</strong>,
                  },
                  { title: s.reason, dataIndex: 'reason' },
                ]}
              />
            </div>
            {option && (
              <div className="rules-chart" style={{ flex: '1 1 300px' }}>
                <EChart option={option} height={200} testId="result-chart" />
              </div>
            )}
          </Flex>
        </>
      )}
      {tree && (
        <>
          <Typography.Text strong>{T.treeTitle(tree.nodes)}</Typography.Text>
          {tree.violations.length === 0 ? (
            <Alert type="success" showIcon title={T.noViolations} data-testid="quota-violations" />
          ) : (
            <Table<Violation>
              size="small"
              bordered
              rowKey={(row) => `${row.nodeId}-${row.rule}`}
              pagination={false}
              dataSource={tree.violations}
              data-testid="quota-violations"
              title={() => T.violationsTitle}
              columns={[
                { title: v.name, dataIndex: 'name', width: 160 },
                {
                  title: v.rule,
                  dataIndex: 'rule',
                  width: 130,
                  render: (rule: string) => (
                    <Tag color="error">{T.violationRule[rule] ?? rule}</Tag>
                  ),
                },
                { title: v.message, dataIndex: 'message' },
              ]}
            />
          )}
          {tree.coverage.length > 0 && (
            <Table<Coverage>
              size="small"
              bordered
              rowKey="nodeId"
              pagination={false}
              dataSource={tree.coverage}
              title={() => T.coverageTitle}
              columns={[
                { title: c.name, dataIndex: 'name' },
                { title: c.teachers, dataIndex: 'teachers', width: 90, align: 'right' },
                { title: c.value, dataIndex: 'value', width: 90, align: 'right' },
                { title: c.required, dataIndex: 'required', width: 90, align: 'right' },
                {
                  title: c.isMet,
                  dataIndex: 'isMet',
                  width: 90,
                  render: (isMet: boolean) => (
                    <Tag color={isMet ? 'success' : 'error'}>{isMet ? T.met : T.notMet}</Tag>
                  ),
                },
              ]}
            />
          )}
        </>
      )}
    </Flex>
  );
}
