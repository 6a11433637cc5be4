/**
 * Every key and what it does, from the key table: the screen's keys, then those that work over it
 * (the anomaly view, this help). Descriptions wrap under their text rather than being cut; when the
 * list is taller than the pane it scrolls (j/k), and says what is below.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { cell, displayWidth, wrap } from '../../report/text-width.js';
import { keysFor, type Binding, type ScreenMode } from '../keymap.js';

export interface HelpOverlayProps {
  readonly width: number;
  readonly height: number;
  readonly mode: ScreenMode;
  /** Lines scrolled past (j/k in the help). */
  readonly offset?: number;
}

/** Rows besides the list: the border, the title and the closing line. */
const CHROME = 4;
const KEYS_WIDTH = 22;

/** The help's lines at `inner` columns: a binding's keys, then its description wrapped beside them. */
export function helpLines(mode: ScreenMode, inner: number): string[] {
  const keysWidth = Math.min(KEYS_WIDTH, Math.max(8, Math.floor(inner / 3)));
  const text = Math.max(10, inner - keysWidth - 1);
  const indent = ' '.repeat(keysWidth);
  const entry = (b: Binding): string[] => {
    const keys = b.keys.join(', ');
    const described = wrap(b.description, text).map((line) => `${indent} ${line}`);
    // Keys longer than their column get a line of their own, the description under them.
    if (displayWidth(keys) > keysWidth) return [...wrap(keys, inner), ...described];
    return described.map((line, i) => (i === 0 ? `${cell(keys, keysWidth)}${line.slice(keysWidth)}` : line));
  };
  return [...keysFor(mode).flatMap(entry), '', 'In the anomaly view and this help:', ...keysFor(mode, 'overlay').flatMap(entry)];
}

export function HelpOverlay({ width, height, mode, offset = 0 }: HelpOverlayProps): ReactNode {
  const lines = helpLines(mode, width - 6);
  const room = Math.max(1, height - CHROME);
  const start = Math.max(0, Math.min(offset, lines.length - room));
  const below = lines.length - start - room;
  return (
    <Box flexDirection="column" borderStyle="double" width={width} height={height} paddingX={2} overflow="hidden">
      <Text bold wrap="truncate">{`tokentop keys${start > 0 ? ` (${start} lines above)` : ''}`}</Text>
      {lines.slice(start, start + room).map((line, i) => (
        <Text key={i} wrap="truncate">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      <Text dimColor wrap="truncate">
        {below > 0 ? `${below} more lines: j/k scroll · ? or Esc closes` : 'Press ? or Esc to close.'}
      </Text>
    </Box>
  );
}
