/**
 * The reset-anomaly indicator: a lamp, the latest anomalies (issue 6 fills them in), and the quota
 * they are about: a bar per window (5h, 7d) with utilization, status, reset countdown and which
 * source said it. In a one-row panel the title carries the quota in short.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import type { QuotaView } from '../../store/monitor-store.js';
import { age, duration } from '../format-time.js';
import { Panel } from './Panel.js';

export interface AnomalyPanelProps {
  readonly anomalies: readonly unknown[];
  readonly quota: readonly QuotaView[];
  readonly now: number;
  readonly width: number;
  readonly rows: number;
  readonly color: boolean;
}

export function AnomalyPanel({ anomalies, quota, now, width, rows, color }: AnomalyPanelProps): ReactNode {
  const clear = anomalies.length === 0;
  const lamp = clear ? 'OK' : `ANOMALY (${anomalies.length})`;
  const short = quota.map((q) => `${q.window} ${percentOf(q)}${q.resetAt === undefined ? '' : ` ↻${countdown(q.resetAt - now)}`}`).join(' · ');
  if (rows <= 1) {
    return <Panel title={short === '' ? 'Reset anomalies' : `Quota ${short}`} aside={lamp} width={width} height={3} color={color} />;
  }
  const lines: ReactNode[] = [];
  if (quota.length === 0 || rows > quota.length) {
    lines.push(
      <Text key="lamp" wrap="truncate" color={color ? (clear ? 'green' : 'red') : undefined}>
        {clear ? '● OK  all clear: nothing unusual in the quota counters, limits, sub-agents or cache' : `● ${anomalies.length} anomalies`}
      </Text>,
    );
  }
  const barWidth = Math.max(8, Math.min(30, width - 60));
  for (const q of quota.slice(0, rows - lines.length)) {
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
    <Panel title="Quota · reset anomalies" aside={lamp} width={width} height={rows + 2} color={color}>
      {lines}
    </Panel>
  );
}

function percentOf(q: QuotaView): string {
  return q.utilization === undefined ? '–' : `${Math.round(q.utilization * 100)}%`;
}

function countdown(ms: number): string {
  return ms <= 0 ? 'now' : duration(ms);
}
