/** The models view (`m`): per model, the chart window's tokens by type, responses and estimated cost. */
import { Text } from 'ink';
import type { ReactNode } from 'react';
import { oneLine } from '../../parse/untrusted-text.js';
import { compact, grouped, usd } from '../../report/format.js';
import type { ModelRow } from '../../store/snapshot.js';
import { fitColumns, headerLine, rowLine, visibleRows, type Column } from '../../report/table-columns.js';
import { Panel } from './Panel.js';

export interface ModelsPanelProps {
  readonly models: readonly ModelRow[];
  readonly windowName: string;
  readonly focused: boolean;
  readonly width: number;
  readonly height: number;
  readonly color: boolean;
}

const COLUMNS: Column<ModelRow>[] = [
  { header: 'model', width: 16, flex: 1, value: (m) => oneLine(m.model, 200) },
  { header: 'input', width: 8, align: 'right', drop: 2, value: (m) => compact(m.input) },
  { header: 'output', width: 8, align: 'right', value: (m) => compact(m.output) },
  { header: 'cache wr', width: 9, align: 'right', drop: 3, value: (m) => compact(m.cacheWrite) },
  { header: 'cache rd', width: 9, align: 'right', drop: 4, value: (m) => compact(m.cacheRead) },
  { header: 'responses', width: 9, align: 'right', drop: 5, value: (m) => grouped(m.responses) },
  { header: 'cost', width: 9, align: 'right', value: (m) => (m.priced ? usd(m.costUSD) : '?') },
];

export function ModelsPanel({ models, windowName, focused, width, height, color }: ModelsPanelProps): ReactNode {
  const fitted = fitColumns(COLUMNS, width - 4);
  const { shown, more } = visibleRows(models, Math.max(0, height - 4));
  const total = models.reduce((sum, m) => sum + m.costUSD, 0);
  return (
    <Panel title={`Models · ${windowName}${focused ? ' · focused session' : ''}`} aside={`${usd(total, models.every((m) => m.priced))} in the window · m closes`} width={width} height={height} color={color}>
      <Text dimColor wrap="truncate">
        {headerLine(fitted)}
      </Text>
      {shown.map((m) => (
        <Text key={m.model} wrap="truncate">
          {rowLine(fitted, m)}
        </Text>
      ))}
      {more === undefined ? null : <Text dimColor>{more}</Text>}
      {models.length === 0 ? <Text dimColor>no response in the window</Text> : null}
    </Panel>
  );
}
