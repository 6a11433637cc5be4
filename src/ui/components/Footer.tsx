/** The hotkeys, generated from the key table, and the latest notice (e.g. a snapshot's path). */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { oneLine } from '../../parse/untrusted-text.js';
import { keysFor, type ScreenMode } from '../keymap.js';

export interface FooterProps {
  readonly notice: string | undefined;
  readonly width: number;
  readonly mode: ScreenMode;
}

export function Footer({ notice, width, mode }: FooterProps): ReactNode {
  const keys = keysFor(mode).map((b) => `${b.keys[0] ?? ''} ${b.label}`).join('  ');
  const text = notice === undefined ? keys : `${keys}  │ ${oneLine(notice, Math.max(10, width - keys.length - 4))}`;
  return <Text wrap="truncate">{text}</Text>;
}
