/** Active sub-agents over the window. */
import type { ReactNode } from 'react';
import type { WindowView } from '../../metrics/live-metrics.js';
import { niceMax } from '../chart/braille-chart.js';
import { projectView } from '../project-view.js';
import { ChartPanel, plotColumns } from './ChartPanel.js';

export interface SubagentChartPanelProps {
  readonly view: WindowView;
  /** Running now: the same count as the running table's title (the last slice counts any agent active during it). */
  readonly running: number;
  readonly width: number;
  readonly plotHeight: number;
  readonly color: boolean;
}

export function SubagentChartPanel({ view, running, width, plotHeight, color }: SubagentChartPanelProps): ReactNode {
  const { activeSubagents } = projectView(view, plotColumns(width));
  const now = running;
  const peak = Math.max(running, ...view.activeSubagents);
  const max = niceMax(Math.max(peak, 4));
  return (
    <ChartPanel
      title="Active sub-agents"
      aside={`now ${now}  peak ${peak}`}
      width={width}
      plotHeight={plotHeight}
      lines={[{ color: 'red', values: activeSubagents }]}
      max={max}
      axis={[String(max), String(max / 2), '0']}
      legend={[]}
      color={color}
      span={{ from: view.from, to: view.to }}
    />
  );
}
