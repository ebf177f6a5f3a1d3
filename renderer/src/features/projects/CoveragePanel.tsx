/**
 * R1's coverage floor: each unit's seats and its enrolled teachers as shares of its teachers, side by
 * side, with the floor as a line; the units below it named for each measure.
 */
import { useMemo } from 'react';
import { Alert, Card, Flex, Typography } from 'antd';
import { type QuotaSheet } from '@shared/api/projects.contract';
import { ORG_KIND_LABELS } from '../../components/components.strings';
import { EChart, type ChartOption } from '../../components/EChart';
import { QUOTAS_TEXT } from './projects.strings';

export function CoveragePanel({ sheet }: { sheet: QuotaSheet }) {
  const t = QUOTAS_TEXT;
  const coverage = sheet.coverage;
  const option = useMemo<ChartOption | null>(() => {
    if (!coverage) return null;
    const below = new Set(coverage.below.map((b) => b.unitId));
    const belowEnrolled = new Set(coverage.belowOnEnrollments.map((b) => b.unitId));
    // The unit itself first, then its children: the floor may be about either level (R1: cities).
    const units = [sheet.parent, ...sheet.children];
    return {
      grid: { left: 48, right: 16, top: 32, bottom: 56 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => `${String(v)}%` },
      legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      xAxis: {
        type: 'category',
        data: units.map((u) => u.unit.name),
        axisLabel: { interval: 0, rotate: units.length > 8 ? 30 : 0, fontSize: 11 },
      },
      yAxis: {
        type: 'value',
        // The floor's line stays in sight even when every bar is far below it.
        max: (extent: { max: number }) =>
          Math.ceil(Math.max(extent.max, coverage.minPercent) * 1.2),
        axisLabel: { formatter: '{value}%' },
      },
      series: [
        {
          name: t.coverageSeries,
          type: 'bar',
          barMaxWidth: 28,
          data: units.map((u) => ({
            value: u.coveragePercent,
            itemStyle: { color: below.has(u.unit.id) ? '#c0392b' : '#1f5fbf' },
          })),
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: '#b26a00', type: 'dashed' },
            label: { formatter: t.coverageFloor(coverage.minPercent), position: 'insideEndTop' },
            data: [{ yAxis: coverage.minPercent }],
          },
        },
        {
          name: t.coverageEnrolledSeries,
          type: 'bar',
          barMaxWidth: 28,
          data: units.map((u) => ({
            value: u.enrolledPercent,
            itemStyle: { color: belowEnrolled.has(u.unit.id) ? '#e8a09a' : '#5fa55a' },
          })),
        },
      ],
    };
  }, [coverage, sheet.parent, sheet.children, t]);

  return (
    <Card size="small" title={t.coverageTitle} data-testid="coverage-panel">
      {!coverage ? (
        <Typography.Text type="secondary">{t.coverageNone}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">
            {t.coverageRule(ORG_KIND_LABELS[coverage.level], coverage.minPercent)}
          </Typography.Text>
          {option && <EChart option={option} height={220} testId="coverage-chart" />}
          <FloorAlert
            below={coverage.below}
            met={t.coverageAllMet}
            notMet={t.coverageBelow}
            type="warning"
            testId="coverage-below"
          />
          <FloorAlert
            below={coverage.belowOnEnrollments}
            met={t.coverageEnrolledAllMet}
            notMet={t.coverageEnrolledBelow}
            type="info"
            testId="coverage-below-enrolled"
          />
        </Flex>
      )}
    </Card>
  );
}

/** Who is below the floor on one measure, or that everyone meets it. */
function FloorAlert(props: {
  below: { name: string; percent: number }[];
  met: string;
  notMet: (names: string) => string;
  type: 'warning' | 'info';
  testId: string;
}) {
  if (props.below.length === 0) return <Alert type="success" showIcon title={props.met} />;
  return (
    <Alert
      type={props.type}
      showIcon
      title={props.notMet(
        props.below.map((b) => `${b.name}（${b.percent.toFixed(1)}%）`).join('、'),
      )}
      data-testid={props.testId}
    />
  );
}
