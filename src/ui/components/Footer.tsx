/**
 * The hotkeys, generated from the key table, and the latest notice (a snapshot's path, an error).
 * A notice is read in full: keys give way to it (help and quit stay), and a path that still does not
 * fit is cut in its middle, so the file name at its end is always seen.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { oneLine } from '../../parse/untrusted-text.js';
import { keysFor, type ScreenMode } from '../keymap.js';
import { middleCut } from '../../report/text-width.js';
import stringWidth from 'string-width';

export interface FooterProps {
  readonly notice: string | undefined;
  readonly width: number;
  readonly mode: ScreenMode;
}

const ALWAYS = new Set(['help', 'quit']);
const SEPARATOR = '  │ ';

export function Footer({ notice, width, mode }: FooterProps): ReactNode {
  let keys = keysFor(mode)
    .filter((b) => b.footer !== false)
    .map((b) => ({ text: b.label.includes('/') ? b.label : `${b.keys[0] ?? ''} ${b.label}`, always: ALWAYS.has(b.command) }));
  const joined = (): string => keys.map((k) => k.text).join('  ');
  const full = notice === undefined ? '' : oneLine(notice, Number.MAX_SAFE_INTEGER);
  const wanted = (): number => joined().length + (notice === undefined ? 0 : SEPARATOR.length + stringWidth(full));
  // Drop keys from the right, but help and quit, until the notice fits whole.
  while (wanted() > width) {
    const last = keys.map((k) => k.always).lastIndexOf(false);
    if (last < 0) break;
    keys = keys.filter((_, i) => i !== last);
  }
  if (notice === undefined) return <Text wrap="truncate">{joined()}</Text>;
  const room = Math.max(10, width - joined().length - SEPARATOR.length);
  return <Text wrap="truncate">{`${joined()}${SEPARATOR}${middleCut(full, room)}`}</Text>;
}
