/** The sessions seen: project, model, tokens, cost, last activity. Transcript text is stripped. */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { oneLine } from '../../parse/untrusted-text.js';
import { compact, usd } from '../../report/format.js';
import { shortId } from '../../report/summary-text.js';
import { displayWidth } from '../../report/text-width.js';
import type { SessionRow, SessionSort } from '../../store/snapshot.js';
import { age } from '../format-time.js';
import { TABLE_CHROME } from '../layout.js';
import { fitColumns, headerLine, rowLine, visibleRows, type Column } from '../../report/table-columns.js';
import { Panel } from './Panel.js';

export interface SessionsTableProps {
  readonly sessions: readonly SessionRow[];
  readonly sort: SessionSort;
  readonly offset: number;
  readonly focusId: string | undefined;
  readonly now: number;
  readonly width: number;
  /** Rows under the title: the column header and the data rows. */
  readonly rows: number;
  readonly color: boolean;
  /** Said at the title's end, after the focus (what the screen left out, e.g. an empty sub-agents table). */
  readonly aside?: string | undefined;
}

/** Longest transcript text a cell is handed; the cell cuts it to its width. */
const TEXT_MAX = 200;

/**
 * On a narrow panel `model` goes first (the title says more), then `active` (a row lit green says
 * it anyway), then the session's id and title.
 */
export function columnsAt(now: number): Column<SessionRow>[] {
  return [
    { header: 'project', width: 12, flex: 2, path: true, value: (s) => oneLine(s.cwd ?? s.project, TEXT_MAX) },
    // The short id finds the file (and `claude --resume`); the title says what the session was about.
    { header: 'session', width: 14, flex: 3, drop: 2, value: (s) => `${shortId(s.id)}${s.title === undefined ? '' : ` ${oneLine(s.title, TEXT_MAX)}`}` },
    { header: 'model', width: 14, flex: 1, max: 18, drop: 4, value: (s) => oneLine(shortModel(s.models), TEXT_MAX) },
    { header: 'tokens', width: 8, align: 'right', value: (s) => compact(s.tokens) },
    { header: 'cost', width: 9, align: 'right', value: (s) => usd(s.costUSD, s.costComplete) },
    { header: 'active', width: 9, align: 'right', drop: 3, value: (s) => age(s.lastActivity, now) },
  ];
}

export function SessionsTable({ sessions, sort, offset, focusId, now, width, rows, color, aside }: SessionsTableProps): ReactNode {
  const { shown, more } = visibleRows(sessions, Math.max(0, rows - 1), offset);
  const fitted = fitColumns(columnsAt(now), width - 4, shown);
  const by = sort === 'activity' ? 'by last activity' : `by ${sort}`;
  return (
    <Panel title={`Sessions (${sessions.length}) · ${by}`} aside={`${focusId === undefined ? 'all' : 'focused'}${aside === undefined ? '' : ` · ${aside}`}`} width={width} height={rows + TABLE_CHROME} color={color}>
      {/* The header stays when the rows are scrolled, whatever else must give way. */}
      <Box flexShrink={0}>
        <Text dimColor wrap="truncate">
          {headerLine(fitted)}
        </Text>
      </Box>
      {shown.map((s) => (
        <Text key={s.id} wrap="truncate" inverse={s.id === focusId} color={color && now - s.lastActivity < 60_000 ? 'green' : undefined}>
          {rowLine(fitted, s)}
        </Text>
      ))}
      {more === undefined ? null : (
        <Text dimColor wrap="truncate">
          {displayWidth(`${more} (j/k scroll, o sort)`) <= width - 4 ? `${more} (j/k scroll, o sort)` : more}
        </Text>
      )}
      {sessions.length === 0 ? <Text dimColor>no session seen yet</Text> : null}
    </Panel>
  );
}

/** `claude-sonnet-4-5-20250929` -> `sonnet-4-5`; several models -> the first and a count. */
function shortModel(models: readonly string[]): string {
  const names = models.map((m) => m.replace(/^claude-/, '').replace(/-\d{8}$/, ''));
  return names.length <= 1 ? (names[0] ?? '') : `${names[0] ?? ''} +${names.length - 1}`;
}
