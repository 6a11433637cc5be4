/** Active sub-agents over the window. */
import type { ReactNode } from 'react';
import type { WindowView } from '../../metrics/live-metrics.js';
import { niceMax } from '../chart/braille-chart.js';
import { projectView } from '../project-view.js';
import { ChartPanel, plotColumns } from './ChartPanel.js';

export interface SubagentChartPanelProps {
  readonly view: WindowView;
  readonly width: number;
  readonly plotHeight: number;
  readonly color: boolean;
}

export function SubagentChartPanel({ view, width, plotHeight, color }: SubagentChartPanelProps): ReactNode {
  const { activeSubagents } = projectView(view, plotColumns(width));
  const now = view.activeSubagents.at(-1) ?? 0;
  const peak = Math.max(0, ...view.activeSubagents);
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
    />
  );
}
