/** A braille line chart with a y-axis, a legend and its current and peak values, in a panel. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { renderChart, type ChartLine } from '../chart/braille-chart.js';
import { CHART_CHROME } from '../layout.js';
import { Panel } from './Panel.js';

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
}

export interface ChartPanelProps {
  readonly title: string;
  readonly aside: string;
  readonly width: number;
  /** Plot rows. */
  readonly plotHeight: number;
  readonly lines: readonly ChartLine[];
  /** The value at the top of the plot. */
  readonly max: number;
  /** Axis labels for the top, middle and bottom rows. */
  readonly axis: readonly [string, string, string];
  readonly legend: readonly LegendEntry[];
  readonly color: boolean;
}

const AXIS_WIDTH = 7;

/** How many values a chart of `width` cells can show: two braille dots per plot cell. */
export function plotColumns(width: number): number {
  return Math.max(2, (width - 4 - AXIS_WIDTH) * 2);
}

export function ChartPanel(props: ChartPanelProps): ReactNode {
  const { width, plotHeight, color } = props;
  const plotWidth = Math.max(1, width - 4 - AXIS_WIDTH);
  const rows = renderChart(props.lines, { width: plotWidth, height: plotHeight, max: props.max, color });
  const labelAt = (row: number): string => {
    if (row === 0) return props.axis[0];
    if (row === plotHeight - 1) return props.axis[2];
    if (plotHeight >= 3 && row === Math.floor((plotHeight - 1) / 2)) return props.axis[1];
    return '';
  };
  const legend = props.legend.map((l, i) => (
    <Text key={l.label} color={color ? l.color : undefined}>
      {i > 0 ? '  ' : ''}
      {color ? '━ ' : '- '}
      {l.label}
    </Text>
  ));
  return (
    <Panel title={props.title} aside={props.aside} width={width} height={plotHeight + CHART_CHROME + (props.legend.length > 0 ? 1 : 0)} color={color}>
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate">
          {`${labelAt(i).padStart(AXIS_WIDTH - 1)} `}
          {row}
        </Text>
      ))}
      {props.legend.length > 0 ? (
        <Box>
          <Text>{' '.repeat(AXIS_WIDTH)}</Text>
          {legend}
        </Box>
      ) : null}
    </Panel>
  );
}
