/** Tokens per minute by type, on a log scale (cache reads run 100x the rest; a linear axis hides them). */
import type { ReactNode } from 'react';
import type { WindowView } from '../../metrics/live-metrics.js';
import { compact } from '../../report/format.js';
import { projectView } from '../project-view.js';
import { ChartPanel, plotColumns } from './ChartPanel.js';

export interface TokenRatePanelProps {
  readonly view: WindowView;
  /** The last minute's rate as the proxy saw it, shown beside the transcripts' when there is one. */
  readonly proxyRate: number | undefined;
  /** The same from Claude Code's own telemetry (OTLP), when it is sent. */
  readonly otelRate?: number | undefined;
  readonly windowName: string;
  readonly width: number;
  readonly plotHeight: number;
  readonly color: boolean;
}

/** Glyphs tell the series apart under NO_COLOR: the initial of each, the busiest (cache read) lightest. */
const SERIES = [
  { key: 'cacheRead', label: 'cache read', color: 'cyan', glyph: '.' },
  { key: 'cacheWrite', label: 'cache write', color: 'yellow', glyph: 'w' },
  { key: 'input', label: 'input', color: 'blue', glyph: 'i' },
  { key: 'output', label: 'output', color: 'green', glyph: 'o' },
] as const;

export function TokenRatePanel({ view, proxyRate, otelRate, windowName, width, plotHeight, color }: TokenRatePanelProps): ReactNode {
  const { rate } = projectView(view, plotColumns(width));
  const totals = rate.input.map((_, i) => SERIES.reduce((sum, s) => sum + (rate[s.key][i] ?? 0), 0));
  // The y-axis reaches the busiest column's rate (a column can be a few seconds: not the labelled peak).
  const top = Math.max(0, ...totals);
  const topDecade = Math.max(3, Math.ceil(Math.log10(Math.max(top, 1) + 1)));
  const log = (v: number): number | null => (v > 0 ? Math.log10(1 + v) : 0);
  return (
    <ChartPanel
      title={`Token rate /min · ${windowName} · log scale`}
      aside={`last 60 s ${compact(view.currentRate)}${proxyRate === undefined ? '' : ` (proxy ${compact(proxyRate)})`}${otelRate === undefined ? '' : ` (otel ${compact(otelRate)})`} · busiest minute ${compact(view.peakMinute)}`}
      width={width}
      plotHeight={Math.max(1, plotHeight - 1)}
      lines={SERIES.map((s) => ({ color: s.color, glyph: s.glyph, values: rate[s.key].map(log) }))}
      max={topDecade}
      axis={[compact(10 ** topDecade), compact(10 ** Math.round(topDecade / 2)), '0']}
      legend={SERIES.map((s) => ({ label: s.label, color: s.color, glyph: s.glyph }))}
      color={color}
      span={{ from: view.from, to: view.to }}
    />
  );
}
