/**
 * A short pane (tmux's default split at the bottom, under ~20 rows): one line per metric, each
 * with its figure and a braille sparkline filling the width (token rate, the 5h and 7d quota with
 * their reset countdown, the cache ratio, the sub-agents running), the lamp with its newest
 * anomaly, then as many session rows as fit. The most wanted lines first: at 80x8 the lamp, the rate
 * and the quota are still there.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { oneLine } from '../../parse/untrusted-text.js';
import { compact, percent } from '../../report/format.js';
import { cell } from '../../report/text-width.js';
import type { MonitorSnapshot } from '../../store/snapshot.js';
import { renderChart } from '../chart/braille-chart.js';
import { age } from '../format-time.js';
import { lampAnomaly } from '../lamp-anomaly.js';
import { projectView } from '../project-view.js';
import { fitColumns, headerLine, rowLine, visibleRows } from '../../report/table-columns.js';
import { countdown, percentOf } from './AnomalyPanel.js';
import { columnsAt } from './SessionsTable.js';

export interface ShortBodyProps {
  readonly snapshot: MonitorSnapshot;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
}

const LABEL = 7;
const FIGURE = 26;
/** Narrower than this, a sparkline says nothing: the line is its figure alone. */
const MIN_SPARK = 6;

interface MetricLine {
  readonly key: string;
  readonly label: string;
  readonly figure: string;
  readonly values: ReadonlyArray<number | null>;
  readonly max: number;
  readonly tone: string;
}

export function ShortBody({ snapshot: s, width, height, color }: ShortBodyProps): ReactNode {
  const sparkWidth = width - LABEL - FIGURE - 1;
  const columns = Math.max(1, sparkWidth * 2);
  const series = projectView(s.view, columns);
  const rate = series.rate.input.map((_, i) => (series.rate.input[i] ?? 0) + (series.rate.output[i] ?? 0) + (series.rate.cacheWrite[i] ?? 0) + (series.rate.cacheRead[i] ?? 0));
  const quota = (w: '5h' | '7d'): MetricLine | undefined => {
    const q = s.quota.find((x) => x.window === w);
    const values = w === '5h' ? s.quotaTrend.util5h : s.quotaTrend.util7d;
    if (q === undefined) return undefined;
    const reset = q.resetAt === undefined ? '' : q.resetAt <= s.now ? ' · stale' : ` · resets ${countdown(q.resetAt - s.now)}`;
    return { key: w, label: w, figure: `${percentOf(q)}${reset}`, values, max: Math.max(1, ...values.map((v) => v ?? 0)), tone: 'magenta' };
  };
  const peakAgents = Math.max(s.running.length, ...s.view.activeSubagents);
  const lines: MetricLine[] = [
    { key: 'rate', label: 'rate', figure: `${compact(s.view.currentRate)}/min · busiest ${compact(s.view.peakMinute)}`, values: rate, max: Math.max(1, ...rate), tone: 'cyan' },
    ...[quota('5h')].filter((q): q is MetricLine => q !== undefined),
    { key: 'cache', label: 'cache', figure: `${percent(s.view.windowCacheRatio)} hit`, values: series.cacheRatio, max: 1, tone: 'green' },
    { key: 'agents', label: 'agents', figure: `${s.running.length} running · top ${peakAgents}`, values: series.activeSubagents, max: Math.max(1, peakAgents), tone: 'yellow' },
    ...[quota('7d')].filter((q): q is MetricLine => q !== undefined),
  ];
  if (s.quota.length === 0) lines.splice(1, 0, { key: 'quota', label: 'quota', figure: 'no readings: tokentop setup', values: [], max: 1, tone: 'magenta' });
  const rows: ReactNode[] = [<LampLine key="lamp" snapshot={s} width={width} color={color} />];
  for (const line of lines) {
    if (rows.length >= height) break;
    const spark = sparkWidth >= MIN_SPARK && line.values.length > 0 ? (renderChart([{ values: line.values, color: line.tone }], { width: sparkWidth, height: 1, max: line.max, color })[0] ?? '') : '';
    rows.push(
      <Text key={line.key} wrap="truncate">
        <Text bold>{cell(line.label, LABEL)}</Text>
        {cell(line.figure, spark !== '' ? FIGURE : width - LABEL)}
        {spark === '' ? '' : ` ${spark}`}
      </Text>,
    );
  }
  const room = height - rows.length;
  if (room >= 2) rows.push(...sessionLines(s, width, room, color));
  return rows;
}

/** The lamp, and what lights it: the newest anomaly that does, else the newest warning, else all clear. */
function LampLine({ snapshot: s, width, color }: { snapshot: MonitorSnapshot; width: number; color: boolean }): ReactNode {
  const state = s.lamp.state;
  const tone = state === 'ANOMALY' ? 'red' : state === 'WATCH' ? 'yellow' : 'green';
  // What lights the lamp; when nothing does, not an old warning (it read as a current one beside OK).
  const newest = state === 'OK' ? undefined : lampAnomaly(s);
  const text = newest === undefined ? `nothing lights the lamp${s.anomalies.length === 0 ? '' : ` · ${s.anomalies.length} noted (a: list)`}` : `${newest.kind}: ${oneLine(newest.message, 400)} · ${age(newest.start, s.now)}`;
  const lamp = ` ${state} `;
  return (
    <Text wrap="truncate">
      <Text inverse color={color ? tone : undefined} bold>
        {lamp}
      </Text>
      {` ${cell(text, Math.max(0, width - lamp.length - 1))}`}
    </Text>
  );
}

function sessionLines(s: MonitorSnapshot, width: number, room: number, color: boolean): ReactNode[] {
  const { shown, more } = visibleRows(s.sessions, room - 1, s.sessionOffset);
  const fitted = fitColumns(columnsAt(s.now), width, shown);
  return [
    <Text key="sessions-header" dimColor wrap="truncate">
      {s.sessions.length === 0 ? 'no session seen yet' : headerLine(fitted)}
    </Text>,
    ...shown.map((row) => (
      <Text key={row.id} wrap="truncate" inverse={row.id === s.focus?.id} color={color && s.now - row.lastActivity < 60_000 ? 'green' : undefined}>
        {rowLine(fitted, row)}
      </Text>
    )),
    ...(more === undefined ? [] : [<Text key="more" dimColor wrap="truncate">{`${more} (j/k scroll, o sort)`}</Text>]),
  ];
}
