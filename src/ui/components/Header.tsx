/** One line: what is watched, the window, LIVE or PAUSED, backfill progress, the clock. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { grouped } from '../../report/format.js';
import type { MonitorSnapshot } from '../../store/monitor-store.js';
import { clock } from '../format-time.js';

export interface HeaderProps {
  readonly snapshot: MonitorSnapshot;
  readonly width: number;
  readonly color: boolean;
}

export function Header({ snapshot: s, width, color }: HeaderProps): ReactNode {
  const state = s.paused ? `PAUSED (+${grouped(s.arrivedWhilePaused)} new)` : 'LIVE';
  const backfill = s.backfill.done ? '' : ` · loading history ${s.backfill.filesRead}/${s.backfill.filesTotal}`;
  const focus = s.focus === undefined ? 'all sessions' : `session ${s.focus.id.slice(0, 8)}`;
  const left = `tokentop · ${grouped(s.sources.files)} files · ${focus} · window ${s.window}${backfill}`;
  const right = ` ${clock(s.now)}`;
  const room = Math.max(0, width - left.length - right.length - state.length - 2);
  return (
    <Text wrap="truncate">
      <Text bold>{left}</Text>
      {' '.repeat(Math.max(1, room))}
      <Text inverse={!s.paused} color={color ? (s.paused ? 'yellow' : 'green') : undefined} bold>
        {` ${state} `}
      </Text>
      {right}
    </Text>
  );
}
