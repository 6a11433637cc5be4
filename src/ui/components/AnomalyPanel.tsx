/** The reset-anomaly indicator: a lamp and the latest anomalies (issue 6 fills them in). */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { Panel } from './Panel.js';

export interface AnomalyPanelProps {
  readonly anomalies: readonly unknown[];
  readonly width: number;
  readonly rows: number;
  readonly color: boolean;
}

export function AnomalyPanel({ anomalies, width, rows, color }: AnomalyPanelProps): ReactNode {
  const clear = anomalies.length === 0;
  return (
    <Panel title="Reset anomalies" aside={clear ? 'OK' : `ANOMALY (${anomalies.length})`} width={width} height={rows + 2} color={color}>
      {rows > 1 ? (
        <Text wrap="truncate" color={color ? (clear ? 'green' : 'red') : undefined}>
          {clear ? '● OK  all clear: nothing unusual in the quota counters, limits, sub-agents or cache' : `● ${anomalies.length} anomalies`}
        </Text>
      ) : null}
    </Panel>
  );
}
