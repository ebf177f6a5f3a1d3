/**
 * A small ECharts host. ECharts itself is a chunk of its own (echarts-setup.ts), fetched when the
 * browser is first idle after a chart is mounted: on a cold start the main thread is busy painting
 * the grid's first rows, and the charts can come a moment later. Resizes with its container.
 */
import { useEffect, useRef } from 'react';
import { type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  type GridComponentOption,
  type LegendComponentOption,
  type MarkLineComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts } from 'echarts/core';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>;

interface EChartProps {
  option: ChartOption;
  height: number;
  testId?: string;
}

export function EChart({ option, height, testId }: EChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  // The option to draw once ECharts has arrived (the chart may be created after the first option).
  const optionRef = useRef(option);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    let isDisposed = false;
    let observer: ResizeObserver | null = null;
    const load = (): void => {
      void import('./echarts-setup').then(({ echarts }) => {
        if (isDisposed) return;
        const chart = echarts.init(host, undefined, { renderer: 'canvas', locale: 'ZH' });
        chart.setOption(optionRef.current, { notMerge: true });
        chartRef.current = chart;
        observer = new ResizeObserver(() => chart.resize());
        observer.observe(host);
      });
    };
    const idle = window.requestIdleCallback(load, { timeout: 1000 });
    return () => {
      isDisposed = true;
      window.cancelIdleCallback(idle);
      observer?.disconnect();
      chartRef.current?.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    optionRef.current = option;
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={hostRef} style={{ width: '100%', height }} data-testid={testId} />;
}
