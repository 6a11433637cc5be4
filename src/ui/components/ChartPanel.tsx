/** A braille line chart with a y-axis, a legend and its current and peak values, in a panel. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { renderChart, type ChartLine } from '../chart/braille-chart.js';
import { CHART_CHROME } from '../layout.js';
import { Panel } from './Panel.js';

export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  /** The line's glyph without colour (see ChartLine.glyph). */
  readonly glyph?: string;
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
  /** The time the plot spans: with 4 plot rows or more, the last one becomes a time axis. */
  readonly span?: { readonly from: number; readonly to: number } | undefined;
}

const AXIS_WIDTH = 7;

/** How many values a chart of `width` cells can show: two braille dots per plot cell. */
export function plotColumns(width: number): number {
  return Math.max(2, (width - 4 - AXIS_WIDTH) * 2);
}

export function ChartPanel(props: ChartPanelProps): ReactNode {
  const { width, color } = props;
  const plotWidth = Math.max(1, width - 4 - AXIS_WIDTH);
  const timeAxis = props.span !== undefined && props.plotHeight >= 4 ? timeAxisLine(props.span.from, props.span.to, plotWidth) : undefined;
  const plotHeight = props.plotHeight - (timeAxis === undefined ? 0 : 1);
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
      {color ? '━ ' : `${l.glyph ?? '-'} `}
      {l.label}
    </Text>
  ));
  return (
    <Panel title={props.title} aside={props.aside} width={width} height={props.plotHeight + CHART_CHROME + (props.legend.length > 0 ? 1 : 0)} color={color}>
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate">
          {`${labelAt(i).padStart(AXIS_WIDTH - 1)} `}
          {row}
        </Text>
      ))}
      {timeAxis === undefined ? null : (
        <Text dimColor wrap="truncate">
          {`${' '.repeat(AXIS_WIDTH)}${timeAxis}`}
        </Text>
      )}
      {props.legend.length > 0 ? (
        <Box>
          <Text>{' '.repeat(AXIS_WIDTH)}</Text>
          {legend}
        </Box>
      ) : null}
    </Panel>
  );
}

/** Tick steps, ms: the smallest that leaves ~14 columns between labels is used. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360].map((m) => m * 60_000);

/**
 * Times under the plot, `width` columns: how long ago each moment is (`-4m`, `-2h`), `now` at the
 * right, at round steps. Relative times read the same at any clock and never repeat (clock times
 * did, twice the same minute on a 5-minute window).
 */
export function timeAxisLine(from: number, to: number, width: number): string {
  const line = new Array<string>(width).fill(' ');
  const put = (at: number, text: string): void => {
    const start = Math.max(0, Math.min(width - text.length, at));
    // A label needs a blank column on each side of it.
    for (let i = start - 1; i <= start + text.length; i++) if (i >= 0 && i < width && line[i] !== ' ') return;
    for (let i = 0; i < text.length; i++) line[start + i] = text[i] as string;
  };
  put(width - 3, 'now');
  const span = Math.max(1, to - from);
  const step = STEPS.find((s) => (s / span) * width >= 14) ?? span;
  for (let ago = step; ago <= span; ago += step) {
    const at = Math.round(((span - ago) / span) * (width - 1));
    const text = ago % 3_600_000 === 0 ? `-${ago / 3_600_000}h` : `-${ago / 60_000}m`;
    put(at - Math.floor(text.length / 2), text);
  }
  return line.join('').trimEnd();
}
