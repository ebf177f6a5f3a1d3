/**
 * The selected unit at a glance: how many teachers, and how they split by stage and by title
 * (`roster/stats`). Small on purpose: it orients, the grid is the work surface. On a small screen
 * (1366×768 leaves 11 grid rows) it folds to one line; the choice is remembered.
 */
import { useEffect, useMemo } from 'react';
import { Button, Flex, Typography } from 'antd';
import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { useApiQuery } from '../../api/use-api-query';
import { EChart, type ChartOption } from '../../components/EChart';
import { useStoredState } from '../../components/use-stored-state';
import { ROSTER_TEXT } from './roster.strings';
import { type RosterFilter } from '@shared/api/roster.contract';
import { formatCount } from '../../components/format-count';

type CountBy = { key: string; count: number }[];

const CHART_HEIGHT = 132;
/**
 * Room above the plot for the chart title (12 px text) and, below it, the value label of the
 * tallest bar (11 px): with less, the tallest bar's label ran into its title.
 */
const PLOT_TOP = 40;
/** Below this window height the panel starts folded, until the user chooses otherwise. */
const SMALL_SCREEN_HEIGHT = 820;

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const BAR_COLOR = '#4a7fcb';
const TITLE_STYLE = { fontSize: 12, fontWeight: 600, color: '#4e5969' } as const;
const AXIS_LABEL = { fontSize: 11, color: '#6b7280' } as const;

function label(key: string): string {
  return key === '' ? ROSTER_TEXT.statsNone : key;
}

/** Titles beyond the most frequent few are folded into 其他, so the labels stay readable. */
const MAX_TITLE_BARS = 6;

function foldTail(items: CountBy, max: number): CountBy {
  if (items.length <= max) return items;
  const sorted = [...items].sort((a, b) => b.count - a.count);
  const rest = sorted.slice(max - 1).reduce((sum, item) => sum + item.count, 0);
  return [...sorted.slice(0, max - 1), { key: ROSTER_TEXT.statsOther, count: rest }];
}

function buildOption(byStage: CountBy, allTitles: CountBy): ChartOption {
  const byTitle = foldTail(allTitles, MAX_TITLE_BARS);
  const bar = (xAxisIndex: number, data: CountBy) => ({
    type: 'bar' as const,
    xAxisIndex,
    yAxisIndex: xAxisIndex,
    barMaxWidth: 22,
    itemStyle: { color: BAR_COLOR, borderRadius: [2, 2, 0, 0] },
    label: {
      show: true,
      position: 'top' as const,
      fontSize: 11,
      color: '#4e5969',
      formatter: (p: { value: unknown }) => formatCount(Number(p.value)),
    },
    data: data.map((item) => item.count),
  });
  return {
    animation: false,
    title: [
      { text: ROSTER_TEXT.statsTitleStage, left: '1%', top: 0, textStyle: TITLE_STYLE },
      { text: ROSTER_TEXT.statsTitleTitle, left: '47%', top: 0, textStyle: TITLE_STYLE },
    ],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => `${String(v)} ${ROSTER_TEXT.statsPeople}`,
    },
    grid: [
      { left: '1%', width: '42%', top: PLOT_TOP, bottom: 4, containLabel: true },
      { left: '47%', right: '1%', top: PLOT_TOP, bottom: 4, containLabel: true },
    ],
    xAxis: [
      {
        type: 'category',
        gridIndex: 0,
        data: byStage.map((i) => label(i.key)),
        axisLabel: AXIS_LABEL,
        axisTick: { show: false },
      },
      {
        type: 'category',
        gridIndex: 1,
        data: byTitle.map((i) => label(i.key)),
        axisLabel: { ...AXIS_LABEL, interval: 0 },
        axisTick: { show: false },
      },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, show: false },
      { type: 'value', gridIndex: 1, show: false },
    ],
    series: [bar(0, byStage), bar(1, byTitle)],
  };
}

interface RosterStatsProps {
  /** The grid's filter: the figures are those of the teachers the grid shows. */
  filter: RosterFilter;
  /** Whether the filter narrows the unit's roster (the total is then 符合条件, not 教师总数). */
  isFiltered: boolean;
  /** Bumped by the page after its own writes. */
  reloadSignal: number;
  /**
   * Told the total of the current filter, so the page can say when nothing matches; null while
   * it is being counted (the figures of the previous filter are not this filter's).
   */
  onTotal?: (total: number | null) => void;
  /** False holds the query back (on a cold start, until the grid's first rows are in). */
  isEnabled?: boolean;
}

export function RosterStats({
  filter,
  isFiltered,
  reloadSignal,
  onTotal,
  isEnabled = true,
}: RosterStatsProps) {
  const { data, isDataForInput, reload } = useApiQuery('roster/stats', filter, {
    refreshOn: ['roster', 'org'],
    isEnabled,
  });
  useEffect(() => {
    if (reloadSignal > 0) reload();
  }, [reloadSignal, reload]);
  const total = isDataForInput && data ? data.total : null;
  useEffect(() => {
    onTotal?.(total);
  }, [total, onTotal]);
  const totalLabel = isFiltered ? ROSTER_TEXT.statsFiltered : ROSTER_TEXT.statsTotal;
  const option = useMemo(() => (data ? buildOption(data.byStage, data.byTitle) : null), [data]);
  const male = data?.byGender.find((g) => g.key === '男')?.count ?? 0;
  const female = data?.byGender.find((g) => g.key === '女')?.count ?? 0;
  const [isCollapsed, setCollapsed] = useStoredState(
    'roster.statsCollapsed',
    window.innerHeight < SMALL_SCREEN_HEIGHT,
    isBoolean,
  );
  const toggle = (
    <Button
      type="link"
      size="small"
      icon={isCollapsed ? <DownOutlined /> : <UpOutlined />}
      onClick={() => setCollapsed(!isCollapsed)}
      data-testid="roster-stats-toggle"
    >
      {isCollapsed ? ROSTER_TEXT.statsExpand : ROSTER_TEXT.statsCollapse}
    </Button>
  );

  if (isCollapsed) {
    return (
      <Flex
        className="stats-strip stats-strip-collapsed"
        gap={12}
        align="center"
        data-testid="roster-stats"
        data-total={data?.total ?? ''}
        data-state={data ? 'ready' : 'loading'}
        data-collapsed="true"
      >
        <Typography.Text type="secondary">{totalLabel}</Typography.Text>
        {data ? (
          <>
            <Typography.Text strong className="stats-kpi-inline">
              {formatCount(data.total)}
            </Typography.Text>
            <Typography.Text type="secondary">
              {ROSTER_TEXT.statsGender(male, female)}
            </Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary" data-testid="roster-stats-loading">
            {ROSTER_TEXT.statsLoading}
          </Typography.Text>
        )}
        <span className="stats-toggle">{toggle}</span>
      </Flex>
    );
  }

  return (
    <Flex
      className="stats-strip"
      gap={16}
      align="stretch"
      data-testid="roster-stats"
      data-total={data?.total ?? ''}
      data-state={data ? 'ready' : 'loading'}
      data-collapsed="false"
    >
      <Flex vertical justify="center" className="stats-kpi">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {totalLabel}
        </Typography.Text>
        {data ? (
          <>
            <span className="stats-kpi-value">{formatCount(data.total)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {ROSTER_TEXT.statsGender(male, female)}
            </Typography.Text>
          </>
        ) : (
          <>
            <span className="stats-kpi-placeholder" aria-hidden="true" />
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12 }}
              data-testid="roster-stats-loading"
            >
              {ROSTER_TEXT.statsLoading}
            </Typography.Text>
          </>
        )}
        <span className="stats-toggle-below">{toggle}</span>
      </Flex>
      <div style={{ flex: 1, minWidth: 0 }}>
        {option && <EChart option={option} height={CHART_HEIGHT} testId="roster-chart" />}
      </div>
    </Flex>
  );
}
