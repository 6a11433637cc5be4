/** The sub-agents running now: type, what it was asked, its session, how long, its tokens. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { oneLine } from '../../parse/untrusted-text.js';
import { cell, compact } from '../../report/format.js';
import type { AgentRow } from '../../store/monitor-store.js';
import { duration } from '../format-time.js';
import { TABLE_CHROME } from '../layout.js';
import { Panel } from './Panel.js';

export interface AgentsTableProps {
  readonly agents: readonly AgentRow[];
  readonly width: number;
  /** Rows under the title: the column header and the data rows. */
  readonly rows: number;
  readonly color: boolean;
}

export function AgentsTable({ agents, width, rows, color }: AgentsTableProps): ReactNode {
  const inner = width - 4;
  const typeWidth = 14;
  const fixed = typeWidth + 1 + 7 + 1 + 8 + 1;
  const descWidth = Math.max(6, inner - fixed - 12);
  const shown = agents.slice(0, Math.max(0, rows - 1));
  return (
    <Panel title={`Running sub-agents (${agents.length})`} width={width} height={rows + TABLE_CHROME} color={color}>
      <Text dimColor wrap="truncate">{`${cell('type', typeWidth)} ${cell('task', descWidth)} ${cell('session', 10)} ${cell('for', 7, 'right')} ${cell('tokens', 8, 'right')}`}</Text>
      {shown.map((a) => (
        <Text key={a.toolUseId} wrap="truncate">
          {`${cell(oneLine(a.subagentType, typeWidth), typeWidth)} ${cell(oneLine(a.description, descWidth), descWidth)} ${cell(oneLine(a.sessionId, 10), 10)} ${cell(duration(a.elapsedMs), 7, 'right')} ${cell(compact(a.tokens), 8, 'right')}`}
        </Text>
      ))}
      {agents.length === 0 ? <Text dimColor>none running</Text> : null}
    </Panel>
  );
}
