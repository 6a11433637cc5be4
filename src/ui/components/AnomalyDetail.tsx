/** One anomaly in full: what, when, which session, and the evidence to take to support. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Anomaly, Evidence } from '../../detect/anomaly.js';
import { oneLine } from '../../parse/untrusted-text.js';

export interface AnomalyDetailProps {
  readonly anomaly: Anomaly;
  /** Which of how many, newest first. */
  readonly position: string;
  /** The oldest: `a` closes the view rather than moving on. */
  readonly isLast: boolean;
  readonly width: number;
  readonly height: number;
}

const when = (t: number | undefined): string => (t === undefined ? '–' : new Date(t).toISOString().replace('T', ' ').slice(0, 19) + ' UTC');

function evidenceLine(e: Evidence): string {
  switch (e.kind) {
    case 'line':
      return `${e.file}:${e.line}  ${e.note}`;
    case 'reading':
      return `${when(e.time)}  ${e.window} ${e.utilization === undefined ? '' : `${(e.utilization * 100).toFixed(1)}% `}${e.status ?? ''} reset ${when(e.resetAt)} (${e.source})`;
    case 'figure':
      return `${e.name}: ${e.value}  ${e.note}`;
  }
}

export function AnomalyDetail({ anomaly: a, position, isLast, width, height }: AnomalyDetailProps): ReactNode {
  const inner = width - 6;
  return (
    <Box flexDirection="column" borderStyle="double" width={width} height={height} paddingX={2} overflow="hidden">
      <Text bold wrap="truncate">{`${a.severity.toUpperCase()} ${a.kind}  (${position}; a: ${isLast ? 'close' : 'next'})`}</Text>
      {/* The full message, wrapped: this is the view a person copies from. */}
      <Text wrap="wrap">{oneLine(a.message, Number.MAX_SAFE_INTEGER)}</Text>
      <Text wrap="truncate">{`from ${when(a.start)}  to ${when(a.end)}${a.sessionId === undefined ? '' : `  session ${oneLine(a.sessionId, inner)}`}`}</Text>
      <Text> </Text>
      <Text dimColor>evidence</Text>
      {a.evidence.slice(0, Math.max(0, height - 7)).map((e, i) => (
        <Text key={i} wrap="truncate">
          {oneLine(evidenceLine(e), inner)}
        </Text>
      ))}
    </Box>
  );
}
