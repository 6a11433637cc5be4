/** Every anomaly, newest first, a line each: severity, standing, age, kind, id and message; the selected one marked. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Anomaly } from '../../detect/anomaly.js';
import type { Lamp } from '../../detect/lamp.js';
import { oneLine } from '../../parse/untrusted-text.js';
import { shortAnomalyId } from '../../report/anomaly-id.js';
import { fitColumns, headerLine, rowLine, type Column } from '../../report/table-columns.js';
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

/** Narrow, the kind goes first (the id starts with it), then the message: the id (what `evidence --anomaly` takes) stays whole. */
function columnsAt(lamp: Lamp, now: number, idWidth: number): Column<Anomaly>[] {
  const standing = (a: Anomaly): string => lamp.standing.get(a.id) ?? 'lit';
  return [
    { header: 'severity', width: 8, value: (a) => (standing(a) === 'lit' ? a.severity : standing(a) === 'acknowledged' ? 'ack' : 'old') },
    { header: 'age', width: 9, value: (a) => age(a.start, now) },
    { header: 'kind', width: 18, drop: 3, value: (a) => a.kind },
    { header: 'id', width: idWidth, flex: 2, value: (a) => shortAnomalyId(a.id) },
    { header: 'message', width: 12, flex: 1, drop: 2, value: (a) => oneLine(a.message, 400) },
  ];
}

export function AnomalyList({ anomalies, selected, lamp, width, height, now }: AnomalyListProps): ReactNode {
  const inner = width - 6;
  const room = Math.max(1, height - CHROME - 1);
  // The selected line stays in view: the list scrolls by whole pages around it.
  const start = Math.floor(selected / room) * room;
  const shown = anomalies.slice(start, start + room);
  // The id column as wide as the longest id shown (the ids differ in length by kind).
  const idWidth = Math.max(12, ...shown.map((a) => shortAnomalyId(a.id).length));
  const fitted = fitColumns(columnsAt(lamp, now, idWidth), inner, shown);
  return (
    <Box flexDirection="column" borderStyle="double" width={width} height={height} paddingX={2} overflow="hidden">
      <Text bold wrap="truncate">{`Anomalies (${anomalies.length}, newest first; j/k move, enter open, e evidence, esc close)`}</Text>
      <Text dimColor wrap="truncate">
        {headerLine(fitted)}
      </Text>
      {shown.map((a, i) => (
        <Text key={a.id} wrap="truncate" inverse={start + i === selected} dimColor={(lamp.standing.get(a.id) ?? 'lit') !== 'lit'}>
          {rowLine(fitted, a)}
        </Text>
      ))}
    </Box>
  );
}
