/**
 * The whole screen for one snapshot at one size: a pure function of its props, so a test (or the
 * snapshot's .txt) renders it with plain values.
 */
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { cell } from '../report/text-width.js';
import type { MonitorSnapshot } from '../store/snapshot.js';
import { AgentsTable } from './components/AgentsTable.js';
import { AnomalyDetail } from './components/AnomalyDetail.js';
import { AnomalyList } from './components/AnomalyList.js';
import { AnomalyPanel } from './components/AnomalyPanel.js';
import { CacheRatioPanel } from './components/CacheRatioPanel.js';
import { Footer, footerRows } from './components/Footer.js';
import { Header } from './components/Header.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import { ModelsPanel } from './components/ModelsPanel.js';
import { QuotaPanel } from './components/QuotaPanel.js';
import { SessionsTable } from './components/SessionsTable.js';
import { ShortBody } from './components/ShortBody.js';
import { SubagentChartPanel } from './components/SubagentChartPanel.js';
import { TokenRatePanel } from './components/TokenRatePanel.js';
import { computeLayout, type Layout } from './layout.js';

export interface ScreenProps {
  readonly snapshot: MonitorSnapshot;
  readonly cols: number;
  readonly rows: number;
  readonly color: boolean;
  /** The help's scroll offset while it is shown; undefined when closed. */
  readonly help?: number | undefined;
  /** The anomaly view, when open: its detail or its list, at an anomaly (newest first). */
  readonly anomalyView?: AnomalyViewState | undefined;
}

export interface AnomalyViewState {
  readonly mode: 'detail' | 'list';
  /**
   * The anomaly shown or selected, by id: a newer anomaly comes first in the list, and a view held by
   * its place would move to another one under the reader's eyes.
   */
  readonly id: string;
  /** Its place (newest first) when last seen: kept if the anomaly is gone from the list. */
  readonly index: number;
}

/** Where the view's anomaly is now in `newestFirst`: by its id, else its last place (within the list). */
export function anomalyViewIndex(view: AnomalyViewState, newestFirst: readonly { readonly id: string }[]): number {
  const at = newestFirst.findIndex((a) => a.id === view.id);
  return at >= 0 ? at : Math.max(0, Math.min(view.index, newestFirst.length - 1));
}

export function Screen({ snapshot, cols, rows: screenRows, color, help, anomalyView }: ScreenProps): ReactNode {
  let rows = screenRows;
  const chartsEmpty = snapshot.view.windowTokens === 0 && snapshot.running.length === 0 && snapshot.view.activeSubagents.every((n) => n === 0);
  const mode = snapshot.clock.mode;
  const newestFirst = [...snapshot.anomalies].reverse();
  const index = anomalyView === undefined ? undefined : anomalyViewIndex(anomalyView, newestFirst);
  const shownAnomaly = index === undefined ? undefined : newestFirst[index];
  const scope = help !== undefined || shownAnomaly !== undefined ? 'overlay' : 'screen';
  // A notice that needs its own row (a path to open) takes it from the body, unless that would change the layout.
  const content = { sessions: snapshot.sessions.length, agents: snapshot.running.length, chartsEmpty };
  const footer = footerRows(snapshot.notice, cols, mode, scope) === 2 && computeLayout(cols, rows - 1, content).kind === computeLayout(cols, rows, content).kind ? 2 : 1;
  rows -= footer - 1;
  const layout = computeLayout(cols, rows, content);
  const body = help !== undefined ? (
    <HelpOverlay width={cols} height={rows - 2} mode={mode} offset={help} />
  ) : shownAnomaly !== undefined && anomalyView?.mode === 'list' ? (
    <AnomalyList anomalies={newestFirst} selected={index ?? 0} lamp={snapshot.lamp} width={cols} height={rows - 2} now={snapshot.now} />
  ) : shownAnomaly !== undefined ? (
    <AnomalyDetail anomaly={shownAnomaly} position={`${(index ?? 0) + 1} of ${newestFirst.length}`} width={cols} height={rows - 2} now={snapshot.now} standing={snapshot.lamp.standing.get(shownAnomaly.id) ?? 'lit'} />
  ) : snapshot.models !== undefined && layout.kind !== 'short' ? (
    <ModelsPanel models={snapshot.models} windowName={snapshot.window} focused={snapshot.focus !== undefined} width={cols} height={rows - 2} color={color} />
  ) : snapshot.quotaView !== undefined && layout.kind !== 'short' ? (
    <QuotaPanel view={snapshot.quotaView} now={snapshot.now} width={cols} height={rows - 2} color={color} />
  ) : layout.kind === 'short' ? (
    <Box flexDirection="column" height={rows - 2}>
      <ShortBody snapshot={snapshot} width={cols} height={rows - 2} color={color} />
    </Box>
  ) : (
    <FullBody snapshot={snapshot} layout={layout} color={color} />
  );
  return (
    <Box flexDirection="column" width={cols} height={rows + footer - 1}>
      <Header snapshot={snapshot} width={cols} color={color} />
      {body}
      <Footer notice={snapshot.notice} width={cols} mode={mode} scope={scope} maxRows={footer} />
    </Box>
  );
}

function FullBody({ snapshot: s, layout, color }: { snapshot: MonitorSnapshot; layout: Layout; color: boolean }): ReactNode {
  const half = Math.floor(layout.cols / 2);
  const cols = layout.cols;
  const charts = (full: ReactNode): ReactNode => (layout.chartsCollapsed ? <QuietCharts snapshot={s} width={cols} /> : full);
  if (!layout.sideBySide) {
    return (
      <Box flexDirection="column" height={layout.rows - 2}>
        {charts(
          <>
            <TokenRatePanel view={s.view} proxyRate={s.proxyRate} otelRate={s.otelRate} windowName={s.window} width={cols} plotHeight={layout.rateChart} color={color} />
            <CacheRatioPanel view={s.view} claude={s.claudeCache} width={cols} plotHeight={layout.smallCharts} color={color} />
            <SubagentChartPanel view={s.view} running={s.running.length} width={cols} plotHeight={layout.smallCharts} color={color} />
          </>,
        )}
        <SessionsTable sessions={s.sessions} sort={s.sessionSort} offset={s.sessionOffset} focusId={s.focus?.id} now={s.now} width={cols} rows={layout.sessionRows} color={color} aside={layout.agentRows === 0 ? 'no sub-agent running' : undefined} />
        {layout.agentRows === 0 ? null : <AgentsTable agents={s.running} from={s.runningFrom} width={cols} rows={layout.agentRows} color={color} />}
        <AnomalyPanel anomalies={s.anomalies} lamp={s.lamp} quota={s.quota} now={s.now} width={cols} rows={layout.anomalyRows} color={color} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={layout.rows - 2}>
      {charts(
        <>
          <TokenRatePanel view={s.view} proxyRate={s.proxyRate} otelRate={s.otelRate} windowName={s.window} width={layout.cols} plotHeight={layout.rateChart} color={color} />
          <Box>
            <CacheRatioPanel view={s.view} claude={s.claudeCache} width={half} plotHeight={layout.smallCharts} color={color} />
            <SubagentChartPanel view={s.view} running={s.running.length} width={layout.cols - half} plotHeight={layout.smallCharts} color={color} />
          </Box>
        </>,
      )}
      {s.running.length === 0 ? (
        // No sub-agent runs: the sessions take the whole width (their titles were cut to a few letters beside an empty table).
        <SessionsTable sessions={s.sessions} sort={s.sessionSort} offset={s.sessionOffset} focusId={s.focus?.id} now={s.now} width={layout.cols} rows={layout.sessionRows} color={color} aside="no sub-agent running" />
      ) : (
        <Box>
          <SessionsTable sessions={s.sessions} sort={s.sessionSort} offset={s.sessionOffset} focusId={s.focus?.id} now={s.now} width={half} rows={layout.sessionRows} color={color} />
          <AgentsTable agents={s.running} from={s.runningFrom} width={layout.cols - half} rows={layout.agentRows} color={color} />
        </Box>
      )}
      <AnomalyPanel anomalies={s.anomalies} lamp={s.lamp} quota={s.quota} now={s.now} width={layout.cols} rows={layout.anomalyRows} color={color} />
    </Box>
  );
}

/** The charts, when none has anything to draw: one line, so the tables get the rows. */
function QuietCharts({ snapshot: s, width }: { snapshot: MonitorSnapshot; width: number }): ReactNode {
  const longer = s.window === '6h' ? '' : ' · w: a longer window';
  return (
    <Text dimColor wrap="truncate">
      {cell(` Token rate, cache hit ratio, sub-agents: nothing in the last ${s.window}${longer}`, width)}
    </Text>
  );
}
