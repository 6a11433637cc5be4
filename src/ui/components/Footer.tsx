/**
 * The hotkeys, generated from the key table, and the latest notice (a snapshot's path, an error).
 * A notice is read in full: keys give way to it (help and quit stay), and one that still does not
 * fit (a path to open) gets a row of its own, shown whole.
 */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { oneLine } from '../../parse/untrusted-text.js';
import { keysFor, type KeyScope, type ScreenMode } from '../keymap.js';
import stringWidth from 'string-width';

export interface FooterProps {
  readonly notice: string | undefined;
  readonly width: number;
  readonly mode: ScreenMode;
  /** Over the screen (help, anomaly view): its keys come first. */
  readonly scope?: KeyScope;
  /** 1 when the screen has no row to spare: a long notice is cut at its start, beside help and quit. */
  readonly maxRows?: number;
}

const ALWAYS = new Set(['help', 'quit']);
const SEPARATOR = '  │ ';

/** The keys that fit beside `notice` (help and quit always), and whether the notice needs its own row. */
function footerParts(notice: string | undefined, width: number, mode: ScreenMode, scope: KeyScope): { keys: string; own: boolean; full: string } {
  const over = scope === 'overlay' ? keysFor(mode, 'overlay') : [];
  const taken = new Set(over.flatMap((b) => b.keys));
  let keys = [...over, ...keysFor(mode).filter((b) => !taken.has(b.keys[0] ?? ''))]
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
  return { keys: joined(), own: notice !== undefined && wanted() > width, full };
}

/** Rows the footer takes: two when a notice (a path to open) does not fit beside help and quit. */
export function footerRows(notice: string | undefined, width: number, mode: ScreenMode, scope: KeyScope = 'screen'): number {
  return footerParts(notice, width, mode, scope).own ? 2 : 1;
}

export function Footer({ notice, width, mode, scope = 'screen', maxRows = 2 }: FooterProps): ReactNode {
  const { keys, own, full } = footerParts(notice, width, mode, scope);
  if (notice === undefined) return <Text wrap="truncate">{keys}</Text>;
  if (!own) return <Text wrap="truncate">{`${keys}${SEPARATOR}${full}`}</Text>;
  if (maxRows < 2) return <Text wrap="truncate">{`${keys}${SEPARATOR}…${tailCut(full, Math.max(10, width - keys.length - SEPARATOR.length - 1))}`}</Text>;
  // A path to open is shown whole on its own row; past the width, its start gives way (the file and its folder stay).
  const shown = stringWidth(full) <= width ? full : `…${tailCut(full, width - 1)}`;
  return (
    <>
      <Text wrap="truncate">{keys}</Text>
      <Text wrap="truncate">{shown}</Text>
    </>
  );
}

/** The end of `text` that fits in `width` columns. */
function tailCut(text: string, width: number): string {
  const chars = [...text];
  let out = '';
  for (let i = chars.length - 1; i >= 0; i--) {
    const next = (chars[i] ?? '') + out;
    if (stringWidth(next) > width) break;
    out = next;
  }
  return out;
}
