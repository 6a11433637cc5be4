/** The sessions seen: project, model, tokens, cost, last activity. Transcript text is stripped. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { oneLine } from '../../parse/untrusted-text.js';
import { cell, compact, usd } from '../../report/format.js';
import type { SessionRow } from '../../store/monitor-store.js';
import { age } from '../format-time.js';
import { TABLE_CHROME } from '../layout.js';
import { Panel } from './Panel.js';

export interface SessionsTableProps {
  readonly sessions: readonly SessionRow[];
  readonly focusId: string | undefined;
  readonly now: number;
  readonly width: number;
  /** Rows under the title: the column header and the data rows. */
  readonly rows: number;
  readonly color: boolean;
}

export function SessionsTable({ sessions, focusId, now, width, rows, color }: SessionsTableProps): ReactNode {
  const inner = width - 4;
  const fixed = 8 + 1 + 9 + 1 + 9;
  const modelWidth = Math.max(8, Math.min(18, Math.floor((inner - fixed) / 3)));
  const projectWidth = Math.max(6, inner - fixed - modelWidth - 2);
  const shown = sessions.slice(0, Math.max(0, rows - 1));
  return (
    <Panel title={`Sessions (${sessions.length})`} aside={focusId === undefined ? 'all' : 'focused'} width={width} height={rows + TABLE_CHROME} color={color}>
      <Text dimColor wrap="truncate">{`${cell('project', projectWidth)} ${cell('model', modelWidth)} ${cell('tokens', 8, 'right')} ${cell('cost', 9, 'right')} ${cell('active', 9, 'right')}`}</Text>
      {shown.map((s) => (
        <Text key={s.id} wrap="truncate" inverse={s.id === focusId} color={color && now - s.lastActivity < 60_000 ? 'green' : undefined}>
          {`${cell(oneLine(s.cwd ?? s.project, projectWidth), projectWidth)} ${cell(oneLine(shortModel(s.models), modelWidth), modelWidth)} ${cell(compact(s.tokens), 8, 'right')} ${cell(usd(s.costUSD, s.costComplete), 9, 'right')} ${cell(age(s.lastActivity, now), 9, 'right')}`}
        </Text>
      ))}
      {sessions.length === 0 ? <Text dimColor>no session seen yet</Text> : null}
    </Panel>
  );
}

/** `claude-sonnet-4-5-20250929` -> `sonnet-4-5`; several models -> the first and a count. */
function shortModel(models: readonly string[]): string {
  const names = models.map((m) => m.replace(/^claude-/, '').replace(/-\d{8}$/, ''));
  return names.length <= 1 ? (names[0] ?? '') : `${names[0] ?? ''} +${names.length - 1}`;
}
