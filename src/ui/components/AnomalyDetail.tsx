/** One anomaly in full: what, when, which session, and the evidence to take to support. */
import { middleCut } from '../../report/text-width.js';
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { Anomaly, Evidence } from '../../detect/anomaly.js';
import type { AnomalyStanding } from '../../detect/lamp.js';
import { duration } from '../../metrics/token-math.js';
import { oneLine } from '../../parse/untrusted-text.js';

export interface AnomalyDetailProps {
  readonly anomaly: Anomaly;
  /** Which of how many, newest first. */
  readonly position: string;
  /** The oldest: `a` closes the view rather than moving on. */
  readonly isLast: boolean;
  readonly width: number;
  readonly height: number;
  /** The screen's clock: the anomaly's age is measured to it. */
  readonly now: number;
  /** lit, acknowledged, or history (over a week old: shown `old`). */
  readonly standing: AnomalyStanding;
}

const STANDING_WORD: Record<AnomalyStanding, string> = { lit: '', acknowledged: ' (acknowledged)', history: ' old' };

const when = (t: number | undefined): string => (t === undefined ? '–' : new Date(t).toISOString().replace('T', ' ').slice(0, 19) + ' UTC');

/** An evidence item as rows: what it shows first, then (for a transcript line) where it is. */
function evidenceRows(e: Evidence, width: number): { text: string; dim: boolean }[] {
  switch (e.kind) {
    case 'line':
      return [
        { text: oneLine(e.note, width), dim: false },
        { text: `  ${middleCut(`${e.file}:${e.line}`, width - 2)}`, dim: true },
      ];
    case 'reading':
      return [{ text: oneLine(`${when(e.time)}  ${e.window} ${e.utilization === undefined ? '' : `${(e.utilization * 100).toFixed(1)}% `}${e.status ?? ''} reset ${when(e.resetAt)} (${e.source})`, width), dim: false }];
    case 'figure':
      return [{ text: oneLine(`${e.name}: ${e.value}  ${e.note}`, width), dim: false }];
  }
}

export function AnomalyDetail({ anomaly: a, position, isLast, width, height, now, standing }: AnomalyDetailProps): ReactNode {
  const inner = width - 6;
  const rows = a.evidence.flatMap((e) => evidenceRows(e, inner)).slice(0, Math.max(0, height - 11));
  return (
    <Box flexDirection="column" borderStyle="double" width={width} height={height} paddingX={2} overflow="hidden">
      <Text bold wrap="truncate">{`${a.severity.toUpperCase()}${STANDING_WORD[standing]} ${a.kind}  (${position}; a: ${isLast ? 'close' : 'next'})`}</Text>
      {/* The full message, wrapped: this is the view a person copies from. */}
      <Text wrap="wrap">{oneLine(a.message, Number.MAX_SAFE_INTEGER)}</Text>
      <Text wrap="wrap" dimColor>{`${a.certainty}: ${oneLine(a.basis, Number.MAX_SAFE_INTEGER)}`}</Text>
      <Text wrap="wrap">{`do: ${oneLine(a.advice, Number.MAX_SAFE_INTEGER)}`}</Text>
      <Text wrap="truncate">{`from ${when(a.start)} (${duration(now - a.start)} ago)  to ${when(a.end)}${a.sessionId === undefined ? '' : `  session ${oneLine(a.sessionId, inner)}`}`}</Text>
      <Text wrap="truncate" dimColor>{`id ${oneLine(a.id, inner)} (tokentop evidence --anomaly ID)`}</Text>
      <Text> </Text>
      <Text dimColor>{`evidence (${a.evidence.length}; e writes a bundle of it to send, s a snapshot)`}</Text>
      {rows.map((r, i) => (
        <Text key={i} wrap="truncate" dimColor={r.dim}>
          {r.text}
        </Text>
      ))}
    </Box>
  );
}
