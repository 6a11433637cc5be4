/**
 * The quota view (`u`): the 5h and 7d utilization the server reported over time, beside the local
 * tokens of the same moments, so a counter that falls while local usage goes on shows at a glance;
 * reset moments marked under the plot; then, per window, what the readings say: the window's start
 * and end, the tokens one percent is worth (and how many readings that rests on), and when the
 * window would be full at the current burn rate.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { QuotaEstimate } from '../../metrics/quota-estimate.js';
import { MIN_READINGS, MIN_SPAN_POINTS } from '../../metrics/quota-estimate.js';
import { duration } from '../../metrics/token-math.js';
import { compact } from '../../report/format.js';
import type { QuotaViewSnapshot } from '../../store/snapshot.js';
import { renderChart } from '../chart/braille-chart.js';
import { clock, day } from '../format-time.js';
import { wrap } from '../../report/text-width.js';
import { Panel } from './Panel.js';

export interface QuotaPanelProps {
  readonly view: QuotaViewSnapshot;
  readonly now: number;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
}

const AXIS = 7;
const LINES = [
  { key: 'util5h', label: '5h used', color: 'yellow' },
  { key: 'util7d', label: '7d used', color: 'magenta' },
] as const;

export function QuotaPanel({ view, now, width, height, color }: QuotaPanelProps): ReactNode {
  const { chart, estimates } = view;
  const plotWidth = Math.max(4, width - 4 - AXIS);
  // Panel title, legend, marker row, time row, and a line per window under the plot.
  // A line per source of a window only when more than one source reads it (the dashboard beside the CLI).
  const sourceLines = sourceComparison(view.bySource, now);
  // The estimates and source lines wrap (what a window's figures rest on is read in full): their rows come off the plot.
  const notes = [...estimates.map((e) => estimateLine(e, now)), ...sourceLines].flatMap((line) => wrap(line, width - 4));
  const plotHeight = Math.max(2, height - 2 - 1 - 1 - 1 - 1 - notes.length);
  const columns = plotWidth * 2;
  const merge = (values: ReadonlyArray<number | null>, pick: 'mean' | 'sum'): Array<number | null> => {
    const n = values.length;
    return Array.from({ length: Math.min(columns, n) }, (_, c) => {
      const slice = values.slice(Math.floor((c * n) / Math.min(columns, n)), Math.floor(((c + 1) * n) / Math.min(columns, n))).filter((v): v is number => v !== null);
      if (slice.length === 0) return pick === 'sum' ? 0 : null;
      const total = slice.reduce((a, b) => a + b, 0);
      return pick === 'sum' ? total : total / slice.length;
    });
  };
  const tokens = merge(chart.tokens, 'sum');
  const peakTokens = Math.max(0, ...tokens.map((t) => t ?? 0));
  const top = Math.max(1, ...[...chart.util5h, ...chart.util7d].map((u) => u ?? 0));
  // The local tokens share the plot, scaled so their peak reaches the top: their shape is what matters.
  const lines = [
    ...LINES.map((l) => ({ color: l.color, values: merge(chart[l.key], 'mean') })),
    { color: 'cyan', values: tokens.map((t) => (peakTokens > 0 ? ((t ?? 0) / peakTokens) * top : 0)) },
  ];
  const rows = renderChart(lines, { width: plotWidth, height: plotHeight, max: top, color });
  const label = (row: number): string => (row === 0 ? `${Math.round(top * 100)}%` : row === plotHeight - 1 ? '0%' : row === Math.floor((plotHeight - 1) / 2) ? `${Math.round(top * 50)}%` : '');
  const at = (time: number): number => Math.min(plotWidth - 1, Math.max(0, Math.floor(((time - chart.from) / (chart.to - chart.from)) * plotWidth)));
  const markers = Array.from({ length: plotWidth }, () => ' ');
  for (const r of chart.resets) markers[at(r.time)] = '↻';
  // Now: at the right edge of a range that ends now, within the 5h block that ends at its reset.
  markers[at(Math.min(now, chart.to))] = '▲';
  const times = timeTicks(chart.from, chart.to, plotWidth, chart.range !== '5h');
  const title = `Quota over time · ${chart.range}${chart.range === '5h' && chart.to > now ? ' (the current block)' : ''} · w: 5h / 24h / 7d`;
  return (
    <Panel title={title} aside={`local tokens peak ${compact(peakTokens)} a column`} width={width} height={height} color={color}>
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate">
          {`${label(i).padStart(AXIS - 1)} `}
          {row}
        </Text>
      ))}
      <Text wrap="truncate" dimColor>{`${' '.repeat(AXIS)}${markers.join('')}`}</Text>
      <Text wrap="truncate" dimColor>{`${' '.repeat(AXIS)}${times}`}</Text>
      <Text wrap="truncate">
        {' '.repeat(AXIS)}
        {[...LINES, { label: 'local tokens (scaled)', color: 'cyan' }].map((l, i) => (
          <Text key={l.label} color={color ? l.color : undefined}>{`${i > 0 ? '  ' : ''}${color ? '━' : '-'} ${l.label}`}</Text>
        ))}
        {'  ↻ reset  ▲ now'}
      </Text>
      {notes.map((line, i) => (
        <Text key={i} wrap="truncate">
          {line}
        </Text>
      ))}
    </Panel>
  );
}

const SOURCE_NAME: Record<string, string> = { 'usage-api': 'dashboard', statusline: 'CLI statusline', proxy: 'proxy headers' };

/** `5h  dashboard 73% (1m ago) · CLI statusline 100% (2m ago): 27 points apart`, for a window read by more than one source. */
export function sourceComparison(bySource: QuotaViewSnapshot['bySource'], now: number): string[] {
  const out: string[] = [];
  for (const window of ['5h', '7d'] as const) {
    const readings = bySource.filter((q) => q.window === window && q.utilization !== undefined);
    if (readings.length < 2) continue;
    const figures = readings.map((q) => `${SOURCE_NAME[q.source] ?? q.source} ${Math.round((q.utilization as number) * 100)}% (${duration(Math.max(0, now - q.time))} ago)`);
    const values = readings.map((q) => q.utilization as number);
    const apart = Math.round((Math.max(...values) - Math.min(...values)) * 100);
    out.push(`${window.padEnd(3)} ${figures.join(' · ')}${apart > 0 ? `: ${apart} points apart` : ''}`);
  }
  return out;
}

/** `5h 31% · 14:00 → 19:00, resets in 2h05m · 18k tokens per 1% (14 readings) · full in 1h20m at 12k/min, before the reset` */
export function estimateLine(e: QuotaEstimate, now: number): string {
  const used = e.utilization === undefined ? '–' : `${Math.round(e.utilization * 100)}%`;
  const when = (t: number): string => (e.window === '7d' ? `${day(t).slice(5)} ${clock(t)}` : clock(t));
  const window = e.windowStart === undefined || e.resetAt === undefined ? 'no reset known' : `${when(e.windowStart)} → ${when(e.resetAt)}${e.resetAt > now ? `, resets in ${duration(e.resetAt - now)}` : ''}`;
  const rate =
    e.tokensPerPercent !== undefined
      ? `${compact(e.tokensPerPercent)} tokens per 1% (${e.basis} readings)`
      : e.basis < MIN_READINGS
        ? `no estimate yet: ${e.basis} of ${MIN_READINGS} readings`
        : `no estimate yet: ${e.basis} readings span ${Math.round(e.spanPoints)} of ${MIN_SPAN_POINTS} points`;
  let projection = '';
  if (e.tokensPerPercent !== undefined) {
    if (e.fullAt === undefined) projection = ' · not filling: nothing burns now';
    else projection = ` · full in ${duration(e.fullAt - now)} at ${compact(e.burnPerMinute)}/min${e.resetAt !== undefined ? (e.fullAt < e.resetAt ? ', before the reset' : ', after the reset: it resets first') : ''}`;
  }
  return `${e.window.padEnd(3)} ${used.padStart(4)} · ${window} · ${rate}${projection}`;
}

/** The time axis: a label at each end and between, as many as fit; ranges past a day name the date too. */
export function timeTicks(from: number, to: number, width: number, withDate: boolean): string {
  const label = (t: number): string => (withDate ? `${day(t).slice(5)} ${clock(t)}` : clock(t));
  const size = label(from).length;
  // Centred labels between the ends need a label and a half apart, or the first two touch.
  const count = Math.max(2, Math.min(5, Math.floor(width / (1.5 * size + 2)) + 1));
  const line = Array.from({ length: width }, () => ' ');
  for (let i = 0; i < count; i++) {
    const text = label(from + ((to - from) * i) / (count - 1));
    const start = i === count - 1 ? width - text.length : i === 0 ? 0 : Math.round((width * i) / (count - 1) - text.length / 2);
    for (let j = 0; j < text.length && start + j < width; j++) if (start + j >= 0) line[start + j] = text[j] ?? ' ';
  }
  return line.join('');
}
