/** The sub-agents running now: type, what it was asked, its session, how long, its tokens. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { oneLine } from '../../parse/untrusted-text.js';
import { compact } from '../../report/format.js';
import type { AgentRow } from '../../store/snapshot.js';
import { duration } from '../../metrics/token-math.js';
import { TABLE_CHROME } from '../layout.js';
import { fitColumns, headerLine, rowLine, visibleRows, type Column } from '../../report/table-columns.js';
import { Panel } from './Panel.js';

export interface AgentsTableProps {
  readonly agents: readonly AgentRow[];
  /** Claude Code's own view (its subagentStatusLine), or the transcripts'. */
  readonly from?: 'claude-code' | 'transcripts';
  readonly width: number;
  /** Rows under the title: the column header and the data rows. */
  readonly rows: number;
  readonly color: boolean;
}

/** Longest transcript text a cell is handed; the cell cuts it to its width. */
const TEXT_MAX = 200;

/** What it was asked matters most; on a narrow panel the session goes first, then the type. */
const COLUMNS: readonly Column<AgentRow>[] = [
  { header: 'type', width: 10, flex: 1, max: 16, drop: 2, value: (a) => oneLine(a.subagentType, TEXT_MAX) },
  { header: 'task', width: 10, flex: 3, value: (a) => oneLine(a.description, TEXT_MAX) },
  { header: 'session', width: 10, drop: 3, value: (a) => oneLine(a.sessionId, TEXT_MAX) },
  { header: 'for', width: 7, align: 'right', value: (a) => duration(a.elapsedMs) },
  { header: 'tokens', width: 8, align: 'right', value: (a) => compact(a.tokens) },
];

export function AgentsTable({ agents, from, width, rows, color }: AgentsTableProps): ReactNode {
  const { shown, more } = visibleRows(agents, Math.max(0, rows - 1));
  const fitted = fitColumns(COLUMNS, width - 4, shown);
  return (
    <Panel title={`Running sub-agents (${agents.length})${from === 'claude-code' ? " · Claude Code's view" : ''}`} width={width} height={rows + TABLE_CHROME} color={color}>
      <Text dimColor wrap="truncate">
        {headerLine(fitted)}
      </Text>
      {shown.map((a) => (
        <Text key={a.toolUseId} wrap="truncate">
          {rowLine(fitted, a)}
        </Text>
      ))}
      {more === undefined ? null : <Text dimColor>{more}</Text>}
      {agents.length === 0 ? <Text dimColor>none running</Text> : null}
    </Panel>
  );
}
