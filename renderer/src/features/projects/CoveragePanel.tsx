/** R1's coverage floor: each child's seats as a share of its teachers, with the floor as a line. */
import { useMemo } from 'react';
import { Alert, Card, Flex, Typography } from 'antd';
import { type QuotaSheet } from '@shared/api/projects.contract';
import { EChart, type ChartOption } from '../../components/EChart';
import { QUOTAS_TEXT } from './projects.strings';

export function CoveragePanel({ sheet }: { sheet: QuotaSheet }) {
  const t = QUOTAS_TEXT;
  const coverage = sheet.coverage;
  const option = useMemo<ChartOption | null>(() => {
    if (!coverage || sheet.children.length === 0) return null;
    const below = new Set(coverage.below.map((b) => b.unitId));
    return {
      grid: { left: 48, right: 16, top: 24, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
      xAxis: {
        type: 'category',
        data: sheet.children.map((c) => c.unit.name),
        axisLabel: { interval: 0, rotate: sheet.children.length > 6 ? 30 : 0, fontSize: 11 },
      },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t.coverageSeries,
          type: 'bar',
          barMaxWidth: 28,
          data: sheet.children.map((c) => ({
            value: c.coveragePercent,
            itemStyle: { color: below.has(c.unit.id) ? '#c0392b' : '#1f5fbf' },
          })),
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#b26a00', type: 'dashed' },
            label: { formatter: t.coverageFloor(coverage.minPercent), position: 'insideEndTop' },
            data: [{ yAxis: coverage.minPercent }],
          },
        },
      ],
    };
  }, [coverage, sheet.children, t]);

  return (
    <Card size="small" title={t.coverageTitle} data-testid="coverage-panel">
      {!coverage ? (
        <Typography.Text type="secondary">{t.coverageNone}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          {option && <EChart option={option} height={220} testId="coverage-chart" />}
          {coverage.below.length === 0 ? (
            <Alert type="success" showIcon title={t.coverageAllMet} />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={t.coverageBelow(
                coverage.below.map((b) => `${b.name}（${b.percent.toFixed(1)}%）`).join('、'),
              )}
              data-testid="coverage-below"
            />
          )}
        </Flex>
      )}
    </Card>
  );
}
