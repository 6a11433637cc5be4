/** Every anomaly, newest first, a line each: severity, standing, age, kind, id and message; the selected one marked. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Anomaly } from '../../detect/anomaly.js';
import type { Lamp } from '../../detect/lamp.js';
import { oneLine } from '../../parse/untrusted-text.js';
import { shortAnomalyId } from '../../report/anomaly-id.js';
import { cell } from '../../report/text-width.js';
import { age } from '../format-time.js';

export interface AnomalyListProps {
  /** Newest first. */
  readonly anomalies: readonly Anomaly[];
  readonly selected: number;
  readonly lamp: Lamp;
  readonly width: number;
  readonly height: number;
  readonly now: number;
}

/** The border (2) and the title. */
const CHROME = 3;

export function AnomalyList({ anomalies, selected, lamp, width, height, now }: AnomalyListProps): ReactNode {
  const inner = width - 6;
  const room = Math.max(1, height - CHROME);
  // The selected line stays in view: the list scrolls by whole pages around it.
  const start = Math.floor(selected / room) * room;
  const shown = anomalies.slice(start, start + room);
  return (
    <Box flexDirection="column" borderStyle="double" width={width} height={height} paddingX={2} overflow="hidden">
      <Text bold wrap="truncate">{`Anomalies (${anomalies.length}, newest first; j/k move, enter open, e evidence, esc close)`}</Text>
      {shown.map((a, i) => {
        const standing = lamp.standing.get(a.id) ?? 'lit';
        const word = standing === 'lit' ? a.severity : standing === 'acknowledged' ? 'ack' : 'old';
        const line = `${cell(word, 8)} ${cell(age(a.start, now), 12)} ${cell(a.kind, 18)} ${cell(shortAnomalyId(a.id), 30)} ${oneLine(a.message, 400)}`;
        return (
          <Text key={a.id} wrap="truncate" inverse={start + i === selected} dimColor={standing !== 'lit'}>
            {cell(line, inner)}
          </Text>
        );
      })}
    </Box>
  );
}
