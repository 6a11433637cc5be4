/**
 * The reset-anomaly indicator: a lamp, the latest warnings and criticals with their age, and the quota
 * they are about: a bar per window (5h, 7d) with utilization, status, reset countdown and which
 * source said it. In a one-row panel the title carries the newest anomaly, or the quota in short.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { Anomaly } from '../../detect/anomaly.js';
import type { Lamp } from '../../detect/lamp.js';
import { oneLine } from '../../parse/untrusted-text.js';
import { cell } from '../../report/text-width.js';
import type { QuotaView } from '../../store/snapshot.js';
import { duration } from '../../metrics/token-math.js';
import { age } from '../format-time.js';
import { Panel } from './Panel.js';

export interface AnomalyPanelProps {
  readonly anomalies: readonly Anomaly[];
  /** The lamp now: state, counts, and each anomaly's standing. */
  readonly lamp: Lamp;
  readonly quota: readonly QuotaView[];
  readonly now: number;
  readonly width: number;
  readonly rows: number;
  readonly color: boolean;
}

/** Columns of an anomaly line besides kind and message: borders, padding, lamp word, age, separators. */
const LINE_CHROME = 4 + 10 + 11 + 2;
/** Longest message a line is handed; the cell cuts it to the line's columns. */
const MESSAGE_MAX = 400;

export function AnomalyPanel({ anomalies, lamp: lampNow, quota, now, width, rows, color }: AnomalyPanelProps): ReactNode {
  // Info (every limit message, idle purges) is shown in the detail view, not as a worry. What lights
  // the lamp comes first; acknowledged and history ones after it, dimmed.
  const standing = (a: Anomaly): string => lampNow.standing.get(a.id) ?? 'lit';
  const byRecency = anomalies.filter((a) => a.severity !== 'info').reverse();
  const notable = [...byRecency.filter((a) => standing(a) === 'lit'), ...byRecency.filter((a) => standing(a) !== 'lit')];
  const state = lampNow.state;
  const clear = state === 'OK';
  const quiet = [lampNow.acknowledged > 0 ? `${lampNow.acknowledged} ack` : '', lampNow.history > 0 ? `${lampNow.history} old` : ''].filter((x) => x !== '').join(', ');
  const lampText = clear ? (quiet === '' ? 'OK' : `OK · ${quiet}`) : `${state} (${lampNow.lit})`;
  const tone = state === 'ANOMALY' ? 'red' : state === 'WATCH' ? 'yellow' : 'green';
  const short = quota.map((q) => (q.resetAt !== undefined && q.resetAt <= now ? `${q.window} stale` : `${q.window} ${percentOf(q)}${q.resetAt === undefined ? '' : ` ↻${countdown(q.resetAt - now)}`}`)).join(' · ');
  if (rows <= 1) {
    // One row (80x24): when something is wrong, what it is, with the 5h quota beside the lamp;
    // when all is clear, the quota in short.
    const newest = clear ? undefined : notable[0];
    const first = quota[0];
    const title = newest !== undefined ? `${newest.kind}: ${oneLine(newest.message, width)}` : short === '' ? `Reset anomalies · ${NO_READINGS_SHORT}` : `Quota ${short}`;
    const aside = newest !== undefined && first !== undefined ? `${first.window} ${percentOf(first)} · ${lampText}` : lampText;
    return <Panel title={title} aside={aside} asideColor={color ? tone : undefined} width={width} height={3} color={color} />;
  }
  const lines: ReactNode[] = [];
  const room = rows - 1;
  // One row under the title and both an anomaly and a quota to show: the anomaly goes in the title.
  const titleCarries = room === 1 && quota.length > 0 && !clear && notable[0] !== undefined;
  if (titleCarries) {
    // Nothing here: the quota line below fills the row.
  } else if (clear && notable.length === 0) {
    if (quota.length === 0 || room > quota.length) {
      lines.push(
        <Text key="lamp" wrap="truncate" color={color ? 'green' : undefined}>
          ● OK  all clear: nothing unusual in the quota counters, limits, sub-agents or cache
        </Text>,
      );
    }
  } else {
    // The quota is always shown: the anomaly lines get what the bars leave (one line at least,
    // and the bars share one line when there is no room for a line each).
    const shown = Math.max(1, room - Math.max(1, quota.length));
    for (const a of notable.slice(0, shown)) {
      const lit = standing(a) === 'lit';
      const word = !lit ? (standing(a) === 'history' ? 'old    ' : 'ack    ') : a.severity === 'critical' ? 'ANOMALY' : 'WATCH  ';
      lines.push(
        <Text key={a.id} wrap="truncate" dimColor={!lit}>
          <Text color={color && lit ? (a.severity === 'critical' ? 'red' : 'yellow') : undefined}>{`${lit ? '●' : '○'} ${word} `}</Text>
          {`${age(a.start, now).padStart(9)}  ${a.kind}: ${cell(oneLine(a.message, MESSAGE_MAX), Math.max(20, width - LINE_CHROME - a.kind.length))}`}
        </Text>,
      );
    }
  }
  const barWidth = Math.max(8, Math.min(30, width - 60));
  const room2 = Math.max(0, room - lines.length);
  if (quota.length > room2 && room2 >= 1) {
    // Not a row per window: the quota is always shown, both windows on one line.
    const bar = (q: QuotaView, w: number): string => {
      const filled = Math.min(w, Math.round(Math.min(q.utilization ?? 0, 1) * w));
      return `${'█'.repeat(filled)}${'░'.repeat(w - filled)}`;
    };
    const newest = quota.reduce((a, b) => (b.time > a.time ? b : a));
    lines.push(
      <Text key="quota" wrap="truncate">
        {quota.map((q) => (q.resetAt !== undefined && q.resetAt <= now ? `${q.window} stale (reset passed)` : `${q.window} ${bar(q, Math.max(4, Math.min(12, Math.floor((width - 50) / 4))))} ${percentOf(q)}${q.resetAt === undefined ? '' : ` ↻${countdown(q.resetAt - now)}`}`)).join('  ·  ')}
        {`  (${newest.source}, ${age(newest.time, now)})`}
      </Text>,
    );
  }
  if (quota.length === 0 && lines.length < room) {
    // No server reading at all: say how to get them, not a blank row (most users run no proxy).
    lines.push(
      <Text key="no-readings" wrap="truncate" dimColor>
        {NO_READINGS}
      </Text>,
    );
  }
  for (const q of quota.length > room2 ? [] : quota) {
    if (q.resetAt !== undefined && q.resetAt <= now) {
      // Past its reset: what it said is no longer the figure, and is never shown as if it were.
      lines.push(
        <Text key={q.window} wrap="truncate" dimColor>
          {`${q.window.padEnd(3)} ${'░'.repeat(barWidth)}    –  stale: ${percentOf(q)} before its reset ${countdown(now - q.resetAt)} ago; no reading since (${q.source}, ${age(q.time, now)})`}
        </Text>,
      );
      continue;
    }
    const util = q.utilization ?? 0;
    const filled = Math.min(barWidth, Math.round(Math.min(util, 1) * barWidth));
    const tone = q.status === 'rejected' || util >= 0.9 ? 'red' : util >= 0.7 ? 'yellow' : 'green';
    const reset = q.resetAt === undefined ? 'reset unknown' : `resets in ${countdown(q.resetAt - now)}`;
    lines.push(
      <Text key={q.window} wrap="truncate">
        {`${q.window.padEnd(3)} `}
        <Text color={color ? tone : undefined}>{`${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}`}</Text>
        {` ${percentOf(q).padStart(4)}  ${q.status ?? ''}${q.status === undefined ? '' : '  '}${reset}  (${q.source}, ${age(q.time, now)})`}
      </Text>,
    );
  }
  return (
    <Panel title={titleCarries && notable[0] !== undefined ? `${notable[0].kind}: ${oneLine(notable[0].message, width)}` : 'Quota · reset anomalies'} aside={lampText} asideColor={color ? tone : undefined} width={width} height={rows + 2} color={color}>
      {lines}
    </Panel>
  );
}

const NO_READINGS = 'no quota readings yet: run `tokentop setup` to record the ones Claude Code gives its statusline';
const NO_READINGS_SHORT = 'no quota readings: tokentop setup';

export function percentOf(q: QuotaView): string {
  return q.utilization === undefined ? '–' : `${Math.round(q.utilization * 100)}%`;
}

export function countdown(ms: number): string {
  return ms <= 0 ? 'now' : duration(ms);
}
