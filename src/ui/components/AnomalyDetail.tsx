/** One anomaly in full: what, when, which session, and the evidence to take to support. */
import { displayWidth, middleCut, wrap } from '../../report/text-width.js';
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
  readonly width: number;
  readonly height: number;
  /** The screen's clock: the anomaly's age is measured to it. */
  readonly now: number;
  /** lit, acknowledged, or history (over a week old: shown `old`). */
  readonly standing: AnomalyStanding;
}

const STANDING_WORD: Record<AnomalyStanding, string> = { lit: '', acknowledged: ' (acknowledged)', history: ' old' };

const when = (t: number | undefined): string => (t === undefined ? '–' : new Date(t).toISOString().replace('T', ' ').slice(0, 19) + ' UTC');

/** An evidence item as rows, wrapped to the width (a reading's source is at its end): what it shows, then (for a transcript line) where it is. */
function evidenceRows(e: Evidence, width: number): { text: string; dim: boolean }[] {
  const wrapped = (text: string, dim = false): { text: string; dim: boolean }[] => wrap(oneLine(text, Number.MAX_SAFE_INTEGER), width).map((line) => ({ text: line, dim }));
  switch (e.kind) {
    case 'line':
      return [...wrapped(e.note), { text: `  ${middleCut(`${e.file}:${e.line}`, width - 2)}`, dim: true }];
    case 'reading':
      return wrapped(`${when(e.time)}  ${e.window} ${e.utilization === undefined ? '' : `${(e.utilization * 100).toFixed(1)}% `}${e.status ?? ''} reset ${when(e.resetAt)} (${e.source})`);
    case 'figure':
      return wrapped(`${e.name}: ${e.value}  ${e.note}`);
  }
}

/** How many rows Ink's word wrap gives `text` at `width` columns (a word wider than that is broken). */
function wrappedRows(text: string, width: number): number {
  return Math.max(1, wrap(text, width).reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / width)), 0));
}

/**
 * The evidence that fits under the wrapped texts, whole items only, and a last row saying how many
 * more there are when they do not all fit. Counted from the texts as they wrap: a budget that took
 * each text for one row let ten evidence items push the title off the top.
 */
function fittedEvidence(evidence: readonly Evidence[], inner: number, room: number): { text: string; dim: boolean }[] {
  const all = evidence.map((e) => evidenceRows(e, inner));
  if (all.reduce((n, r) => n + r.length, 0) <= room) return all.flat();
  const shown: { text: string; dim: boolean }[] = [];
  let items = 0;
  for (const r of all) {
    if (shown.length + r.length > room - 1) break;
    shown.push(...r);
    items += 1;
  }
  return room < 1 ? [] : [...shown, { text: `+${evidence.length - items} more (e writes them all)`, dim: true }];
}

export function AnomalyDetail({ anomaly: a, position, width, height, now, standing }: AnomalyDetailProps): ReactNode {
  const inner = width - 6;
  const message = oneLine(a.message, Number.MAX_SAFE_INTEGER);
  const basis = `${a.certainty}: ${oneLine(a.basis, Number.MAX_SAFE_INTEGER)}`;
  const advice = `do: ${oneLine(a.advice, Number.MAX_SAFE_INTEGER)}`;
  const period = `from ${when(a.start)} (${duration(now - a.start)} ago)  to ${when(a.end)}${a.sessionId === undefined ? '' : `  session ${oneLine(a.sessionId, inner)}`}`;
  const id = `id ${oneLine(a.id, inner)} (tokentop evidence --anomaly ID)`;
  // The border (2), the title, a blank and the evidence heading: 5 rows, and the wrapped texts.
  const room = height - 5 - [message, basis, advice, period, id].reduce((n, text) => n + wrappedRows(text, inner), 0);
  const rows = fittedEvidence(a.evidence, inner, room);
  return (
    <Box flexDirection="column" borderStyle="double" width={width} height={height} paddingX={2} overflow="hidden">
      {/* The title never gives way: on a short pane the texts under it are cut instead. */}
      <Box flexShrink={0}>
        <Text bold wrap="truncate">{`${a.severity.toUpperCase()}${STANDING_WORD[standing]} ${a.kind}  (${position})`}</Text>
      </Box>
      {/* The full message, wrapped: this is the view a person copies from. */}
      <Text wrap="wrap">{message}</Text>
      <Text wrap="wrap" dimColor>
        {basis}
      </Text>
      <Text wrap="wrap">{advice}</Text>
      <Text wrap="wrap">{period}</Text>
      <Text wrap="wrap" dimColor>
        {id}
      </Text>
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
