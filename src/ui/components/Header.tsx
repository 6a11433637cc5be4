/** One line: what is watched, the window, LIVE or PAUSED, backfill progress, the clock. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { grouped } from '../../report/format.js';
import { cell, displayWidth } from '../../report/text-width.js';
import type { MonitorSnapshot } from '../../store/snapshot.js';
import { clock, day } from '../format-time.js';

export interface HeaderProps {
  readonly snapshot: MonitorSnapshot;
  readonly width: number;
  readonly color: boolean;
}

export function Header({ snapshot: s, width, color }: HeaderProps): ReactNode {
  const replay = s.clock.mode === 'replay' ? `REPLAY ×${grouped(s.clock.speed)}${s.clock.ended ? ' ended' : ''}` : undefined;
  const state = s.paused ? (replay === undefined ? `PAUSED (+${grouped(s.arrivedWhilePaused)} new)` : `${replay} PAUSED`) : (replay ?? 'LIVE');
  const backfill = s.backfill.done ? '' : ` · loading history ${s.backfill.filesRead}/${s.backfill.filesTotal}`;
  const focus = s.focus === undefined ? 'all sessions' : `session ${s.focus.id.slice(0, 8)}`;
  const left = `tokentop · ${grouped(s.sources.files)} files · ${focus} · window ${s.window}${backfill}`;
  // A replay's clock is days or months back: show the date too.
  const right = ` ${s.clock.mode === 'replay' ? `${day(s.now)} ` : ''}${clock(s.now)}`;
  // LIVE and the clock never give way: the left part is cut to what they leave.
  const leftRoom = Math.max(0, width - right.length - state.length - 3);
  const shown = displayWidth(left) <= leftRoom ? left : cell(left, leftRoom);
  const room = Math.max(0, width - displayWidth(shown) - right.length - state.length - 2);
  return (
    <Text wrap="truncate">
      <Text bold>{shown}</Text>
      {' '.repeat(Math.max(1, room))}
      <Text inverse={!s.paused} color={color ? (s.paused ? 'yellow' : 'green') : undefined} bold>
        {` ${state} `}
      </Text>
      {right}
    </Text>
  );
}
